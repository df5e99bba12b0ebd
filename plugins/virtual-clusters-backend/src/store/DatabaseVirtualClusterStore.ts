import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  VirtualClusterActivity,
  VirtualClusterEvent,
  VirtualClusterSpec,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { Knex } from 'knex';
import { codecs, RowMapper } from './rows';
import { encodeCursor } from './cursor';
import { connectPluginDatabase } from './pluginDatabase';
import {
  ClusterAdmission,
  LiveClusterSummary,
  NewVirtualClusterEvent,
  VirtualClusterChanges,
  VirtualClusterFilter,
  VirtualClusterListOptions,
  VirtualClusterPage,
  VirtualClusterQuery,
  VirtualClusterRecord,
} from './types';
import { VirtualClusterStore } from './VirtualClusterStore';

const CLUSTERS = 'virtual_clusters';
const ENTITY_REFS = 'virtual_cluster_entity_refs';
const EVENTS = 'virtual_cluster_events';
const LOCKS = 'virtual_cluster_admission_locks';

const {
  text,
  optionalText,
  json,
  optionalJson,
  integer,
  optionalInteger,
  serial,
  timestamp,
  optionalTimestamp,
} = codecs;

/**
 * Every stored field of a cluster (all but `cost`, which the API adds when asked) in
 * table `virtual_clusters` (migrations/20261124120000_init.js and later): the one
 * mapping between records and rows.
 */
const CLUSTER_ROWS = new RowMapper<VirtualClusterRecord>({
  id: text,
  name: text,
  hostCluster: text,
  clusterGroup: optionalText,
  namespace: text,
  owner: text,
  relatedEntityRefs: json,
  spec: json,
  desiredState: text,
  phase: text,
  reason: optionalText,
  message: optionalText,
  conditions: json,
  endpoint: optionalText,
  effectiveQuota: optionalJson,
  sleep: optionalJson,
  lastActivity: optionalJson,
  expiresAt: optionalTimestamp,
  expiryNoticeDays: optionalInteger,
  expiryAttemptedAt: optionalTimestamp,
  generation: integer,
  observedGeneration: integer,
  version: integer,
  requestId: optionalText,
  createdBy: text,
  createdAt: timestamp,
  updatedAt: timestamp,
  phaseChangedAt: timestamp,
  deletedAt: optionalTimestamp,
  attempts: integer,
  nextAttemptAt: optionalTimestamp,
});

/** A timeline entry in table `virtual_cluster_events`. */
const EVENT_ROWS = new RowMapper<VirtualClusterEvent>({
  id: serial,
  clusterId: text,
  type: text,
  phase: optionalText,
  reason: optionalText,
  message: text,
  actor: optionalText,
  createdAt: timestamp,
});

const rowToRecord = (row: Record<string, unknown>) => CLUSTER_ROWS.fromRow(row);

/** The column each permission-rule property queries. */
const QUERY_COLUMNS: Record<VirtualClusterQuery['property'], string> = {
  owner: 'owner',
  hostCluster: 'host_cluster',
  clusterGroup: 'cluster_group',
};

/** Where the live clusters on some hosts are, whose they are, and their quotas. */
async function liveClusters(
  db: Knex | Knex.Transaction,
  hostClusters: string[],
): Promise<LiveClusterSummary[]> {
  const rows = await db(CLUSTERS)
    .whereIn('host_cluster', hostClusters)
    .whereNull('deleted_at')
    .select('host_cluster', 'owner', 'spec');
  return rows.map(row => ({
    hostCluster: row.host_cluster,
    owner: row.owner,
    quota: (codecs.json.read(row.spec) as VirtualClusterSpec).quota,
  }));
}

/** A cluster's row and its entity refs, in a transaction. */
async function insertCluster(
  tx: Knex.Transaction,
  record: VirtualClusterRecord,
) {
  await tx(CLUSTERS).insert(CLUSTER_ROWS.toRow(record));
  const refs = new Set([record.owner, ...record.relatedEntityRefs]);
  await tx(ENTITY_REFS).insert(
    [...refs].map(ref => ({ cluster_id: record.id, entity_ref: ref })),
  );
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /unique constraint/i.test(e?.message ?? '')
  );
}

