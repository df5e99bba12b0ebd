import { VirtualClusterEvent } from '@virtual-clusters/plugin-virtual-clusters-common';
import {
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
  get(id: string): Promise<VirtualClusterRecord | undefined>;
  /** The cluster a create request with this idempotency id made, if any. */
  getByRequestId(requestId: string): Promise<VirtualClusterRecord | undefined>;
  /** Clusters newest first, filtered, with a permission condition applied. */
  list(options: VirtualClusterListOptions): Promise<VirtualClusterPage>;
  /** Clusters the reconciler still acts on, on one host cluster. */
  listActive(hostCluster: string): Promise<VirtualClusterRecord[]>;
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
  addEvent(event: NewVirtualClusterEvent): Promise<void>;
  /** A cluster's timeline, oldest first. */
  listEvents(clusterId: string): Promise<VirtualClusterEvent[]>;
}
