import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  ListVirtualClustersResponse,
  VirtualCluster,
  VirtualClusterEvent,
  VirtualClusterPhase,
  VirtualClusterQuota,
} from '@virtual-clusters/plugin-virtual-clusters-common';

/** What the user asked the cluster to be; the reconciler moves the phase towards it. */
export type DesiredState = 'running' | 'paused' | 'deleted';

/** A stored virtual cluster with the bookkeeping the API does not show. */
export interface VirtualClusterRecord extends VirtualCluster {
  desiredState: DesiredState;
  /** Optimistic concurrency counter, bumped by every update. */
  version: number;
  requestId?: string;
  phaseChangedAt: string;
  /** Failed attempts of the current step, for backoff. */
  attempts: number;
  nextAttemptAt?: string;
  /** The smallest expiry notice sent to the owners, in days before the expiry. */
  expiryNoticeDays?: number;
  /** When the expiry was last acted on (a final backup tried). */
  expiryAttemptedAt?: string;
}

/** What an admission counts of one live cluster: where it is, whose, its quota. */
export interface LiveClusterSummary {
  hostCluster: string;
  owner: string;
  quota?: VirtualClusterQuota;
}

/**
 * A create that decides under a lock: `decide` sees the live clusters on
 * `hostClusters` (those admitted before it included) and returns the record to
 * insert, or throws to refuse.
 */
export interface ClusterAdmission {
  /** One lock per cluster group, or per host outside a group. */
  lockKey: string;
  hostClusters: string[];
  decide(live: LiveClusterSummary[]): VirtualClusterRecord;
  /** Decide only: nothing is inserted. */
  dryRun?: boolean;
}

/** Filter of a store query. */
export interface VirtualClusterFilter {
  owner?: string;
  entityRef?: string;
  hostCluster?: string;
  phase?: VirtualClusterPhase[];
  includeDeleted?: boolean;
}

/** Which clusters a store list returns: a filter, a permission condition, a page. */
export interface VirtualClusterListOptions {
  filter?: VirtualClusterFilter;
  conditions?: PermissionCriteria<VirtualClusterQuery>;
  limit: number;
  offset: number;
}

/** A page of stored clusters, as the API pages them. */
export type VirtualClusterPage = Omit<ListVirtualClustersResponse, 'items'> & {
  items: VirtualClusterRecord[];
};

/** Permission condition query: the rules' `toQuery` produce these. */
export type VirtualClusterQuery =
  | { property: 'owner'; values: string[] }
  | { property: 'hostCluster'; values: string[] }
  | { property: 'clusterGroup'; values: string[] };

/** Fields an update may change. */
export type VirtualClusterChanges = Partial<
  Pick<
    VirtualClusterRecord,
    | 'spec'
    | 'desiredState'
    | 'phase'
    | 'reason'
    | 'message'
    | 'conditions'
    | 'endpoint'
    | 'effectiveQuota'
    | 'sleep'
    | 'expiresAt'
    | 'expiryNoticeDays'
    | 'expiryAttemptedAt'
    | 'generation'
    | 'observedGeneration'
    | 'attempts'
    | 'nextAttemptAt'
    | 'deletedAt'
  >
>;

/** A new timeline entry. */
export type NewVirtualClusterEvent = Omit<
  VirtualClusterEvent,
  'id' | 'createdAt'
>;
