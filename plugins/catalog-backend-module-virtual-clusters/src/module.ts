import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { virtualClustersApiServiceRef } from '@virtual-clusters/plugin-virtual-clusters-node';
import { VirtualClustersProvider } from './provider/VirtualClustersProvider';

/**
 * Catalog module that emits a `Resource` entity per virtual cluster.
 *
 * @public
 */
export const catalogModuleVirtualClusters = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'virtual-clusters-provider',
  register({ registerInit }) {
    registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        api: virtualClustersApiServiceRef,
        processing: catalogProcessingExtensionPoint,
      },
      async init({ config, logger, auth, scheduler, api, processing }) {
        const scheduleConfig = config.getOptionalConfig(
          'catalog.providers.virtualClusters.schedule',
        );
        const schedule = scheduleConfig
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
          : {
              frequency: { minutes: 1 },
              timeout: { minutes: 1 },
              initialDelay: { seconds: 15 },
            };
        processing.addEntityProvider(
          VirtualClustersProvider.create({
            api,
            auth,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner(schedule),
          }),
        );
      },
    });
  },
});
