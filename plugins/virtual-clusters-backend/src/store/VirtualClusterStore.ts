import {
  VirtualClusterActivity,
  VirtualClusterEvent,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import {
  ClusterAdmission,
  LiveClusterSummary,
  NewVirtualClusterEvent,
  VirtualClusterChanges,
  VirtualClusterListOptions,
  VirtualClusterPage,
  VirtualClusterRecord,
} from './types';

/**
 * Where virtual clusters and their timelines are kept; DatabaseVirtualClusterStore
 * keeps them in the plugin's database.
 */
export interface VirtualClusterStore {
  /**
   * Inserts a new cluster.
   *
   * @throws ConflictError when a live cluster of the same name exists
   */
  insert(record: VirtualClusterRecord): Promise<void>;
  /**
   * Inserts the cluster an admission decides on, deciding and inserting under its
   * lock, so that concurrent creates on the same group or host never go past a limit
   * (on PostgreSQL a row lock, on SQLite its one writer).
   *
   * @returns the inserted record
   * @throws what `decide` throws, and nothing is inserted; ConflictError as `insert`
   */
  admit(admission: ClusterAdmission): Promise<VirtualClusterRecord>;
  get(id: string): Promise<VirtualClusterRecord | undefined>;
  /** The cluster a create request with this idempotency id made, if any. */
  getByRequestId(requestId: string): Promise<VirtualClusterRecord | undefined>;
  /** Clusters newest first, filtered, with a permission condition applied. */
  list(options: VirtualClusterListOptions): Promise<VirtualClusterPage>;
  /** Clusters the reconciler still acts on, on one host cluster. */
  listActive(hostCluster: string): Promise<VirtualClusterRecord[]>;
  /** Where the live clusters on these hosts are, whose, and their quotas. */
  liveClusters(hostClusters: string[]): Promise<LiveClusterSummary[]>;
  /** Live clusters on a host, optionally of one owner. */
  countLive(filter: { hostCluster: string; owner?: string }): Promise<number>;
  /**
   * Updates a cluster if nobody changed it since `expectedVersion` was read.
   *
   * @returns the updated record, or undefined when it changed meanwhile
   */
  update(
    id: string,
    expectedVersion: number,
    changes: VirtualClusterChanges,
  ): Promise<VirtualClusterRecord | undefined>;
  /**
   * Notes the last activity seen on a cluster without changing its version (it is no
   * change of state: requests and reconciles in flight stay valid).
   */
  recordActivity(id: string, activity: VirtualClusterActivity): Promise<void>;
  addEvent(event: NewVirtualClusterEvent): Promise<void>;
  /** A cluster's timeline, oldest first. */
  listEvents(clusterId: string): Promise<VirtualClusterEvent[]>;
  /** Which of `clusterIds` have an event of `type` on their timeline (one query). */
  withEventType(clusterIds: string[], type: string): Promise<Set<string>>;
}
