import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  RestoreVirtualClusterBackupRequest,
  virtualClusterUpdatePermission,
  VirtualClusterRestoreResult,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { principalName } from '@virtual-clusters/plugin-virtual-clusters-node';
import type { Request } from 'express';
import { requireAction } from '../lifecycle/requireAction';
import { toApi } from '../services/VirtualClusterService';
import { VirtualClusterRecord } from '../store/types';
import { parseBackupContent, restoreObjects } from './clusterObjects';
import { BACKUP_NOTE } from './objects';
import { BackupCallOptions, ClusterObjectsDeps } from './types';

/**
 * Restores of a backup's objects into a virtual cluster: the same one, or another one
 * the caller may update (a clone). Each restore is audited and goes on the timeline.
 */
export class RestoreService {
  readonly #deps: ClusterObjectsDeps;

  static create(options: ClusterObjectsDeps) {
    return new RestoreService(options);
  }

  private constructor(options: Parameters<typeof RestoreService.create>[0]) {
    this.#deps = options;
  }

  /**
   * Applies a backup's objects to cluster `targetId` (update permission on it, and it
   * must be Running). The backup may be of another cluster the caller can read: a
   * clone.
   */
  async restore(
    targetId: string,
    body: RestoreVirtualClusterBackupRequest,
    options: BackupCallOptions,
  ): Promise<VirtualClusterRestoreResult> {
    const { credentials } = options;
    if (typeof body?.backupId !== 'string' || !body.backupId) {
      throw new InputError('backupId is required');
    }
    const target = await this.#deps.clusters.authorized(
      targetId,
      virtualClusterUpdatePermission,
      credentials,
    );
    requireAction(target, 'restore');
    const backup = await this.#deps.store.get(body.backupId);
    const notFound = new NotFoundError(`No backup '${body.backupId}'`);
    if (!backup) throw notFound;
    const source = await this.#deps.clusters
      .get(backup.clusterId, options)
      .catch(error => {
        throw error instanceof NotFoundError ? notFound : error;
      });
    if (backup.status !== 'completed') {
      throw new ConflictError(
        `Backup ${backup.id} failed and holds nothing to restore`,
      );
    }
    const clone = source.id !== target.id;
    if (clone) {
      // a backup holds Secrets that a read-only (view) kubeconfig cannot see: cloning
      // needs the same right on the source as a restore into it
      await this.#deps.clusters.authorized(
        source.id,
        virtualClusterUpdatePermission,
        credentials,
      );
    }
    return this.apply({
      target,
      source,
      backupId: backup.id,
      actor: principalName(credentials),
      request: options.request,
    });
  }

  /**
   * Applies backup `backupId` to `target` and puts the outcome on its timeline and in
   * the audit log; a failure is a ServiceUnavailableError, recorded the same way.
   */
  async apply(options: {
    target: VirtualClusterRecord;
    source: VirtualClusterRecord;
    backupId: string;
    actor: string;
    request?: Request;
  }): Promise<VirtualClusterRestoreResult> {
    const { target, source, actor } = options;
    const backup = { id: options.backupId };
    const targetId = target.id;
    const clone = source.id !== target.id;
    const audit = await this.#deps.auditor.createEvent({
      eventId: 'virtual-cluster-restore',
      severityLevel: 'high',
      request: options.request,
      meta: {
        clusterId: targetId,
        name: target.name,
        backupId: backup.id,
        sourceClusterId: source.id,
        clone,
      },
    });
    const started = Date.now();
    const what = clone
      ? `Clone of ${source.name} from backup ${backup.id}`
      : `Restore of backup ${backup.id}`;
    try {
      const content = parseBackupContent(
        (await this.#deps.store.content(backup.id)) ?? '',
      );
      const api = this.#deps.connect(
        await this.#deps.kubeconfigs.adminKubeConfig(toApi(target)),
      );
      const outcome = await restoreObjects(api, content.objects);
      const result: VirtualClusterRestoreResult = {
        backupId: backup.id,
        sourceClusterId: source.id,
        targetClusterId: target.id,
        clone,
        objectCount: content.objects.length,
        ...outcome,
        durationMs: Date.now() - started,
        note: BACKUP_NOTE,
      };
      const failedAll = outcome.failed > 0 && outcome.applied === 0;
      await this.#deps.clusters.recordEvent(targetId, {
        type: failedAll ? 'restore-failed' : 'restore-completed',
        message: `${what} by ${actor}: ${outcome.applied} applied, ${
          outcome.failed
        } failed, ${outcome.skipped} left as they were, of ${
          result.objectCount
        } objects in ${result.durationMs} ms${
          outcome.failures.length
            ? ` (first failure: ${outcome.failures[0].kind} ${
                outcome.failures[0].namespace
                  ? `${outcome.failures[0].namespace}/`
                  : ''
              }${outcome.failures[0].name}: ${outcome.failures[0].message})`
            : ''
        }. Volume data is not included.`,
        actor,
      });
      const meta = {
        applied: outcome.applied,
        failed: outcome.failed,
        skipped: outcome.skipped,
      };
      if (outcome.failed) {
        await audit.fail({
          error: new Error(`${outcome.failed} objects failed to apply`),
          meta,
        });
      } else {
        await audit.success({ meta });
      }
      this.#deps.logger.info(clone ? 'Clone restored' : 'Restore completed', {
        backupId: backup.id,
        sourceClusterId: source.id,
        clusterId: target.id,
        cluster: target.name,
        applied: outcome.applied,
        failed: outcome.failed,
        durationMs: result.durationMs,
      });
      return result;
    } catch (error) {
      const reason = (error as Error).message;
      await this.#deps.clusters.recordEvent(targetId, {
        type: 'restore-failed',
        message: `${what} by ${actor} failed: ${reason}`,
        actor,
      });
      await audit.fail({ error: error as Error });
      if (error instanceof ServiceUnavailableError) throw error;
      throw new ServiceUnavailableError(
        `${what} into ${target.name} failed: ${reason}`,
      );
    }
  }
}
