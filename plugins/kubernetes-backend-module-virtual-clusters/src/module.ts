import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { kubernetesClusterSupplierExtensionPoint } from '@backstage/plugin-kubernetes-node';
import { virtualClustersApiServiceRef } from '@virtual-clusters/plugin-virtual-clusters-node';
import { VirtualClustersClusterSupplier } from './VirtualClustersClusterSupplier';

/**
 * Adds running virtual clusters to the clusters the Kubernetes plugin knows, next to
 * the ones it is configured with.
 *
 * @public
 */
export const kubernetesModuleVirtualClusters = createBackendModule({
  pluginId: 'kubernetes',
  moduleId: 'virtual-clusters',
  register(reg) {
    reg.registerInit({
      deps: {
        logger: coreServices.logger,
        auth: coreServices.auth,
        api: virtualClustersApiServiceRef,
        suppliers: kubernetesClusterSupplierExtensionPoint,
      },
      async init({ logger, auth, api, suppliers }) {
        const virtual = VirtualClustersClusterSupplier.create({
          api,
          auth,
          logger,
        });
        suppliers.addClusterSupplier(async ({ getDefault }) => {
          const configured = await getDefault();
          return {
            async getClusters(options) {
              const [fromConfig, fromVirtual] = await Promise.all([
                configured.getClusters(options),
                virtual.getClusters(options).catch(error => {
                  logger.warn(`Could not list virtual clusters: ${error}`);
                  return [];
                }),
              ]);
              return [...fromConfig, ...fromVirtual];
            },
          };
        });
      },
    });
  },
});
