import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { KubeConfig } from '@kubernetes/client-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  canDo,
  CloneVirtualClusterBackupRequest,
  RestoreVirtualClusterBackupRequest,
  VirtualCluster,
  VirtualClusterBackup,
  VirtualClusterBackupDetails,
  virtualClusterUpdatePermission,
  VirtualClusterRestoreResult,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { principalName } from '@virtual-clusters/plugin-virtual-clusters-node';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import {
  toApi,
  VirtualClusterService,
} from '../services/VirtualClusterService';
import { VirtualClusterRecord } from '../store/types';
import { requireAction } from '../lifecycle/requireAction';
import { BackupStore } from './BackupStore';
import {
  BACKUP_FORMAT,
  BackupContent,
  exportObjects,
  ObjectsApi,
  parseBackupContent,
  restoreObjects,
} from './clusterObjects';
import { KubernetesClient } from '../kubernetes/KubernetesClient';
import { BACKUP_NOTE, refOf } from './objects';

/** Reads a virtual cluster's admin kubeconfig; the KubeconfigIssuer does. */
export interface AdminKubeConfigSource {
  adminKubeConfig(cluster: VirtualCluster): Promise<KubeConfig>;
}

/**
 * What backups need of the cluster service: permission checks, the timeline, and
 * creating the new cluster of a clone.
 */
export type ClusterAccess = Pick<
  VirtualClusterService,
  'authorized' | 'get' | 'recordEvent' | 'create'
>;

/** Reads clusters without a caller, for restores that run in the background. */
export interface ClusterRecords {
  get(id: string): Promise<VirtualClusterRecord | undefined>;
}

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

/** Options of every call: who asks, and the HTTP request for the audit log. */
export type BackupCallOptions = {
  credentials: BackstageCredentials;
  request?: Request;
};

const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Backups of a virtual cluster's API objects, and restores of them into the same or
 * another virtual cluster (a clone). Volume data is out of scope. Every backup and
 * restore is audited and goes on the cluster's timeline.
 */
export class BackupService {
  readonly #store: BackupStore;
  readonly #clusters: ClusterAccess;
  readonly #records: ClusterRecords;
  readonly #notifications?: Pick<NotificationService, 'send'>;
  readonly #kubeconfigs: AdminKubeConfigSource;
  readonly #auditor: AuditorService;
  readonly #logger: LoggerService;
  readonly #maxBytes: number;
  readonly #connect: (kc: KubeConfig) => ObjectsApi;

  static create(options: {
    store: BackupStore;
    clusters: ClusterAccess;
    /** The cluster store, for restores that run without a caller. */
    records: ClusterRecords;
    kubeconfigs: AdminKubeConfigSource;
    auditor: AuditorService;
    logger: LoggerService;
    /** Tells the requester of a clone how it ended. */
    notifications?: Pick<NotificationService, 'send'>;
    /** Largest backup stored; larger ones fail. Default 32 MiB. */
    maxBytes?: number;
    /** The API client of a cluster; KubernetesClient unless a test replaces it. */
    connect?: (kc: KubeConfig) => ObjectsApi;
  }) {
    return new BackupService(options);
  }

  private constructor(options: Parameters<typeof BackupService.create>[0]) {
    this.#store = options.store;
    this.#clusters = options.clusters;
    this.#records = options.records;
    this.#notifications = options.notifications;
    this.#kubeconfigs = options.kubeconfigs;
    this.#auditor = options.auditor;
    this.#logger = options.logger;
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.#connect = options.connect ?? (kc => KubernetesClient.create(kc));
  }

