import { LoggerService } from '@backstage/backend-plugin-api';
import { decideAction } from '@virtual-clusters/plugin-virtual-clusters-common';
import { HostClusterRegistry } from '../hosts/HostClusterRegistry';
import { toApi } from '../services/VirtualClusterService';
import { VirtualClusterRecord } from '../store/types';
import { SLEEP_REQUESTED } from '../cost/sleepSavings';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
import { decideSleep } from './decideSleep';
import { InsideActivityReader } from './InsideActivityReader';

/** The actor the timeline names for what the sleep rules do. */
export const SLEEP_ACTOR = 'plugin:virtual-clusters/sleep';

/** What one pass did. */
export interface SleepPassStats {
  checked: number;
  slept: number;
  woken: number;
}

/**
 * The platform part of vcluster's sleep mode, which open-source vcluster leaves to
 * the vcluster Platform (pkg/platform/sleepmode, v0.32.3): on each pass it puts to
 * sleep the Running clusters its rules say should sleep (see decideSleep) and wakes
 * the sleeping ones whose wake-up schedule fired, as pause and resume requests the
 * reconciler carries out. Before an idle cluster is put to sleep, the objects inside
 * are asked for a later write. Every change is a versioned update, so two backends
 * that run a pass at once never sleep or wake a cluster twice.
 */
export class SleepController {
  readonly #store: VirtualClusterStore;
  readonly #hosts: HostClusterRegistry;
  readonly #inside?: InsideActivityReader;
  readonly #logger: LoggerService;
  readonly #clock: () => Date;
  readonly #onChange: (id: string) => void;

  static create(options: {
    store: VirtualClusterStore;
    /** The hosts whose clusters it looks at, each listed once per pass. */
    hosts: HostClusterRegistry;
    /** Reads writes inside a cluster; without it only kubeconfigs and views count. */
    inside?: InsideActivityReader;
    logger: LoggerService;
    /** The time now (tests advance it). */
    clock?: () => Date;
    /** Called after a change the reconciler should act on soon. */
    onChange?: (id: string) => void;
  }) {
    return new SleepController(options);
  }

  private constructor(options: Parameters<typeof SleepController.create>[0]) {
    this.#store = options.store;
    this.#hosts = options.hosts;
    this.#inside = options.inside;
    this.#logger = options.logger;
    this.#clock = options.clock ?? (() => new Date());
    this.#onChange = options.onChange ?? (() => {});
  }

  async runOnce(): Promise<SleepPassStats> {
    const stats: SleepPassStats = { checked: 0, slept: 0, woken: 0 };
    for (const host of this.#hosts.list()) {
      const records = await this.#store.listActive(host.settings.name);
      for (const record of records) {
        if (!record.spec.sleep) continue;
        if (record.phase !== 'Running' && record.phase !== 'Paused') continue;
        stats.checked++;
        try {
          const outcome = await this.#consider(record);
          if (outcome) stats[outcome]++;
        } catch (error) {
          this.#logger.warn(`Sleep check of ${record.name} failed: ${error}`, {
            clusterId: record.id,
            cluster: record.name,
          });
        }
      }
    }
    return stats;
  }

  async #consider(
    listed: VirtualClusterRecord,
  ): Promise<'slept' | 'woken' | undefined> {
    let record = listed;
    const now = this.#clock();
    let decision = decideSleep(record, now);
    if (
      decision?.kind === 'sleep' &&
      decision.state.type === 'inactivitySleep' &&
      this.#inside
    ) {
      const changed = await this.#inside.latestChange(toApi(record));
      const last = record.lastActivity ? Date.parse(record.lastActivity.at) : 0;
      if (changed && changed.getTime() > last) {
        const activity = { at: changed.toISOString(), kind: 'change' as const };
        await this.#store.recordActivity(record.id, activity);
        record = { ...record, lastActivity: activity };
        decision = decideSleep(record, now);
      }
    }
    if (!decision) return undefined;
    if (decision.kind === 'sleep') {
      const to = decideAction(record, 'pause');
      if (to.outcome !== 'to') return undefined;
      const updated = await this.#store.update(record.id, record.version, {
        desiredState: 'paused',
        phase: to.to,
        sleep: decision.state,
        message: `Going to sleep: ${decision.state.message}`,
        attempts: 0,
        nextAttemptAt: undefined,
      });
      if (!updated) return undefined; // changed meanwhile (another backend, a user)
      await this.#store.addEvent({
        clusterId: record.id,
        type: SLEEP_REQUESTED,
        phase: to.to,
        reason: decision.state.type,
        message: decision.state.message,
        actor: SLEEP_ACTOR,
      });
      this.#logger.info('Virtual cluster goes to sleep', {
        clusterId: record.id,
        cluster: record.name,
        sleepType: decision.state.type,
      });
      this.#onChange(record.id);
      return 'slept';
    }
    const to = decideAction(record, 'resume');
    if (to.outcome !== 'to') return undefined;
    const updated = await this.#store.update(record.id, record.version, {
      desiredState: 'running',
      phase: to.to,
      sleep: undefined,
      message: decision.message,
      attempts: 0,
      nextAttemptAt: undefined,
    });
    if (!updated) return undefined;
    await this.#store.recordActivity(record.id, {
      at: now.toISOString(),
      kind: 'woken',
    });
    await this.#store.addEvent({
      clusterId: record.id,
      type: 'wake-requested',
      phase: to.to,
      message: decision.message,
      actor: SLEEP_ACTOR,
    });
    this.#logger.info('Virtual cluster wakes up', {
      clusterId: record.id,
      cluster: record.name,
    });
    this.#onChange(record.id);
    return 'woken';
  }
}
