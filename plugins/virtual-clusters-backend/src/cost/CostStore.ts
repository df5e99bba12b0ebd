import { CostBucket, RequestedResources } from './types';

/** Resource-hours of one cluster over a period. */
export interface ResourceHours {
  cpuCoreHours: number;
  memoryGiBHours: number;
  storageGiBHours: number;
  loadBalancerHours: number;
}

/**
 * Hourly buckets of requested resources integrated over time, per virtual cluster.
 * Each sample adds `requested × time since the previous sample` (capped, so a backend
 * that was down does not bill the gap at the old rate) to the bucket of its hour.
 * DatabaseCostStore keeps them in the plugin's database.
 */
export interface CostStore {
  /** Adds a sample of what a cluster requests now; a gap counts up to `maxGapMs`. */
  addSample(
    clusterId: string,
    at: Date,
    requested: RequestedResources,
    options: { maxGapMs: number },
  ): Promise<void>;
  /** Buckets of one cluster from `since` on, oldest first. */
  buckets(clusterId: string, since: Date): Promise<CostBucket[]>;
  /** The newest bucket of one cluster. */
  latest(clusterId: string): Promise<CostBucket | undefined>;
  /**
   * The newest bucket of one cluster whose last sample was taken at or before `at`
   * (its `last` is the last sample stored before then).
   */
  sampledBefore(clusterId: string, at: Date): Promise<CostBucket | undefined>;
  /**
   * Resource-hours of many clusters from `since` on, summed per cluster (for lists);
   * clusters without samples are missing from the map.
   */
  usageSince(
    clusterIds: string[],
    since: Date,
  ): Promise<Map<string, ResourceHours>>;
  /** As {@link CostStore.usageSince}, for every cluster sampled from `since` on. */
  allUsageSince(since: Date): Promise<Map<string, ResourceHours>>;
}
