import { LoggerService } from '@backstage/backend-plugin-api';
import {
  VirtualClusterCondition,
  VirtualClusterPhase,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import {
  ObservedVirtualCluster,
  VirtualClusterProvisioner,
} from '@virtual-clusters/plugin-virtual-clusters-node';
import { HostCluster, HostClusterRegistry } from '../hosts/HostClusterRegistry';
import {
  describeKubernetesError,
  isPermanent,
} from '../provisioner/kubernetesErrors';
import { toApi } from '../services/VirtualClusterService';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
import { VirtualClusterChanges, VirtualClusterRecord } from '../store/types';

/** Attempts of one step before a cluster is marked Failed. */
const MAX_ATTEMPTS = 8;

/** Phases the reconciler moves a cluster out of by itself. */
export type TransitionalPhase =
  | 'Provisioning'
  | 'Upgrading'
  | 'Resuming'
  | 'Pausing'
  | 'Deleting';

/**
 * How long each transitional phase may last before the cluster is marked Failed, and
 * the reason it then gets. The one table of these timeouts.
 */
export const PHASE_TIMEOUTS: Readonly<
  Record<TransitionalPhase, { ms: number; reason: string }>
> = {
  Provisioning: { ms: 20 * 60_000, reason: 'ProvisioningTimeout' },
  Upgrading: { ms: 15 * 60_000, reason: 'UpgradeTimeout' },
  Resuming: { ms: 10 * 60_000, reason: 'ResumeTimeout' },
  Pausing: { ms: 10 * 60_000, reason: 'PauseTimeout' },
  Deleting: { ms: 20 * 60_000, reason: 'DeleteTimeout' },
};

function isTransitional(phase: string): phase is TransitionalPhase {
  return phase in PHASE_TIMEOUTS;
}

/** `major.minor` of a version like `1.32`, `v1.32.5+k3s1` or `v1.32.5`. */
function minorOf(version: string | undefined): string | undefined {
  const match = /^v?(\d+)\.(\d+)/.exec(version ?? '');
  return match ? `${Number(match[1])}.${Number(match[2])}` : undefined;
}

/** A lifecycle change, for notifications and the events service. */
export interface LifecycleChange {
  cluster: VirtualClusterRecord;
  from: VirtualClusterPhase;
  to: VirtualClusterPhase;
}

/** Figures of one reconcile cycle. */
export interface ReconcileStats {
  hostClusters: number;
  clusters: number;
  transitions: number;
  errors: number;
  orphans: number;
  durationMs: number;
}

function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 5 * 60_000);
}

function condition(
  type: string,
  ok: boolean,
  reason: string,
  message: string,
  previous: VirtualClusterCondition[],
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
        : new Date().toISOString(),
  };
}

/**
 * Moves every virtual cluster towards what its user asked for. One cycle lists each
 * host cluster once through the provisioner (a constant number of API calls per host,
 * whatever the number of virtual clusters), then acts on the clusters that need it.
 * All state is in the store, so a restarted backend carries on where it stopped.
 */
export class LifecycleReconciler {
  readonly #store: VirtualClusterStore;
  readonly #hosts: HostClusterRegistry;
  readonly #provisioners: Map<string, VirtualClusterProvisioner>;
  readonly #logger: LoggerService;
  readonly #onChange: (change: LifecycleChange) => Promise<void>;
  readonly #timeouts: Record<TransitionalPhase, { ms: number; reason: string }>;
  /** Orphans per host cluster: objects we labelled whose cluster is not in the store. */
  readonly orphans = new Map<string, ObservedVirtualCluster[]>();

  static create(options: {
    store: VirtualClusterStore;
    hosts: HostClusterRegistry;
    provisioners: Map<string, VirtualClusterProvisioner>;
    logger: LoggerService;
    onChange?: (change: LifecycleChange) => Promise<void>;
    /** Overrides of {@link PHASE_TIMEOUTS}, in milliseconds (tests). */
    phaseTimeoutsMs?: Partial<Record<TransitionalPhase, number>>;
  }) {
    return new LifecycleReconciler(options);
  }