/**
 * {@link VirtualClusterStore} with knex, on SQLite or PostgreSQL; rows are mapped in
 * ./clusterColumns.
 */
export class DatabaseVirtualClusterStore implements VirtualClusterStore {
  readonly #db: Knex;

  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseVirtualClusterStore> {
    return new DatabaseVirtualClusterStore(
      await connectPluginDatabase(options.database),
    );
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  /** Inserts a new cluster; a live cluster of the same name is a ConflictError. */
  async insert(record: VirtualClusterRecord): Promise<void> {
    await this.#inserting(record.name, () =>
      this.#db.transaction(tx => insertCluster(tx, record)),
    );
  }

  async admit(admission: ClusterAdmission): Promise<VirtualClusterRecord> {
    let name = '';
    return this.#inserting(
      () => name,
      () =>
        this.#db.transaction(async tx => {
          await tx(LOCKS)
            .insert({ key: admission.lockKey })
            .onConflict('key')
            .ignore();
          // held until the transaction ends; SQLite has one writer at a time anyway
          await tx(LOCKS).where({ key: admission.lockKey }).forUpdate().first();
          const record = admission.decide(
            await liveClusters(tx, admission.hostClusters),
          );
          name = record.name;
          if (!admission.dryRun) await insertCluster(tx, record);
          return record;
        }),
    );
  }

  liveClusters(hostClusters: string[]): Promise<LiveClusterSummary[]> {
    return liveClusters(this.#db, hostClusters);
  }

  /** Runs an insert, telling a second live cluster of the same name as a ConflictError. */
  async #inserting<T>(
    name: string | (() => string),
    insert: () => Promise<T>,
  ): Promise<T> {
    try {
      return await insert();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `A virtual cluster named '${
            typeof name === 'function' ? name() : name
          }' already exists`,
        );
      }
      throw error;
    }
  }

  async get(id: string): Promise<VirtualClusterRecord | undefined> {
    const row = await this.#db(CLUSTERS).where({ id }).first();
    return row ? rowToRecord(row) : undefined;
  }

  async getByRequestId(
    requestId: string,
  ): Promise<VirtualClusterRecord | undefined> {
    const row = await this.#db(CLUSTERS)
      .where({ request_id: requestId })
      .first();
    return row ? rowToRecord(row) : undefined;
  }

  /** Lists clusters, newest first, filtered and with a permission condition applied. */
  async list(options: VirtualClusterListOptions): Promise<VirtualClusterPage> {
    const query = this.#db(CLUSTERS);
    this.#applyFilter(query, options.filter ?? {});
    if (options.conditions) {
      const conditions = options.conditions;
      query.where(q => this.#applyConditions(q, conditions));
    }
    const [{ count }] = await query
      .clone()
      .clearSelect()
      .count<{ count: string | number }[]>({ count: '*' });
    const rows = await query
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit)
      .offset(options.offset);
    const totalItems = Number(count);
    const next = options.offset + rows.length;
    return {
      items: rows.map(rowToRecord),
      totalItems,
      nextCursor: next < totalItems ? encodeCursor(next) : undefined,
    };
  }

  /** Clusters the reconciler still acts on, on one host cluster. */
  async listActive(hostCluster: string): Promise<VirtualClusterRecord[]> {
    const rows = await this.#db(CLUSTERS)
      .where({ host_cluster: hostCluster })
      .whereNull('deleted_at');
    return rows.map(rowToRecord);
  }

  /** Live clusters on a host, optionally of one owner. */
  async countLive(filter: {
    hostCluster: string;
    owner?: string;
  }): Promise<number> {
    const query = this.#db(CLUSTERS)
      .where({ host_cluster: filter.hostCluster })
      .whereNull('deleted_at');
    if (filter.owner) query.where({ owner: filter.owner });
    const [{ count }] = await query.count<{ count: string | number }[]>({
      count: '*',
    });
    return Number(count);
  }

  /**
   * Updates a cluster if nobody changed it since `expectedVersion` was read.
   *
   * @returns the updated record, or undefined when it changed meanwhile.
   */
  async update(
    id: string,
    expectedVersion: number,
    changes: VirtualClusterChanges,
  ): Promise<VirtualClusterRecord | undefined> {
    const now = new Date();
    const row = CLUSTER_ROWS.toRow(changes);
    row.version = expectedVersion + 1;
    row.updated_at = now;
    if (changes.phase !== undefined) {
      const current = await this.get(id);
      if (current && current.phase !== changes.phase)
        row.phase_changed_at = now;
    }
    const updated = await this.#db(CLUSTERS)
      .where({ id, version: expectedVersion })
      .update(row);
    return updated === 1 ? this.get(id) : undefined;
  }

  async recordActivity(
    id: string,
    activity: VirtualClusterActivity,
  ): Promise<void> {
    // not a change of state: the version stays, so no request or reconcile goes stale
    await this.#db(CLUSTERS)
      .where({ id })
      .update(CLUSTER_ROWS.toRow({ lastActivity: activity }));
  }

  async addEvent(event: NewVirtualClusterEvent): Promise<void> {
    await this.#db(EVENTS).insert(
      EVENT_ROWS.toRow({ ...event, createdAt: new Date().toISOString() }),
    );
  }

  async listEvents(clusterId: string): Promise<VirtualClusterEvent[]> {
    const rows = await this.#db(EVENTS)
      .where({ cluster_id: clusterId })
      .orderBy('id', 'asc');
    return rows.map(row => EVENT_ROWS.fromRow(row));
  }

  async withEventType(
    clusterIds: string[],
    type: string,
  ): Promise<Set<string>> {
    const found = new Set<string>();
    // in chunks: SQLite takes at most 999 bound parameters
    for (let i = 0; i < clusterIds.length; i += 500) {
      const rows: Array<{ cluster_id: string }> = await this.#db(EVENTS)
        .distinct('cluster_id')
        .whereIn('cluster_id', clusterIds.slice(i, i + 500))
        .andWhere({ type });
      for (const row of rows) found.add(row.cluster_id);
    }
    return found;
  }

  #applyFilter(query: Knex.QueryBuilder, filter: VirtualClusterFilter) {
    if (!filter.includeDeleted) query.whereNull('deleted_at');
    if (filter.owner) query.where({ owner: filter.owner });
    if (filter.hostCluster) query.where({ host_cluster: filter.hostCluster });
    if (filter.phase?.length) query.whereIn('phase', filter.phase);
    if (filter.entityRef) {
      query.whereIn(
        'id',
        this.#db(ENTITY_REFS)
          .select('cluster_id')
          .where({ entity_ref: filter.entityRef.toLocaleLowerCase('en-US') }),
      );
    }
  }

  #applyConditions(
    query: Knex.QueryBuilder,
    criteria: PermissionCriteria<VirtualClusterQuery>,
  ): void {
    if (isAndCriteria(criteria)) {
      for (const c of criteria.allOf) {
        query.andWhere(q => this.#applyConditions(q, c));
      }
    } else if (isOrCriteria(criteria)) {
      query.where(outer => {
        for (const c of criteria.anyOf) {
          outer.orWhere(q => this.#applyConditions(q, c));
        }
      });
    } else if (isNotCriteria(criteria)) {
      query.whereNot(q => this.#applyConditions(q, criteria.not));
    } else {
      const column = QUERY_COLUMNS[criteria.property];
      const values = criteria.values.map(v =>
        criteria.property === 'owner' ? v.toLocaleLowerCase('en-US') : v,
      );
      if (values.length === 0) {
        query.whereRaw('1 = 0');
      } else {
        query.whereIn(column, values);
      }
    }
  }
}
