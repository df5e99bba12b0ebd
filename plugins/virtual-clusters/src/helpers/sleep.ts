import {
  VirtualCluster,
  VirtualClusterActivity,
  VirtualClusterSleepPolicy,
} from '@virtual-clusters/plugin-virtual-clusters-common';

/**
 * True while the backend keeps the cluster asleep: its `sleep` is set and it is Paused
 * (or on its way there). A pause a user asked for has no `sleep`.
 */
export function isSleeping(
  cluster: Pick<VirtualCluster, 'phase' | 'sleep'>,
): boolean {
  return (
    !!cluster.sleep &&
    (cluster.phase === 'Paused' || cluster.phase === 'Pausing')
  );
}

/**
 * The phase as users see it: `Sleeping` for a cluster the backend keeps asleep (see
 * {@link isSleeping}), distinct from a pause a user asked for; otherwise its phase.
 * Tables filter by it.
 */
export function shownPhase(
  cluster: Pick<VirtualCluster, 'phase' | 'sleep'>,
): VirtualCluster['phase'] | 'Sleeping' {
  return isSleeping(cluster) ? 'Sleeping' : cluster.phase;
}

const RELATIVE_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** `5 minutes ago`, `in 2 hours`, `just now` (under a minute either way). */
export function formatRelativeTime(at: string, now: number = Date.now()) {
  const seconds = (Date.parse(at) - now) / 1000;
  if (Number.isNaN(seconds)) return at;
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) {
      return format.format(Math.trunc(seconds / size), unit);
    }
  }
  return 'just now';
}

/**
 * A sleep policy in words, e.g. `Sleeps after 2h idle; sleeps at 0 20 * * 1-5, wakes at
 * 0 8 * * 1-5 (Europe/Berlin)`, `Never sleeps`, or `No sleep policy` when it sets
 * nothing.
 */
export function describeSleepPolicy(policy?: VirtualClusterSleepPolicy) {
  if (policy?.neverSleep) return 'Never sleeps';
  const idle = policy?.afterInactivity
    ? `sleeps after ${policy.afterInactivity} idle`
    : undefined;
  const schedules = [
    ...(policy?.schedule ? [`sleeps at ${policy.schedule}`] : []),
    ...(policy?.wakeupSchedule ? [`wakes at ${policy.wakeupSchedule}`] : []),
  ];
  const parts = [
    ...(idle ? [idle] : []),
    ...(schedules.length
      ? [`${schedules.join(', ')} (${policy?.timezone || 'UTC'})`]
      : []),
  ];
  if (!parts.length) return 'No sleep policy';
  const text = parts.join('; ');
  return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
}

const ACTIVITY_WORDS: Record<VirtualClusterActivity['kind'], string> = {
  created: 'created',
  kubeconfig: 'kubeconfig issued',
  view: 'viewed in the portal',
  change: 'objects changed inside',
  woken: 'woken',
};

/** The last activity the backend saw, e.g. `kubeconfig issued 5 minutes ago`. */
export function describeActivity(
  activity: VirtualClusterActivity,
  now: number = Date.now(),
): string {
  return `${
    ACTIVITY_WORDS[activity.kind] ?? activity.kind
  } ${formatRelativeTime(activity.at, now)}`;
}

/** Why a cluster sleeps, for a tooltip: `Went to sleep 2 hours ago: Idle since …`. */
export function describeSleep(
  sleep: NonNullable<VirtualCluster['sleep']>,
  now: number = Date.now(),
): string {
  return `Went to sleep ${formatRelativeTime(sleep.since, now)}: ${
    sleep.message
  }`;
}

/**
 * Checks a duration as the backend does (Go's time.ParseDuration syntax, units h, m,
 * s, ms, more than zero); returns what is wrong, or undefined.
 */
export function checkDuration(text: string): string | undefined {
  const ok =
    /^(\d+(\.\d+)?(h|ms|m|s))+$/.test(text) &&
    [...text.matchAll(/(\d+(\.\d+)?)/g)].some(([n]) => Number(n) > 0);
  return ok
    ? undefined
    : 'A duration such as 2h, 90m or 1h30m (units h, m, s; no days)';
}

/** One field of a cron expression: numbers, names, `*`, ranges, lists and steps. */
const CRON_FIELD =
  /^(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?(,(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?)*$/;

/**
 * Checks the shape of a cron expression: five fields (minute hour day-of-month month
 * day-of-week); the backend checks the values.
 */
export function checkCron(text: string): string | undefined {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 5 || !fields.every(f => CRON_FIELD.test(f))) {
    return 'Five fields: minute hour day-of-month month day-of-week, e.g. 0 20 * * 1-5';
  }
  return undefined;
}

/** Checks an IANA time zone as the browser knows them. */
export function checkTimezone(text: string): string | undefined {
  try {
    // eslint-disable-next-line no-new
    new Intl.DateTimeFormat('en', { timeZone: text });
    return undefined;
  } catch {
    return 'An IANA time zone such as Europe/Berlin or UTC';
  }
}

/** The sleep policy form's text; empty means the host's (or group's) default. */
export type SleepPolicyForm = {
  afterInactivity: string;
  schedule: string;
  wakeupSchedule: string;
  timezone: string;
  neverSleep: boolean;
};

/** The form for a policy, empty where it sets nothing. */
export function sleepPolicyForm(
  policy?: VirtualClusterSleepPolicy,
): SleepPolicyForm {
  return {
    afterInactivity: policy?.afterInactivity ?? '',
    schedule: policy?.schedule ?? '',
    wakeupSchedule: policy?.wakeupSchedule ?? '',
    timezone: policy?.timezone ?? '',
    neverSleep: !!policy?.neverSleep,
  };
}

/** Per key of a policy, what is wrong with it. */
export type SleepPolicyErrors = Partial<
  Record<Exclude<keyof SleepPolicyForm, 'neverSleep'>, string>
>;

const CHECKS = {
  afterInactivity: checkDuration,
  schedule: checkCron,
  wakeupSchedule: checkCron,
  timezone: checkTimezone,
};

/**
 * The policy a form says: its text trimmed (a cron expression's spaces made single),
 * the keys left empty left out; with never sleep, only that.
 */
export function sleepPolicyOf(
  form: SleepPolicyForm,
): VirtualClusterSleepPolicy {
  if (form.neverSleep) return { neverSleep: true };
  const policy: VirtualClusterSleepPolicy = {};
  for (const key of Object.keys(CHECKS) as Array<keyof typeof CHECKS>) {
    const value = form[key].trim().replace(/\s+/g, ' ');
    if (value) policy[key] = value;
  }
  return policy;
}

/**
 * Checks a policy's shapes as the backend will (a duration in Go's syntax, cron
 * expressions of five fields, a known time zone); the backend checks the limits.
 */
export function sleepPolicyErrors(
  policy: VirtualClusterSleepPolicy,
): SleepPolicyErrors {
  const errors: SleepPolicyErrors = {};
  for (const key of Object.keys(CHECKS) as Array<keyof typeof CHECKS>) {
    const value = policy[key];
    const problem = value === undefined ? undefined : CHECKS[key](value);
    if (problem) errors[key] = problem;
  }
  return errors;
}

/** Reads the form as the backend will: the policy, or per field what is wrong. */
export function readSleepPolicyForm(form: SleepPolicyForm): {
  policy?: VirtualClusterSleepPolicy;
  errors: SleepPolicyErrors;
} {
  const policy = sleepPolicyOf(form);
  const errors = sleepPolicyErrors(policy);
  return Object.keys(errors).length ? { errors } : { policy, errors };
}
