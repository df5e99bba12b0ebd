import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { VirtualClustersProvider } from './provider/VirtualClustersProvider';

export const catalogModuleVirtualClusters = createBackendModule({
  moduleId: 'virtual-clusters-provider',
  pluginId: 'catalog',
  register({ registerInit }) {
    registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        processing: catalogProcessingExtensionPoint,
      },
      async init({ logger, scheduler, config, processing }) {
        processing.addEntityProvider(
          VirtualClustersProvider.fromConfig(config, {
            logger,
            scheduler,
          }),
        );
      }
    });
  },
})
