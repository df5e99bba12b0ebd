import {
  checkDays,
  expiresSoon,
  formatDateTime,
  formatExpiry,
  maxExtensionDays,
  parseDays,
} from './expiry';

// local times, so that the texts do not depend on the machine's time zone
const NOW = new Date(2026, 11, 3, 12, 0).getTime();
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(NOW + ms).toISOString();

describe('expiry helpers', () => {
  it('words an expiry as a relative time and the date', () => {
    expect(formatDateTime(new Date(2026, 11, 10, 12, 0).toISOString())).toBe(
      '10 Dec 2026, 12:00',
    );
    expect(formatExpiry(at(7 * DAY - HOUR), NOW)).toBe(
      'in 6 days (10 Dec 2026, 11:00)',
    );
    expect(formatExpiry(at(5 * HOUR), NOW)).toBe(
      'in 5 hours (3 Dec 2026, 17:00)',
    );
    expect(formatExpiry(at(-2 * HOUR), NOW)).toBe(
      '2 hours ago (3 Dec 2026, 10:00)',
    );
    expect(formatExpiry(undefined, NOW)).toBe('Never');
    // days, not weeks: two weeks less an hour is 13 days
    expect(formatExpiry(at(14 * DAY - HOUR), NOW)).toMatch(/^in 13 days \(/);
  });

  it('is soon within the last day, and when passed', () => {
    expect(expiresSoon(at(DAY + 1), NOW)).toBe(false);
    expect(expiresSoon(at(DAY), NOW)).toBe(true);
    expect(expiresSoon(at(-HOUR), NOW)).toBe(true);
    expect(expiresSoon(undefined, NOW)).toBe(false);
  });

  it('computes the longest extension as the backend does', () => {
    expect(
      maxExtensionDays(at(5 * DAY), { maxTtlDays: 30, noticeDays: [] }, NOW),
    ).toBe(25);
    // from now when the expiry has passed
    expect(
      maxExtensionDays(at(-DAY), { maxTtlDays: 30, noticeDays: [] }, NOW),
    ).toBe(30);
    expect(
      maxExtensionDays(at(40 * DAY), { maxTtlDays: 30, noticeDays: [] }, NOW),
    ).toBe(0);
    expect(
      maxExtensionDays(at(DAY), { noticeDays: [7, 1] }, NOW),
    ).toBeUndefined();
    expect(maxExtensionDays(at(DAY), undefined, NOW)).toBeUndefined();
  });

  it('checks days: whole, from 1, within the maximum', () => {
    expect(checkDays(7, 30)).toBeUndefined();
    expect(checkDays(7, undefined)).toBeUndefined();
    expect(checkDays(0, 30)).toBe('A whole number of days, at least 1');
    expect(checkDays(2.5, 30)).toBe('A whole number of days, at least 1');
    expect(checkDays(Number.NaN, 30)).toBe(
      'A whole number of days, at least 1',
    );
    expect(checkDays(31, 30, 'Local host cluster')).toBe(
      'At most 30 days on Local host cluster',
    );
    expect(checkDays(4000, undefined)).toBe('At most 3650 days');
    expect(parseDays(' 14 ')).toBe(14);
    expect(parseDays('')).toBeUndefined();
  });
});
