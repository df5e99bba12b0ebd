import { DatabaseService } from '@backstage/backend-plugin-api';
import { VirtualClusterBackup } from '@virtual-clusters/plugin-virtual-clusters-common';
import { ServiceUnavailableError } from '@backstage/errors';
import { Knex } from 'knex';
import { connectPluginDatabase } from '../store/pluginDatabase';
import { codecs, RowMapper } from '../store/rows';
import { BackupCipher } from './BackupCipher';
import { BackupStore, NewBackup, PendingRestore } from './BackupStore';
import { BACKUP_NOTE } from './objects';

const BACKUPS = 'virtual_cluster_backups';
const PENDING = 'virtual_cluster_pending_restores';

const { text, optionalText, integer, timestamp, optionalTimestamp } = codecs;

/** A backup in table `virtual_cluster_backups`. */
const BACKUP_ROWS = new RowMapper<NewBackup>({
  id: text,
  clusterId: text,
  status: text,
  objectCount: integer,
  sizeBytes: integer,
  content: optionalText,
  error: optionalText,
  createdBy: text,
  createdAt: timestamp,
  completedAt: optionalTimestamp,
});

/** Every column but `content`, which can be large: lists never read it. */
const SUMMARY_COLUMNS = BACKUP_ROWS.columns('content');

/** A clone's restore in table `virtual_cluster_pending_restores`. */
const PENDING_ROWS = new RowMapper<PendingRestore>({
  clusterId: text,
  backupId: text,
  requestedBy: text,
  requestedAt: timestamp,
  attempts: integer,
  lastError: optionalText,
});

function rowToBackup(row: Record<string, unknown>): VirtualClusterBackup {
  const { content: _content, ...backup } = BACKUP_ROWS.fromRow(row);
  return { ...backup, note: BACKUP_NOTE };
}

/**
 * {@link BackupStore} in `virtual_cluster_backups` and
 * `virtual_cluster_pending_restores` (tables made by the plugin's migrations, see
 * connectPluginDatabase); contents are encrypted with the cipher when one is given.
 */
export class DatabaseBackupStore implements BackupStore {
  readonly #db: Knex;
  readonly #cipher?: BackupCipher;

  static async create(options: {
    database: DatabaseService;
    /** Encrypts contents at rest; without it they are stored as plain JSON. */
    cipher?: BackupCipher;
  }): Promise<DatabaseBackupStore> {
    return new DatabaseBackupStore(
      await connectPluginDatabase(options.database),
      options.cipher,
    );
  }

  private constructor(db: Knex, cipher?: BackupCipher) {
    this.#db = db;
    this.#cipher = cipher;
  }

  async insert(backup: NewBackup): Promise<void> {
    await this.#db(BACKUPS).insert(
      BACKUP_ROWS.toRow({
        ...backup,
        content:
          backup.content === undefined
            ? undefined
            : this.#cipher?.encrypt(backup.content) ?? backup.content,
      }),
    );
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
      .insert(
        PENDING_ROWS.toRow({
          ...pending,
          requestedAt: new Date().toISOString(),
          attempts: 0,
        }),
      )
      .onConflict('cluster_id')
      .ignore();
  }

  /** Every clone still waiting, oldest first. */
  async listPendingRestores(): Promise<PendingRestore[]> {
    const rows = await this.#db(PENDING).orderBy('requested_at', 'asc');
    return rows.map(row => PENDING_ROWS.fromRow(row));
  }

  /** The restore a cluster waits for, if any. */
  async pendingRestoreOf(
    clusterId: string,
  ): Promise<PendingRestore | undefined> {
    const row = await this.#db(PENDING)
      .where({ cluster_id: clusterId })
      .first();
    return row ? PENDING_ROWS.fromRow(row) : undefined;
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
