import {
  checkCron,
  checkDuration,
  checkTimezone,
  describeActivity,
  describeSleepPolicy,
  formatRelativeTime,
  isSleeping,
  readSleepPolicyForm,
  sleepPolicyForm,
} from './sleep';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('sleep helpers', () => {
  it('tells a sleeping cluster from a paused one', () => {
    const sleep = {
      since: ago(0),
      type: 'inactivitySleep' as const,
      message: 'Idle',
    };
    expect(isSleeping({ phase: 'Paused', sleep })).toBe(true);
    expect(isSleeping({ phase: 'Pausing', sleep })).toBe(true);
    expect(isSleeping({ phase: 'Paused' })).toBe(false);
    expect(isSleeping({ phase: 'Running', sleep })).toBe(false);
  });

  it('describes a policy in words', () => {
    expect(
      describeSleepPolicy({
        afterInactivity: '2h',
        schedule: '0 20 * * 1-5',
        wakeupSchedule: '0 8 * * 1-5',
        timezone: 'Europe/Berlin',
      }),
    ).toBe(
      'Sleeps after 2h idle; sleeps at 0 20 * * 1-5, wakes at 0 8 * * 1-5 (Europe/Berlin)',
    );
    expect(describeSleepPolicy({ schedule: '0 20 * * *' })).toBe(
      'Sleeps at 0 20 * * * (UTC)',
    );
    expect(describeSleepPolicy({ afterInactivity: '90m' })).toBe(
      'Sleeps after 90m idle',
    );
    expect(
      describeSleepPolicy({ neverSleep: true, afterInactivity: '2h' }),
    ).toBe('Never sleeps');
    expect(describeSleepPolicy({})).toBe('No sleep policy');
    expect(describeSleepPolicy(undefined)).toBe('No sleep policy');
  });

  it('says when, relative to now', () => {
    expect(formatRelativeTime(ago(5 * 60_000), NOW)).toBe('5 minutes ago');
    expect(formatRelativeTime(ago(90 * 60_000), NOW)).toBe('1 hour ago');
    expect(formatRelativeTime(ago(3 * 86_400_000), NOW)).toBe('3 days ago');
    expect(formatRelativeTime(ago(20_000), NOW)).toBe('just now');
    expect(
      describeActivity({ at: ago(5 * 60_000), kind: 'kubeconfig' }, NOW),
    ).toBe('kubeconfig issued 5 minutes ago');
  });

  it('checks durations, cron expressions and time zones as the backend does', () => {
    for (const ok of ['2h', '90m', '1h30m', '45s', '1.5h']) {
      expect(checkDuration(ok)).toBeUndefined();
    }
    for (const bad of ['1d', '2 h', 'h', '0h', '']) {
      expect(checkDuration(bad)).toBe(
        'A duration such as 2h, 90m or 1h30m (units h, m, s; no days)',
      );
    }
    expect(checkCron('0 20 * * 1-5')).toBeUndefined();
    expect(checkCron('*/15 8-18 * JAN,FEB mon-fri')).toBeUndefined();
    expect(checkCron('0 20 * *')).toBe(
      'Five fields: minute hour day-of-month month day-of-week, e.g. 0 20 * * 1-5',
    );
    expect(checkCron('0 0 20 * * 1-5')).toBeDefined();
    expect(checkCron('@daily')).toBeDefined();
    expect(checkTimezone('Europe/Berlin')).toBeUndefined();
    expect(checkTimezone('UTC')).toBeUndefined();
    expect(checkTimezone('Mars/Olympus')).toBe(
      'An IANA time zone such as Europe/Berlin or UTC',
    );
  });

  it('reads the form: keys left empty left out, never sleep alone', () => {
    const form = sleepPolicyForm();
    expect(
      readSleepPolicyForm({
        ...form,
        afterInactivity: ' 2h ',
        schedule: '0  20 * * 1-5',
      }),
    ).toEqual({
      policy: { afterInactivity: '2h', schedule: '0 20 * * 1-5' },
      errors: {},
    });
    expect(
      readSleepPolicyForm({ ...form, afterInactivity: '2h', neverSleep: true }),
    ).toEqual({ policy: { neverSleep: true }, errors: {} });
    expect(readSleepPolicyForm(form)).toEqual({ policy: {}, errors: {} });
    expect(
      readSleepPolicyForm({ ...form, afterInactivity: '1d', timezone: 'x/y' })
        .errors,
    ).toEqual({
      afterInactivity:
        'A duration such as 2h, 90m or 1h30m (units h, m, s; no days)',
      timezone: 'An IANA time zone such as Europe/Berlin or UTC',
    });
  });
});
