import {
  CloneVirtualClusterBackupRequest,
  ClusterGroupStatus,
  CreateVirtualClusterRequest,
  HostClusterStatus,
  ListVirtualClustersRequest,
  ListVirtualClustersResponse,
  RestoreVirtualClusterBackupRequest,
  VirtualCluster,
  VirtualClusterBackup,
  VirtualClusterBackupDetails,
  VirtualClusterCost,
  VirtualClusterEvent,
  VirtualClusterProfile,
  VirtualClusterProfilesResponse,
  VirtualClusterRestoreResult,
  VirtualClusterUpdate,
  WorkloadsResponse,
} from '../types';

/**
 * Options of every request: a token to send, for callers (backend modules) whose
 * fetch does not add one.
 *
 * @public
 */
export interface VirtualClustersRequestOptions {
  token?: string;
}

/**
 * The backend API of the virtual-clusters plugin.
 *
 * @public
 */
export interface VirtualClustersApi {
  listHostClusters(
    options?: VirtualClustersRequestOptions,
  ): Promise<HostClusterStatus[]>;
  /** Cluster groups with each member's readiness, capacity and placed quotas. */
  listClusterGroups(
    options?: VirtualClustersRequestOptions,
  ): Promise<ClusterGroupStatus[]>;
  /** The application profiles admins configured, with their versions and layers. */
  listProfiles(
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualClusterProfile[]>;
  listClusters(
    request?: ListVirtualClustersRequest,
    options?: VirtualClustersRequestOptions,
  ): Promise<ListVirtualClustersResponse>;
  getCluster(
    id: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualCluster>;
  createCluster(
    request: CreateVirtualClusterRequest,
    options?: VirtualClustersRequestOptions & { dryRun?: boolean },
  ): Promise<VirtualCluster>;
  updateCluster(
    id: string,
    update: VirtualClusterUpdate,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualCluster>;
  deleteCluster(
    id: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualCluster>;
  listEvents(
    id: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualClusterEvent[]>;
  /** Everything running inside the virtual cluster. */
  getWorkloads(
    id: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<WorkloadsResponse>;
  /** The profiles attached to a cluster, with each layer's state inside it. */
  getClusterProfiles(
    id: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualClusterProfilesResponse>;
  /** What the virtual cluster costs. */
  getCost(
    id: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualClusterCost>;
  /** The kubeconfig YAML for the caller. */
  getKubeconfig(
    id: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<string>;
  /** Backs up the cluster's API objects (not volume data). */
  createBackup(
    id: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualClusterBackup>;
  /** Backups of a cluster, newest first, without their contents. */
  listBackups(
    id: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualClusterBackup[]>;
  /** One backup with a summary of the objects it holds. */
  getBackup(
    id: string,
    backupId: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualClusterBackupDetails>;
  /**
   * Re-applies a backup's objects into cluster `id`; a backup of another cluster
   * clones that cluster's objects.
   */
  restoreBackup(
    id: string,
    request: RestoreVirtualClusterBackupRequest,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualClusterRestoreResult>;
  /**
   * Clones cluster `id` from one of its backups into a new cluster, which the
   * backend creates now and restores the backup into once it runs.
   */
  cloneBackup(
    id: string,
    request: CloneVirtualClusterBackupRequest,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualCluster>;
}
