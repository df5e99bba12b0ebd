import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import {
  hostClusterReadPermission,
  virtualClusterCreatePermission,
  virtualClustersPermissions,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import {
  VirtualClusterProvisioner,
  virtualClustersProvisionerExtensionPoint,
} from '@virtual-clusters/plugin-virtual-clusters-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { readVirtualClustersConfig } from './config';
import { HostClusterRegistry } from './hosts/HostClusterRegistry';
import { BackupCipher } from './backups/BackupCipher';
import { BackupStore, createBackupServices } from './backups';
import { CostSampler } from './cost/CostSampler';
import { CostService } from './cost/CostService';
import { DatabaseCostStore } from './cost/DatabaseCostStore';
import { KubeconfigIssuer } from './kubeconfig/KubeconfigIssuer';
import { LifecycleNotifier } from './lifecycle/LifecycleNotifier';
import { WorkloadsService } from './workloads/WorkloadsService';
import { WorkloadsWatchCache } from './workloads/WorkloadsWatchCache';
import {
  virtualClusterResourceRef,
  virtualClusterRules,
} from './permissions/rules';
import { ClusterApiProvisioner } from './provisioner/ClusterApiProvisioner';
import { LifecycleReconciler } from './reconciler/LifecycleReconciler';
import { createRouter } from './router';
import { HostClusterService } from './services/HostClusterService';
import { KubeconfigService } from './services/KubeconfigService';
import { VirtualClusterService } from './services/VirtualClusterService';
import { DatabaseVirtualClusterStore } from './store/DatabaseVirtualClusterStore';

const RECONCILE_TASK_ID = 'virtual-clusters-reconcile';
const COST_SAMPLING_TASK_ID = 'virtual-clusters-cost-sampling';
const PENDING_RESTORES_TASK_ID = 'virtual-clusters-pending-restores';

/**
 * The virtual-clusters backend plugin: lifecycle, Day-2 operations, kubeconfigs,
 * workloads and cost of virtual clusters.
 *
 * @public
 */
export const virtualClustersPlugin = createBackendPlugin({
  pluginId: 'virtual-clusters',
  register(env) {
    const provisioners = new Map<string, VirtualClusterProvisioner>();
    env.registerExtensionPoint(virtualClustersProvisionerExtensionPoint, {
      addProvisioner(provisioner) {
        if (provisioners.has(provisioner.id)) {
          throw new Error(
            `Provisioner '${provisioner.id}' is already installed`,
          );
        }
        provisioners.set(provisioner.id, provisioner);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        events: eventsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger, scheduler, permissions, permissionsRegistry } =
          deps;
        const settings = readVirtualClustersConfig(config);
        if (!provisioners.has('cluster-api')) {
          provisioners.set(
            'cluster-api',
            ClusterApiProvisioner.create({ logger }),
          );
        }
        for (const host of settings.hostClusters) {
          if (!provisioners.has(host.provisioner)) {
            throw new Error(
              `Invalid config at 'virtualClusters.hostClusters' (${
                host.name
              }): provisioner '${
                host.provisioner
              }' is not installed; installed: ${[...provisioners.keys()].join(
                ', ',
              )}`,
            );
          }
        }

        const store = await DatabaseVirtualClusterStore.create({
          database: deps.database,
        });
        permissionsRegistry.addResourceType({
          resourceRef: virtualClusterResourceRef,
          permissions: virtualClustersPermissions.filter(
            p => p.type === 'resource',
          ),
          rules: Object.values(virtualClusterRules),
          getResources: ids => Promise.all(ids.map(id => store.get(id))),
        });
        permissionsRegistry.addPermissions([
          virtualClusterCreatePermission,
          hostClusterReadPermission,
        ]);

        const hosts = HostClusterRegistry.create(settings.hostClusters);
        const notifier = LifecycleNotifier.create({
          events: deps.events,
          notifications: deps.notifications,
          logger,
        });
        const reconciler = LifecycleReconciler.create({
          store,
          hosts,
          provisioners,
          logger: logger.child({ task: RECONCILE_TASK_ID }),
          onChange: change => notifier.notify(change),
        });
        const clusters = VirtualClusterService.create({
          store,
          hosts,
          permissions,
          permissionsRegistry,
          auditor: deps.auditor,
          logger,
          onChange: id => {
            reconciler.reconcileOne(id).catch(error =>
              logger.warn('Immediate reconcile failed', {
                clusterId: id,
                error: String(error),
              }),
            );
          },
        });

        const costs = await DatabaseCostStore.create({
          database: deps.database,
        });
        const costSampler = CostSampler.create({ store, costs, hosts, logger });
        const kubeconfigs = KubeconfigIssuer.create({
          hosts,
          tokenTtl: settings.kubeconfig.tokenTtl,
        });

        const workloadsCache = settings.workloads.watch.enabled
          ? WorkloadsWatchCache.create({
              settings: settings.workloads.watch,
              logger,
            })
          : undefined;
        deps.lifecycle.addShutdownHook(() => workloadsCache?.dispose());

        const backupServices = createBackupServices({
          store: await BackupStore.create({
            database: deps.database,
            cipher: settings.backups.encryptionKey
              ? BackupCipher.fromPassphrase(
                  settings.backups.encryptionKey,
                  settings.backups.previousEncryptionKeys,
                )
              : undefined,
          }),
          clusters,
          records: store,
          kubeconfigs,
          auditor: deps.auditor,
          logger,
          notifications: deps.notifications,
        });

        // three tasks, each with its own timeout and lock: a slow cost sample or a
        // long restore never holds up the lifecycle
        const scheduleConfig = config.getOptionalConfig(
          'virtualClusters.reconcile.schedule',
        );
        const schedule = scheduleConfig
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
          : { frequency: { seconds: 10 }, timeout: { minutes: 2 } };
        await scheduler.scheduleTask({
          id: RECONCILE_TASK_ID,
          scope: 'global',
          ...schedule,
          fn: async () => {
            const stats = await reconciler.reconcileAll();
            if (stats.transitions || stats.errors) {
              logger.info('Reconciled virtual clusters', { ...stats });
            }
          },
        });
        await scheduler.scheduleTask({
          id: COST_SAMPLING_TASK_ID,
          scope: 'global',
          ...schedule,
          fn: async () => {
            await costSampler.sampleAll();
          },
        });
        await scheduler.scheduleTask({
          id: PENDING_RESTORES_TASK_ID,
          scope: 'global',
          ...schedule,
          fn: async () => {
            const restores = await backupServices.pendingRestores.run();
            if (restores.restored || restores.retried || restores.abandoned) {
              logger.info('Ran pending clone restores', { ...restores });
            }
          },
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            hostClusters: HostClusterService.create({
              hosts,
              store,
              permissions,
            }),
            clusters,
            kubeconfigs: KubeconfigService.create({
              clusters,
              issuer: kubeconfigs,
              permissions,
              auditor: deps.auditor,
              allowAdminCertificates:
                settings.kubeconfig.allowAdminCertificates,
            }),
            workloads: WorkloadsService.create({
              kubeconfigs,
              cache: workloadsCache,
            }),
            costs: CostService.create({ costs, logger }),
            ratesOf: name => hosts.get(name).settings.cost,
            backups: backupServices,
          }),
        );
      },
    });
  },
});
