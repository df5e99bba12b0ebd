import { LoggerService } from '@backstage/backend-plugin-api';
import { VirtualClusterPhase } from '@virtual-clusters/plugin-virtual-clusters-common';
import {
  ObservedVirtualCluster,
  VirtualClusterProvisioner,
} from '@virtual-clusters/plugin-virtual-clusters-node';
import { HostCluster, HostClusterRegistry } from '../hosts/HostClusterRegistry';
import { describeKubernetesError, isPermanent } from '../kubernetes/errors';
import {
  ProfileCatalog,
  ProfileChangedError,
} from '../profiles/ProfileCatalog';
import { toApi } from '../services/VirtualClusterService';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
import { VirtualClusterChanges, VirtualClusterRecord } from '../store/types';
import {
  Decision,
  decide,
  decideAfterProbe,
  Observation,
  Outcome,
  PHASE_TIMEOUTS,
  PhaseTimeouts,
  TimedPhase,
} from './decide';

/** Attempts of one step before a cluster is marked Failed. */
const MAX_ATTEMPTS = 8;

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

function emptyStats(): ReconcileStats {
  return {
    hostClusters: 0,
    clusters: 0,
    transitions: 0,
    errors: 0,
    orphans: 0,
    durationMs: 0,
  };
}

function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 5 * 60_000);
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
  readonly #provisioners: ReadonlyMap<string, VirtualClusterProvisioner>;
  readonly #logger: LoggerService;
  readonly #onChange: (change: LifecycleChange) => Promise<void>;
  readonly #timeouts: PhaseTimeouts;
  readonly #profiles: ProfileCatalog;
  /** Orphans per host cluster: objects we labelled whose cluster is not in the store. */
  readonly orphans = new Map<string, ObservedVirtualCluster[]>();

  static create(options: {
    store: VirtualClusterStore;
    hosts: HostClusterRegistry;
    provisioners: ReadonlyMap<string, VirtualClusterProvisioner>;
    logger: LoggerService;
    onChange?: (change: LifecycleChange) => Promise<void>;
    /** The application profiles, to resolve what vcluster installs (none when left out). */
    profiles?: ProfileCatalog;
    /** Overrides of {@link PHASE_TIMEOUTS}, in milliseconds (tests). */
    phaseTimeoutsMs?: Partial<Record<TimedPhase, number>>;
  }) {
    return new LifecycleReconciler(options);
  }

  private constructor(
    options: Parameters<typeof LifecycleReconciler.create>[0],
  ) {
    this.#timeouts = Object.fromEntries(
      Object.entries(PHASE_TIMEOUTS).map(([phase, t]) => [
        phase,
        {
          ...t,
          ms: options.phaseTimeoutsMs?.[phase as TimedPhase] ?? t.ms,
        },
      ]),
    ) as PhaseTimeouts;
    this.#store = options.store;
    this.#profiles = options.profiles ?? ProfileCatalog.create([]);
    this.#hosts = options.hosts;
    this.#provisioners = options.provisioners;
    this.#logger = options.logger;
    this.#onChange = options.onChange ?? (async () => {});
  }

  /** Runs one cycle over every host cluster. */
  async reconcileAll(): Promise<ReconcileStats> {
    const started = Date.now();
    const stats = emptyStats();
    for (const host of this.#hosts.list()) {
      stats.hostClusters++;
      try {
        await this.#reconcileHost(host, stats);
      } catch (error) {
        stats.errors++;
        this.#logger.warn('Host cluster unreachable this cycle', {
          hostCluster: host.settings.name,
          error: describeKubernetesError(error),
        });
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
    await this.#step(host, record, { kind: 'unobserved' }, emptyStats());
  }

  /** {@link LifecycleReconciler.reconcileOne} in the background; a failure is logged and the next cycle tries again. */
  reconcileSoon(id: string): void {
    this.reconcileOne(id).catch(error =>
      this.#logger.warn('Immediate reconcile failed', {
        clusterId: id,
        error: String(error),
      }),
    );
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
        await this.#step(
          host,
          record,
          seen ? { kind: 'present', cluster: seen } : { kind: 'absent' },
          stats,
        );
      } catch (error) {
        stats.errors++;
        this.#logger.warn('Reconciling a virtual cluster failed', {
          clusterId: record.id,
          cluster: record.name,
          error: describeKubernetesError(error),
        });
      }
    }
  }

  /** One step for one cluster: {@link decide}, then carry the decision out. */
  async #step(
    host: HostCluster,
    current: VirtualClusterRecord,
    observation: Observation,
    stats: ReconcileStats,
  ): Promise<void> {
    let record = current;
    const observed =
      observation.kind === 'present' ? observation.cluster : undefined;
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
    const decision = decide(record, observation, {
      now: Date.now(),
      timeouts: this.#timeouts,
    });
    await this.#carryOut(host, record, decision, stats);
  }

  async #carryOut(
    host: HostCluster,
    record: VirtualClusterRecord,
    decision: Decision,
    stats: ReconcileStats,
  ): Promise<void> {
    if (decision.note) {
      await this.#store.addEvent({ clusterId: record.id, ...decision.note });
    }
    let deleted = false;
    if (decision.call) {
      const { name, what } = decision.call;
      const cluster = toApi(record);
      const provisioner = this.#provisioner(host);
      try {
        // what vcluster installs is part of the values these calls apply
        const rendersValues = ['create', 'update', 'upgrade'].includes(name);
        const target = {
          cluster,
          host: host.connection,
          ...(rendersValues
            ? { profiles: this.#profiles.resolve(cluster) }
            : {}),
        };
        if (name === 'delete') deleted = await provisioner.delete(target);
        else await provisioner[name](target);
      } catch (error) {
        await this.#failedAttempt(record, what, error);
        return;
      }
    }
    await this.#apply(host, record, decision.then, deleted, stats);
  }

  async #apply(
    host: HostCluster,
    record: VirtualClusterRecord,
    outcome: Outcome,
    deleted: boolean,
    stats: ReconcileStats,
  ): Promise<void> {
    switch (outcome.kind) {
      case 'move':
        await this.#move(record, outcome.to, stats, {
          ...outcome.changes,
          type: outcome.type,
        });
        return;
      case 'move-when-deleted':
        if (deleted)
          await this.#move(record, 'Deleted', stats, outcome.changes);
        return;
      case 'save':
        await this.#save(record, outcome.changes);
        if (outcome.note) {
          await this.#store.addEvent({ clusterId: record.id, ...outcome.note });
        }
        return;
      case 'probe': {
        const probe = await this.#provisioner(host).probe({
          cluster: { ...toApi(record), endpoint: outcome.observed.endpoint },
          host: host.connection,
        });
        const next = decideAfterProbe(
          record,
          outcome.observed,
          probe,
          Date.now(),
        );
        await this.#apply(host, record, next, deleted, stats);
        return;
      }
      default:
        return;
    }
  }

  async #failedAttempt(
    record: VirtualClusterRecord,
    what: string,
    error: unknown,
  ) {
    const description = describeKubernetesError(error);
    const attempts = record.attempts + 1;
    // a profile version changed in place stays changed until an admin restores it
    const permanent =
      (error instanceof ProfileChangedError && 'ProfileChanged') ||
      (isPermanent(error) && 'HostRefused');
    if (permanent || attempts >= MAX_ATTEMPTS) {
      const updated = await this.#store.update(record.id, record.version, {
        phase: 'Failed',
        reason: permanent || 'RetriesExhausted',
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
    this.#logger.info('Virtual cluster phase changed', {
      clusterId: record.id,
      cluster: record.name,
      from: record.phase,
      to,
    });
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
