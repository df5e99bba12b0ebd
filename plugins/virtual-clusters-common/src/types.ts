import { components, operations } from './schema/openapi.generated';

/*
 * The API's types, named for the plugin family. Each is a schema of
 * plugins/virtual-clusters-backend/src/schema/openapi.yaml, the one source of the API
 * (its descriptions document the fields); `yarn generate:openapi` in the backend
 * package regenerates ./schema/openapi.generated.ts from it.
 */

type Schemas = components['schemas'];

/** Lifecycle phase of a virtual cluster, as tracked by the backend reconciler. @public */
export type VirtualClusterPhase = Schemas['Phase'];

/**
 * Kubernetes distribution that runs the virtual control plane.
 * `k3s` needs a vcluster chart of 0.32.x or older.
 *
 * @public
 */
export type VirtualClusterDistro = Schemas['Distro'];

/** How the virtual API server is reached from outside the host cluster. @public */
export type ExposureType = Schemas['ExposureType'];

/** Exposure of one virtual cluster. @public */
export type VirtualClusterExposure = Schemas['Exposure'];

/**
 * Resource quota of a virtual cluster (Kubernetes quantities): a ResourceQuota
 * `vc-<name>` in the cluster's HOST namespace, which counts the control plane too.
 *
 * @public
 */
export type VirtualClusterQuota = Schemas['Quota'];

/** What the host actually enforces for a virtual cluster. @public */
export type VirtualClusterEffectiveQuota = Schemas['EffectiveQuota'];

/** The desired state of a virtual cluster. @public */
export type VirtualClusterSpec = Schemas['Spec'];

/** How a virtual cluster is kept apart on its host. @public */
export type VirtualClusterIsolation = Schemas['Isolation'];

/** A status condition, in the Kubernetes style. @public */
export type VirtualClusterCondition = Schemas['Condition'];

/** A virtual cluster as the backend API returns it. @public */
export type VirtualCluster = Schemas['VirtualCluster'];

/** One entry of a virtual cluster's lifecycle timeline. @public */
export type VirtualClusterEvent = Schemas['Event'];

/** Body of a create request. @public */
export type CreateVirtualClusterRequest = Schemas['CreateRequest'];

/** A change to a virtual cluster: a Day-2 operation. @public */
export type VirtualClusterUpdate = Schemas['UpdateRequest'];

/** Filter of a list request. @public */
export type ListVirtualClustersRequest = NonNullable<
  operations['ListClusters']['parameters']['query']
>;

/** One page of virtual clusters. @public */
export type ListVirtualClustersResponse = Schemas['ListClustersResponse'];

/** One readiness check of a host cluster. @public */
export type HostClusterCheck = Schemas['HostClusterCheck'];

/** Capacity of a host cluster against what its virtual clusters request. @public */
export type HostClusterCapacity = Schemas['HostClusterCapacity'];

/** A host cluster as configured by the portal admin (no secrets). @public */
export type HostCluster = Schemas['HostCluster'];

/** A host cluster with its live readiness and capacity. @public */
export type HostClusterStatus = Schemas['HostClusterStatus'];

/** CPU cores and memory (and storage) in GiB, as placement adds quotas up. @public */
export type PlacementAmounts = Schemas['PlacementAmounts'];

/** A member host of a cluster group with its placement figures. @public */
export type ClusterGroupMember = Schemas['ClusterGroupMember'];

/** A cluster group with its limits and members. @public */
export type ClusterGroupStatus = Schemas['ClusterGroupStatus'];

/** A problem found in a workload, e.g. a crash-looping container. @public */
export type WorkloadError = Schemas['WorkloadError'];

/** One object inside a virtual cluster, as the workloads table shows it. @public */
export type Workload = Schemas['Workload'];

/** Workloads of one virtual namespace. @public */
export type WorkloadNamespace = Schemas['WorkloadNamespace'];

/** Everything running inside a virtual cluster. @public */
export type WorkloadsResponse = Schemas['WorkloadsResponse'];

/** Kinds whose events and YAML can be read. @public */
export type WorkloadObjectKind = Schemas['WorkloadObjectKind'];

/** Kinds that can be restarted as `kubectl rollout restart` does. @public */
export type RestartableWorkloadKind = Schemas['RestartableKind'];

/** One Kubernetes Event of an object inside a virtual cluster. @public */
export type WorkloadEvent = Schemas['WorkloadEvent'];

/** What a restart did. @public */
export type WorkloadRestartResult = Schemas['WorkloadRestartResponse'];

/** Somebody who holds kubeconfigs of a cluster. @public */
export type VirtualClusterAccessGrant = Schemas['AccessGrant'];

/** What revoking a principal's kubeconfigs deleted. @public */
export type VirtualClusterRevokeResult = Schemas['RevokeAccessResponse'];

/** How much of a container's log to read. @public */
export type PodLogsRequest = {
  container?: string;
  tailLines?: number;
  previous?: boolean;
  timestamps?: boolean;
};

/** Cost in the host cluster's currency. @public */
export type VirtualClusterCost = Schemas['Cost'];

/** Outcome of a backup: `completed`, or `failed` with an error. @public */
export type VirtualClusterBackupStatus = Schemas['BackupStatus'];

/** A backup of a virtual cluster's API objects (no volume data). @public */
export type VirtualClusterBackup = Schemas['Backup'];

/** Names one object of a backup or a restore. @public */
export type VirtualClusterBackupObjectRef = Schemas['ObjectRef'];

/** A backup with a summary of what it holds (never the objects' contents). @public */
export type VirtualClusterBackupDetails = Schemas['BackupDetails'];

/** Body of a restore request. @public */
export type RestoreVirtualClusterBackupRequest = Schemas['RestoreRequest'];

/** Body of a clone request. @public */
export type CloneVirtualClusterBackupRequest = Schemas['CloneRequest'];

/** Outcome of a restore (or clone) into a virtual cluster. @public */
export type VirtualClusterRestoreResult = Schemas['RestoreResult'];

/** One application profile attached to a cluster, at one version. @public */
export type VirtualClusterProfileRef = Schemas['ProfileRef'];

/** A profile asked for at create or attach (its newest version unless named). @public */
export type VirtualClusterProfileRequest = Schemas['ProfileRequest'];

/** What one layer of a profile installs. @public */
export type VirtualClusterProfileLayer = Schemas['ProfileLayerSummary'];

/** An application profile with its versions, newest first. @public */
export type VirtualClusterProfile = Schemas['Profile'];

/** One version of an application profile. @public */
export type VirtualClusterProfileVersion = Schemas['ProfileVersion'];

/** A layer's state inside a cluster. @public */
export type VirtualClusterLayerPhase = Schemas['LayerPhase'];

/** One layer of an attached profile with its state. @public */
export type VirtualClusterLayerStatus = Schemas['LayerStatus'];

/** An attached profile with each layer's state. @public */
export type VirtualClusterProfileStatus = Schemas['ClusterProfileStatus'];

/** The profiles of a cluster and how their layers stand. @public */
export type VirtualClusterProfilesResponse = Schemas['ClusterProfilesResponse'];

/** When the backend puts a cluster to sleep and wakes it. @public */
export type VirtualClusterSleepPolicy = Schemas['SleepPolicy'];

/** Why and since when a cluster sleeps. @public */
export type VirtualClusterSleepState = Schemas['SleepState'];

/** The last activity seen on a cluster. @public */
export type VirtualClusterActivity = Schemas['Activity'];
