import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { virtualClustersProvisionerExtensionPoint } from '@virtual-clusters/plugin-virtual-clusters-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { registerActions } from './actions/registerActions';
import { readVirtualClustersConfig } from './config';
import { ClusterProfilesReader } from './profiles/ClusterProfilesReader';
import { ProfileCatalog } from './profiles/ProfileCatalog';
import { ProfileService } from './profiles/ProfileService';
import { InsideActivityReader } from './sleep/InsideActivityReader';
import { SleepController } from './sleep/SleepController';
import { EXPIRY_ACTOR, ExpiryController } from './sleep/ExpiryController';
import { HostClusterRegistry } from './hosts/HostClusterRegistry';
import { ClusterAdmitter } from './placement/ClusterAdmitter';
import { ClusterGroupAccess } from './permissions/clusterGroupAccess';
import { ClusterGroupService } from './placement/ClusterGroupService';
import { BackupCipher } from './backups/BackupCipher';
import { createBackupServices, DatabaseBackupStore } from './backups';
import { CostSampler } from './cost/CostSampler';
import { CostService } from './cost/CostService';
import { DatabaseCostStore } from './cost/DatabaseCostStore';
import { AccessGrantService } from './kubeconfig/AccessGrantService';
import { CallerKubeConfigs } from './kubeconfig/CallerKubeConfigs';
import { KubeconfigIssuer } from './kubeconfig/KubeconfigIssuer';
import { LifecycleNotifier } from './lifecycle/LifecycleNotifier';
import { WorkloadsService } from './workloads/WorkloadsService';
import { WorkloadsWatchCache } from './workloads/WorkloadsWatchCache';
import { PodLogService } from './workloads/inside/PodLogService';
import { WorkloadObjectReader } from './workloads/inside/WorkloadObjectReader';
import { WorkloadOperations } from './workloads/inside/WorkloadOperations';
import { registerPermissions } from './permissions/registerPermissions';
import { ProvisionerRegistry } from './provisioner/ProvisionerRegistry';
import { LifecycleReconciler } from './reconciler/LifecycleReconciler';
import { createRouter } from './router';
import {
  scheduleBackgroundTasks,
  TASK_IDS,
} from './scheduling/scheduleBackgroundTasks';
import { HostClusterService } from './services/HostClusterService';
import { KubeconfigService } from './services/KubeconfigService';
import { VirtualClusterService } from './services/VirtualClusterService';
import { DatabaseVirtualClusterStore } from './store/DatabaseVirtualClusterStore';

/**
 * The virtual-clusters backend plugin: lifecycle, Day-2 operations, kubeconfigs,
 * workloads and cost of virtual clusters. This file only wires; each object it makes
 * has one job (see the README's Architecture section).
 *
 * @public
 */
