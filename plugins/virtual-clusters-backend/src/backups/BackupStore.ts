import {
  VirtualClusterBackup,
  VirtualClusterBackupStatus,
} from '@virtual-clusters/plugin-virtual-clusters-common';

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

/**
 * Where backups are kept, with the restores clones wait for; DatabaseBackupStore keeps
 * them in the plugin's database.
 */
export interface BackupStore {
  insert(backup: NewBackup): Promise<void>;
  /** Backups of one cluster, newest first, without their content. */
  list(clusterId: string): Promise<VirtualClusterBackup[]>;
  /** One backup without its content. */
  get(id: string): Promise<VirtualClusterBackup | undefined>;
  /**
   * The JSON of a backup, decrypted; undefined when there is none (a failed backup).
   *
   * @throws ServiceUnavailableError when it is encrypted and cannot be decrypted
   */
  content(id: string): Promise<string | undefined>;
  /** Remembers to restore a backup into a new cluster once it runs; once per cluster. */
  addPendingRestore(pending: {
    clusterId: string;
    backupId: string;
    requestedBy: string;
  }): Promise<void>;
  /** Every clone still waiting, oldest first. */
  listPendingRestores(): Promise<PendingRestore[]>;
  /** The restore a cluster waits for, if any. */
  pendingRestoreOf(clusterId: string): Promise<PendingRestore | undefined>;
  /**
   * Takes a pending restore for `leaseMs` and counts the attempt. Only one caller
   * gets it, across backend instances, until the lease ends or it is released.
   */
  claimPendingRestore(
    clusterId: string,
    leaseMs: number,
  ): Promise<PendingRestore | undefined>;
  /** Gives a claimed restore back after a failed attempt, to be tried again. */
  releasePendingRestore(clusterId: string, error: string): Promise<void>;
  /** Forgets a pending restore: it ran, or it was given up. */
  removePendingRestore(clusterId: string): Promise<void>;
}
