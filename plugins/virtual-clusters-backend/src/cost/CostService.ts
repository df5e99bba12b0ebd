import { LoggerService } from '@backstage/backend-plugin-api';
import { VirtualClusterCost } from '@virtual-clusters/plugin-virtual-clusters-common';
import { LRUCache } from 'lru-cache';
import { CostRates, OpenCostSettings } from '../config';
import { VirtualClusterRecord } from '../store/types';
import { CostStore } from './CostStore';
import { OpenCostClient } from './OpenCostClient';
import { OpenCostReporter } from './OpenCostReporter';
import { CostBucket, RequestedResources } from './types';
import {
  breakdownOf,
  hoursLeftInMonth,
  monthStart,
  roundCost,
} from './costMath';

const HOURS_PER_MONTH = 730;
/** Most OpenCost answers kept; each for the `cacheTtl` of its host. */
const MAX_CACHED_REPORTS = 1_000;

/** Cost of resource-hours at the given rates. */
export function priceOf(
  usage: {
    cpuCoreHours: number;
    memoryGiBHours: number;
    storageGiBHours: number;
    loadBalancerHours?: number;
  },
  rates: CostRates,
) {
  const cpu = usage.cpuCoreHours * rates.cpuCoreHour;
  const memory = usage.memoryGiBHours * rates.memoryGiBHour;
  const storage =
    (usage.storageGiBHours * rates.storageGiBMonth) / HOURS_PER_MONTH;
  const loadBalancer = (usage.loadBalancerHours ?? 0) * rates.loadBalancerHour;
  return {
    cpu,
    memory,
    storage,
    loadBalancer,
    total: cpu + memory + storage + loadBalancer,
  };
}

/** Cost per hour of resources requested now. */
export function hourlyRateOf(
  current: RequestedResources,
  rates: CostRates,
): number {
  return priceOf(
    {
      cpuCoreHours: current.cpuCores,
      memoryGiBHours: current.memoryGiB,
      storageGiBHours: current.storageGiB,
      loadBalancerHours: current.loadBalancers,
    },
    rates,
  ).total;
}

/**
 * What a virtual cluster costs. Without OpenCost: stored hourly buckets of requested
 * resources priced at the host's rates. With OpenCost configured on the host: its
 * Allocation API, reused for `cacheTtl`; when OpenCost fails, the built-in estimate
 * with a `note` that says why.
 */
