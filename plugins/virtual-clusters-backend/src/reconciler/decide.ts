import {
  TransitionalPhase,
  VirtualClusterCondition,
  VirtualClusterPhase,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import {
  ObservedVirtualCluster,
  VirtualClusterProbe,
} from '@virtual-clusters/plugin-virtual-clusters-node';
import { VirtualClusterChanges, VirtualClusterRecord } from '../store/types';

/*
 * What the reconciler does with one cluster, decided without touching anything: from
 * the stored record and what the host showed, the provisioner call to make (if any)
 * and what follows when it succeeds. LifecycleReconciler carries the decision out.
 */

/**
 * Phases with a time limit, after which the cluster is marked Failed: the transitional
 * ones but Pending, which the next step leaves at once.
 */
export type TimedPhase = Exclude<TransitionalPhase, 'Pending'>;

/** How long a timed phase may last, and the reason a cluster that overstays it gets. */
export type PhaseTimeouts = Readonly<
  Record<TimedPhase, { ms: number; reason: string }>
>;

/**
 * How long each transitional phase may last before the cluster is marked Failed, and
 * the reason it then gets. The one table of these timeouts.
 */
export const PHASE_TIMEOUTS: PhaseTimeouts = {
  Provisioning: { ms: 20 * 60_000, reason: 'ProvisioningTimeout' },
  Upgrading: { ms: 15 * 60_000, reason: 'UpgradeTimeout' },
  Resuming: { ms: 10 * 60_000, reason: 'ResumeTimeout' },
  Pausing: { ms: 10 * 60_000, reason: 'PauseTimeout' },
  Deleting: { ms: 20 * 60_000, reason: 'DeleteTimeout' },
};

/**
 * What the host showed of a cluster this time: not looked at (a step right after a
 * user's request, between cycles), looked at and not there, or its observed state.
 */
export type Observation =
  | { kind: 'unobserved' }
  | { kind: 'absent' }
  | { kind: 'present'; cluster: ObservedVirtualCluster };

/** A provisioner call; a failure counts as a failed attempt (backoff, then Failed). */
export type ProvisionerCall =
  | 'create'
  | 'pause'
  | 'resume'
  | 'upgrade'
  | 'delete';

/** A timeline entry written before anything else happens. */
export type TimelineNote = {
  type: string;
  phase: VirtualClusterPhase;
  message: string;
};

/** What follows a successful call (or stands alone where there is none). */
export type Outcome =
  | { kind: 'none' }
  /** A new phase, with a timeline entry of `type` (default `phase-changed`). */
  | {
      kind: 'move';
      to: VirtualClusterPhase;
      changes: VirtualClusterChanges;
      type?: string;
    }
  /** The cluster is gone from the host once the delete call says so: Deleted. */
  | { kind: 'move-when-deleted'; changes: VirtualClusterChanges }
  /** Status saved in the same phase, with a timeline entry when readiness flipped. */
  | { kind: 'save'; changes: VirtualClusterChanges; note?: TimelineNote }
  /** Everything else is ready: ask the virtual API server, then {@link decideAfterProbe}. */
  | { kind: 'probe'; observed: ObservedVirtualCluster };

/** One step for one cluster. */
export type Decision = {
  note?: TimelineNote;
  /** The call to make first, and the word for it in messages. */
  call?: { name: ProvisionerCall; what: string };
  then: Outcome;
};

/** When a decision is made, and the timeouts in force. */
export type DecisionContext = { now: number; timeouts: PhaseTimeouts };

const NOTHING: Decision = { then: { kind: 'none' } };

function isTimed(phase: VirtualClusterPhase): phase is TimedPhase {
  return phase in PHASE_TIMEOUTS;
}

/** The cluster is Failed, with a reason and a message (a timeline entry `failed`). */
function failed(changes: VirtualClusterChanges): Decision {
  return { then: { kind: 'move', to: 'Failed', type: 'failed', changes } };
}

/** `major.minor` of a version like `1.32`, `v1.32.5+k3s1` or `v1.32.5`. */
export function minorOf(version: string | undefined): string | undefined {
  const match = /^v?(\d+)\.(\d+)/.exec(version ?? '');
  return match ? `${Number(match[1])}.${Number(match[2])}` : undefined;
}

/** A condition, keeping its transition time while its status stays the same. */
export function condition(
  type: string,
  ok: boolean,
  reason: string,
  message: string,
  previous: VirtualClusterCondition[],
  now: number,
): VirtualClusterCondition {
  const status = ok ? 'True' : 'False';
  const before = previous.find(c => c.type === type);
  return {
    type,
    status,
    reason,
    message,
    lastTransitionTime:
      before && before.status === status
        ? before.lastTransitionTime
        : new Date(now).toISOString(),
  };
}

/** The decision for one cluster, in the order the rules apply. */
export function decide(
  record: VirtualClusterRecord,
  observation: Observation,
  context: DecisionContext,
): Decision {
  const { now } = context;
  if (observation.kind !== 'unobserved' && isTimed(record.phase)) {
    const timeout = context.timeouts[record.phase];
    if (now - Date.parse(record.phaseChangedAt) > timeout.ms) {
      return failed({
        reason: timeout.reason,
        message: `${record.phase} did not finish within ${Math.round(
          timeout.ms / 60_000,
        )} minutes${record.message ? `; last: ${record.message}` : ''}`,
      });
    }
  }
  if (record.nextAttemptAt && Date.parse(record.nextAttemptAt) > now) {
    return NOTHING;
  }
  const observed =
    observation.kind === 'present' ? observation.cluster : undefined;
  switch (record.phase) {
    case 'Pending':
      return {
        call: { name: 'create', what: 'create' },
        then: {
          kind: 'move',
          to: 'Provisioning',
          type: 'provisioning',
          changes: {
            message: 'VCluster applied; waiting for the control plane',
          },
        },
      };
    case 'Provisioning':
      return decideReadiness(record, observation);
    case 'Resuming':
      return {
        call: { name: 'resume', what: 'resume' },
        then: decideReadiness(record, observation).then,
      };
    case 'Upgrading':
      if (record.observedGeneration < record.generation) {
        // `observation` was listed before this apply: the outcome is for a later cycle
        return {
          call: { name: 'upgrade', what: 'upgrade' },
          then: {
            kind: 'save',
            changes: {
              observedGeneration: record.generation,
              message: `Changes sent to the host (generation ${record.generation}); waiting for the provider to apply them`,
            },
          },
        };
      }
      return decideReadiness(record, observation);
    case 'Running':
      return decideRunning(record, observation, now);
    case 'Pausing':
      return {
        call: { name: 'pause', what: 'pause' },
        then:
          observed?.paused && (observed.replicas?.ready ?? 0) === 0
            ? {
                kind: 'move',
                to: 'Paused',
                changes: {
                  message: 'Control plane scaled to zero; workloads stopped',
                },
              }
            : { kind: 'none' },
      };
    case 'Paused':
      if (observed && !observed.paused) {
        return {
          note: {
            type: 'drift',
            phase: 'Paused',
            message:
              'The control plane was scaled up outside Backstage; pausing it again',
          },
          call: { name: 'pause', what: 'pause' },
          then: { kind: 'none' },
        };
      }
      return NOTHING;
    case 'Deleting':
      return {
        call: { name: 'delete', what: 'delete' },
        then: {
          kind: 'move-when-deleted',
          changes: {
            message: 'Everything the plugin created on the host is gone',
            deletedAt: new Date(now).toISOString(),
          },
        },
      };
    default:
      return NOTHING;
  }
}

/** Provisioning, Resuming or Upgrading: is the control plane there and ready yet? */
function decideReadiness(
  record: VirtualClusterRecord,
  observation: Observation,
): Decision {
  if (observation.kind === 'unobserved') return NOTHING;
  if (observation.kind === 'absent') {
    // the object vanished (or the API lost it) while being created: apply it again
    return record.phase === 'Provisioning'
      ? { call: { name: 'create', what: 're-create' }, then: { kind: 'none' } }
      : NOTHING;
  }
  const observed = observation.cluster;
  // the host object holds the spec of this generation (not one listed before the apply)
  const holdsSpec =
    record.phase !== 'Upgrading' ||
    observed.specGeneration === record.generation;
  if (
    observed.failure &&
    holdsSpec &&
    (record.phase === 'Provisioning' || record.phase === 'Upgrading')
  ) {
    return failed({
      reason: observed.failure.reason,
      message: observed.failure.message,
      conditions: observed.conditions,
    });
  }
  const waiting: string[] = [];
  if (record.phase === 'Upgrading') {
    if (!holdsSpec || !observed.specApplied) {
      waiting.push(
        `the provider has not applied generation ${record.generation} yet`,
      );
    } else if (observed.chartVersion !== record.spec.chartVersion) {
      waiting.push(`the host object asks for chart ${observed.chartVersion}`);
    } else if (observed.rolledOut === false) {
      waiting.push('the control plane is rolling out');
    }
  }
  if (observed.paused) waiting.push('the control plane is scaled to zero');
  if (!observed.endpoint) waiting.push('no external endpoint yet');
  if (waiting.length === 0) return { then: { kind: 'probe', observed } };
  return { then: waitingOutcome(record, observed, waiting) };
}

/** After a probe of the virtual API server: Running, or still waiting and why. */
export function decideAfterProbe(
  record: VirtualClusterRecord,
  observed: ObservedVirtualCluster,
  probe: VirtualClusterProbe,
  now: number,
): Outcome {
  if (!probe.ready) {
    return waitingOutcome(record, observed, [
      `the virtual API server is not ready: ${probe.message ?? 'no answer'}`,
    ]);
  }
  if (
    record.phase === 'Upgrading' &&
    minorOf(probe.version) !== minorOf(record.spec.kubernetesVersion)
  ) {
    return waitingOutcome(record, observed, [
      `the virtual API server reports ${probe.version ?? 'no version'}, not ${
        record.spec.kubernetesVersion
      }`,
    ]);
  }
  const { version } = probe;
  const conditions = [
    condition(
      'Ready',
      true,
      'ControlPlaneReady',
      `The virtual API server answers${version ? ` (${version})` : ''}`,
      record.conditions,
      now,
    ),
    ...observed.conditions.filter(c => c.type !== 'Ready'),
  ];
  const { spec } = record;
  return {
    kind: 'move',
    to: 'Running',
    changes: {
      endpoint: observed.endpoint,
      conditions,
      observedGeneration: record.generation,
      message:
        record.phase === 'Upgrading'
          ? `Changes applied: ${spec.distro} ${spec.kubernetesVersion}, chart ${
              spec.chartVersion
            }${
              spec.quota
                ? `, quota ${Object.entries(spec.quota)
                    .map(([k, v]) => `${k} ${v}`)
                    .join(', ')}`
                : ''
            }`
          : `Running at ${observed.endpoint}`,
    },
  };
}

/** The waiting message saved where it (or the conditions) changed. */
function waitingOutcome(
  record: VirtualClusterRecord,
  observed: ObservedVirtualCluster,
  waiting: string[],
): Outcome {
  const message = `Waiting: ${waiting.join('; ')} (provider phase ${
    observed.providerPhase ?? 'unknown'
  }, replicas ${observed.replicas?.ready ?? 0}/${
    observed.replicas?.desired ?? 0
  })`;
  if (
    message === record.message &&
    JSON.stringify(observed.conditions) === JSON.stringify(record.conditions)
  ) {
    return { kind: 'none' };
  }
  return {
    kind: 'save',
    changes: { message, conditions: observed.conditions },
  };
}

/** A Running cluster: repair drift, keep its readiness and endpoint current. */
function decideRunning(
  record: VirtualClusterRecord,
  observation: Observation,
  now: number,
): Decision {
  if (observation.kind === 'unobserved') return NOTHING;
  if (observation.kind === 'absent') {
    return {
      note: {
        type: 'drift',
        phase: 'Provisioning',
        message:
          'The VCluster object disappeared from the host; applying it again',
      },
      call: { name: 'create', what: 're-create' },
      then: {
        kind: 'move',
        to: 'Provisioning',
        type: 'drift-repair',
        changes: { message: 'Re-creating after drift' },
      },
    };
  }
  const observed = observation.cluster;
  if (observed.paused) {
    return {
      note: {
        type: 'drift',
        phase: 'Resuming',
        message:
          'The control plane was scaled to zero outside Backstage; resuming it',
      },
      then: {
        kind: 'move',
        to: 'Resuming',
        changes: { message: 'Resuming after drift' },
      },
    };
  }
  const { ready } = observed;
  const readyCondition = condition(
    'Ready',
    ready,
    ready ? 'ControlPlaneReady' : 'ControlPlaneNotReady',
    ready ? 'The virtual API server answers' : 'The control plane is not ready',
    record.conditions,
    now,
  );
  const conditions = [
    readyCondition,
    ...observed.conditions.filter(c => c.type !== 'Ready'),
  ];
  const changed =
    JSON.stringify(conditions) !== JSON.stringify(record.conditions) ||
    (observed.endpoint && observed.endpoint !== record.endpoint);
  if (!changed) return NOTHING;
  const before = record.conditions.find(c => c.type === 'Ready');
  return {
    then: {
      kind: 'save',
      changes: { conditions, endpoint: observed.endpoint ?? record.endpoint },
      note:
        before && before.status !== readyCondition.status
          ? {
              type: ready ? 'ready' : 'not-ready',
              phase: 'Running',
              message: readyCondition.message!,
            }
          : undefined,
    },
  };
}
