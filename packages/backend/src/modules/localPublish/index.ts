import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { LocalPublishDirectory } from './LocalPublishDirectory';
import { LocalPublishedEntityProvider } from './LocalPublishedEntityProvider';
import { createPublishLocalAction } from './publishLocalAction';

/**
 * The demo's stand-in for a git host, for the scaffolder: the action `publish:local`.
 * No git host is reachable where the demo runs; with one, templates use
 * `publish:github` and `catalog:register` instead.
 */
export const scaffolderModuleLocalPublish = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'local-publish',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        actions: scaffolderActionsExtensionPoint,
      },
      async init({ config, actions }) {
        actions.addActions(
          createPublishLocalAction({
            directory: LocalPublishDirectory.fromConfig(config),
          }),
        );
      },
    });
  },
});

/** The demo's stand-in for a git host, for the catalog: reads what was published. */
export const catalogModuleLocalPublish = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'local-publish',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        processing: catalogProcessingExtensionPoint,
      },
      async init({ config, logger, scheduler, processing }) {
        processing.addEntityProvider(
          LocalPublishedEntityProvider.create({
            directory: LocalPublishDirectory.fromConfig(config),
            logger,
            taskRunner: scheduler.createScheduledTaskRunner({
              frequency: { seconds: 3 },
              timeout: { seconds: 30 },
            }),
          }),
        );
      },
    });
  },
});
