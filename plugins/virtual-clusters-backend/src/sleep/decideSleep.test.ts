import { decideSleep, SleepSubject } from './decideSleep';
import { formatDuration, parseGoDuration, previousFire } from './sleepPolicy';

const weeknights = {
  schedule: '0 20 * * 1-5',
  wakeupSchedule: '0 8 * * 1-5',
  timezone: 'Europe/Berlin',
};

const running = (
  sleep: SleepSubject['spec']['sleep'],
  extra: Partial<SleepSubject> = {},
): SleepSubject => ({
  phase: 'Running',
  desiredState: 'running',
  // Monday 7 December 2026, 09:00 UTC (10:00 in Berlin)
  phaseChangedAt: '2026-12-07T09:00:00.000Z',
  spec: { sleep },
  ...extra,
});

const at = (iso: string) => new Date(iso);

describe('previousFire', () => {
  it('finds the last time a schedule fired, in its time zone', () => {
    // 20:00 in Berlin is 19:00 UTC in winter and 18:00 UTC in summer
    expect(
      previousFire('0 20 * * 1-5', 'Europe/Berlin', at('2026-12-07T19:30:00Z')),
    ).toEqual(at('2026-12-07T19:00:00Z'));
    expect(
      previousFire('0 20 * * 1-5', 'Europe/Berlin', at('2026-07-06T18:30:00Z')),
    ).toEqual(at('2026-07-06T18:00:00Z'));
    // on a Sunday the last weekday evening was Friday's
    expect(
      previousFire('0 20 * * 1-5', 'Europe/Berlin', at('2026-12-06T12:00:00Z')),
    ).toEqual(at('2026-12-04T19:00:00Z'));
    expect(
      previousFire('*/5 * * * *', undefined, at('2026-12-07T10:07:00Z')),
    ).toEqual(at('2026-12-07T10:05:00Z'));
  });
});

describe('parseGoDuration', () => {
  it("reads Go's duration syntax as vcluster's sleep values use it", () => {
    expect(parseGoDuration('2h')).toBe(7_200_000);
    expect(parseGoDuration('1h30m')).toBe(5_400_000);
    expect(parseGoDuration('90s')).toBe(90_000);
    expect(parseGoDuration('2 hours')).toBeUndefined();
    expect(parseGoDuration('1d')).toBeUndefined();
    expect(parseGoDuration('0h')).toBeUndefined();
  });

  it('writes durations back in the same style', () => {
    expect(formatDuration(7_200_000)).toBe('2h');
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(20_000)).toBe('20s');
    expect(formatDuration(90_000)).toBe('1m30s');
  });
});

describe('decideSleep', () => {
  it('puts an idle cluster to sleep once nothing happened for afterInactivity', () => {
    const cluster = running(
      { afterInactivity: '2h' },
      { lastActivity: { at: '2026-12-07T11:00:00.000Z' } },
    );
    expect(decideSleep(cluster, at('2026-12-07T12:59:00Z'))).toBeUndefined();
    expect(decideSleep(cluster, at('2026-12-07T13:00:00Z'))).toEqual({
      kind: 'sleep',
      state: {
        since: '2026-12-07T13:00:00.000Z',
        type: 'inactivitySleep',
        message:
          'Idle since 2026-12-07T11:00:00.000Z: no kubeconfig, portal view or change inside for 2h',
      },
    });
  });

  it('counts inactivity from when it started running when that is later', () => {
    const woken = running(
      { afterInactivity: '2h' },
      {
        phaseChangedAt: '2026-12-07T12:00:00.000Z',
        lastActivity: { at: '2026-12-07T08:00:00.000Z' },
      },
    );
    expect(decideSleep(woken, at('2026-12-07T13:30:00Z'))).toBeUndefined();
    expect(decideSleep(woken, at('2026-12-07T14:00:00Z'))?.kind).toBe('sleep');
  });

  it('sleeps at 20:00 in the policy’s zone and wakes at 08:00 on weekdays', () => {
    const cluster = running(weeknights);
    expect(decideSleep(cluster, at('2026-12-07T18:59:00Z'))).toBeUndefined();
    expect(decideSleep(cluster, at('2026-12-07T19:00:30Z'))).toEqual({
      kind: 'sleep',
      state: {
        since: '2026-12-07T19:00:30.000Z',
        type: 'scheduledSleep',
        message:
          'Sleep schedule 0 20 * * 1-5 (Europe/Berlin) fired at 2026-12-07T19:00:00.000Z',
      },
    });
    const asleep: SleepSubject = {
      ...cluster,
      phase: 'Paused',
      desiredState: 'paused',
      sleep: {
        since: '2026-12-07T19:00:30.000Z',
        type: 'scheduledSleep',
        message: 'Sleep schedule …',
      },
    };
    expect(decideSleep(asleep, at('2026-12-08T06:59:00Z'))).toBeUndefined();
    expect(decideSleep(asleep, at('2026-12-08T07:00:10Z'))).toEqual({
      kind: 'wake',
      message:
        'Woken by the wake-up schedule 0 8 * * 1-5 (Europe/Berlin) at 2026-12-08T07:00:00.000Z',
    });
  });

  it('leaves a cluster woken by hand after the sleep time awake until the next one', () => {
    // woken on Saturday morning; the schedule last fired on Friday evening
    const woken = running(weeknights, {
      phaseChangedAt: '2026-12-12T09:00:00.000Z',
    });
    expect(decideSleep(woken, at('2026-12-13T12:00:00Z'))).toBeUndefined();
    expect(decideSleep(woken, at('2026-12-14T19:00:05Z'))?.kind).toBe('sleep');
  });

  it('never sleeps a cluster marked neverSleep, and never wakes a pause a user asked for', () => {
    expect(
      decideSleep(
        running({ ...weeknights, afterInactivity: '1h', neverSleep: true }),
        at('2026-12-07T23:00:00Z'),
      ),
    ).toBeUndefined();
    const pausedByHand = running(weeknights, {
      phase: 'Paused',
      desiredState: 'paused',
    });
    expect(
      decideSleep(pausedByHand, at('2026-12-08T07:00:10Z')),
    ).toBeUndefined();
  });

  it('does nothing without a policy or while the cluster is in transition', () => {
    expect(
      decideSleep(running(undefined), at('2026-12-08T07:00:10Z')),
    ).toBeUndefined();
    expect(
      decideSleep(
        running({ afterInactivity: '1h' }, { phase: 'Upgrading' }),
        at('2026-12-08T07:00:10Z'),
      ),
    ).toBeUndefined();
  });
});
