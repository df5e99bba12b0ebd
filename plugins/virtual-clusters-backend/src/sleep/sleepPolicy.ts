import { InputError } from '@backstage/errors';
import { VirtualClusterSleepPolicy } from '@virtual-clusters/plugin-virtual-clusters-common';
import { CronTime } from 'cron';
import { LRUCache } from 'lru-cache';
import { IANAZone } from 'luxon';

/** What a host (or its group) says about sleep: the defaults and the limits. */
export interface SleepSettings {
  /** The policy new clusters get; keys a cluster's own policy leaves out come from here. */
  defaults: VirtualClusterSleepPolicy;
  /** Longest `afterInactivity` a cluster may have, in milliseconds. */
  maxAfterInactivityMs?: number;
  /** Whether a cluster may say `neverSleep`. */
  allowNeverSleep: boolean;
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * A duration as vcluster's `sleep.auto.afterInactivity` takes it: Go's
 * time.ParseDuration syntax (config/config.go Duration, v0.32.3), e.g. `2h`, `90m`,
 * `1h30m`; units h, m, s, ms.
 *
 * @returns milliseconds, or undefined when it is not such a duration
 */
export function parseGoDuration(text: string): number | undefined {
  if (!/^(\d+(\.\d+)?(h|ms|m|s))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, amount, , unit] of text.matchAll(/(\d+(\.\d+)?)(h|ms|m|s)/g)) {
    total += Number(amount) * UNIT_MS[unit];
  }
  return total > 0 ? total : undefined;
}

/** A duration in Go's style again: `2h`, `1h30m`, `45m`, `20s`. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${
    s || (!h && !m) ? `${s}s` : ''
  }`;
}

/**
 * Checks a sleep policy: durations Go's syntax, cron expressions of five fields the
 * `cron` package accepts, a time zone luxon knows.
 *
 * @param where - names the policy in messages, e.g. `sleep` or a config key
 * @throws InputError naming the key and what is wrong
 */
export function checkSleepPolicy(
  policy: VirtualClusterSleepPolicy,
  where = 'sleep',
): void {
  if (
    policy.afterInactivity !== undefined &&
    parseGoDuration(policy.afterInactivity) === undefined
  ) {
    throw new InputError(
      `${where}.afterInactivity '${policy.afterInactivity}' is not a duration such as 2h, 90m or 1h30m`,
    );
  }
  if (policy.timezone !== undefined && !IANAZone.isValidZone(policy.timezone)) {
    throw new InputError(
      `${where}.timezone '${policy.timezone}' is not an IANA time zone such as Europe/Berlin`,
    );
  }
  for (const key of ['schedule', 'wakeupSchedule'] as const) {
    const expression = policy[key];
    if (expression === undefined) continue;
    const fields = expression.trim().split(/\s+/);
    let problem: string | undefined;
    if (fields.length !== 5) {
      problem =
        'must have five fields (minute hour day-of-month month day-of-week)';
    } else {
      try {
        // eslint-disable-next-line no-new
        new CronTime(expression, policy.timezone ?? 'UTC');
      } catch (error) {
        problem = (error as Error).message;
      }
    }
    if (problem) {
      throw new InputError(
        `${where}.${key} '${expression}' is not a cron expression: ${problem}`,
      );
    }
  }
}

/**
 * A cluster's policy as it applies: its own keys over the host's defaults, checked
 * against the host's limits.
 *
 * @throws InputError when it asks for more than the host allows
 */
export function effectiveSleepPolicy(
  own: VirtualClusterSleepPolicy | undefined,
  settings: SleepSettings,
  where = 'sleep',
): VirtualClusterSleepPolicy {
  if (own) checkSleepPolicy(own, where);
  const policy = { ...settings.defaults, ...own };
  if (policy.neverSleep && !settings.allowNeverSleep) {
    throw new InputError(
      `${where}.neverSleep is not allowed here: this host's clusters sleep by its policy`,
    );
  }
  const after =
    policy.afterInactivity !== undefined
      ? parseGoDuration(policy.afterInactivity)
      : undefined;
  if (
    settings.maxAfterInactivityMs !== undefined &&
    !policy.neverSleep &&
    (after === undefined || after > settings.maxAfterInactivityMs)
  ) {
    throw new InputError(
      `${where}.afterInactivity must be at most ${formatDuration(
        settings.maxAfterInactivityMs,
      )} here${after === undefined ? ' (it is unset)' : ''}`,
    );
  }
  return policy;
}

/** Cron steps forward minute by minute: a search takes tens of milliseconds. */
const FIRES = new LRUCache<string, Date | 'never'>({ max: 500 });

/**
 * The latest time at or before `now` a cron expression fires, in its time zone (the
 * `cron` package only looks forward, so this steps forward from ever earlier starts).
 */
export function previousFire(
  expression: string,
  timezone: string | undefined,
  now: Date,
): Date | undefined {
  // clusters of one host share their schedules, and the answer holds for a minute
  const key = `${expression}|${timezone}|${Math.floor(now.getTime() / 60_000)}`;
  if (!FIRES.has(key)) {
    FIRES.set(key, searchPreviousFire(expression, timezone, now) ?? 'never');
  }
  const found = FIRES.get(key)!;
  return found === 'never' ? undefined : found;
}

function searchPreviousFire(
  expression: string,
  timezone: string | undefined,
  now: Date,
): Date | undefined {
  const zone = timezone ?? 'UTC';
  const cron = new CronTime(expression, zone);
  const end = now.getTime();
  for (const windowHours of [1, 25, 24 * 8, 24 * 32, 24 * 367]) {
    let at = end - windowHours * 3_600_000;
    let last: number | undefined;
    for (;;) {
      // cron's own luxon DateTime: read as milliseconds
      const next = cron.getNextDateFrom(new Date(at), zone).toMillis();
      if (next > end) break;
      last = next;
      at = next;
    }
    if (last !== undefined) return new Date(last);
  }
  return undefined;
}
