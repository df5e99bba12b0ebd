import { InputError } from '@backstage/errors';

const DAY_MS = 86_400_000;

/** What a host (or its group) says about how long clusters live. */
export interface ExpirySettings {
  /** Time to live of a new cluster that asks for none. */
  defaultTtlDays?: number;
  /** The longest a cluster may live from now: at create and when extended. */
  maxTtlDays?: number;
  /** Days before the expiry the owners are told, largest first (default 7 and 1). */
  noticeDays: number[];
  /** A cluster asleep this long gets an expiry then, as if its time to live ended. */
  expireAfterSleepingDays?: number;
}

/** What the expiry rules look at of a cluster. */
export interface ExpirySubject {
  name: string;
  phase: string;
  desiredState: string;
  expiresAt?: string;
  /** The smallest notice already sent (days before), if any. */
  expiryNoticeDays?: number;
  sleep?: { since: string };
}

/**
 * The expiry of a new cluster: `ttlDays` (or the host's default) after its creation.
 *
 * @throws InputError when it asks for more than the host's maximum
 */
export function expiryAtCreate(
  createdAt: string,
  ttlDays: number | undefined,
  settings: ExpirySettings,
): string | undefined {
  const days = ttlDays ?? settings.defaultTtlDays;
  if (days === undefined) return undefined;
  if (settings.maxTtlDays !== undefined && days > settings.maxTtlDays) {
    throw new InputError(
      `ttlDays ${days} is more than this host allows (${settings.maxTtlDays} days)`,
    );
  }
  return new Date(Date.parse(createdAt) + days * DAY_MS).toISOString();
}

/**
 * An expiry moved `days` later: from the current one, or from now when that has
 * passed.
 *
 * @throws InputError when the cluster has no expiry, or the new one is further than
 *   the host's maximum from now
 */
export function extendedExpiry(
  cluster: Pick<ExpirySubject, 'name' | 'expiresAt'>,
  days: number,
  now: Date,
  settings: ExpirySettings,
): string {
  if (!cluster.expiresAt) {
    throw new InputError(
      `${cluster.name} does not expire: there is nothing to extend`,
    );
  }
  const from = Math.max(Date.parse(cluster.expiresAt), now.getTime());
  const next = from + days * DAY_MS;
  if (
    settings.maxTtlDays !== undefined &&
    next - now.getTime() > settings.maxTtlDays * DAY_MS
  ) {
    const latest = new Date(now.getTime() + settings.maxTtlDays * DAY_MS);
    throw new InputError(
      `${cluster.name} may live at most ${
        settings.maxTtlDays
      } days from now (until ${latest.toISOString()}); extend it by ${Math.max(
        0,
        Math.floor((latest.getTime() - from) / DAY_MS),
      )} days at most`,
    );
  }
  return new Date(next).toISOString();
}

/** What to do about a cluster's expiry now. */
export type ExpiryDecision =
  | { kind: 'sleep-expiry'; expiresAt: string }
  | { kind: 'notice'; days: number; expiresAt: string }
  | { kind: 'expire'; expiresAt: string }
  | undefined;

/**
 * The expiry rules, in one place: a cluster asleep `expireAfterSleepingDays` gets an
 * expiry then (unless it has an earlier one); the owners are told once per notice
 * (the smallest due, when a pass comes late); at the expiry the cluster expires.
 */
export function decideExpiry(
  cluster: ExpirySubject,
  settings: ExpirySettings,
  now: Date,
): ExpiryDecision {
  if (cluster.desiredState === 'deleted') return undefined;
  if (cluster.sleep && settings.expireAfterSleepingDays) {
    const byTheSleep =
      Date.parse(cluster.sleep.since) +
      settings.expireAfterSleepingDays * DAY_MS;
    if (!cluster.expiresAt || byTheSleep < Date.parse(cluster.expiresAt)) {
      return {
        kind: 'sleep-expiry',
        expiresAt: new Date(byTheSleep).toISOString(),
      };
    }
  }
  if (!cluster.expiresAt) return undefined;
  const at = Date.parse(cluster.expiresAt);
  if (now.getTime() >= at)
    return { kind: 'expire', expiresAt: cluster.expiresAt };
  const due = settings.noticeDays
    .filter(d => now.getTime() >= at - d * DAY_MS)
    .filter(
      d =>
        cluster.expiryNoticeDays === undefined || d < cluster.expiryNoticeDays,
    );
  if (!due.length) return undefined;
  return {
    kind: 'notice',
    days: Math.min(...due),
    expiresAt: cluster.expiresAt,
  };
}
