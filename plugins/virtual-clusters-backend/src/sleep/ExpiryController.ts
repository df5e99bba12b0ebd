import { LoggerService } from '@backstage/backend-plugin-api';
import { decideAction } from '@virtual-clusters/plugin-virtual-clusters-common';
import { HostClusterRegistry } from '../hosts/HostClusterRegistry';
import { VirtualClusterChanges, VirtualClusterRecord } from '../store/types';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
import { decideExpiry } from './expiry';

/** How long after a failed final backup the next is tried. */
const RETRY_MS = 10 * 60_000;

/** The actor the timeline names for what the expiry rules do. */
export const EXPIRY_ACTOR = 'plugin:virtual-clusters/expiry';

/** Takes the final backup of a Running cluster; throws when it fails. */
export type FinalBackup = (
  cluster: VirtualClusterRecord,
) => Promise<{ id: string; objectCount: number }>;

/** Tells a cluster's owners something (a Backstage notification). */
export type NotifyOwners = (
  cluster: VirtualClusterRecord,
  payload: { title: string; description: string; severity: 'normal' | 'high' },
) => Promise<void>;

/** What one pass did. */
export interface ExpiryPassStats {
  noticed: number;
  expired: number;
}

/**
 * Expiry: tells owners before a cluster expires, and at its expiry takes a final
 * backup (waking a paused or sleeping cluster for it first) and deletes it; the backup
 * stays restorable into a new cluster. A cluster that cannot be backed up because it
 * never ran (Pending, Provisioning, Failed) is deleted without one, and says so.
 * Every step is a versioned update, so two backends never act on a cluster twice.
 */
