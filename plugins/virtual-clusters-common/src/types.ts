/**
 * Lifecycle phase of a virtual cluster, as tracked by the backend reconciler.
 *
 * @public
 */
export type VirtualClusterPhase =
  | 'Pending'
  | 'Provisioning'
  | 'Running'
  | 'Pausing'
  | 'Paused'
  | 'Resuming'
  | 'Upgrading'
  | 'Failed'
  | 'Deleting'
  | 'Deleted';

/** All lifecycle phases, in lifecycle order. @public */
export const VIRTUAL_CLUSTER_PHASES: readonly VirtualClusterPhase[] = [
  'Pending',
  'Provisioning',
  'Running',
  'Pausing',
  'Paused',
  'Resuming',
  'Upgrading',
  'Failed',
  'Deleting',
  'Deleted',
];

/**
 * Kubernetes distribution that runs the virtual control plane.
 * `k3s` needs a vcluster chart of 0.32.x or older.
 *
 * @public
 */
export type VirtualClusterDistro = 'k3s' | 'k8s';

/** How the virtual API server is reached from outside the host cluster. @public */
export type ExposureType = 'LoadBalancer' | 'Ingress';

/** Exposure of one virtual cluster. @public */
export type VirtualClusterExposure = {
  type: ExposureType;
  /** Ingress class, for `Ingress` exposure. */
  ingressClassName?: string;
  /** External host name, for `Ingress` exposure: `<name>.<wildcardDomain>`. */
  host?: string;
};

/**
 * Resource quota of a virtual cluster (Kubernetes quantities). It is a ResourceQuota
 * `vc-<name>` in the cluster's HOST namespace, rendered by the vcluster chart: it
 * counts every pod and PVC the virtual cluster syncs to the host AND the cluster's
 * own control plane (its pod, its data PVC, its Service), not only what users run
 * inside the virtual cluster. Keys left out keep the chart's defaults.
 *
 * @public
 */
export type VirtualClusterQuota = {
  /** Sum of the CPU requests in the host namespace (`requests.cpu`), e.g. `"4"`. */
  cpu?: string;
  /** Sum of the memory requests (`requests.memory`), e.g. `"8Gi"`. */
  memory?: string;
  /** Sum of the PVC storage requests (`requests.storage`), e.g. `"50Gi"`. */
  storage?: string;
  /** Most pods in the host namespace (`count/pods`), the control plane's included. */
  pods?: number;
};

/**
 * What the host actually enforces for a virtual cluster: the `hard` limits and `used`
 * amounts of its ResourceQuota `vc-<name>` (chart defaults merged with the cluster's
 * quota), as the host's API server reports them.
 *
 * @public
 */
export type VirtualClusterEffectiveQuota = {
  hard: Record<string, string>;
  used: Record<string, string>;
};

/** The desired state of a virtual cluster. @public */
export type VirtualClusterSpec = {
  distro: VirtualClusterDistro;
  /** Kubernetes version of the virtual control plane, e.g. `"1.31"`. */
  kubernetesVersion: string;
  /** vcluster Helm chart version. */
  chartVersion: string;
  exposure: VirtualClusterExposure;
  quota?: VirtualClusterQuota;
};

/** A status condition, in the Kubernetes style. @public */
export type VirtualClusterCondition = {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime: string;
};

/** A virtual cluster as the backend API returns it. @public */
export type VirtualCluster = {
  id: string;
  name: string;
  /** Name of the host cluster in app-config. */
  hostCluster: string;
  /** Namespace on the host cluster that holds the virtual cluster. */
  namespace: string;
  /** Entity ref of the owner, e.g. `group:default/team-a`. */
  owner: string;
  /** Entity refs of catalog entities related to this cluster (a component, a system). */
  relatedEntityRefs: string[];
  spec: VirtualClusterSpec;
  phase: VirtualClusterPhase;
  /** Machine-readable reason of the phase, e.g. why it failed. */
  reason?: string;
  /** Human-readable message of the phase. */
  message?: string;
  conditions: VirtualClusterCondition[];
  /** External API endpoint, always `https://<host>:443`, once known. */
  endpoint?: string;
  /** The ResourceQuota the host enforces, once the reconciler has read it. */
  effectiveQuota?: VirtualClusterEffectiveQuota;
  generation: number;
  observedGeneration: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  deletedAt?: string;
  /**
   * Month to date at the host's rates, only in lists asked with `include=cost`, and
   * not for hosts whose cost comes from OpenCost (see the cluster's cost report).
   */
  cost?: { currency: string; monthToDate: number };
};

