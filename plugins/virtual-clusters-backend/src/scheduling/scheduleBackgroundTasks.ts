import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { PendingRestoreRunner } from '../backups/PendingRestoreRunner';
import { CostSampler } from '../cost/CostSampler';
import { LifecycleReconciler } from '../reconciler/LifecycleReconciler';
import { SleepController } from '../sleep/SleepController';
import { ExpiryController } from '../sleep/ExpiryController';

/** Ids of the plugin's scheduled tasks (one lock and timeout each). */
export const TASK_IDS = {
  reconcile: 'virtual-clusters-reconcile',
  costSampling: 'virtual-clusters-cost-sampling',
  pendingRestores: 'virtual-clusters-pending-restores',
  sleep: 'virtual-clusters-sleep',
  expiry: 'virtual-clusters-expiry',
} as const;

/**
 * Schedules the five background tasks on `virtualClusters.reconcile.schedule`
 * (default every 10 s, 2 min timeout), each with its own timeout and lock, so that a
 * slow cost sample or a long restore never holds up the lifecycle.
 */
export async function scheduleBackgroundTasks(options: {
  config: RootConfigService;
  scheduler: SchedulerService;
  logger: LoggerService;
  reconciler: LifecycleReconciler;
  costSampler: CostSampler;
  pendingRestores: PendingRestoreRunner;
  sleep: SleepController;
  expiry: ExpiryController;
}): Promise<void> {
  const { config, scheduler, logger } = options;
  const scheduleConfig = config.getOptionalConfig(
    'virtualClusters.reconcile.schedule',
  );
  const schedule = scheduleConfig
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
    : { frequency: { seconds: 10 }, timeout: { minutes: 2 } };
  const tasks: Record<keyof typeof TASK_IDS, () => Promise<void>> = {
    async reconcile() {
      const stats = await options.reconciler.reconcileAll();
      if (stats.transitions || stats.errors) {
        logger.info('Reconciled virtual clusters', { ...stats });
      }
    },
    async costSampling() {
      await options.costSampler.sampleAll();
    },
    async sleep() {
      const pass = await options.sleep.runOnce();
      if (pass.slept || pass.woken) {
        logger.info('Put virtual clusters to sleep or woke them', { ...pass });
      }
    },
    async expiry() {
      const pass = await options.expiry.runOnce();
      if (pass.noticed || pass.expired) {
        logger.info('Told owners of expiring clusters or expired them', {
          ...pass,
        });
      }
    },
    async pendingRestores() {
      const restores = await options.pendingRestores.run();
      if (restores.restored || restores.retried || restores.abandoned) {
        logger.info('Ran pending clone restores', { ...restores });
      }
    },
  };
  for (const [task, fn] of Object.entries(tasks)) {
    await scheduler.scheduleTask({
      id: TASK_IDS[task as keyof typeof TASK_IDS],
      scope: 'global',
      ...schedule,
      fn,
    });
  }
}
