import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { virtualClustersApiServiceRef } from '@virtual-clusters/plugin-virtual-clusters-node';
import { VirtualClustersProvider } from './provider/VirtualClustersProvider';

/**
 * Catalog module that emits a `Resource` entity per virtual cluster and per
 * application profile: all of them on a schedule, and a cluster's at once when the
 * virtual-clusters backend publishes a lifecycle event for it.
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
        events: eventsServiceRef,
      },
      async init({ config, logger, auth, scheduler, api, processing, events }) {
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
            events,
          }),
        );
      },
    });
  },
});
