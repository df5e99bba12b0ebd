import { sleepIntervals, sleepSavings } from './sleepSavings';

const at = (hhmm: string, day = 24) =>
  new Date(`2026-11-${String(day).padStart(2, '0')}T${hhmm}:00Z`);
const entry = (type: string, hhmm: string, phase?: string) => ({
  type,
  createdAt: at(hhmm).toISOString(),
  ...(phase ? { phase: phase as 'Deleting' } : {}),
});
const iso = (intervals: Array<{ start: Date; end: Date }>) =>
  intervals.map(i => [i.start.toISOString(), i.end.toISOString()]);

describe('sleepIntervals', () => {
  it('counts what the backend put to sleep, up to the wake-up or a user taking it over', () => {
    const timeline = [
      entry('created', '08:00', 'Pending'),
      entry('sleep-requested', '10:00', 'Pausing'),
      entry('phase-changed', '10:01', 'Paused'),
      entry('kubeconfig-issued', '11:00'),
      entry('wake-requested', '13:00', 'Resuming'),
      // a manual pause and resume are no sleep
      entry('pause-requested', '14:00', 'Pausing'),
      entry('resume-requested', '15:00', 'Resuming'),
      entry('sleep-requested', '16:00', 'Pausing'),
      // pausing a sleeping cluster makes it the user's own pause
      entry('pause-requested', '17:30', 'Pausing'),
      entry('resume-requested', '18:00', 'Resuming'),
    ];
    expect(iso(sleepIntervals(timeline, {}, at('20:00')))).toEqual([
      ['2026-11-24T10:00:00.000Z', '2026-11-24T13:00:00.000Z'],
      ['2026-11-24T16:00:00.000Z', '2026-11-24T17:30:00.000Z'],
    ]);
  });

  it('ends a sleep at a deletion, an expiry or a phase of deletion', () => {
    const sleeps = (end: ReturnType<typeof entry>) =>
      iso(
        sleepIntervals(
          [entry('sleep-requested', '10:00', 'Pausing'), end],
          { sleep: {} },
          at('20:00'),
        ),
      );
    for (const end of [
      entry('delete-requested', '12:00', 'Deleting'),
      entry('expired', '12:00', 'Deleting'),
      entry('phase-changed', '12:00', 'Deleted'),
    ]) {
      expect(sleeps(end)).toEqual([
        ['2026-11-24T10:00:00.000Z', '2026-11-24T12:00:00.000Z'],
      ]);
    }
  });

  it('lasts until now while it sleeps; otherwise until its deletion or the last entry', () => {
    const timeline = [
      entry('sleep-requested', '10:00', 'Pausing'),
      entry('phase-changed', '10:01', 'Paused'),
    ];
    expect(iso(sleepIntervals(timeline, { sleep: {} }, at('12:00')))).toEqual([
      ['2026-11-24T10:00:00.000Z', '2026-11-24T12:00:00.000Z'],
    ]);
    expect(
      iso(
        sleepIntervals(
          timeline,
          { sleep: {}, deletedAt: at('11:00').toISOString() },
          at('12:00'),
        ),
      ),
    ).toEqual([['2026-11-24T10:00:00.000Z', '2026-11-24T11:00:00.000Z']]);
    expect(iso(sleepIntervals(timeline, {}, at('12:00')))).toEqual([
      ['2026-11-24T10:00:00.000Z', '2026-11-24T10:01:00.000Z'],
    ]);
  });
});

