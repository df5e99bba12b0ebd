import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { virtualClustersApiServiceRef } from '@virtual-clusters/plugin-virtual-clusters-node';
import {
  createVirtualClusterAction,
  deleteVirtualClusterAction,
  waitVirtualClusterAction,
} from './actions';

/**
 * Scaffolder actions `virtual-clusters:create`, `virtual-clusters:wait` and
 * `virtual-clusters:delete`.
 *
 * @public
 */
export const scaffolderModuleVirtualClusters = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'virtual-clusters',
  register({ registerInit }) {
    registerInit({
      deps: {
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        api: virtualClustersApiServiceRef,
        scaffolderActions: scaffolderActionsExtensionPoint,
      },
      async init({ auth, discovery, api, scaffolderActions }) {
        scaffolderActions.addActions(
          createVirtualClusterAction({ api, auth, discovery }),
          waitVirtualClusterAction({ api, auth, discovery }),
          deleteVirtualClusterAction({ api, auth }),
        );
      },
    });
  },
});
