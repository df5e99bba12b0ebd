import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  VirtualClusterBackup,
  VirtualClusterBackupStatus,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { ServiceUnavailableError } from '@backstage/errors';
import { Knex } from 'knex';
import { connectPluginDatabase } from '../store/pluginDatabase';
import { toIso, toOptionalIso } from '../store/dates';
import { BackupCipher } from './BackupCipher';
import { BACKUP_NOTE } from './objects';

const BACKUPS = 'virtual_cluster_backups';
const PENDING = 'virtual_cluster_pending_restores';

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

/** A clone whose new cluster does not run yet: the backup to restore into it then. */
export type PendingRestore = {
  clusterId: string;
  backupId: string;
  requestedBy: string;
  requestedAt: string;
  /** Restores tried so far, counting the one in progress after a claim. */
  attempts: number;
  lastError?: string;
};

type Row = Record<string, any>;

function rowToPending(row: Row): PendingRestore {
  return {
    clusterId: row.cluster_id,
    backupId: row.backup_id,
    requestedBy: row.requested_by,
    requestedAt: toIso(row.requested_at),
    attempts: Number(row.attempts),
    ...(row.last_error ? { lastError: row.last_error } : {}),
  };
}

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
 * Stores backups in `virtual_cluster_backups`, and the restores clones wait for in
 * `virtual_cluster_pending_restores` (tables made by the plugin's migrations, see
 * connectPluginDatabase).
 */
export class BackupStore {
  readonly #db: Knex;
  readonly #cipher?: BackupCipher;

  static async create(options: {
    database: DatabaseService;
    /** Encrypts contents at rest; without it they are stored as plain JSON. */
    cipher?: BackupCipher;
  }): Promise<BackupStore> {
    return new BackupStore(
      await connectPluginDatabase(options.database),
      options.cipher,
    );
  }

  private constructor(db: Knex, cipher?: BackupCipher) {
    this.#db = db;
    this.#cipher = cipher;
  }

  async insert(backup: NewBackup): Promise<void> {
    await this.#db(BACKUPS).insert({
      id: backup.id,
      cluster_id: backup.clusterId,
      status: backup.status,
      object_count: backup.objectCount,
      size_bytes: backup.sizeBytes,
      content:
        backup.content === undefined
          ? null
          : this.#cipher?.encrypt(backup.content) ?? backup.content,
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

  /**
   * The JSON of a backup, decrypted; undefined when there is none (a failed backup).
   *
   * @throws ServiceUnavailableError when it is encrypted and the configured key (if
   *   any) cannot decrypt it
   */
  async content(id: string): Promise<string | undefined> {
    const row = await this.#db(BACKUPS).select('content').where({ id }).first();
    const stored: string | undefined = row?.content ?? undefined;
    if (stored === undefined || !BackupCipher.isEncrypted(stored))
      return stored;
    if (!this.#cipher) {
      throw new ServiceUnavailableError(
        `Backup ${id} is encrypted; set virtualClusters.backups.encryptionKey to the key it was taken with`,
      );
    }
    try {
      return this.#cipher.decrypt(stored);
    } catch (error) {
      throw new ServiceUnavailableError(
        `Backup ${id}: ${(error as Error).message}`,
      );
    }
  }

  /** Remembers to restore a backup into a new cluster once it runs; once per cluster. */
  async addPendingRestore(pending: {
    clusterId: string;
    backupId: string;
    requestedBy: string;
  }): Promise<void> {
    await this.#db(PENDING)
      .insert({
        cluster_id: pending.clusterId,
        backup_id: pending.backupId,
        requested_by: pending.requestedBy,
        requested_at: new Date(),
        attempts: 0,
      })
      .onConflict('cluster_id')
      .ignore();
  }

  /** Every clone still waiting, oldest first. */
  async listPendingRestores(): Promise<PendingRestore[]> {
    const rows = await this.#db(PENDING).orderBy('requested_at', 'asc');
    return rows.map(rowToPending);
  }

  /** The restore a cluster waits for, if any. */
  async pendingRestoreOf(
    clusterId: string,
  ): Promise<PendingRestore | undefined> {
    const row = await this.#db(PENDING)
      .where({ cluster_id: clusterId })
      .first();
    return row ? rowToPending(row) : undefined;
  }

  /**
   * Takes a pending restore for `leaseMs` and counts the attempt. Only one caller
   * gets it, across backend instances, until the lease ends or it is released.
   */
  async claimPendingRestore(
    clusterId: string,
    leaseMs: number,
  ): Promise<PendingRestore | undefined> {
    const now = new Date();
    const claimed = await this.#db(PENDING)
      .where({ cluster_id: clusterId })
      .andWhere(q =>
        q.whereNull('claimed_until').orWhere('claimed_until', '<', now),
      )
      .update({
        claimed_until: new Date(now.getTime() + leaseMs),
        attempts: this.#db.raw('attempts + 1'),
      });
    return claimed === 1 ? this.pendingRestoreOf(clusterId) : undefined;
  }

  /** Gives a claimed restore back after a failed attempt, to be tried again. */
  async releasePendingRestore(clusterId: string, error: string): Promise<void> {
    await this.#db(PENDING)
      .where({ cluster_id: clusterId })
      .update({ claimed_until: null, last_error: error });
  }

  /** Forgets a pending restore: it ran, or it was given up. */
  async removePendingRestore(clusterId: string): Promise<void> {
    await this.#db(PENDING).where({ cluster_id: clusterId }).delete();
  }
}
