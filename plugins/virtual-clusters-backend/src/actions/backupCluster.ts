import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { BackupService } from '../backups/BackupService';
import { clusterIdInput } from './clusterSchema';

/**
 * `backup-virtual-cluster`: a backup of a Running cluster's API objects, as
 * `POST /clusters/{id}/backups` takes it. The answer describes the backup, never
 * its contents.
 */
export function createBackupClusterAction(
  actionsRegistry: ActionsRegistryService,
  backups: Pick<BackupService, 'create'>,
) {
  actionsRegistry.register({
    name: 'backup-virtual-cluster',
    title: 'Back up a virtual cluster',
    description: `Backs up the API objects of a Running virtual Kubernetes cluster (vcluster) into the portal: the namespaced objects outside the system namespaces, the namespaces themselves and the CustomResourceDefinitions. Volume data is NOT included. The backup is taken before the call returns; it can be restored into the same cluster or cloned into a new one from the portal.
Needs the update permission on the cluster (by default: its owner). Refused for a cluster that is not Running. Each call takes a new backup.`,
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z => z.object({ id: clusterIdInput(z) }),
      output: z =>
        z.object({
          backup: z.object({
            id: z.string(),
            clusterId: z.string(),
            status: z.enum(['completed', 'failed']),
            objectCount: z.number(),
            sizeBytes: z.number(),
            error: z.string().optional().describe('Why the backup failed'),
            note: z.string().describe('What a backup does not contain'),
            createdBy: z.string(),
            createdAt: z.string(),
            completedAt: z.string().optional(),
          }),
        }),
    },
    action: async ({ input, credentials, logger }) => {
      const backup = await backups.create(input.id, { credentials });
      logger.info('Virtual cluster backup taken through an action', {
        action: 'backup-virtual-cluster',
        clusterId: backup.clusterId,
        backupId: backup.id,
        objectCount: backup.objectCount,
      });
      return {
        output: {
          backup: {
            id: backup.id,
            clusterId: backup.clusterId,
            status: backup.status,
            objectCount: backup.objectCount,
            sizeBytes: backup.sizeBytes,
            error: backup.error,
            note: backup.note,
            createdBy: backup.createdBy,
            createdAt: backup.createdAt,
            completedAt: backup.completedAt,
          },
        },
      };
    },
  });
}
