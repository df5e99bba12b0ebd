import {
  HostClusterStatus,
  VirtualClusterQuota,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { CHART_QUOTA_REQUESTS } from '../provisioner/renderVClusterValues';
import { parseQuantity } from '../services/quantities';
import { LiveClusterSummary } from '../store/types';
import { Resources } from './placement';

const GiB = 1024 ** 3;

/** Nothing placed. */
export const NO_RESOURCES: Resources = { cpu: 0, memory: 0, storage: 0 };

/**
 * What a cluster's quota lets it ask of its host: the cluster's own quota over the
 * chart's default `requests.*`, as helm merges them; a cluster without a quota counts
 * with the chart's defaults, the most its ResourceQuota would allow if it had one.
 */
export function quotaResources(quota?: VirtualClusterQuota): Resources {
  return {
    cpu: parseQuantity(quota?.cpu ?? CHART_QUOTA_REQUESTS['requests.cpu']),
    memory: parseQuantity(
      quota?.memory ?? CHART_QUOTA_REQUESTS['requests.memory'],
    ),
    storage: parseQuantity(
      quota?.storage ?? CHART_QUOTA_REQUESTS['requests.storage'],
    ),
  };
}

/** A quota limit as resources; keys left out are not limited. */
export function limitResources(
  quota?: Pick<VirtualClusterQuota, 'cpu' | 'memory' | 'storage'>,
): Partial<Resources> | undefined {
  if (!quota) return undefined;
  const limit: Partial<Resources> = {};
  for (const key of ['cpu', 'memory', 'storage'] as const) {
    if (quota[key] !== undefined) limit[key] = parseQuantity(quota[key]);
  }
  return limit;
}

/** A host's allocatable CPU and memory in base units, from its status; undefined when unknown. */
export function allocatableOf(
  status: HostClusterStatus | undefined,
): Pick<Resources, 'cpu' | 'memory'> | undefined {
  const allocatable = status?.capacity?.allocatable;
  return (
    allocatable && {
      cpu: allocatable.cpuCores,
      memory: allocatable.memoryGiB * GiB,
    }
  );
}

/** Resources added up. */
export function addResources(a: Resources, b: Resources): Resources {
  return {
    cpu: a.cpu + b.cpu,
    memory: a.memory + b.memory,
    storage: a.storage + b.storage,
  };
}

/** The quotas of live clusters added up, of those that `which` selects. */
export function placedResources(
  live: LiveClusterSummary[],
  which: (cluster: LiveClusterSummary) => boolean,
): Resources {
  return live
    .filter(which)
    .reduce(
      (sum, c) => addResources(sum, quotaResources(c.quota)),
      NO_RESOURCES,
    );
}

/** Resources as the API shows them: cores and GiB, rounded to hundredths. */
export function toAmounts(resources: Partial<Resources>) {
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    cpuCores: round(resources.cpu ?? 0),
    memoryGiB: round((resources.memory ?? 0) / GiB),
    ...(resources.storage !== undefined
      ? { storageGiB: round(resources.storage / GiB) }
      : {}),
  };
}
