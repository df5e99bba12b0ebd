import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { connectPluginDatabase } from '../store/pluginDatabase';
import { toIso } from '../store/dates';
import { CostStore, ResourceHours } from './CostStore';
import { CostBucket, RequestedResources } from './types';

const TABLE = 'virtual_cluster_cost_samples';
const HOUR = 3600_000;

function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR) * HOUR);
}

function rowToBucket(row: Record<string, any>): CostBucket {
  const breakdown = JSON.parse(row.breakdown ?? '{}');
  return {
    clusterId: row.cluster_id,
    bucketStart: toIso(row.bucket_start),
    cpuCoreHours: Number(row.cpu_core_hours),
    memoryGiBHours: Number(row.memory_gib_hours),
    storageGiBHours: Number(row.storage_gib_hours),
    loadBalancerHours: Number(row.load_balancer_hours),
    byNamespace: breakdown.byNamespace ?? {},
    last: breakdown.last,
    lastSampleAt: toIso(row.last_sample_at),
  };
}

/** {@link CostStore} in the plugin's database, one row per cluster and hour. */
export class DatabaseCostStore implements CostStore {
  readonly #db: Knex;

  /** The store shares the plugin's database (see connectPluginDatabase). */
  static async create(options: { database: DatabaseService }) {
    return new DatabaseCostStore(await connectPluginDatabase(options.database));
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  async addSample(
    clusterId: string,
    at: Date,
    requested: RequestedResources,
    options: { maxGapMs: number },
  ): Promise<void> {
    await this.#db.transaction(async tx => {
      const previous = await tx(TABLE)
        .where({ cluster_id: clusterId })
        .orderBy('bucket_start', 'desc')
        .first();
      const lastAt = previous
        ? Date.parse(toIso(previous.last_sample_at))
        : undefined;
      const elapsedMs =
        lastAt === undefined
          ? 0
          : Math.max(0, Math.min(at.getTime() - lastAt, options.maxGapMs));
      const hours = elapsedMs / HOUR;
      const bucketStart = hourOf(at);
      const existing = await tx(TABLE)
        .where({ cluster_id: clusterId, bucket_start: bucketStart })
        .first();
      const bucket = existing
        ? rowToBucket(existing)
        : {
            cpuCoreHours: 0,
            memoryGiBHours: 0,
            storageGiBHours: 0,
            loadBalancerHours: 0,
            byNamespace: {} as CostBucket['byNamespace'],
          };
      // integrate the previous sample's level over the elapsed time
      const level: RequestedResources = previous
        ? rowToBucket(previous).last ?? requested
        : requested;
      const byNamespace = { ...bucket.byNamespace };
      for (const [ns, r] of Object.entries(level.byNamespace)) {
        const acc = byNamespace[ns] ?? {
          cpuCoreHours: 0,
          memoryGiBHours: 0,
          storageGiBHours: 0,
        };
        byNamespace[ns] = {
          cpuCoreHours: acc.cpuCoreHours + r.cpuCores * hours,
          memoryGiBHours: acc.memoryGiBHours + r.memoryGiB * hours,
          storageGiBHours: acc.storageGiBHours + r.storageGiB * hours,
        };
      }
      const row = {
        cluster_id: clusterId,
        bucket_start: bucketStart,
        cpu_core_hours: bucket.cpuCoreHours + level.cpuCores * hours,
        memory_gib_hours: bucket.memoryGiBHours + level.memoryGiB * hours,
        storage_gib_hours: bucket.storageGiBHours + level.storageGiB * hours,
        load_balancer_hours:
          bucket.loadBalancerHours + level.loadBalancers * hours,
        breakdown: JSON.stringify({ byNamespace, last: requested }),
        last_sample_at: at,
      };
      if (existing) {
        await tx(TABLE)
          .where({ cluster_id: clusterId, bucket_start: bucketStart })
          .update(row);
      } else {
        await tx(TABLE).insert(row);
      }
    });
  }

  /** Buckets of one cluster from `since` on, oldest first. */
  async buckets(clusterId: string, since: Date): Promise<CostBucket[]> {
    const rows = await this.#db(TABLE)
      .where({ cluster_id: clusterId })
      .andWhere('bucket_start', '>=', since)
      .orderBy('bucket_start', 'asc');
    return rows.map(rowToBucket);
  }

  /** The newest bucket of one cluster. */
  async latest(clusterId: string): Promise<CostBucket | undefined> {
    const row = await this.#db(TABLE)
      .where({ cluster_id: clusterId })
      .orderBy('bucket_start', 'desc')
      .first();
    return row ? rowToBucket(row) : undefined;
  }

  async sampledBefore(
    clusterId: string,
    at: Date,
  ): Promise<CostBucket | undefined> {
    const row = await this.#db(TABLE)
      .where({ cluster_id: clusterId })
      .andWhere('last_sample_at', '<=', at)
      .orderBy('bucket_start', 'desc')
      .first();
    return row ? rowToBucket(row) : undefined;
  }

  /**
   * Resource-hours of many clusters from `since` on, summed per cluster in one query
   * (for lists); clusters without samples are missing from the map.
   */
  async usageSince(
    clusterIds: string[],
    since: Date,
  ): Promise<Map<string, ResourceHours>> {
    if (clusterIds.length === 0) return new Map();
    return this.#usage(since, clusterIds);
  }

  async allUsageSince(since: Date): Promise<Map<string, ResourceHours>> {
    return this.#usage(since);
  }

  async #usage(
    since: Date,
    clusterIds?: string[],
  ): Promise<Map<string, ResourceHours>> {
    const query = this.#db(TABLE)
      .select('cluster_id')
      .sum({
        cpu: 'cpu_core_hours',
        memory: 'memory_gib_hours',
        storage: 'storage_gib_hours',
        lb: 'load_balancer_hours',
      })
      .where('bucket_start', '>=', since)
      .groupBy('cluster_id');
    if (clusterIds) query.whereIn('cluster_id', clusterIds);
    const rows: Array<Record<string, unknown>> = await query;
    return new Map(
      rows.map(row => [
        row.cluster_id as string,
        {
          cpuCoreHours: Number(row.cpu),
          memoryGiBHours: Number(row.memory),
          storageGiBHours: Number(row.storage),
          loadBalancerHours: Number(row.lb),
        },
      ]),
    );
  }
}
