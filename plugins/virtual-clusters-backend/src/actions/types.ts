import type { z } from 'zod/v3';
import { BackupService } from '../backups/BackupService';
import { CostRates } from '../config';
import { CostService } from '../cost/CostService';
import { VirtualClusterService } from '../services/VirtualClusterService';
import { WorkloadsService } from '../workloads/WorkloadsService';

/** The zod the actions registry hands to schema factories (`zod/v3`). */
export type Zod = typeof z;

/**
 * The domain services the actions run through: the same ones the REST router uses,
 * so every action makes the same permission checks, lifecycle checks and audit events
 * as the matching request.
 */
export interface VirtualClusterActionServices {
  clusters: Pick<VirtualClusterService, 'list' | 'get' | 'create' | 'update'>;
  costs: Pick<CostService, 'report' | 'monthToDate'>;
  workloads: Pick<WorkloadsService, 'list'>;
  /** Cost rates of a host cluster. */
  ratesOf: (hostCluster: string) => CostRates;
  /** Backups; without them the backup action is not registered. */
  backups?: Pick<BackupService, 'create'>;
}
