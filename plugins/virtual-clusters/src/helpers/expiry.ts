import { HostCluster } from '@virtual-clusters/plugin-virtual-clusters-common';
import { formatRelativeTime } from './sleep';

/** What a host says about expiry: the default and most days a cluster lives (`GET /host-clusters`). */
export type ExpirySettings = NonNullable<HostCluster['expiry']>;

const DAY_MS = 24 * 3600 * 1000;

/** The longest time to live (and extension) the backend takes, in days. */
export const MAX_TTL_DAYS = 3650;

/** A point in time for people, in the browser's zone: `10 Dec 2026, 12:00`. */
export function formatDateTime(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/**
 * When a cluster expires, for people: `in 6 days (10 Dec 2026, 12:00)`, `2 hours ago
 * (…)` when its final backup is late, or `Never` without an expiry.
 */
export function formatExpiry(
  expiresAt: string | undefined,
  now: number = Date.now(),
): string {
  if (!expiresAt) return 'Never';
  // in whole days from two days on: "in 1 week" would hide up to six of them
  const days = Math.floor((Date.parse(expiresAt) - now) / DAY_MS);
  const relative =
    days >= 2 ? `in ${days} days` : formatRelativeTime(expiresAt, now);
  return `${relative} (${formatDateTime(expiresAt)})`;
}

/** True when the expiry is at most a day away (or already passed). */
export function expiresSoon(
  expiresAt: string | undefined,
  now: number = Date.now(),
): boolean {
  if (!expiresAt) return false;
  const at = Date.parse(expiresAt);
  return !Number.isNaN(at) && at - now <= DAY_MS;
}

/**
 * The most days an extension may add, as the backend computes it: the expiry may be at
 * most `maxTtlDays` from now, counted on from the current expiry (or from now, when
 * that has passed); undefined where the host sets no maximum.
 */
export function maxExtensionDays(
  expiresAt: string,
  settings: ExpirySettings | undefined,
  now: number = Date.now(),
): number | undefined {
  if (settings?.maxTtlDays === undefined) return undefined;
  const from = Math.max(Date.parse(expiresAt), now);
  const latest = now + settings.maxTtlDays * DAY_MS;
  return Math.max(0, Math.floor((latest - from) / DAY_MS));
}

/**
 * Checks a number of days (a time to live or an extension): a whole number from 1 to
 * `max` (the host's maximum where known, else {@link MAX_TTL_DAYS}); returns what is
 * wrong, or undefined.
 */
export function checkDays(
  days: number,
  max: number | undefined,
  source?: string,
): string | undefined {
  if (!Number.isInteger(days) || days < 1) {
    return 'A whole number of days, at least 1';
  }
  if (max !== undefined && days > max) {
    return `At most ${max} days${source ? ` on ${source}` : ''}`;
  }
  if (days > MAX_TTL_DAYS) return `At most ${MAX_TTL_DAYS} days`;
  return undefined;
}

/** Days as typed in a field: a number, or undefined for an empty field. */
export function parseDays(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}
