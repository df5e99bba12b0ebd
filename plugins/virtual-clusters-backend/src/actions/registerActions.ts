import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { createBackupClusterAction } from './backupCluster';
import { createCreateClusterAction } from './createCluster';
import { createGetClusterAction } from './getCluster';
import { createListClustersAction } from './listClusters';
import { createPauseResumeAction } from './pauseResume';
import { VirtualClusterActionServices } from './types';

export type { VirtualClusterActionServices } from './types';

/**
 * Registers the plugin's actions with the actions registry, which serves them to
 * other plugins and, through `@backstage/plugin-mcp-actions-backend`, to AI
 * assistants: list, get (phase, endpoint, cost, problems), create (with a dry run),
 * pause, resume and back up. Each runs with the caller's credentials through the
 * services of the REST API, so the same permission and lifecycle checks apply; none
 * returns a kubeconfig or a token.
 */
export function registerActions(
  actionsRegistry: ActionsRegistryService,
  services: VirtualClusterActionServices,
): void {
  createListClustersAction(actionsRegistry, services);
  createGetClusterAction(actionsRegistry, services);
  createCreateClusterAction(actionsRegistry, services);
  createPauseResumeAction(actionsRegistry, services, 'pause');
  createPauseResumeAction(actionsRegistry, services, 'resume');
  if (services.backups) {
    createBackupClusterAction(actionsRegistry, services.backups);
  }
}
