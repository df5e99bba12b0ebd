import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** Emits a catalog Resource per virtual cluster. */
      virtualClusters?: {
        /**
         * How often the provider reads every virtual cluster and profile (a full
         * refresh). Default every minute. Lifecycle events on the events service update
         * a cluster's entity at once in between.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
