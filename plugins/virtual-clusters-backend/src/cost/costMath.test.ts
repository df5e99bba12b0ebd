import { hoursLeftInMonth, monthStart } from './costMath';

describe('month arithmetic (UTC)', () => {
  it('starts the month at midnight UTC on the first', () => {
    expect(monthStart(new Date('2026-12-02T18:30:00Z')).toISOString()).toBe(
      '2026-12-01T00:00:00.000Z',
    );
    // a time zone ahead of UTC does not move it into the next month
    expect(
      monthStart(new Date('2026-11-30T23:30:00-05:00')).toISOString(),
    ).toBe('2026-12-01T00:00:00.000Z');
  });

  it('counts the hours left, across a year end and in February', () => {
    expect(hoursLeftInMonth(new Date('2026-12-31T12:00:00Z'))).toBe(12);
    expect(hoursLeftInMonth(new Date('2028-02-28T00:00:00Z'))).toBe(48);
  });
});