  /** Backs up a Running cluster's API objects; needs update permission on it. */
  async create(
    clusterId: string,
    options: BackupCallOptions,
  ): Promise<VirtualClusterBackup> {
    const { credentials } = options;
    const cluster = await this.#clusters.authorized(
      clusterId,
      virtualClusterUpdatePermission,
      credentials,
    );
    requireAction(cluster, 'backup');
    const actor = principalName(credentials);
    const audit = await this.#auditor.createEvent({
      eventId: 'virtual-cluster-backup',
      severityLevel: 'medium',
      request: options.request,
      meta: { clusterId, name: cluster.name },
    });
    const id = randomUUID();
    const createdAt = new Date().toISOString();
    const started = Date.now();
    try {
      const api = this.#connect(
        await this.#kubeconfigs.adminKubeConfig(toApi(cluster)),
      );
      const exported = await exportObjects(api);
      const content: BackupContent = {
        format: BACKUP_FORMAT,
        source: {
          clusterId,
          name: cluster.name,
          serverVersion: exported.serverVersion,
        },
        createdAt,
        objects: exported.objects,
        warnings: exported.warnings,
      };
      const json = JSON.stringify(content);
      const sizeBytes = Buffer.byteLength(json);
      if (sizeBytes > this.#maxBytes) {
        throw new Error(
          `the export is ${formatBytes(sizeBytes)}, more than the ${formatBytes(
            this.#maxBytes,
          )} a backup may hold`,
        );
      }
      const backup = {
        id,
        clusterId,
        status: 'completed' as const,
        objectCount: exported.objects.length,
        sizeBytes,
        createdBy: actor,
        createdAt,
        completedAt: new Date().toISOString(),
      };
      await this.#store.insert({ ...backup, content: json });
      const namespaces = exported.objects.filter(
        o => o.kind === 'Namespace',
      ).length;
      const ms = Date.now() - started;
      await this.#clusters.recordEvent(clusterId, {
        type: 'backup-completed',
        message: `Backup ${id} by ${actor}: ${
          backup.objectCount
        } objects in ${namespaces} namespaces (${
          exported.types
        } resource types, ${formatBytes(sizeBytes)}) in ${ms} ms${
          exported.warnings.length
            ? `; ${exported.warnings.length} warnings`
            : ''
        }. Volume data is not included.`,
        actor,
      });
      await audit.success({
        meta: { backupId: id, objectCount: backup.objectCount, sizeBytes },
      });
      this.#logger.info(
        `Backup ${id} of ${cluster.name}: ${backup.objectCount} objects, ${sizeBytes} bytes, ${ms} ms`,
      );
      return { ...backup, note: BACKUP_NOTE };
    } catch (error) {
      const reason = (error as Error).message;
      await this.#store.insert({
        id,
        clusterId,
        status: 'failed',
        objectCount: 0,
        sizeBytes: 0,
        error: reason,
        createdBy: actor,
        createdAt,
        completedAt: new Date().toISOString(),
      });
      await this.#clusters.recordEvent(clusterId, {
        type: 'backup-failed',
        message: `Backup ${id} by ${actor} failed: ${reason}`,
        actor,
      });
      await audit.fail({ error: error as Error, meta: { backupId: id } });
      this.#logger.warn(`Backup ${id} of ${cluster.name} failed: ${reason}`);
      if (error instanceof ServiceUnavailableError) throw error;
      throw new ServiceUnavailableError(
        `Backup of ${cluster.name} failed (recorded as ${id}): ${reason}`,
      );
    }
  }

  /** Backups of a cluster, newest first, without their contents. */
  async list(
    clusterId: string,
    options: BackupCallOptions,
  ): Promise<VirtualClusterBackup[]> {
    await this.#clusters.get(clusterId, options);
    return this.#store.list(clusterId);
  }

  /** One backup of a cluster, with a summary (never the objects' contents). */
  async get(
    clusterId: string,
    backupId: string,
    options: BackupCallOptions,
  ): Promise<VirtualClusterBackupDetails> {
    await this.#clusters.get(clusterId, options);
    const backup = await this.#store.get(backupId);
    if (!backup || backup.clusterId !== clusterId) {
      throw new NotFoundError(
        `No backup '${backupId}' of virtual cluster '${clusterId}'`,
      );
    }
    const json = await this.#store.content(backupId);
    const content = json ? parseBackupContent(json) : undefined;
    const objects = content?.objects ?? [];
    const kinds: Record<string, number> = {};
    for (const o of objects) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
    return {
      ...backup,
      kinds,
      namespaces: objects
        .filter(o => o.kind === 'Namespace')
        .map(o => o.metadata.name)
        .sort(),
      objects: objects.map(refOf),
      warnings: content?.warnings ?? [],
    };
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
    const target = await this.#clusters.authorized(
      targetId,
      virtualClusterUpdatePermission,
      credentials,
    );
    requireAction(target, 'restore');
    const backup = await this.#store.get(body.backupId);
    const notFound = new NotFoundError(`No backup '${body.backupId}'`);
    if (!backup) throw notFound;
    const source = await this.#clusters
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
      await this.#clusters.authorized(
        source.id,
        virtualClusterUpdatePermission,
        credentials,
      );
    }
    return this.#apply({
      target,
      source,
      backupId: backup.id,
      actor: principalName(credentials),
      request: options.request,
    });
  }

  /**
   * Clones cluster `sourceId` from one of its backups: creates a cluster named
   * `name` on the same host with the same owner, distro, version and related
   * entities, and remembers to restore the backup into it once it runs (see
   * restorePending). Needs update permission on the source (a backup holds Secrets)
   * and create permission. Idempotent for the same backup and name.
   */
  async clone(
    sourceId: string,
    body: CloneVirtualClusterBackupRequest,
    options: BackupCallOptions,
  ): Promise<VirtualCluster> {
    const { credentials } = options;
    if (typeof body?.backupId !== 'string' || !body.backupId) {
      throw new InputError('backupId is required');
    }
    if (typeof body?.name !== 'string' || !body.name) {
      throw new InputError('name is required');
    }
    const source = await this.#clusters.authorized(
      sourceId,
      virtualClusterUpdatePermission,
      credentials,
    );
    const backup = await this.#store.get(body.backupId);
    if (!backup || backup.clusterId !== sourceId) {
      throw new NotFoundError(
        `No backup '${body.backupId}' of virtual cluster '${sourceId}'`,
      );
    }
    if (backup.status !== 'completed') {
      throw new ConflictError(
        `Backup ${backup.id} failed and holds nothing to clone`,
      );
    }
    const actor = principalName(credentials);
    const { cluster, created } = await this.#clusters.create(
      {
        name: body.name,
        hostCluster: source.hostCluster,
        owner: source.owner,
        distro: source.spec.distro,
        kubernetesVersion: source.spec.kubernetesVersion,
        ...(source.spec.quota ? { quota: source.spec.quota } : {}),
        relatedEntityRefs: source.relatedEntityRefs,
        requestId: `clone:${backup.id}:${body.name}`,
      },
      { credentials },
    );
    if (created) {
      await this.#store.addPendingRestore({
        clusterId: cluster.id,
        backupId: backup.id,
        requestedBy: actor,
      });
      await this.#clusters.recordEvent(cluster.id, {
        type: 'clone-requested',
        message: `Clone of ${source.name} requested by ${actor}: backup ${backup.id} (${backup.objectCount} objects) is restored into this cluster once it runs`,
        actor,
      });
      await this.#clusters.recordEvent(source.id, {
        type: 'cloned',
        message: `Backup ${backup.id} is being cloned into ${cluster.name} by ${actor}`,
        actor,
      });
      this.#logger.info(
        `Clone of ${source.name} from backup ${backup.id} into ${cluster.name} (${cluster.id}) requested by ${actor}`,
      );
    }
    return cluster;
  }

  /**
   * Runs the restores of clones whose new cluster now runs; the reconcile task calls
   * it every cycle. A restore is claimed first, so one instance runs it; a failed one
   * is tried again next cycle, up to MAX_RESTORE_ATTEMPTS times; a clone whose
   * cluster is deleted is given up. Every outcome goes on the cluster's timeline.
   */
  async restorePending(): Promise<PendingRestoreStats> {
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
        const result = await this.#apply({
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
        this.#logger.warn(
          `Restore of backup ${claimed.backupId} into ${target.name} failed (attempt ${claimed.attempts} of ${MAX_RESTORE_ATTEMPTS}): ${reason}`,
        );
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
      this.#logger.warn(
        `Could not notify ${recipient} about clone ${target.name}: ${error}`,
      );
    }
  }

  /**
   * Applies backup `backupId` to `target` and puts the outcome on its timeline and in
   * the audit log; a failure is a ServiceUnavailableError, recorded the same way.
   */
  async #apply(options: {
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
    const audit = await this.#auditor.createEvent({
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
        (await this.#store.content(backup.id)) ?? '',
      );
      const api = this.#connect(
        await this.#kubeconfigs.adminKubeConfig(toApi(target)),
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
      await this.#clusters.recordEvent(targetId, {
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
      this.#logger.info(
        `${what} into ${target.name}: ${outcome.applied} applied, ${outcome.failed} failed, ${result.durationMs} ms`,
      );
      return result;
    } catch (error) {
      const reason = (error as Error).message;
      await this.#clusters.recordEvent(targetId, {
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