export const virtualClustersPlugin = createBackendPlugin({
  pluginId: 'virtual-clusters',
  register(env) {
    const installed = new ProvisionerRegistry();
    env.registerExtensionPoint(virtualClustersProvisionerExtensionPoint, {
      addProvisioner: provisioner => installed.add(provisioner),
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
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger, database, permissions, auditor } = deps;
        const settings = readVirtualClustersConfig(config);
        const provisioners = installed.complete(settings.hostClusters, logger);
        const hosts = HostClusterRegistry.create(settings.hostClusters);
        const profiles = ProfileCatalog.create(settings.profiles);

        // stores
        const store = await DatabaseVirtualClusterStore.create({ database });
        const costs = await DatabaseCostStore.create({ database });
        const backupStore = await DatabaseBackupStore.create({
          database,
          cipher: settings.backups.encryptionKey
            ? BackupCipher.fromPassphrase(
                settings.backups.encryptionKey,
                settings.backups.previousEncryptionKeys,
              )
            : undefined,
        });
        registerPermissions(
          deps.permissionsRegistry,
          store,
          settings.clusterGroups,
        );

        // the lifecycle: requests, the reconciler, notifications
        const notifier = LifecycleNotifier.create(deps);
        const reconciler = LifecycleReconciler.create({
          store,
          hosts,
          provisioners,
          logger: logger.child({ task: TASK_IDS.reconcile }),
          onChange: change => notifier.notify(change),
          profiles,
        });
        const access = new ClusterGroupAccess(permissions);
        const hostClusters = HostClusterService.create({
          hosts,
          store,
          permissions,
          access,
        });
        const clusters = VirtualClusterService.create({
          store,
          hosts,
          admitter: ClusterAdmitter.create({
            hosts,
            groups: settings.clusterGroups,
            store,
            statusOf: name => hostClusters.status(name),
            access,
            profiles,
          }),
          permissions,
          permissionsRegistry: deps.permissionsRegistry,
          auditor,
          logger,
          onChange: id => reconciler.reconcileSoon(id),
          profiles,
        });

        // what a running cluster offers: kubeconfigs, workloads, cost, backups
        const issuer = KubeconfigIssuer.create({
          hosts,
          tokenTtl: settings.kubeconfig.tokenTtl,
        });
        // what the portal does inside a cluster with the caller's own rights
        const callers = CallerKubeConfigs.create({ issuer, permissions });
        const workloadsCache = settings.workloads.watch.enabled
          ? WorkloadsWatchCache.create({
              settings: settings.workloads.watch,
              logger,
            })
          : undefined;
        deps.lifecycle.addShutdownHook(() => workloadsCache?.dispose());
        const backups = createBackupServices({
          store: backupStore,
          clusters,
          records: store,
          kubeconfigs: issuer,
          auditor,
          logger,
          notifications: deps.notifications,
        });

        await scheduleBackgroundTasks({
          ...deps,
          reconciler,
          costSampler: CostSampler.create({ store, costs, hosts, logger }),
          pendingRestores: backups.pendingRestores,
          sleep: SleepController.create({
            store,
            hosts,
            inside: InsideActivityReader.create({ kubeconfigs: issuer }),
            logger: logger.child({ task: TASK_IDS.sleep }),
            onChange: id => reconciler.reconcileSoon(id),
          }),
          expiry: ExpiryController.create({
            store,
            hosts,
            backup: cluster =>
              backups.backups.takeForPlugin(cluster, EXPIRY_ACTOR),
            notify: (cluster, payload) => notifier.tellOwners(cluster, payload),
            logger: logger.child({ task: TASK_IDS.expiry }),
            onChange: id => reconciler.reconcileSoon(id),
          }),
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            hostClusters,
            clusterGroups: ClusterGroupService.create({
              groups: settings.clusterGroups,
              hosts,
              store,
              permissions,
              statusOf: name => hostClusters.status(name),
              access,
            }),
            clusters,
            kubeconfigs: KubeconfigService.create({
              clusters,
              issuer,
              permissions,
              auditor,
              allowAdminCertificates:
                settings.kubeconfig.allowAdminCertificates,
            }),
            workloads: WorkloadsService.create({
              kubeconfigs: issuer,
              cache: workloadsCache,
            }),
            workloadObjects: WorkloadObjectReader.create({
              kubeconfigs: issuer,
            }),
            workloadOperations: WorkloadOperations.create({
              clusters,
              callers,
              auditor,
              logger,
            }),
            podLogs: PodLogService.create({ clusters, callers, logger }),
            access: AccessGrantService.create({
              clusters,
              kubeconfigs: issuer,
              auditor,
              logger,
            }),
            profiles: ProfileService.create({
              catalog: profiles,
              reader: ClusterProfilesReader.create({
                catalog: profiles,
                kubeconfigs: issuer,
              }),
            }),
            costs: CostService.create({ costs, clusters: store, logger }),
            ratesOf: name => hosts.get(name).settings.cost,
            backups,
          }),
        );

        // the same services as actions, for AI assistants (mcp-actions) and others
        registerActions(deps.actionsRegistry, {
          clusters,
          costs: CostService.create({ costs, clusters: store, logger }),
          workloads: WorkloadsService.create({
            kubeconfigs: issuer,
            cache: workloadsCache,
          }),
          ratesOf: name => hosts.get(name).settings.cost,
          backups: backups.backups,
        });
      },
    });
  },
});
