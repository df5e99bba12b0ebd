import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  ListVirtualClustersResponse,
  VirtualClusterEvent,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { Knex } from 'knex';
import { toIso, toOptionalIso } from './dates';
import { connectPluginDatabase } from './pluginDatabase';
import {
  NewVirtualClusterEvent,
  VirtualClusterChanges,
  VirtualClusterFilter,
  VirtualClusterQuery,
  VirtualClusterRecord,
} from './types';

const CLUSTERS = 'virtual_clusters';
const ENTITY_REFS = 'virtual_cluster_entity_refs';
const EVENTS = 'virtual_cluster_events';

type Row = Record<string, any>;

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

/** Decodes a list cursor; undefined when it is not one of ours. */
export function decodeCursor(cursor: string): number | undefined {
  try {
    const { o } = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    return Number.isInteger(o) && o >= 0 ? o : undefined;
  } catch {
    return undefined;
  }
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /unique constraint/i.test(e?.message ?? '')
  );
}

function rowToRecord(row: Row): VirtualClusterRecord {
  return {
    id: row.id,
    name: row.name,
    hostCluster: row.host_cluster,
    namespace: row.namespace,
    owner: row.owner,
    relatedEntityRefs: JSON.parse(row.related_entity_refs),
    spec: JSON.parse(row.spec),
    desiredState: row.desired_state,
    phase: row.phase,
    reason: row.reason ?? undefined,
    message: row.message ?? undefined,
    conditions: JSON.parse(row.conditions),
    endpoint: row.endpoint ?? undefined,
    effectiveQuota: row.effective_quota
      ? JSON.parse(row.effective_quota)
      : undefined,
    generation: Number(row.generation),
    observedGeneration: Number(row.observed_generation),
    version: Number(row.version),
    requestId: row.request_id ?? undefined,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    phaseChangedAt: toIso(row.phase_changed_at),
    deletedAt: toOptionalIso(row.deleted_at),
    attempts: Number(row.attempts),
    nextAttemptAt: toOptionalIso(row.next_attempt_at),
  };
}

function changesToRow(changes: VirtualClusterChanges): Row {
  const row: Row = {};
  if (changes.spec !== undefined) row.spec = JSON.stringify(changes.spec);
  if (changes.desiredState !== undefined)
    row.desired_state = changes.desiredState;
  if (changes.phase !== undefined) row.phase = changes.phase;
  if ('reason' in changes) row.reason = changes.reason ?? null;
  if ('message' in changes) row.message = changes.message ?? null;
  if (changes.conditions !== undefined)
    row.conditions = JSON.stringify(changes.conditions);
  if ('endpoint' in changes) row.endpoint = changes.endpoint ?? null;
  if ('effectiveQuota' in changes)
    row.effective_quota = changes.effectiveQuota
      ? JSON.stringify(changes.effectiveQuota)
      : null;
  if (changes.generation !== undefined) row.generation = changes.generation;
  if (changes.observedGeneration !== undefined)
    row.observed_generation = changes.observedGeneration;
  if (changes.attempts !== undefined) row.attempts = changes.attempts;
  if ('nextAttemptAt' in changes)
    row.next_attempt_at = changes.nextAttemptAt
      ? new Date(changes.nextAttemptAt)
      : null;
  if ('deletedAt' in changes)
    row.deleted_at = changes.deletedAt ? new Date(changes.deletedAt) : null;
  return row;
}

/** Stores virtual clusters and their timeline with knex, on SQLite or PostgreSQL. */
export class VirtualClusterStore {
  readonly #db: Knex;

  static async create(options: {
    database: DatabaseService;
  }): Promise<VirtualClusterStore> {
    return new VirtualClusterStore(
      await connectPluginDatabase(options.database),
    );
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  /** Inserts a new cluster; a live cluster of the same name is a ConflictError. */
  async insert(record: VirtualClusterRecord): Promise<void> {
    try {
      await this.#db.transaction(async tx => {
        await tx(CLUSTERS).insert({
          id: record.id,
          name: record.name,
          host_cluster: record.hostCluster,
          namespace: record.namespace,
          owner: record.owner,
          related_entity_refs: JSON.stringify(record.relatedEntityRefs),
          spec: JSON.stringify(record.spec),
          desired_state: record.desiredState,
          phase: record.phase,
          reason: record.reason ?? null,
          message: record.message ?? null,
          conditions: JSON.stringify(record.conditions),
          endpoint: record.endpoint ?? null,
          effective_quota: record.effectiveQuota
            ? JSON.stringify(record.effectiveQuota)
            : null,
          generation: record.generation,
          observed_generation: record.observedGeneration,
          version: record.version,
          request_id: record.requestId ?? null,
          created_by: record.createdBy,
          created_at: new Date(record.createdAt),
          updated_at: new Date(record.updatedAt),
          phase_changed_at: new Date(record.phaseChangedAt),
          attempts: 0,
        });
        const refs = new Set([record.owner, ...record.relatedEntityRefs]);
        await tx(ENTITY_REFS).insert(
          [...refs].map(ref => ({ cluster_id: record.id, entity_ref: ref })),
        );
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `A virtual cluster named '${record.name}' already exists`,
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
  async list(options: {
    filter?: VirtualClusterFilter;
    conditions?: PermissionCriteria<VirtualClusterQuery>;
    limit: number;
    offset: number;
  }): Promise<
    Omit<ListVirtualClustersResponse, 'items'> & {
      items: VirtualClusterRecord[];
    }
  > {
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
    const row = changesToRow(changes);
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

  async addEvent(event: NewVirtualClusterEvent): Promise<void> {
    await this.#db(EVENTS).insert({
      cluster_id: event.clusterId,
      type: event.type,
      phase: event.phase ?? null,
      reason: event.reason ?? null,
      message: event.message,
      actor: event.actor ?? null,
      created_at: new Date(),
    });
  }

  async listEvents(clusterId: string): Promise<VirtualClusterEvent[]> {
    const rows = await this.#db(EVENTS)
      .where({ cluster_id: clusterId })
      .orderBy('id', 'asc');
    return rows.map(row => ({
      id: String(row.id),
      clusterId: row.cluster_id,
      type: row.type,
      phase: row.phase ?? undefined,
      reason: row.reason ?? undefined,
      message: row.message,
      actor: row.actor ?? undefined,
      createdAt: toIso(row.created_at),
    }));
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
      const column = criteria.property === 'owner' ? 'owner' : 'host_cluster';
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
