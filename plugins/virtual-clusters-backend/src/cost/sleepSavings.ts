import { VirtualClusterEvent } from '@virtual-clusters/plugin-virtual-clusters-common';

/**
 * What sleeping saved: the one definition (README "Sleep" says it in words).
 *
 * - A sleep is an interval of the cluster's timeline from a `sleep-requested` entry
 *   (only the backend's sleep pass writes those; a manual `pause-requested` starts
 *   none) to the first later entry that ends it: `wake-requested`,
 *   `resume-requested`, `pause-requested` (a user's pause of a sleeping cluster makes
 *   it their own pause), `delete-requested`, `expired`, or any entry in phase
 *   Deleting or Deleted. A sleep without such an entry lasts until now while the
 *   cluster is still asleep (its record has `sleep`), else until its deletion or the
 *   last entry of its timeline.
 * - Hours slept this month: the overlap of those intervals with the month (UTC) so far.
 * - Saved, per sleep: `runningRate × hours − sampledCost`, never below zero, where
 *   `runningRate` is the hourly price of the last sample stored at or before the sleep
 *   began (what it cost while it ran; samples are kept as the last of each hour, so
 *   that one) and `sampledCost` what the samples price while it slept (storage and
 *   LoadBalancer, and whatever ran until the pause took effect). Each sample bills the
 *   level of the one before it for the time since, so an hourly bucket's cost was
 *   billed from the previous bucket's last sample to its own last sample: it is spread
 *   evenly over that time, and the part within the sleep counts.
 * - Without sleep, the month would have cost `monthToDate + saved`.
 */

const HOUR = 3600_000;

/** Timeline entries after which a sleep is over. */
const ENDS_SLEEP = new Set([
  'wake-requested',
  'resume-requested',
  'pause-requested',
  'delete-requested',
  'expired',
]);
const GONE = new Set(['Deleting', 'Deleted']);

/** One sleep the backend made, from its timeline. */
export interface SleepInterval {
  /** When the backend asked for the sleep. */
  start: Date;
  /** When it was over (or now, while it lasts). */
  end: Date;
}

/** A sleep with the hourly price of the last sample before it began. */
export interface PricedSleep extends SleepInterval {
  runningRate: number;
}

/** What the sleeps saved within a period, unrounded. */
export interface SleepSavings {
  hours: number;
  saved: number;
}

/** The timeline entry a sleep starts with (SleepController writes it). */
export const SLEEP_REQUESTED = 'sleep-requested';

/**
 * The sleeps the backend made, oldest first, from a cluster's timeline (oldest
 * first) and its record now.
 */
export function sleepIntervals(
  timeline: Array<Pick<VirtualClusterEvent, 'type' | 'phase' | 'createdAt'>>,
  cluster: { sleep?: unknown; deletedAt?: string },
  now: Date,
): SleepInterval[] {
  const intervals: SleepInterval[] = [];
  let start: Date | undefined;
  let last: Date | undefined;
  for (const entry of timeline) {
    const at = new Date(entry.createdAt);
    last = at;
    if (entry.type === SLEEP_REQUESTED) {
      start ??= at;
    } else if (
      start &&
      (ENDS_SLEEP.has(entry.type) || (entry.phase && GONE.has(entry.phase)))
    ) {
      intervals.push({ start, end: at });
      start = undefined;
    }
  }
  if (start) {
    let end: Date;
    if (cluster.deletedAt) end = new Date(cluster.deletedAt);
    else if (cluster.sleep) end = now;
    else end = last ?? start;
    intervals.push({ start, end: end < now ? end : now });
  }
  return intervals;
}

/** Length of the overlap of [a0, a1) and [b0, b1) in milliseconds. */
function overlapMs(a0: number, a1: number, b0: number, b1: number) {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/**
 * Hours slept and money saved by the sleeps within [from, to), given the priced
 * hourly buckets of that period, oldest first (`cost` of each bucket's
 * resource-hours), and the last sample before the first of them (without one, the
 * first bucket's cost is taken as billed from its start).
 */
export function sleepSavings(input: {
  sleeps: PricedSleep[];
  hourly: Array<{ bucketStart: string; lastSampleAt: string; cost: number }>;
  previousSampleAt?: string;
  from: Date;
  to: Date;
}): SleepSavings {
  const billed = input.hourly.map((b, i) => ({
    from: Date.parse(
      i > 0
        ? input.hourly[i - 1].lastSampleAt
        : input.previousSampleAt ?? b.bucketStart,
    ),
    to: Date.parse(b.lastSampleAt),
    cost: b.cost,
  }));
  let hours = 0;
  let saved = 0;
  for (const sleep of input.sleeps) {
    const s = Math.max(sleep.start.getTime(), input.from.getTime());
    const e = Math.min(sleep.end.getTime(), input.to.getTime());
    if (e <= s) continue;
    let sampledCost = 0;
    for (const b of billed) {
      if (b.to <= b.from) {
        // billed at one instant
        if (b.to > s && b.to <= e) sampledCost += b.cost;
      } else {
        sampledCost +=
          (b.cost * overlapMs(b.from, b.to, s, e)) / (b.to - b.from);
      }
    }
    const slept = (e - s) / HOUR;
    hours += slept;
    saved += Math.max(0, sleep.runningRate * slept - sampledCost);
  }
  return { hours, saved };
}

/** Hours as the API gives them, to two decimals. */
export const roundHours = (h: number) => Math.round(h * 100) / 100;