export class ExpiryController {
  readonly #deps: {
    store: VirtualClusterStore;
    hosts: HostClusterRegistry;
    backup: FinalBackup;
    notify: NotifyOwners;
    logger: LoggerService;
  };
  readonly #clock: () => Date;
  readonly #onChange: (id: string) => void;

  static create(options: {
    store: VirtualClusterStore;
    hosts: HostClusterRegistry;
    backup: FinalBackup;
    notify: NotifyOwners;
    logger: LoggerService;
    clock?: () => Date;
    onChange?: (id: string) => void;
  }) {
    return new ExpiryController(options);
  }

  private constructor(options: Parameters<typeof ExpiryController.create>[0]) {
    this.#deps = options;
    this.#clock = options.clock ?? (() => new Date());
    this.#onChange = options.onChange ?? (() => {});
  }

  async runOnce(): Promise<ExpiryPassStats> {
    const stats: ExpiryPassStats = { noticed: 0, expired: 0 };
    for (const host of this.#deps.hosts.list()) {
      const records = await this.#deps.store.listActive(host.settings.name);
      for (const record of records) {
        try {
          const outcome = await this.#consider(record, host.settings.expiry);
          if (outcome) stats[outcome]++;
        } catch (error) {
          this.#deps.logger.warn(`Expiry of ${record.name} failed: ${error}`, {
            clusterId: record.id,
            cluster: record.name,
          });
        }
      }
    }
    return stats;
  }

  async #consider(
    record: VirtualClusterRecord,
    settings: Parameters<typeof decideExpiry>[1],
  ): Promise<'noticed' | 'expired' | undefined> {
    const now = this.#clock();
    const decision = decideExpiry(record, settings, now);
    if (!decision) return undefined;
    const { store } = this.#deps;
    if (decision.kind === 'sleep-expiry') {
      const updated = await store.update(record.id, record.version, {
        expiresAt: decision.expiresAt,
        expiryNoticeDays: undefined,
      });
      if (updated) {
        await store.addEvent({
          clusterId: record.id,
          type: 'expiry-set',
          message: `Asleep since ${record.sleep!.since}: expires at ${
            decision.expiresAt
          } unless it is extended`,
          actor: EXPIRY_ACTOR,
        });
      }
      return undefined;
    }
    if (decision.kind === 'notice') {
      const updated = await store.update(record.id, record.version, {
        expiryNoticeDays: decision.days,
      });
      if (!updated) return undefined;
      const when =
        decision.days === 1 ? 'tomorrow' : `in ${decision.days} days`;
      await this.#deps.notify(record, {
        title: `Virtual cluster ${record.name} expires ${when}`,
        description: `It is deleted at ${decision.expiresAt}, after a final backup. Extend it on its page to keep it.`,
        severity: decision.days === 1 ? 'high' : 'normal',
      });
      await store.addEvent({
        clusterId: record.id,
        type: 'expiry-notice',
        message: `Owners told it expires ${when} (${decision.expiresAt})`,
        actor: EXPIRY_ACTOR,
      });
      return 'noticed';
    }
    return this.#expire(record, decision.expiresAt, now);
  }

  async #expire(
    record: VirtualClusterRecord,
    expiresAt: string,
    now: Date,
  ): Promise<'expired' | undefined> {
    const { store } = this.#deps;
    if (
      record.expiryAttemptedAt &&
      now.getTime() - Date.parse(record.expiryAttemptedAt) < RETRY_MS &&
      record.phase === 'Running'
    ) {
      return undefined; // a final backup failed a moment ago
    }
    const startsOver = ['Pending', 'Provisioning', 'Failed'].includes(
      record.phase,
    );
    if (record.phase === 'Paused') {
      // the final backup reads the objects through the running API server
      const to = decideAction(record, 'resume');
      if (to.outcome !== 'to') return undefined;
      const updated = await store.update(record.id, record.version, {
        desiredState: 'running',
        phase: to.to,
        sleep: undefined,
        message: `Waking for its final backup: it expired at ${expiresAt}`,
        attempts: 0,
        nextAttemptAt: undefined,
      });
      if (updated) {
        await store.addEvent({
          clusterId: record.id,
          type: 'wake-requested',
          phase: to.to,
          message: `Woken for its final backup: it expired at ${expiresAt}`,
          actor: EXPIRY_ACTOR,
        });
        this.#onChange(record.id);
      }
      return undefined;
    }
    if (record.phase !== 'Running' && !startsOver) return undefined;

    // claimed with a versioned write: another backend's pass skips it; a write of
    // another kind in between (the reconciler's) is read again and claimed over
    const claim = now.toISOString();
    const claimed = await this.#write(
      record,
      r =>
        r.expiryAttemptedAt === record.expiryAttemptedAt &&
        r.phase === record.phase,
      () => ({ expiryAttemptedAt: claim }),
    );
    if (!claimed) return undefined;
    let backupNote: string;
    if (record.phase === 'Running') {
      try {
        const backup = await this.#deps.backup(claimed);
        backupNote = `final backup ${backup.id} (${backup.objectCount} objects) stays restorable into a new cluster`;
      } catch (error) {
        await store.addEvent({
          clusterId: record.id,
          type: 'expiry-postponed',
          message: `Expired at ${expiresAt}, but its final backup failed, so it is kept and tried again in 10 minutes: ${error}`,
          actor: EXPIRY_ACTOR,
        });
        return undefined;
      }
    } else {
      backupNote = `no final backup: it was ${record.phase} and never ran its API server for one`;
    }
    // the backup takes a while, in which the reconciler may have saved the cluster:
    // deleted on the fresh record while the claim is still this pass's
    const deleting = await this.#write(
      claimed,
      r =>
        r.expiryAttemptedAt === claim &&
        decideAction(r, 'delete').outcome === 'to',
      r => {
        const to = decideAction(r, 'delete');
        return {
          desiredState: 'deleted',
          phase: to.outcome === 'to' ? to.to : r.phase,
          message: `Expired at ${expiresAt}`,
          attempts: 0,
          nextAttemptAt: undefined,
        };
      },
    );
    if (!deleting) return undefined;
    await store.addEvent({
      clusterId: record.id,
      type: 'expired',
      phase: deleting.phase,
      message: `Expired at ${expiresAt} and is being deleted; ${backupNote}`,
      actor: EXPIRY_ACTOR,
    });
    this.#deps.logger.info('Virtual cluster expired', {
      clusterId: record.id,
      cluster: record.name,
    });
    this.#onChange(record.id);
    return 'expired';
  }

  /**
   * Writes `change` with a versioned update; when another write came in between, reads
   * the cluster again and tries once more while `still` holds for it (three tries).
   */
  async #write(
    record: VirtualClusterRecord,
    still: (current: VirtualClusterRecord) => boolean,
    change: (current: VirtualClusterRecord) => VirtualClusterChanges,
  ): Promise<VirtualClusterRecord | undefined> {
    let current: VirtualClusterRecord | undefined = record;
    for (let tries = 0; tries < 3 && current && still(current); tries++) {
      const updated = await this.#deps.store.update(
        current.id,
        current.version,
        change(current),
      );
      if (updated) return updated;
      current = await this.#deps.store.get(record.id);
    }
    return undefined;
  }
}