  private constructor(options: {
    store: VirtualClusterStore;
    hosts: HostClusterRegistry;
    provisioners: Map<string, VirtualClusterProvisioner>;
    logger: LoggerService;
    onChange?: (change: LifecycleChange) => Promise<void>;
    phaseTimeoutsMs?: Partial<Record<TransitionalPhase, number>>;
  }) {
    this.#timeouts = Object.fromEntries(
      Object.entries(PHASE_TIMEOUTS).map(([phase, t]) => [
        phase,
        {
          ...t,
          ms: options.phaseTimeoutsMs?.[phase as TransitionalPhase] ?? t.ms,
        },
      ]),
    ) as Record<TransitionalPhase, { ms: number; reason: string }>;
    this.#store = options.store;
    this.#hosts = options.hosts;
    this.#provisioners = options.provisioners;
    this.#logger = options.logger;
    this.#onChange = options.onChange ?? (async () => {});
  }

  /** Runs one cycle over every host cluster. */
  async reconcileAll(): Promise<ReconcileStats> {
    const started = Date.now();
    const stats: ReconcileStats = {
      hostClusters: 0,
      clusters: 0,
      transitions: 0,
      errors: 0,
      orphans: 0,
      durationMs: 0,
    };
    for (const host of this.#hosts.list()) {
      stats.hostClusters++;
      try {
        await this.#reconcileHost(host, stats);
      } catch (error) {
        stats.errors++;
        this.#logger.warn(
          `Host cluster ${
            host.settings.name
          } unreachable this cycle: ${describeKubernetesError(error)}`,
        );
      }
    }
    stats.durationMs = Date.now() - started;
    return stats;
  }

  /** Acts on one cluster right away (after a create or a Day-2 request), without waiting for the cycle. */
  async reconcileOne(id: string): Promise<void> {
    const record = await this.#store.get(id);
    if (!record || record.deletedAt) return;
    const host = this.#hosts.find(record.hostCluster);
    if (!host) return;
    // Only the steps that need no observation; the next cycle observes the outcome.
    if (
      ['Pending', 'Pausing', 'Resuming', 'Upgrading', 'Deleting'].includes(
        record.phase,
      )
    ) {
      await this.#step(host, record, undefined, {
        hostClusters: 0,
        clusters: 0,
        transitions: 0,
        errors: 0,
        orphans: 0,
        durationMs: 0,
      });
    }
  }

  async #reconcileHost(host: HostCluster, stats: ReconcileStats) {
    const provisioner = this.#provisioner(host);
    const [records, observed] = await Promise.all([
      this.#store.listActive(host.settings.name),
      provisioner.observe(host.connection),
    ]);
    const byKey = new Map(observed.map(o => [`${o.namespace}/${o.name}`, o]));
    const known = new Set(records.map(r => r.id));
    const orphans = observed.filter(
      o => !o.clusterId || !known.has(o.clusterId),
    );
    this.orphans.set(host.settings.name, orphans);
    stats.orphans += orphans.length;
    for (const record of records) {
      stats.clusters++;
      const seen = byKey.get(`${record.namespace}/${record.name}`);
      try {
        await this.#step(host, record, seen ?? null, stats);
      } catch (error) {
        stats.errors++;
        this.#logger.warn(
          `Reconciling ${record.name} failed: ${describeKubernetesError(
            error,
          )}`,
        );
      }
    }
  }

  /**
   * One step for one cluster. `observed` is undefined when not looked at (fast path),
   * null when looked at and absent.
   */
  async #step(
    host: HostCluster,
    current: VirtualClusterRecord,
    observed: ObservedVirtualCluster | null | undefined,
    stats: ReconcileStats,
  ): Promise<void> {
    let record = current;
    if (
      observed &&
      JSON.stringify(observed.effectiveQuota ?? null) !==
        JSON.stringify(record.effectiveQuota ?? null)
    ) {
      record =
        (await this.#store.update(record.id, record.version, {
          effectiveQuota: observed.effectiveQuota,
        })) ?? record;
    }
    if (observed !== undefined && isTransitional(record.phase)) {
      const timeout = this.#timeouts[record.phase];
      const elapsed = Date.now() - Date.parse(record.phaseChangedAt);
      if (elapsed > timeout.ms) {
        await this.#move(record, 'Failed', stats, {
          reason: timeout.reason,
          message: `${record.phase} did not finish within ${Math.round(
            timeout.ms / 60_000,
          )} minutes${record.message ? `; last: ${record.message}` : ''}`,
          type: 'failed',
        });
        return;
      }
    }
    if (record.nextAttemptAt && Date.parse(record.nextAttemptAt) > Date.now()) {
      return;
    }
    const provisioner = this.#provisioner(host);
    const target = { cluster: toApi(record), host: host.connection };
    const act = async (
      what: string,
      fn: () => Promise<unknown>,
    ): Promise<boolean> => {
      try {
        await fn();
        return true;
      } catch (error) {
        await this.#failedAttempt(record, what, error);
        return false;
      }
    };

    switch (record.phase) {
      case 'Pending':
        if (await act('create', () => provisioner.create(target))) {
          await this.#move(record, 'Provisioning', stats, {
            message: 'VCluster applied; waiting for the control plane',
            type: 'provisioning',
          });
        }
        return;
      case 'Provisioning':
      case 'Resuming':
      case 'Upgrading':
        await this.#awaitReady(host, record, observed, stats);
        return;
      case 'Running':
        await this.#watchRunning(host, record, observed, stats);
        return;
      case 'Pausing':
        if (!(await act('pause', () => provisioner.pause(target)))) return;
        if (observed?.paused && (observed.replicas?.ready ?? 0) === 0) {
          await this.#move(record, 'Paused', stats, {
            message: 'Control plane scaled to zero; workloads stopped',
          });
        }
        return;
      case 'Paused':
        if (observed && !observed.paused) {
          // someone scaled it back up outside Backstage
          await this.#store.addEvent({
            clusterId: record.id,
            type: 'drift',
            phase: 'Paused',
            message:
              'The control plane was scaled up outside Backstage; pausing it again',
          });
          await act('pause', () => provisioner.pause(target));
        }
        return;
      case 'Deleting': {
        let done = false;
        if (
          !(await act('delete', async () => {
            done = await provisioner.delete(target);
          }))
        )
          return;
        if (done) {
          await this.#move(record, 'Deleted', stats, {
            message: 'Everything the plugin created on the host is gone',
            deletedAt: new Date().toISOString(),
          });
        }
        return;
      }
      default:
        return;
    }
  }

  async #awaitReady(
    host: HostCluster,
    record: VirtualClusterRecord,
    observed: ObservedVirtualCluster | null | undefined,
    stats: ReconcileStats,
  ) {
    const provisioner = this.#provisioner(host);
    const target = { cluster: toApi(record), host: host.connection };
    if (record.phase === 'Resuming') {
      try {
        await provisioner.resume(target);
      } catch (error) {
        await this.#failedAttempt(record, 'resume', error);
        return;
      }
    }
    if (
      record.phase === 'Upgrading' &&
      record.observedGeneration < record.generation
    ) {
      try {
        await provisioner.upgrade(target);
        await this.#save(record, {
          observedGeneration: record.generation,
          message: `Changes sent to the host (generation ${record.generation}); waiting for the provider to apply them`,
        });
      } catch (error) {
        await this.#failedAttempt(record, 'upgrade', error);
      }
      // `observed` was listed before this apply: the outcome is for a later cycle
      return;
    }
    if (observed === undefined) return;
    if (observed === null) {
      if (record.phase === 'Provisioning') {
        // the object vanished (or the API lost it): apply it again
        await this.#recreate(host, record);
      }
      return;
    }
    // the host object holds the spec of this generation (not one listed before the apply)
    const holdsSpec =
      record.phase !== 'Upgrading' ||
      observed.specGeneration === record.generation;
    if (
      observed.failure &&
      holdsSpec &&
      (record.phase === 'Provisioning' || record.phase === 'Upgrading')
    ) {
      await this.#move(record, 'Failed', stats, {
        reason: observed.failure.reason,
        message: observed.failure.message,
        conditions: observed.conditions,
        type: 'failed',
      });
      return;
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
    let version: string | undefined;
    if (waiting.length === 0) {
      const probe = await provisioner.probe({
        cluster: { ...toApi(record), endpoint: observed.endpoint },
        host: host.connection,
      });
      version = probe.version;
      if (!probe.ready) {
        waiting.push(
          `the virtual API server is not ready: ${
            probe.message ?? 'no answer'
          }`,
        );
      } else if (
        record.phase === 'Upgrading' &&
        minorOf(probe.version) !== minorOf(record.spec.kubernetesVersion)
      ) {
        waiting.push(
          `the virtual API server reports ${
            probe.version ?? 'no version'
          }, not ${record.spec.kubernetesVersion}`,
        );
      }
    }
    if (waiting.length === 0) {
      const conditions = [
        condition(
          'Ready',
          true,
          'ControlPlaneReady',
          `The virtual API server answers${version ? ` (${version})` : ''}`,
          record.conditions,
        ),
        ...observed.conditions.filter(c => c.type !== 'Ready'),
      ];
      await this.#move(record, 'Running', stats, {
        endpoint: observed.endpoint,
        conditions,
        observedGeneration: record.generation,
        message:
          record.phase === 'Upgrading'
            ? `Changes applied: ${record.spec.distro} ${
                record.spec.kubernetesVersion
              }, chart ${record.spec.chartVersion}${
                record.spec.quota
                  ? `, quota ${Object.entries(record.spec.quota)
                      .map(([k, v]) => `${k} ${v}`)
                      .join(', ')}`
                  : ''
              }`
            : `Running at ${observed.endpoint}`,
      });
      return;
    }
    const message = `Waiting: ${waiting.join('; ')} (provider phase ${
      observed.providerPhase ?? 'unknown'
    }, replicas ${observed.replicas?.ready ?? 0}/${
      observed.replicas?.desired ?? 0
    })`;
    if (
      message !== record.message ||
      JSON.stringify(observed.conditions) !== JSON.stringify(record.conditions)
    ) {
      await this.#save(record, { message, conditions: observed.conditions });
    }
  }

  async #watchRunning(
    host: HostCluster,
    record: VirtualClusterRecord,
    observed: ObservedVirtualCluster | null | undefined,
    stats: ReconcileStats,
  ) {
    if (observed === undefined) return;
    if (observed === null) {
      await this.#store.addEvent({
        clusterId: record.id,
        type: 'drift',
        phase: 'Provisioning',
        message:
          'The VCluster object disappeared from the host; applying it again',
      });
      await this.#recreate(host, record);
      await this.#move(record, 'Provisioning', stats, {
        message: 'Re-creating after drift',
        type: 'drift-repair',
      });
      return;
    }
    if (observed.paused) {
      await this.#store.addEvent({
        clusterId: record.id,
        type: 'drift',
        phase: 'Resuming',
        message:
          'The control plane was scaled to zero outside Backstage; resuming it',
      });
      await this.#move(record, 'Resuming', stats, {
        message: 'Resuming after drift',
      });
      return;
    }
    const ready = observed.ready;
    const readyCondition = condition(
      'Ready',
      ready,
      ready ? 'ControlPlaneReady' : 'ControlPlaneNotReady',
      ready
        ? 'The virtual API server answers'
        : 'The control plane is not ready',
      record.conditions,
    );
    const conditions = [
      readyCondition,
      ...observed.conditions.filter(c => c.type !== 'Ready'),
    ];
    const changed =
      JSON.stringify(conditions) !== JSON.stringify(record.conditions) ||
      (observed.endpoint && observed.endpoint !== record.endpoint);
    if (changed) {
      await this.#save(record, {
        conditions,
        endpoint: observed.endpoint ?? record.endpoint,
      });
      const before = record.conditions.find(c => c.type === 'Ready');
      if (before && before.status !== readyCondition.status) {
        await this.#store.addEvent({
          clusterId: record.id,
          type: ready ? 'ready' : 'not-ready',
          phase: 'Running',
          message: readyCondition.message!,
        });
      }
    }
  }

  async #recreate(host: HostCluster, record: VirtualClusterRecord) {
    try {
      await this.#provisioner(host).create({
        cluster: toApi(record),
        host: host.connection,
      });
    } catch (error) {
      await this.#failedAttempt(record, 're-create', error);
    }
  }

  async #failedAttempt(
    record: VirtualClusterRecord,
    what: string,
    error: unknown,
  ) {
    const description = describeKubernetesError(error);
    const attempts = record.attempts + 1;
    if (isPermanent(error) || attempts >= MAX_ATTEMPTS) {
      const updated = await this.#store.update(record.id, record.version, {
        phase: 'Failed',
        reason: isPermanent(error) ? 'HostRefused' : 'RetriesExhausted',
        message: `${what} failed: ${description}`,
        attempts,
        nextAttemptAt: undefined,
      });
      if (updated) {
        await this.#store.addEvent({
          clusterId: record.id,
          type: 'failed',
          phase: 'Failed',
          reason: updated.reason,
          message: updated.message!,
        });
        await this.#onChange({
          cluster: updated,
          from: record.phase,
          to: 'Failed',
        });
      }
      return;
    }
    const next = new Date(Date.now() + backoffMs(attempts)).toISOString();
    await this.#store.update(record.id, record.version, {
      attempts,
      nextAttemptAt: next,
      message: `${what} failed (attempt ${attempts} of ${MAX_ATTEMPTS}, retrying): ${description}`,
    });
    await this.#store.addEvent({
      clusterId: record.id,
      type: 'retry',
      phase: record.phase,
      message: `${what} failed, retrying at ${next}: ${description}`,
    });
  }

  async #save(record: VirtualClusterRecord, changes: VirtualClusterChanges) {
    await this.#store.update(record.id, record.version, changes);
  }

  async #move(
    record: VirtualClusterRecord,
    to: VirtualClusterPhase,
    stats: ReconcileStats,
    details: VirtualClusterChanges & { type?: string },
  ) {
    const { type, ...changes } = details;
    const updated = await this.#store.update(record.id, record.version, {
      reason: undefined,
      attempts: 0,
      nextAttemptAt: undefined,
      ...changes,
      phase: to,
    });
    if (!updated) return; // changed meanwhile; the next cycle sees the new state
    stats.transitions++;
    await this.#store.addEvent({
      clusterId: record.id,
      type: type ?? 'phase-changed',
      phase: to,
      reason: changes.reason,
      message: changes.message ?? `${record.phase} → ${to}`,
    });
    this.#logger.info(
      `Virtual cluster ${record.name}: ${record.phase} → ${to}`,
    );
    await this.#onChange({ cluster: updated, from: record.phase, to });
  }

  #provisioner(host: HostCluster): VirtualClusterProvisioner {
    const provisioner = this.#provisioners.get(host.settings.provisioner);
    if (!provisioner) {
      throw new Error(
        `Host cluster ${host.settings.name} asks for provisioner '${host.settings.provisioner}', which is not installed`,
      );
    }
    return provisioner;
  }
}
