import { LoggerService } from '@backstage/backend-plugin-api';
import {
  VirtualCluster,
  VirtualClusterCost,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { LRUCache } from 'lru-cache';
import { CostRates, OpenCostSettings } from '../config';
import { VirtualClusterRecord } from '../store/types';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
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
import {
  roundHours,
  sleepIntervals,
  SleepSavings,
  sleepSavings,
  SLEEP_REQUESTED,
} from './sleepSavings';

const HOURS_PER_MONTH = 730;
/** Most OpenCost answers kept; each for the `cacheTtl` of its host. */
const MAX_CACHED_REPORTS = 1_000;
/** How long the hosts' totals are reused: they add up every cluster of the month. */
const HOST_TOTALS_TTL_MS = 60_000;

/** The reads of the clusters' store the cost needs: records and timelines. */
export type CostClusterReader = Pick<
  VirtualClusterStore,
  'get' | 'listEvents' | 'withEventType'
>;

/** The part of a cluster that says whether and when it slept. */
type SleepingCluster = Pick<VirtualCluster, 'id'> &
  Partial<Pick<VirtualCluster, 'sleep' | 'deletedAt'>>;

/** A listed cluster's cost this month; the sleep figures only when it slept. */
export interface ListedCost {
  currency: string;
  monthToDate: number;
  sleptHours?: number;
  savedBySleep?: number;
}

/** A host's totals this month over the clusters sampled on it. */
export interface HostCostTotals {
  monthToDate: number;
  sleptHours: number;
  savedBySleep: number;
}

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
  readonly #clusters?: CostClusterReader;
  readonly #logger?: LoggerService;
  readonly #reporters = new WeakMap<OpenCostSettings, OpenCostReporter>();
  readonly #cache = new LRUCache<string, VirtualClusterCost | Error>({
    max: MAX_CACHED_REPORTS,
  });
  readonly #hostTotals = new LRUCache<
    string,
    Promise<Map<string, HostCostTotals>>
  >({ max: 100, ttl: HOST_TOTALS_TTL_MS });

  static create(options: {
    costs: CostStore;
    /**
     * The clusters' store, read for timelines (what sleep saved) and for the hosts'
     * totals; without it reports have no `sleep` and hosts no totals.
     */
    clusters?: CostClusterReader;
    logger?: LoggerService;
  }) {
    return new CostService(options.costs, options.clusters, options.logger);
  }

  private constructor(
    costs: CostStore,
    clusters?: CostClusterReader,
    logger?: LoggerService,
  ) {
    this.#costs = costs;
    this.#clusters = clusters;
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
    if (!(result instanceof Error)) {
      // what sleep saved is always from the samples at the configured rates
      if (!estimate.sleep) return result;
      return {
        ...result,
        sleep: {
          ...estimate.sleep,
          withoutSleepMonthToDate: roundCost(
            result.monthToDate + estimate.sleep.savedThisMonth,
          ),
        },
      };
    }
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
    clusters: Array<SleepingCluster & Pick<VirtualCluster, 'hostCluster'>>,
    ratesOf: (hostCluster: string) => CostRates,
    now = new Date(),
  ): Promise<Map<string, ListedCost>> {
    const priced = clusters.filter(c => !ratesOf(c.hostCluster).opencost);
    const ids = priced.map(c => c.id);
    const [usage, slept] = await Promise.all([
      this.#costs.usageSince(ids, monthStart(now)),
      this.#everSlept(ids),
    ]);
    return new Map(
      await Promise.all(
        priced.map(async (c): Promise<[string, ListedCost]> => {
          const rates = ratesOf(c.hostCluster);
          const used = usage.get(c.id);
          const cost: ListedCost = {
            currency: rates.currency,
            monthToDate: used ? roundCost(priceOf(used, rates).total) : 0,
          };
          if (!slept.has(c.id)) return [c.id, cost];
          const savings = await this.#sleepSavings(c, rates, now);
          if (savings && savings.hours > 0) {
            cost.sleptHours = roundHours(savings.hours);
            cost.savedBySleep = roundCost(savings.saved);
          }
          return [c.id, cost];
        }),
      ),
    );
  }

  /**
   * This month's totals per host over every cluster sampled on it this month (deleted
   * ones included): month to date, hours slept and money saved by sleep, at each
   * host's rates. Hosts whose cost comes from OpenCost, and hosts without a sample
   * this month, are left out. Reused for a minute.
   */
  async hostTotals(
    hostNames: string[],
    ratesOf: (hostCluster: string) => CostRates,
    now = new Date(),
  ): Promise<Map<string, HostCostTotals>> {
    const hosts = hostNames.filter(h => !ratesOf(h).opencost).sort();
    const key = hosts.join(' ');
    let totals = this.#hostTotals.get(key);
    if (!totals) {
      totals = this.#computeHostTotals(new Set(hosts), ratesOf, now);
      this.#hostTotals.set(key, totals);
      totals.catch(() => this.#hostTotals.delete(key));
    }
    return totals;
  }

  async #computeHostTotals(
    hosts: Set<string>,
    ratesOf: (hostCluster: string) => CostRates,
    now: Date,
  ): Promise<Map<string, HostCostTotals>> {
    const totals = new Map<string, HostCostTotals>();
    const reader = this.#clusters;
    if (!reader || hosts.size === 0) return totals;
    const usage = await this.#costs.allUsageSince(monthStart(now));
    const everSlept = await this.#everSlept([...usage.keys()]);
    await Promise.all(
      [...usage].map(async ([id, used]) => {
        const record = await reader.get(id);
        if (!record || !hosts.has(record.hostCluster)) return;
        const rates = ratesOf(record.hostCluster);
        const slept = everSlept.has(id)
          ? await this.#sleepSavings(record, rates, now)
          : undefined;
        const total = totals.get(record.hostCluster) ?? {
          monthToDate: 0,
          sleptHours: 0,
          savedBySleep: 0,
        };
        total.monthToDate += priceOf(used, rates).total;
        total.sleptHours += slept?.hours ?? 0;
        total.savedBySleep += slept?.saved ?? 0;
        totals.set(record.hostCluster, total);
      }),
    );
    for (const total of totals.values()) {
      total.monthToDate = roundCost(total.monthToDate);
      total.sleptHours = roundHours(total.sleptHours);
      total.savedBySleep = roundCost(total.savedBySleep);
    }
    return totals;
  }

  /**
   * Which clusters ever slept (a `sleep-requested` on their timeline), in one query:
   * only theirs are read to reckon savings. None without the clusters' store.
   */
  async #everSlept(ids: string[]): Promise<Set<string>> {
    if (!this.#clusters || ids.length === 0) return new Set();
    return this.#clusters.withEventType(ids, SLEEP_REQUESTED);
  }

  /**
   * Hours slept and money saved this month (see sleepSavings.ts), from the cluster's
   * timeline and its samples; undefined without the clusters' store.
   */
  async #sleepSavings(
    cluster: SleepingCluster,
    rates: CostRates,
    now: Date,
    monthBuckets?: CostBucket[],
  ): Promise<SleepSavings | undefined> {
    if (!this.#clusters) return undefined;
    const from = monthStart(now);
    const intervals = sleepIntervals(
      await this.#clusters.listEvents(cluster.id),
      cluster,
      now,
    ).filter(i => i.end > from);
    if (intervals.length === 0) return { hours: 0, saved: 0 };
    const buckets =
      monthBuckets ?? (await this.#costs.buckets(cluster.id, from));
    const previous = buckets.length
      ? // the bucket before the first: its samples are all before that hour
        await this.#costs.sampledBefore(
          cluster.id,
          new Date(Date.parse(buckets[0].bucketStart) - 1),
        )
      : undefined;
    const sleeps = await Promise.all(
      intervals.map(async i => {
        const before = await this.#costs.sampledBefore(cluster.id, i.start);
        return {
          ...i,
          runningRate: before?.last ? hourlyRateOf(before.last, rates) : 0,
        };
      }),
    );
    return sleepSavings({
      sleeps,
      hourly: buckets.map(b => ({
        bucketStart: b.bucketStart,
        lastSampleAt: b.lastSampleAt,
        cost: priceOf(b, rates).total,
      })),
      previousSampleAt: previous?.lastSampleAt,
      from,
      to: now,
    });
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
    const slept = await this.#sleepSavings(cluster, rates, now, buckets);
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
      ...(slept
        ? {
            sleep: {
              hoursThisMonth: roundHours(slept.hours),
              savedThisMonth: roundCost(slept.saved),
              withoutSleepMonthToDate: roundCost(monthToDate + slept.saved),
            },
          }
        : {}),
    };
  }
}

export type { CostBucket };