/** One entry of a virtual cluster's lifecycle timeline. @public */
export type VirtualClusterEvent = {
  id: string;
  clusterId: string;
  /** What happened, e.g. `created`, `phase-changed`, `kubeconfig-issued`. */
  type: string;
  /** Phase after the event, where it changed one. */
  phase?: VirtualClusterPhase;
  reason?: string;
  message: string;
  /** Entity ref of the user or service that caused it. */
  actor?: string;
  createdAt: string;
};

/** Body of a create request. @public */
export type CreateVirtualClusterRequest = {
  name: string;
  hostCluster: string;
  owner: string;
  distro?: VirtualClusterDistro;
  kubernetesVersion?: string;
  exposure?: Partial<Pick<VirtualClusterExposure, 'type' | 'ingressClassName'>>;
  quota?: VirtualClusterQuota;
  relatedEntityRefs?: string[];
  /** Makes the request idempotent: the same id returns the cluster it created. */
  requestId?: string;
};

/** Filter of a list request. @public */
export type ListVirtualClustersRequest = {
  owner?: string;
  entityRef?: string;
  hostCluster?: string;
  phase?: VirtualClusterPhase[];
  limit?: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
  /** `cost`: each item gets `cost` (month to date), from one query for the page. */
  include?: 'cost';
};

/** One page of virtual clusters. @public */
export type ListVirtualClustersResponse = {
  items: VirtualCluster[];
  totalItems: number;
  nextCursor?: string;
};

/** One readiness check of a host cluster. @public */
export type HostClusterCheck = {
  /**
   * `api` and `crd` on every host, and `capacity` when its capacity could not be read;
   * `exposure` on a host that exposes virtual clusters through Services of type
   * LoadBalancer; `ingress-class`, `ssl-passthrough` (left out when the IngressClass is
   * missing) and `wildcard-dns` on one that exposes them through Ingress.
   */
  name: string;
  ok: boolean;
  message: string;
};

/** Capacity of a host cluster against what its virtual clusters request. @public */
export type HostClusterCapacity = {
  allocatable: { cpuCores: number; memoryGiB: number; pods: number };
  requested: { cpuCores: number; memoryGiB: number; pods: number };
  virtualClusters: number;
  maxVirtualClusters?: number;
};

/** A host cluster as configured by the portal admin (no secrets). @public */
export type HostCluster = {
  name: string;
  title: string;
  url: string;
  exposure: {
    type: ExposureType;
    ingressClassName?: string;
    wildcardDomain?: string;
  };
  distros: VirtualClusterDistro[];
  defaults: {
    distro: VirtualClusterDistro;
    kubernetesVersion: string;
    quota?: VirtualClusterQuota;
  };
  /** Kubernetes versions offered per distro. */
  kubernetesVersions: Record<VirtualClusterDistro, string[]>;
  cost: { currency: string };
};

/** A host cluster with its live readiness and capacity. @public */
export type HostClusterStatus = HostCluster & {
  ready: boolean;
  checks: HostClusterCheck[];
  capacity?: HostClusterCapacity;
};

/** A problem found in a workload, e.g. a crash-looping container. @public */
export type WorkloadError = {
  severity: number;
  message: string;
  /** What usually fixes it. */
  proposedFix?: string;
};

/** One object inside a virtual cluster, as the workloads table shows it. @public */
export type Workload = {
  kind:
    | 'Deployment'
    | 'StatefulSet'
    | 'DaemonSet'
    | 'Job'
    | 'CronJob'
    | 'Pod'
    | 'Service'
    | 'PersistentVolumeClaim';
  name: string;
  namespace: string;
  /** Ready vs desired, e.g. `2/3`, where it applies. */
  ready?: string;
  /** Short status, e.g. Running, Pending, Bound, Complete. */
  status: string;
  restarts?: number;
  images: string[];
  createdAt?: string;
  errors: WorkloadError[];
};

