import { VirtualClusterCost } from '@virtual-clusters/plugin-virtual-clusters-common';
import { VirtualClusterRecord } from '../store/types';
import {
  OpenCostAllocation,
  OpenCostAllocationSet,
  OpenCostClient,
} from './OpenCostClient';
import { CONTROL_PLANE } from './types';
import {
  breakdownOf,
  hoursLeftInMonth,
  monthStart,
  roundCost,
} from './costMath';

const HOUR = 3600_000;
const UNMOUNTED = '__unmounted__';
/** Where OpenCost puts volumes no pod mounts, e.g. the data volume of a paused cluster. */
export const UNMOUNTED_VOLUMES = '(unmounted volumes)';
/** Pods of the host namespace that are neither synced nor the control plane. */
export const OTHER = '(other)';

const num = (n: unknown) =>
  typeof n === 'number' && Number.isFinite(n) ? n : 0;
/** RFC 3339 without milliseconds, as OpenCost's window parameter takes it. */
const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Whether an allocation of a set filtered to `namespace` is the cluster's: idle and
 * unallocated cost is nobody's; volumes no pod mounts (`__unmounted__`) are the
 * namespace's, since the query is filtered to it.
 */
function belongs(
  key: string,
  allocation: OpenCostAllocation,
  namespace: string,
): boolean {
  if (key.startsWith('__') && !key.startsWith(UNMOUNTED)) return false;
  const ns = allocation.properties?.namespace;
  return ns === undefined || ns === namespace;
}

function entries(
  set: OpenCostAllocationSet,
  namespace: string,
): Array<[string, OpenCostAllocation]> {
  return Object.entries(set).filter(([key, a]) => belongs(key, a, namespace));
}

function costsOf(a: OpenCostAllocation) {
  return {
    cpu: num(a.cpuCost) + num(a.cpuCostAdjustment),
    memory: num(a.ramCost) + num(a.ramCostAdjustment),
    storage: num(a.pvCost) + num(a.pvCostAdjustment),
    loadBalancer: num(a.loadBalancerCost) + num(a.loadBalancerCostAdjustment),
    total: num(a.totalCost),
  };
}

/**
 * The virtual namespace a host pod belongs to: vcluster's label
 * `vcluster.loft.sh/namespace` (as OpenCost reports labels, also with `_` for `.`
 * and `/`), else its name `<pod>-x-<namespace>-x-<cluster>`; the control plane pod
 * `<cluster>-0` under `(control plane)`.
 */
export function virtualNamespaceOf(
  key: string,
  allocation: OpenCostAllocation,
  clusterName: string,
): string {
  if (key.startsWith(UNMOUNTED)) return UNMOUNTED_VOLUMES;
  const labels = allocation.properties?.labels ?? {};
  const label =
    labels['vcluster.loft.sh/namespace'] ?? labels.vcluster_loft_sh_namespace;
  if (label) return label;
  const pod = allocation.properties?.pod ?? key;
  const suffix = `-x-${clusterName}`;
  if (pod.endsWith(suffix)) {
    const rest = pod.slice(0, -suffix.length);
    const at = rest.lastIndexOf('-x-');
    if (at > 0) return rest.slice(at + 3);
  }
  if (
    pod === `${clusterName}-0` ||
    (labels.app === 'vcluster' && labels.release === clusterName)
  ) {
    return CONTROL_PLANE;
  }
  return OTHER;
}

/**
 * What a virtual cluster costs according to OpenCost: three queries of its Allocation
 * API, all filtered to the cluster's host namespace - the month to date by day
 * (`aggregate=namespace`, `step=1d`) for the daily series, month to date and the
 * breakdown by resource; the month to date by pod (`aggregate=pod`) for the breakdown
 * by virtual namespace; and the last hour (`aggregate=namespace`) for the current rate.
 */
export class OpenCostReporter {
  readonly #client: OpenCostClient;

  static create(options: { client: OpenCostClient }) {
    return new OpenCostReporter(options.client);
  }

  private constructor(client: OpenCostClient) {
    this.#client = client;
  }

  /**
   * @param current - what the cluster requests now, as the built-in sampler measured
   *   it (OpenCost reports averages over a window, not the present).
   */
  async report(
    cluster: VirtualClusterRecord,
    options: {
      currency: string;
      now: Date;
      current: VirtualClusterCost['current'];
    },
  ): Promise<VirtualClusterCost> {
    const { now, currency, current } = options;
    const namespace = cluster.namespace;
    const filter = `namespace:"${namespace}"`;
    const month = `${rfc3339(monthStart(now))},${rfc3339(now)}`;
    const [days, pods, lastHour] = await Promise.all([
      this.#client.allocation({
        window: month,
        aggregate: 'namespace',
        filter,
        step: '1d',
        accumulate: false,
      }),
      this.#client.allocation({
        window: month,
        aggregate: 'pod',
        filter,
        accumulate: true,
      }),
      this.#client.allocation({
        window: `${rfc3339(new Date(now.getTime() - HOUR))},${rfc3339(now)}`,
        aggregate: 'namespace',
        filter,
        accumulate: true,
      }),
    ]);

    const byResource = { cpu: 0, memory: 0, storage: 0, loadBalancer: 0 };
    const daily = new Map<string, number>();
    let monthToDate = 0;
    let sampledAt: string | undefined;
    for (const set of days) {
      for (const [, a] of entries(set, namespace)) {
        const c = costsOf(a);
        byResource.cpu += c.cpu;
        byResource.memory += c.memory;
        byResource.storage += c.storage;
        byResource.loadBalancer += c.loadBalancer;
        monthToDate += c.total;
        const start = a.window?.start ?? a.start;
        if (start) {
          const day = new Date(start).toISOString().slice(0, 10);
          daily.set(day, (daily.get(day) ?? 0) + c.total);
        }
        const end = a.end ?? a.window?.end;
        if (end && (!sampledAt || Date.parse(end) > Date.parse(sampledAt))) {
          sampledAt = new Date(end).toISOString();
        }
      }
    }

    const byNamespace = new Map<string, number>();
    for (const set of pods) {
      for (const [key, a] of entries(set, namespace)) {
        const ns = virtualNamespaceOf(key, a, cluster.name);
        byNamespace.set(ns, (byNamespace.get(ns) ?? 0) + costsOf(a).total);
      }
    }

    let lastHourCost = 0;
    let lastHourMinutes = 0;
    for (const set of lastHour) {
      for (const [, a] of entries(set, namespace)) {
        lastHourCost += num(a.totalCost);
        lastHourMinutes = Math.max(lastHourMinutes, num(a.minutes));
      }
    }
    const hourlyRate =
      cluster.phase === 'Deleted' || lastHourMinutes === 0
        ? 0
        : lastHourCost / (lastHourMinutes / 60);

    return {
      currency,
      source: 'opencost',
      hourlyRate: roundCost(hourlyRate),
      monthToDate: roundCost(monthToDate),
      projectedMonth: roundCost(
        monthToDate + hourlyRate * hoursLeftInMonth(now),
      ),
      daily: [...daily.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([date, cost]) => ({ date, cost: roundCost(cost) })),
      ...breakdownOf(byResource, byNamespace),
      current,
      sampledAt,
    };
  }
}