export class CostService {
  readonly #costs: CostStore;
  readonly #logger?: LoggerService;
  readonly #reporters = new WeakMap<OpenCostSettings, OpenCostReporter>();
  readonly #cache = new LRUCache<string, VirtualClusterCost | Error>({
    max: MAX_CACHED_REPORTS,
  });

  static create(options: { costs: CostStore; logger?: LoggerService }) {
    return new CostService(options.costs, options.logger);
  }

  private constructor(costs: CostStore, logger?: LoggerService) {
    this.#costs = costs;
    this.#logger = logger;
  }

  /** What the cluster costs, from OpenCost where the host has it, else from rates. */
  async report(
    cluster: VirtualClusterRecord,
    rates: CostRates,
    now = new Date(),
  ): Promise<VirtualClusterCost> {
    const estimate = await this.estimate(cluster, rates, now);
    if (!rates.opencost) return estimate;
    const result = await this.#fromOpenCost(
      cluster,
      rates.opencost,
      estimate,
      now,
    );
    if (!(result instanceof Error)) return result;
    return {
      ...estimate,
      note: `${result.message}; showing the built-in estimate (requested resources × configured rates) instead`,
    };
  }

  async #fromOpenCost(
    cluster: VirtualClusterRecord,
    settings: OpenCostSettings,
    estimate: VirtualClusterCost,
    now: Date,
  ): Promise<VirtualClusterCost | Error> {
    const key = `${settings.baseUrl} ${cluster.id}`;
    const cached = this.#cache.get(key);
    if (cached) return cached;
    let reporter = this.#reporters.get(settings);
    if (!reporter) {
      reporter = OpenCostReporter.create({
        client: OpenCostClient.create({ settings }),
      });
      this.#reporters.set(settings, reporter);
    }
    let result: VirtualClusterCost | Error;
    try {
      result = await reporter.report(cluster, {
        currency: estimate.currency,
        now,
        current: estimate.current,
      });
    } catch (error) {
      result = error instanceof Error ? error : new Error(String(error));
      this.#logger?.warn(
        `Cost of ${cluster.name} from OpenCost failed, using the built-in estimate: ${result.message}`,
        {
          clusterId: cluster.id,
          cluster: cluster.name,
          opencost: settings.baseUrl,
          error: result.message,
        },
      );
    }
    this.#cache.set(key, result, { ttl: settings.cacheTtlMs });
    return result;
  }

  /**
   * Month to date of many clusters at once, for lists: one query, priced at each
   * cluster's host rates. Clusters on a host with OpenCost are left out (their cost
   * comes from OpenCost, one cluster at a time).
   */
  async monthToDate(
    clusters: Array<Pick<VirtualClusterRecord, 'id' | 'hostCluster'>>,
    ratesOf: (hostCluster: string) => CostRates,
    now = new Date(),
  ): Promise<Map<string, { currency: string; monthToDate: number }>> {
    const priced = clusters.filter(c => !ratesOf(c.hostCluster).opencost);
    const usage = await this.#costs.usageSince(
      priced.map(c => c.id),
      monthStart(now),
    );
    return new Map(
      priced.map(c => {
        const rates = ratesOf(c.hostCluster);
        const used = usage.get(c.id);
        return [
          c.id,
          {
            currency: rates.currency,
            monthToDate: used ? roundCost(priceOf(used, rates).total) : 0,
          },
        ];
      }),
    );
  }

  /** The built-in estimate: stored buckets of requested resources × the host's rates. */
  async estimate(
    cluster: VirtualClusterRecord,
    rates: CostRates,
    now = new Date(),
  ): Promise<VirtualClusterCost> {
    const start = monthStart(now);
    const buckets = await this.#costs.buckets(cluster.id, start);
    const latest =
      buckets[buckets.length - 1] ?? (await this.#costs.latest(cluster.id));
    const current: RequestedResources = latest?.last ?? {
      cpuCores: 0,
      memoryGiB: 0,
      storageGiB: 0,
      loadBalancers: 0,
      byNamespace: {},
    };
    const deleted = cluster.phase === 'Deleted';
    const hourlyRate = deleted ? 0 : hourlyRateOf(current, rates);

    const byResource = { cpu: 0, memory: 0, storage: 0, loadBalancer: 0 };
    const daily = new Map<string, number>();
    const byNamespace = new Map<string, number>();
    for (const b of buckets) {
      const price = priceOf(b, rates);
      byResource.cpu += price.cpu;
      byResource.memory += price.memory;
      byResource.storage += price.storage;
      byResource.loadBalancer += price.loadBalancer;
      const day = b.bucketStart.slice(0, 10);
      daily.set(day, (daily.get(day) ?? 0) + price.total);
      for (const [ns, usage] of Object.entries(b.byNamespace)) {
        byNamespace.set(
          ns,
          (byNamespace.get(ns) ?? 0) + priceOf(usage, rates).total,
        );
      }
    }
    const monthToDate =
      byResource.cpu +
      byResource.memory +
      byResource.storage +
      byResource.loadBalancer;
    return {
      currency: rates.currency,
      source: 'rates',
      hourlyRate: roundCost(hourlyRate),
      monthToDate: roundCost(monthToDate),
      projectedMonth: roundCost(
        monthToDate + hourlyRate * hoursLeftInMonth(now),
      ),
      daily: [...daily.entries()].map(([date, cost]) => ({
        date,
        cost: roundCost(cost),
      })),
      ...breakdownOf(byResource, byNamespace),
      current: {
        cpuCores: roundCost(current.cpuCores),
        memoryGiB: roundCost(current.memoryGiB),
        storageGiB: roundCost(current.storageGiB),
        loadBalancers: current.loadBalancers,
      },
      sampledAt: latest?.lastSampleAt,
    };
  }
}

export type { CostBucket };
