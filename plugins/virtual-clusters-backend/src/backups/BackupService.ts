import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  VirtualClusterBackup,
  VirtualClusterBackupDetails,
  virtualClusterUpdatePermission,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { principalName } from '@virtual-clusters/plugin-virtual-clusters-node';
import { randomUUID } from 'node:crypto';
import { requireAction } from '../lifecycle/requireAction';
import { VirtualClusterRecord } from '../store/types';
import { toApi } from '../services/VirtualClusterService';
import {
  BACKUP_FORMAT,
  BackupContent,
  exportObjects,
  parseBackupContent,
} from './clusterObjects';
import { BACKUP_NOTE, refOf } from './objects';
import { BackupCallOptions, ClusterObjectsDeps } from './types';

const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Backups of a virtual cluster's API objects (RestoreService puts them back, the same
 * cluster or a clone). Volume data is out of scope. Every backup is audited and goes
 * on the cluster's timeline.
 */
export class BackupService {
  readonly #deps: ClusterObjectsDeps;
  readonly #maxBytes: number;

  static create(
    options: ClusterObjectsDeps & {
      /** Largest backup stored; larger ones fail. Default 32 MiB. */
      maxBytes?: number;
    },
  ) {
    return new BackupService(options);
  }

  private constructor(options: Parameters<typeof BackupService.create>[0]) {
    this.#deps = options;
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  /** Backs up a Running cluster's API objects; needs update permission on it. */
  async create(
    clusterId: string,
    options: BackupCallOptions,
  ): Promise<VirtualClusterBackup> {
    const { credentials } = options;
    const cluster = await this.#deps.clusters.authorized(
      clusterId,
      virtualClusterUpdatePermission,
      credentials,
    );
    return this.#take(cluster, principalName(credentials), options.request);
  }

  /**
   * The backend's own backup of a Running cluster, taken for it without a user's
   * request (the final backup before an expired cluster is deleted): audited and on
   * the timeline as any other, with `actor` as the one who took it.
   */
  async takeForPlugin(
    cluster: VirtualClusterRecord,
    actor: string,
  ): Promise<VirtualClusterBackup> {
    return this.#take(cluster, actor);
  }

  async #take(
    cluster: VirtualClusterRecord,
    actor: string,
    request?: BackupCallOptions['request'],
  ): Promise<VirtualClusterBackup> {
    const clusterId = cluster.id;
    requireAction(cluster, 'backup');
    const audit = await this.#deps.auditor.createEvent({
      eventId: 'virtual-cluster-backup',
      severityLevel: 'medium',
      request,
      meta: { clusterId, name: cluster.name },
    });
    const id = randomUUID();
    const createdAt = new Date().toISOString();
    const started = Date.now();
    try {
      const api = this.#deps.connect(
        await this.#deps.kubeconfigs.adminKubeConfig(toApi(cluster)),
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
      await this.#deps.store.insert({ ...backup, content: json });
      const namespaces = exported.objects.filter(
        o => o.kind === 'Namespace',
      ).length;
      const ms = Date.now() - started;
      await this.#deps.clusters.recordEvent(clusterId, {
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
      this.#deps.logger.info('Backup completed', {
        backupId: id,
        clusterId,
        cluster: cluster.name,
        objectCount: backup.objectCount,
        sizeBytes,
        durationMs: ms,
      });
      return { ...backup, note: BACKUP_NOTE };
    } catch (error) {
      const reason = (error as Error).message;
      await this.#deps.store.insert({
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
      await this.#deps.clusters.recordEvent(clusterId, {
        type: 'backup-failed',
        message: `Backup ${id} by ${actor} failed: ${reason}`,
        actor,
      });
      await audit.fail({ error: error as Error, meta: { backupId: id } });
      this.#deps.logger.warn('Backup failed', {
        backupId: id,
        clusterId,
        cluster: cluster.name,
        error: reason,
      });
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
    await this.#deps.clusters.get(clusterId, options);
    return this.#deps.store.list(clusterId);
  }

  /** One backup of a cluster, with a summary (never the objects' contents). */
  async get(
    clusterId: string,
    backupId: string,
    options: BackupCallOptions,
  ): Promise<VirtualClusterBackupDetails> {
    await this.#deps.clusters.get(clusterId, options);
    const backup = await this.#deps.store.get(backupId);
    if (!backup || backup.clusterId !== clusterId) {
      throw new NotFoundError(
        `No backup '${backupId}' of virtual cluster '${clusterId}'`,
      );
    }
    const json = await this.#deps.store.content(backupId);
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
}
