import {
  CloneVirtualClusterBackupRequest,
  ClusterGroupStatus,
  CreateVirtualClusterRequest,
  HostClusterStatus,
  ListVirtualClustersRequest,
  ListVirtualClustersResponse,
  PodLogsRequest,
  RestartableWorkloadKind,
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
  VirtualClusterAccessGrant,
  VirtualClusterRevokeResult,
  WorkloadEvent,
  WorkloadObjectKind,
  WorkloadRestartResult,
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
  /**
   * One cluster; a user's read is a portal view that keeps it awake, except with
   * `refresh` (a page re-reading what it shows).
   */
  getCluster(
    id: string,
    options?: VirtualClustersRequestOptions & { refresh?: boolean },
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
  /** Every event of one object inside the cluster, newest first. */
  getWorkloadEvents(
    id: string,
    object: { namespace: string; kind: WorkloadObjectKind; name: string },
    options?: VirtualClustersRequestOptions,
  ): Promise<WorkloadEvent[]>;
  /** One object's YAML, without managed fields and without a Secret's data. */
  getWorkloadYaml(
    id: string,
    object: { namespace: string; kind: WorkloadObjectKind; name: string },
    options?: VirtualClustersRequestOptions,
  ): Promise<string>;
  /** Restarts a Deployment, StatefulSet or DaemonSet as `kubectl rollout restart` does. */
  restartWorkload(
    id: string,
    object: { namespace: string; kind: RestartableWorkloadKind; name: string },
    options?: VirtualClustersRequestOptions,
  ): Promise<WorkloadRestartResult>;
  /** Deletes a pod inside the cluster. */
  deletePod(
    id: string,
    pod: { namespace: string; name: string },
    options?: VirtualClustersRequestOptions,
  ): Promise<void>;
  /** A container's log, read with the caller's own rights inside the cluster. */
  getPodLogs(
    id: string,
    pod: { namespace: string; name: string },
    request?: PodLogsRequest,
    options?: VirtualClustersRequestOptions,
  ): Promise<string>;
  /**
   * Follows a container's log: `onText` gets each piece as it comes, until the
   * backend ends the stream (after `followSeconds`) or `signal` aborts.
   */
  followPodLogs(
    id: string,
    pod: { namespace: string; name: string },
    request: PodLogsRequest & { followSeconds?: number },
    onText: (text: string) => void,
    options?: VirtualClustersRequestOptions & { signal?: AbortSignal },
  ): Promise<void>;
  /** Who holds kubeconfigs of the cluster. */
  listAccessGrants(
    id: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualClusterAccessGrant[]>;
  /** Revokes every kubeconfig a principal was given for the cluster. */
  revokeAccess(
    id: string,
    principal: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualClusterRevokeResult>;
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