describe('sleepSavings', () => {
  // running 0.075/h, asleep 0.021/h; samples at 08:00, 09:00, 10:00, 10:30 (paused
  // from then), 11:00, 12:00, 13:00 and 14:00 (running again), each billing the level
  // of the sample before it; the buckets hold what the samples in their hour billed
  const hourly = [
    // the first sample bills nothing
    { bucketStart: at('08:00'), lastSampleAt: at('08:00'), cost: 0 },
    // 08:00-09:00 running
    { bucketStart: at('09:00'), lastSampleAt: at('09:00'), cost: 0.075 },
    // 09:00-10:30 running (the pause took half an hour)
    { bucketStart: at('10:00'), lastSampleAt: at('10:30'), cost: 0.1125 },
    // 10:30-11:00 asleep
    { bucketStart: at('11:00'), lastSampleAt: at('11:00'), cost: 0.0105 },
    { bucketStart: at('12:00'), lastSampleAt: at('12:00'), cost: 0.021 },
    { bucketStart: at('13:00'), lastSampleAt: at('13:00'), cost: 0.021 },
    // 13:00-14:00 billed at the 13:00 sample's level (asleep)
    { bucketStart: at('14:00'), lastSampleAt: at('14:00'), cost: 0.021 },
  ].map(b => ({
    ...b,
    bucketStart: b.bucketStart.toISOString(),
    lastSampleAt: b.lastSampleAt.toISOString(),
  }));
  const month = { from: new Date('2026-11-01T00:00:00Z'), to: at('14:00') };

  it('prices the hours asleep at the rate before, less what their samples cost', () => {
    const result = sleepSavings({
      sleeps: [{ start: at('10:00'), end: at('13:00'), runningRate: 0.075 }],
      hourly,
      ...month,
    });
    expect(result.hours).toBe(3);
    // without sleep: 3 h × 0.075 = 0.225
    // with sleep: the 10:00 bucket billed 09:00-10:30 evenly, 0.5 of its 1.5 h asleep:
    // 0.1125 / 3 = 0.0375; then 0.0105 + 0.021 + 0.021 = 0.09 in all
    // saved: 0.225 - 0.09 = 0.135
    expect(result.saved).toBeCloseTo(0.135, 10);
  });

  it('counts only the part within the period, and never saves below zero', () => {
    const result = sleepSavings({
      sleeps: [
        // began last month: from 1 Nov 00:00 on; no buckets before 08:00 here
        {
          start: new Date('2026-10-31T20:00:00Z'),
          end: at('02:00', 1),
          runningRate: 0.05,
        },
        // cheaper before than while asleep: nothing saved, the hours still count
        { start: at('11:00'), end: at('12:00'), runningRate: 0.001 },
        // after the period
        { start: at('15:00'), end: at('16:00'), runningRate: 1 },
      ],
      hourly,
      ...month,
    });
    // 2 h on 1 Nov + 1 h
    expect(result.hours).toBe(3);
    // 2 h × 0.05 = 0.1; the 12:00 bucket (11:00-12:00) costs 0.021 > 0.001
    expect(result.saved).toBeCloseTo(0.1, 10);
  });

  it('takes a bucket billed at one instant as a whole', () => {
    const result = sleepSavings({
      sleeps: [{ start: at('09:30'), end: at('10:30'), runningRate: 0.1 }],
      hourly: [
        {
          bucketStart: at('10:00').toISOString(),
          lastSampleAt: at('10:15').toISOString(),
          cost: 0.02,
        },
      ],
      ...month,
    });
    // the only bucket is the first: billed from 10:00 to 10:15, within the sleep
    // 1 h × 0.1 - 0.02 = 0.08
    expect(result.saved).toBeCloseTo(0.08, 10);
    const instant = sleepSavings({
      sleeps: [{ start: at('09:30'), end: at('10:30'), runningRate: 0.1 }],
      hourly: [
        {
          bucketStart: at('10:00').toISOString(),
          lastSampleAt: at('10:00').toISOString(),
          cost: 0.02,
        },
      ],
      ...month,
    });
    expect(instant.saved).toBeCloseTo(0.08, 10);
  });

  it('spreads the first bucket from the sample before it, when there is one', () => {
    const result = sleepSavings({
      sleeps: [{ start: at('10:00'), end: at('11:00'), runningRate: 0.1 }],
      hourly: [
        {
          bucketStart: at('10:00').toISOString(),
          lastSampleAt: at('10:15').toISOString(),
          cost: 0.03,
        },
      ],
      previousSampleAt: at('09:45').toISOString(),
      ...month,
    });
    // billed 09:45-10:15, half of it asleep: 0.015; 1 h × 0.1 - 0.015 = 0.085
    expect(result.saved).toBeCloseTo(0.085, 10);
  });
});
