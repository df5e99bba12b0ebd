import { describeSleepSavings, formatHours } from './savings';

describe('what sleep saved, in words', () => {
  it('gives hours to a tenth', () => {
    expect(formatHours(12.5)).toBe('12.5 h');
    expect(formatHours(3)).toBe('3 h');
    expect(formatHours(2.04)).toBe('2 h');
    expect(formatHours(0.02)).toBe('< 0.1 h');
    expect(formatHours(0)).toBe('0 h');
  });

  it('says the hours and the money', () => {
    expect(describeSleepSavings({ hours: 12.5, saved: 3.2 }, 'USD')).toBe(
      'Slept 12.5 h this month · saved $3.20',
    );
  });
});