/** Workloads of one virtual namespace. @public */
export type WorkloadNamespace = {
  name: string;
  workloads: Workload[];
};

/** Everything running inside a virtual cluster. @public */
export type WorkloadsResponse = {
  namespaces: WorkloadNamespace[];
  /**
   * Kinds that could not be read (e.g. forbidden), `Event` when the warnings could
   * not be; the rest is still returned.
   */
  errors: Array<{ kind: Workload['kind'] | 'Event'; message: string }>;
  summary: {
    workloads: number;
    withErrors: number;
    pods: number;
    runningPods: number;
  };
  fetchedAt: string;
};

/** Cost in the host cluster's currency. @public */
export type VirtualClusterCost = {
  currency: string;
  /** `rates` from app-config, or `opencost`. */
  source: 'rates' | 'opencost';
  /** Cost per hour of what is requested now. */
  hourlyRate: number;
  monthToDate: number;
  /** Month to date plus the current rate until the end of the month. */
  projectedMonth: number;
  daily: Array<{ date: string; cost: number }>;
  byResource: {
    cpu: number;
    memory: number;
    storage: number;
    loadBalancer: number;
  };
  byNamespace: Array<{ namespace: string; cost: number }>;
  /** What is requested now. */
  current: {
    cpuCores: number;
    memoryGiB: number;
    storageGiB: number;
    loadBalancers: number;
  };
  sampledAt?: string;
  /** Set when the figures are not from the configured source, saying why (e.g. OpenCost unreachable). */
  note?: string;
};

/** Outcome of a backup: `completed`, or `failed` with an error. @public */
export type VirtualClusterBackupStatus = 'completed' | 'failed';

/**
 * A backup of a virtual cluster's API objects (namespaced objects outside system
 * namespaces, the Namespaces themselves and CustomResourceDefinitions). Volume data is
 * not part of it: `note` says so, for the UI to show.
 *
 * @public
 */
export type VirtualClusterBackup = {
  id: string;
  /** The virtual cluster it was taken of. */
  clusterId: string;
  status: VirtualClusterBackupStatus;
  objectCount: number;
  /** Size of the stored JSON. */
  sizeBytes: number;
  /** Why the backup failed. */
  error?: string;
  /** What a backup does not contain (volume data), in words for users. */
  note: string;
  createdBy: string;
  createdAt: string;
  completedAt?: string;
};

/** Names one object of a backup or a restore. @public */
export type VirtualClusterBackupObjectRef = {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
};

/**
 * A backup with a summary of what it holds: which objects (never their contents, which
 * may include Secrets), how many per kind, and which namespaces.
 *
 * @public
 */
export type VirtualClusterBackupDetails = VirtualClusterBackup & {
  /** Number of objects per kind, e.g. `{ "ConfigMap": 3 }`. */
  kinds: Record<string, number>;
  namespaces: string[];
  objects: VirtualClusterBackupObjectRef[];
  /** What the backup could not read, e.g. an API group that was unavailable. */
  warnings: string[];
};

/** Body of a restore request. @public */
export type RestoreVirtualClusterBackupRequest = {
  /** A backup of this cluster, or of another cluster the caller may read (a clone). */
  backupId: string;
};

/** Body of a clone request. @public */
export type CloneVirtualClusterBackupRequest = {
  /** A completed backup of the cluster being cloned. */
  backupId: string;
  /** Name of the new cluster, validated as any cluster name. */
  name: string;
};

/** Outcome of a restore (or clone) into a virtual cluster. @public */
export type VirtualClusterRestoreResult = {
  backupId: string;
  /** The cluster the backup was taken of. */
  sourceClusterId: string;
  /** The cluster the objects were applied to. */
  targetClusterId: string;
  /** True when source and target differ. */
  clone: boolean;
  objectCount: number;
  /** Objects created or updated (server-side apply). */
  applied: number;
  failed: number;
  /** Objects left as they were, e.g. CustomResourceDefinitions the target already has. */
  skipped: number;
  /** The first failures, with the API server's message. */
  failures: Array<VirtualClusterBackupObjectRef & { message: string }>;
  durationMs: number;
  note: string;
};
