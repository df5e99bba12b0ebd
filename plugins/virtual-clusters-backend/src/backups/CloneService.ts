import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  CloneVirtualClusterBackupRequest,
  VirtualCluster,
  virtualClusterUpdatePermission,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { principalName } from '@virtual-clusters/plugin-virtual-clusters-node';
import { BackupStore } from './BackupStore';
import { BackupCallOptions, ClusterAccess } from './types';

/**
 * Clones: a new cluster like the source, with the restore of one of the source's
 * backups remembered for when it runs (PendingRestoreRunner carries it out).
 */
export class CloneService {
  readonly #store: BackupStore;
  readonly #clusters: ClusterAccess;
  readonly #logger: LoggerService;

  static create(options: {
    store: BackupStore;
    clusters: ClusterAccess;
    logger: LoggerService;
  }) {
    return new CloneService(options);
  }

  private constructor(options: Parameters<typeof CloneService.create>[0]) {
    this.#store = options.store;
    this.#clusters = options.clusters;
    this.#logger = options.logger;
  }

  /**
   * Clones cluster `sourceId` from one of its backups: creates a cluster named
   * `name` on the same host with the same owner, distro, version and related
   * entities, and remembers to restore the backup into it once it runs (see
   * PendingRestoreRunner). Needs update permission on the source (a backup holds Secrets)
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
        // the same profile versions (the clone is on the source's host, whose
        // defaults it has anyway)
        ...(source.spec.profiles?.length
          ? {
              profiles: source.spec.profiles.map(({ name, version }) => ({
                name,
                version,
              })),
            }
          : {}),
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
      this.#logger.info('Clone requested', {
        backupId: backup.id,
        sourceClusterId: source.id,
        clusterId: cluster.id,
        cluster: cluster.name,
        actor,
      });
    }
    return cluster;
  }
}
