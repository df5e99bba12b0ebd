import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { readVirtualClustersConfig } from './config';
import { createRouter } from './router';
import { HostClusterService } from './services/HostClusterService';

/**
 * The virtual-clusters backend plugin: lifecycle, Day-2 operations, kubeconfigs,
 * workloads and cost of virtual clusters.
 *
 * @public
 */
export const virtualClustersPlugin = createBackendPlugin({
  pluginId: 'virtual-clusters',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
      },
      async init({ config, httpAuth, httpRouter }) {
        const settings = readVirtualClustersConfig(config);
        const hostClusters = HostClusterService.create({
          hostClusters: settings.hostClusters,
        });
        httpRouter.use(await createRouter({ httpAuth, hostClusters }));
      },
    });
  },
});
