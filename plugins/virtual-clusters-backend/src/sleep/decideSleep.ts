import {
  VirtualClusterSleepState,
  VirtualClusterSleepPolicy,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { formatDuration, parseGoDuration, previousFire } from './sleepPolicy';

/** What the sleep rules look at of a cluster. */
export interface SleepSubject {
  phase: string;
  desiredState: 'running' | 'paused' | 'deleted';
  /** When it entered its phase: for a Running cluster, since when it runs. */
  phaseChangedAt: string;
  spec: { sleep?: VirtualClusterSleepPolicy };
  sleep?: VirtualClusterSleepState;
  lastActivity?: { at: string };
}

/** Put it to sleep, wake it, or leave it. */
export type SleepDecision =
  | { kind: 'sleep'; state: VirtualClusterSleepState }
  | { kind: 'wake'; message: string }
  | undefined;

const zoneOf = (policy: VirtualClusterSleepPolicy) => policy.timezone ?? 'UTC';

/**
 * The sleep rules, in one place:
 * - a Running cluster (not asked to pause, not `neverSleep`) sleeps when its sleep
 *   schedule fired since it started running and after the last wake-up time of the
 *   schedule (`scheduledSleep`), or when nothing happened to it for
 *   `afterInactivity`, counted from its last activity or from when it started running,
 *   whichever is later (`inactivitySleep`);
 * - a cluster the backend put to sleep wakes when its wake-up schedule fired since it
 *   fell asleep; a pause a user asked for has no sleep state and is never woken.
 */
export function decideSleep(cluster: SleepSubject, now: Date): SleepDecision {
  const policy = cluster.spec.sleep;
  if (!policy) return undefined;

  if (cluster.sleep) {
    if (cluster.phase !== 'Paused' || cluster.desiredState !== 'paused') {
      return undefined;
    }
    if (!policy.wakeupSchedule) return undefined;
    const wake = previousFire(policy.wakeupSchedule, policy.timezone, now);
    if (wake && wake.getTime() > Date.parse(cluster.sleep.since)) {
      return {
        kind: 'wake',
        message: `Woken by the wake-up schedule ${
          policy.wakeupSchedule
        } (${zoneOf(policy)}) at ${wake.toISOString()}`,
      };
    }
    return undefined;
  }

  if (
    cluster.phase !== 'Running' ||
    cluster.desiredState !== 'running' ||
    policy.neverSleep
  ) {
    return undefined;
  }
  const runningSince = Date.parse(cluster.phaseChangedAt);
  const since = now.toISOString();

  if (policy.schedule) {
    const fired = previousFire(policy.schedule, policy.timezone, now);
    const woke = policy.wakeupSchedule
      ? previousFire(policy.wakeupSchedule, policy.timezone, now)
      : undefined;
    if (
      fired &&
      fired.getTime() > runningSince &&
      (!woke || fired.getTime() > woke.getTime())
    ) {
      return {
        kind: 'sleep',
        state: {
          since,
          type: 'scheduledSleep',
          message: `Sleep schedule ${policy.schedule} (${zoneOf(
            policy,
          )}) fired at ${fired.toISOString()}`,
        },
      };
    }
  }

  const after = policy.afterInactivity
    ? parseGoDuration(policy.afterInactivity)
    : undefined;
  if (after !== undefined) {
    const lastActive = Math.max(
      runningSince,
      cluster.lastActivity ? Date.parse(cluster.lastActivity.at) : 0,
    );
    if (now.getTime() - lastActive >= after) {
      return {
        kind: 'sleep',
        state: {
          since,
          type: 'inactivitySleep',
          message: `Idle since ${new Date(
            lastActive,
          ).toISOString()}: no kubeconfig, portal view or change inside for ${formatDuration(
            after,
          )}`,
        },
      };
    }
  }
  return undefined;
}
