import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  VirtualClusterBackup,
  VirtualClusterBackupStatus,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { Knex } from 'knex';
import { toIso, toOptionalIso } from '../store/dates';
import { BACKUP_NOTE } from './objects';

const BACKUPS = 'virtual_cluster_backups';

/** Every column but `content`, which can be large: lists never read it. */
const SUMMARY_COLUMNS = [
  'id',
  'cluster_id',
  'status',
  'object_count',
  'size_bytes',
  'error',
  'created_by',
  'created_at',
  'completed_at',
];

/** A backup as stored, before it is written. */
export type NewBackup = {
  id: string;
  clusterId: string;
  status: VirtualClusterBackupStatus;
  objectCount: number;
  sizeBytes: number;
  /** The JSON of a completed backup. */
  content?: string;
  error?: string;
  createdBy: string;
  createdAt: string;
  completedAt?: string;
};

type Row = Record<string, any>;

function rowToBackup(row: Row): VirtualClusterBackup {
  return {
    id: row.id,
    clusterId: row.cluster_id,
    status: row.status,
    objectCount: Number(row.object_count),
    sizeBytes: Number(row.size_bytes),
    ...(row.error ? { error: row.error } : {}),
    note: BACKUP_NOTE,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    ...(row.completed_at
      ? { completedAt: toOptionalIso(row.completed_at) }
      : {}),
  };
}

/**
 * Stores backups in the `virtual_cluster_backups` table (made by the plugin's
 * migrations, which VirtualClusterStore runs).
 */
export class BackupStore {
  readonly #db: Knex;

  static async create(options: {
    database: DatabaseService;
  }): Promise<BackupStore> {
    return new BackupStore(await options.database.getClient());
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  async insert(backup: NewBackup): Promise<void> {
    await this.#db(BACKUPS).insert({
      id: backup.id,
      cluster_id: backup.clusterId,
      status: backup.status,
      object_count: backup.objectCount,
      size_bytes: backup.sizeBytes,
      content: backup.content ?? null,
      error: backup.error ?? null,
      created_by: backup.createdBy,
      created_at: new Date(backup.createdAt),
      completed_at: backup.completedAt ? new Date(backup.completedAt) : null,
    });
  }

  /** Backups of one cluster, newest first, without their content. */
  async list(clusterId: string): Promise<VirtualClusterBackup[]> {
    const rows = await this.#db(BACKUPS)
      .select(SUMMARY_COLUMNS)
      .where({ cluster_id: clusterId })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(rowToBackup);
  }

  /** One backup without its content. */
  async get(id: string): Promise<VirtualClusterBackup | undefined> {
    const row = await this.#db(BACKUPS)
      .select(SUMMARY_COLUMNS)
      .where({ id })
      .first();
    return row ? rowToBackup(row) : undefined;
  }

  /** The stored JSON of a backup; undefined when there is none (a failed backup). */
  async content(id: string): Promise<string | undefined> {
    const row = await this.#db(BACKUPS).select('content').where({ id }).first();
    return row?.content ?? undefined;
  }
}
