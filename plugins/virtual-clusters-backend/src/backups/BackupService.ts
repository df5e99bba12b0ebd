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
import {
  RestoreVirtualClusterBackupRequest,
  VirtualCluster,
  VirtualClusterBackup,
  VirtualClusterBackupDetails,
  virtualClusterUpdatePermission,
  VirtualClusterRestoreResult,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import {
  toApi,
  VirtualClusterService,
} from '../services/VirtualClusterService';
import { VirtualClusterRecord } from '../store/types';
import { BackupStore } from './BackupStore';
import {
  BACKUP_FORMAT,
  BackupContent,
  exportObjects,
  ObjectsApi,
  parseBackupContent,
  restoreObjects,
} from './clusterObjects';
import { KubernetesJsonClient } from './KubernetesJsonClient';
import { BACKUP_NOTE, refOf } from './objects';

/** Reads a virtual cluster's admin kubeconfig; the KubeconfigIssuer does. */
export interface AdminKubeConfigSource {
  adminKubeConfig(cluster: VirtualCluster): Promise<KubeConfig>;
}

/** What backups need of the cluster service: permission checks and the timeline. */
export type ClusterAccess = Pick<
  VirtualClusterService,
  'authorized' | 'get' | 'recordEvent'
>;

/** Options of every call: who asks, and the HTTP request for the audit log. */
export type BackupCallOptions = {
  credentials: BackstageCredentials;
  request?: Request;
};

const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? principal.type;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function requireRunning(cluster: VirtualClusterRecord, what: string) {
  if (cluster.phase !== 'Running') {
    throw new ConflictError(
      `${cluster.name} is ${cluster.phase}: ${what} needs a Running cluster`,
    );
  }
}

/**
 * Backups of a virtual cluster's API objects, and restores of them into the same or
 * another virtual cluster (a clone). Volume data is out of scope. Every backup and
 * restore is audited and goes on the cluster's timeline.
 */
export class BackupService {
  readonly #store: BackupStore;
  readonly #clusters: ClusterAccess;
  readonly #kubeconfigs: AdminKubeConfigSource;
  readonly #auditor: AuditorService;
  readonly #logger: LoggerService;
  readonly #maxBytes: number;
  readonly #connect: (kc: KubeConfig) => ObjectsApi;

  static create(options: {
    store: BackupStore;
    clusters: ClusterAccess;
    kubeconfigs: AdminKubeConfigSource;
    auditor: AuditorService;
    logger: LoggerService;
    /** Largest backup stored; larger ones fail. Default 32 MiB. */
    maxBytes?: number;
    /** The API client of a cluster; KubernetesJsonClient unless a test replaces it. */
    connect?: (kc: KubeConfig) => ObjectsApi;
  }) {
    return new BackupService(options);
  }

  private constructor(options: Parameters<typeof BackupService.create>[0]) {
    this.#store = options.store;
    this.#clusters = options.clusters;
    this.#kubeconfigs = options.kubeconfigs;
    this.#auditor = options.auditor;
    this.#logger = options.logger;
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.#connect = options.connect ?? (kc => new KubernetesJsonClient(kc));
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
    requireRunning(cluster, 'a backup');
    const actor = actorOf(credentials);
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
    requireRunning(target, 'a restore');
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
    const actor = actorOf(credentials);
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
