import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';

export const kubernetesModuleVirtualClusters = createBackendModule({
  pluginId: 'kubernetes',
  moduleId: 'virtual-clusters',
  register(reg) {
    reg.registerInit({
      deps: { logger: coreServices.logger },
      async init({ logger }) {
        logger.info('Hello World!');
      },
    });
  },
});
