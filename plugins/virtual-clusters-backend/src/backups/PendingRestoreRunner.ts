import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { canDo } from '@virtual-clusters/plugin-virtual-clusters-common';
import { VirtualClusterRecord } from '../store/types';
import { BackupStore } from './BackupStore';
import { RestoreService } from './RestoreService';
import { ClusterAccess, ClusterRecords } from './types';

/** What one pass over the waiting clones did. */
export interface PendingRestoreStats {
  restored: number;
  retried: number;
  waiting: number;
  abandoned: number;
}

/** How often a clone's restore is tried before it is given up. */
export const MAX_RESTORE_ATTEMPTS = 5;
/** How long one instance holds a clone's restore while it runs it. */
const RESTORE_LEASE_MS = 10 * 60_000;

/**
 * Carries out the restores of clones once their new cluster runs, and tells whoever
 * asked how it ended.
 */
export class PendingRestoreRunner {
  readonly #store: BackupStore;
  readonly #clusters: Pick<ClusterAccess, 'recordEvent'>;
  readonly #records: ClusterRecords;
  readonly #restores: RestoreService;
  readonly #notifications?: Pick<NotificationService, 'send'>;
  readonly #logger: LoggerService;

  static create(options: {
    store: BackupStore;
    clusters: Pick<ClusterAccess, 'recordEvent'>;
    /** The cluster store: the runner acts without a caller. */
    records: ClusterRecords;
    restores: RestoreService;
    /** Tells the requester of a clone how it ended. */
    notifications?: Pick<NotificationService, 'send'>;
    logger: LoggerService;
  }) {
    return new PendingRestoreRunner(options);
  }

  private constructor(
    options: Parameters<typeof PendingRestoreRunner.create>[0],
  ) {
    this.#store = options.store;
    this.#clusters = options.clusters;
    this.#records = options.records;
    this.#restores = options.restores;
    this.#notifications = options.notifications;
    this.#logger = options.logger;
  }

  /**
   * Runs the restores of clones whose new cluster now runs; its own scheduled task
   * (virtual-clusters-pending-restores) calls it. A restore is claimed first, so one instance runs it; a failed one
   * is tried again next cycle, up to MAX_RESTORE_ATTEMPTS times; a clone whose
   * cluster is deleted is given up. Every outcome goes on the cluster's timeline.
   */
  async run(): Promise<PendingRestoreStats> {
    const stats = { restored: 0, retried: 0, waiting: 0, abandoned: 0 };
    for (const pending of await this.#store.listPendingRestores()) {
      const target = await this.#records.get(pending.clusterId);
      if (!target) continue;
      // Deleting and Deleted come with desiredState deleted
      if (target.desiredState === 'deleted') {
        await this.#store.removePendingRestore(target.id);
        await this.#clusters.recordEvent(target.id, {
          type: 'restore-failed',
          message: `Clone given up: ${target.name} is being deleted; backup ${pending.backupId} was not restored`,
          actor: pending.requestedBy,
        });
        stats.abandoned++;
        continue;
      }
      if (!canDo(target, 'restore')) {
        stats.waiting++;
        continue;
      }
      const claimed = await this.#store.claimPendingRestore(
        target.id,
        RESTORE_LEASE_MS,
      );
      if (!claimed) continue;
      try {
        const backup = await this.#store.get(claimed.backupId);
        const source = backup && (await this.#records.get(backup.clusterId));
        if (!backup || !source) {
          throw new NotFoundError(
            `Backup ${claimed.backupId} or its cluster no longer exists`,
          );
        }
        const result = await this.#restores.apply({
          target,
          source,
          backupId: backup.id,
          actor: claimed.requestedBy,
        });
        await this.#store.removePendingRestore(target.id);
        stats.restored++;
        await this.#tell(claimed.requestedBy, target, {
          title: `Clone ${target.name} is ready`,
          description: `${result.applied} of ${result.objectCount} objects of ${
            source.name
          } restored${
            result.failed ? `, ${result.failed} failed` : ''
          }. Volume data is not included.`,
          severity: result.failed ? 'high' : 'normal',
        });
      } catch (error) {
        const reason = (error as Error).message;
        if (
          claimed.attempts >= MAX_RESTORE_ATTEMPTS ||
          error instanceof NotFoundError
        ) {
          await this.#store.removePendingRestore(target.id);
          await this.#clusters.recordEvent(target.id, {
            type: 'restore-failed',
            message: `Clone given up after ${claimed.attempts} attempts: ${reason}`,
            actor: claimed.requestedBy,
          });
          stats.abandoned++;
          await this.#tell(claimed.requestedBy, target, {
            title: `Clone ${target.name} failed`,
            description: `The backup was not restored into it: ${reason}`,
            severity: 'high',
          });
        } else {
          await this.#store.releasePendingRestore(target.id, reason);
          stats.retried++;
        }
        this.#logger.warn('Restore of a clone failed', {
          backupId: claimed.backupId,
          clusterId: target.id,
          cluster: target.name,
          attempt: claimed.attempts,
          maxAttempts: MAX_RESTORE_ATTEMPTS,
          error: reason,
        });
      }
    }
    return stats;
  }

  /** Tells whoever asked for a clone how it ended, if notifications are installed. */
  async #tell(
    recipient: string,
    target: VirtualClusterRecord,
    payload: {
      title: string;
      description: string;
      severity: 'normal' | 'high';
    },
  ) {
    if (!this.#notifications || !recipient.startsWith('user:')) return;
    try {
      await this.#notifications.send({
        recipients: { type: 'entity', entityRef: recipient },
        payload: {
          ...payload,
          link: `/catalog/default/resource/vc-${target.name}/virtual-clusters`,
          topic: 'virtual-clusters.clone',
        },
      });
    } catch (error) {
      this.#logger.warn('Could not notify about a clone', {
        recipient,
        clusterId: target.id,
        error: String(error),
      });
    }
  }
}
