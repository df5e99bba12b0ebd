import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** Emits a catalog Resource per virtual cluster. */
      virtualClusters?: {
        /** How often the provider reads virtual clusters. Default every minute. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
