import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { KubernetesClient } from '../kubernetes/KubernetesClient';
import { BackupService } from './BackupService';
import { BackupStore } from './BackupStore';
import { CloneService } from './CloneService';
import { PendingRestoreRunner } from './PendingRestoreRunner';
import { RestoreService } from './RestoreService';
import {
  AdminKubeConfigSource,
  ClusterAccess,
  ClusterRecords,
  ConnectCluster,
} from './types';

export { BackupService } from './BackupService';
export type { BackupStore } from './BackupStore';
export { DatabaseBackupStore } from './DatabaseBackupStore';
export { CloneService } from './CloneService';
export {
  MAX_RESTORE_ATTEMPTS,
  PendingRestoreRunner,
  type PendingRestoreStats,
} from './PendingRestoreRunner';
export { RestoreService } from './RestoreService';
export type * from './types';

/** Backups, restores, clones and the runner of pending clone restores. */
export interface BackupServices {
  backups: BackupService;
  restores: RestoreService;
  clones: CloneService;
  pendingRestores: PendingRestoreRunner;
}

/** Builds the backup services over one store and one way to reach a cluster. */
export function createBackupServices(options: {
  store: BackupStore;
  clusters: ClusterAccess;
  /** The cluster store, for restores that run without a caller. */
  records: ClusterRecords;
  kubeconfigs: AdminKubeConfigSource;
  auditor: AuditorService;
  logger: LoggerService;
  /** Tells the requester of a clone how it ended. */
  notifications?: Pick<NotificationService, 'send'>;
  /** Largest backup stored; larger ones fail. Default 32 MiB. */
  maxBytes?: number;
  /** The API client of a cluster; KubernetesClient unless a test replaces it. */
  connect?: ConnectCluster;
}): BackupServices {
  const connect = options.connect ?? (kc => KubernetesClient.create(kc));
  const restores = RestoreService.create({ ...options, connect });
  return {
    backups: BackupService.create({ ...options, connect }),
    restores,
    clones: CloneService.create(options),
    pendingRestores: PendingRestoreRunner.create({ ...options, restores }),
  };
}
