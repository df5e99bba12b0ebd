// Generated from plugins/virtual-clusters-backend/src/schema/openapi.yaml by
// `yarn generate:openapi` in that package (openapi-typescript); do not edit.
/* eslint-disable */
export interface paths {
  '/host-clusters': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Host clusters with readiness checks, capacity, and their virtual clusters' cost and savings by sleep this month. */
    get: operations['ListHostClusters'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/cluster-groups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Cluster groups with each member's readiness, capacity and placed quotas. */
    get: operations['ListClusterGroups'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/profiles': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description The application profiles admins configured, each with its versions and what each installs (never the values). */
    get: operations['ListProfiles'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/clusters': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Virtual clusters the caller may see, newest first. */
    get: operations['ListClusters'];
    put?: never;
    /** @description Creates a virtual cluster; idempotent on requestId. With dryRun, validates only. */
    post: operations['CreateCluster'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/clusters/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description One cluster. A user's read counts as a portal view (activity that keeps the cluster awake, see the sleep policy), except with `refresh=true`. */
    get: operations['GetCluster'];
    put?: never;
    post?: never;
    delete: operations['DeleteCluster'];
    options?: never;
    head?: never;
    /** @description Day-2 operations - pause, resume (also wakes a sleeping cluster), upgrade, resize (a new quota), attach-profile, detach-profile, move-profile, set-sleep-policy, extend (the expiry). */
    patch: operations['UpdateCluster'];
    trace?: never;
  };
  '/clusters/{id}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ListEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/clusters/{id}/kubeconfig': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description A kubeconfig for the caller with short-lived credentials (or the admin certificate when config allows and mode=admin). Audited. */
    get: operations['GetKubeconfig'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/clusters/{id}/workloads': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Everything running inside the virtual cluster, by namespace, with detected errors and recent Warning events (a ReplicaSet's on its Deployment). A kind that cannot be read is reported in errors; the rest is returned. Served from watches after the first read of a cluster. */
    get: operations['GetWorkloads'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/clusters/{id}/workloads/{namespace}/{kind}/{name}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Every event (Normal and Warning) of one object inside the virtual cluster, newest first; for a Deployment also its ReplicaSets' (where its rollout's events are). Needs read permission on the cluster; the cluster must be Running. */
    get: operations['GetWorkloadEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/clusters/{id}/workloads/{namespace}/{kind}/{name}/yaml': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description The object as YAML, without `metadata.managedFields`; a Secret without its `data` and `stringData` (and without the last-applied annotation, which holds them). Needs read permission on the cluster. */
    get: operations['GetWorkloadYaml'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/clusters/{id}/workloads/{namespace}/{kind}/{name}/restart': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** @description Restarts a Deployment, StatefulSet or DaemonSet as `kubectl rollout restart` does (the pod template's `kubectl.kubernetes.io/restartedAt` annotation set to now), with the caller's own rights inside the cluster. Needs update permission; audited and on the cluster's timeline. */
    post: operations['RestartWorkload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/clusters/{id}/workloads/{namespace}/pods/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** @description Deletes a pod (its controller, if any, makes a new one), with the caller's own rights inside the cluster. Needs update permission; audited and on the cluster's timeline. */
    delete: operations['DeletePod'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/clusters/{id}/workloads/{namespace}/pods/{name}/logs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description A container's log, read through the virtual cluster's API with the caller's own rights inside it (their ServiceAccount's role: manage for those who may update the cluster, else read). Needs the logs permission (`virtual-clusters.logs.read`). With `follow`, the answer streams new lines for `followSeconds` (default 300) and then ends. */
    get: operations['GetPodLogs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/clusters/{id}/access': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Who holds kubeconfigs of the cluster (their ServiceAccounts inside it). Needs update permission. */
    get: operations['ListAccessGrants'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/clusters/{id}/access/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** @description Revokes every kubeconfig a principal was given for the cluster: deletes their ServiceAccounts inside it (and their bindings), so every token minted for them stops working at once. Needs update permission; audited and on the cluster's timeline. The principal can ask for a new kubeconfig if the permission policy still allows it. */
    post: operations['RevokeAccess'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/clusters/{id}/profiles': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description The profiles attached to the cluster and each layer's state inside it, as vcluster's deploy controller reports it. */
    get: operations['GetClusterProfiles'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/clusters/{id}/cost': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description What the virtual cluster costs - rate now, month to date, projection, daily series and breakdowns - in the host cluster's currency. From OpenCost's Allocation API where the host cluster configures OpenCost (source opencost), otherwise from sampled requests x configured rates (source rates). */
    get: operations['GetCost'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/clusters/{id}/backups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Backups of the cluster, newest first, without their contents. */
    get: operations['ListBackups'];
    put?: never;
    /** @description Backs up the API objects of a Running cluster (needs update permission): the objects of every namespaced resource type outside system namespaces, the Namespaces and the CustomResourceDefinitions, without server-set fields and without what controllers recreate (pods of ReplicaSets, ReplicaSets of Deployments, endpoints, events, leases, service account tokens). Volume data (the contents of PersistentVolumes) is NOT included. A failed backup is recorded with its error and answered with 503. Audited. */
    post: operations['CreateBackup'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/clusters/{id}/backups/{backupId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description One backup with a summary of the objects it holds (names and kinds; never the objects' contents, which may include Secrets). */
    get: operations['GetBackup'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/clusters/{id}/clone': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** @description Clones this cluster from one of its completed backups: creates a new cluster (same host, owner, distro, version, quota and related entities) and answers at once; the backend restores the backup into it when it runs (in its pending-restores task, tried up to 5 times, kept across restarts), with the outcome on the new cluster's timeline. Needs update permission on this cluster and create permission. Idempotent for the same backup and name. */
    post: operations['CloneCluster'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/clusters/{id}/restore': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** @description Re-applies a backup's objects into this cluster with server-side apply (CustomResourceDefinitions first, then Namespaces, then the rest; field manager backstage-virtual-clusters): objects that exist are updated, not duplicated. The backup may be of another cluster the caller can read, which clones it. Needs update permission on this cluster, which must be Running (409 otherwise). Volume data is NOT restored: PersistentVolumeClaims come back as new, empty volumes. Audited. */
    post: operations['RestoreBackup'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /**
     * @description Lifecycle phase of a virtual cluster, as tracked by the backend reconciler.
     * @enum {string}
     */
    Phase:
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
    /**
     * @description Kubernetes distribution that runs the virtual control plane. `k3s` needs a vcluster chart of 0.32.x or older.
     * @enum {string}
     */
    Distro: 'k3s' | 'k8s';
    /**
     * @description How the virtual API server is reached from outside the host cluster.
     * @enum {string}
     */
    ExposureType: 'LoadBalancer' | 'Ingress';
    /** @description Exposure of one virtual cluster. */
    Exposure: {
      type: components['schemas']['ExposureType'];
      /** @description Ingress class, for `Ingress` exposure. */
      ingressClassName?: string;
      /** @description External host name, for `Ingress` exposure: `<name>.<wildcardDomain>`. */
      host?: string;
    };
    /** @description Resource quota of a virtual cluster (Kubernetes quantities). It is a ResourceQuota `vc-<name>` in the cluster's HOST namespace, rendered by the vcluster chart: it counts every pod and PVC the virtual cluster syncs to the host AND the cluster's own control plane (its pod, its data PVC, its Service), not only what users run inside the virtual cluster. Keys left out keep the chart's defaults. */
    Quota: {
      /** @description Sum of the CPU requests in the host namespace (`requests.cpu`), e.g. `"4"`. */
      cpu?: string;
      /** @description Sum of the memory requests (`requests.memory`), e.g. `"8Gi"`. */
      memory?: string;
      /** @description Sum of the PVC storage requests (`requests.storage`), e.g. `"50Gi"`. */
      storage?: string;
      /** @description Most pods in the host namespace (`count/pods`), the control plane's included. */
      pods?: number;
    };
    /** @description What the host actually enforces for a virtual cluster: the `hard` limits and `used` amounts of its ResourceQuota `vc-<name>` (chart defaults merged with the cluster's quota; it counts the control plane too), as the host's API server reports them. */
    EffectiveQuota: {
      hard: {
        [key: string]: string;
      };
      used: {
        [key: string]: string;
      };
    };
    /** @description A status condition, in the Kubernetes style. */
    Condition: {
      type: string;
      /** @enum {string} */
      status: 'True' | 'False' | 'Unknown';
      reason?: string;
      message?: string;
      lastTransitionTime: string;
    };
    /** @description The desired state of a virtual cluster. */
    Spec: {
      distro: components['schemas']['Distro'];
      /** @description Kubernetes version of the virtual control plane, e.g. `"1.31"`. */
      kubernetesVersion: string;
      /** @description vcluster Helm chart version. */
      chartVersion: string;
      exposure: components['schemas']['Exposure'];
      quota?: components['schemas']['Quota'];
      isolation?: components['schemas']['Isolation'];
      /** @description The application profiles attached, each at one version, in install order. */
      profiles?: components['schemas']['ProfileRef'][];
      sleep?: components['schemas']['SleepPolicy'];
    };
    /** @description When the backend puts the cluster to sleep (a pause marked as sleep) and wakes it, in the shape of vcluster's `sleep.auto` values: after a time without activity (no kubeconfig issued, no portal view, no change to the objects inside), on a cron schedule, and a wake-up schedule, in a time zone. Keys left out have no effect; `neverSleep` keeps it awake where the host allows it. */
    SleepPolicy: {
      /** @description How long without activity before it sleeps, a Go duration such as `2h`, `90m` or `1h30m` (no days). */
      afterInactivity?: string;
      /** @description Cron expression (5 fields) of when it goes to sleep, e.g. `0 20 * * 1-5`. */
      schedule?: string;
      /** @description Cron expression of when a sleeping cluster wakes, e.g. `0 8 * * 1-5`. */
      wakeupSchedule?: string;
      /** @description IANA time zone of the schedules, e.g. `Europe/Berlin`; default UTC. */
      timezone?: string;
      /** @description Never put to sleep (only where the host or group allows it). */
      neverSleep?: boolean;
    };
    /** @description Why and since when a cluster sleeps: a pause the backend made, marked on its control plane as vcluster's platform marks it (label `loft.sh/sleep-mode`, annotations `sleepmode.loft.sh/sleeping-since` and `sleepmode.loft.sh/sleep-type`). A wake-up schedule, the Wake action (resume) or a kubeconfig download wakes it. */
    SleepState: {
      since: string;
      /**
       * @description vcluster's sleep types.
       * @enum {string}
       */
      type: 'inactivitySleep' | 'scheduledSleep';
      /** @description Why, in words, e.g. `Idle since 2026-12-03T10:00:00Z (no activity for 2h)`. */
      message: string;
    };
    /** @description The last activity the backend saw, which inactivity is measured from. */
    Activity: {
      at: string;
      /**
       * @description `created`, `kubeconfig` (one was issued), `view` (a user read the cluster in the portal or the API), `change` (an object inside was written by a user or a tool, not by the cluster's own controllers), `woken`.
       * @enum {string}
       */
      kind: 'created' | 'kubeconfig' | 'view' | 'change' | 'woken';
    };
    /** @description One application profile attached to a cluster, at one version. `digest` is of that version's layers when it was attached: a version changed in place in app-config is noticed, not installed. */
    ProfileRef: {
      name: string;
      version: string;
      digest: string;
    };
    /** @description A profile asked for; without a version, its newest. */
    ProfileRequest: {
      name: string;
      version?: string;
    };
    /** @description What one layer of a profile installs: a Helm chart (its release, chart and version) or named manifests. Values are never shown: they may hold secrets. */
    ProfileLayerSummary: {
      /** @enum {string} */
      type: 'helm' | 'manifests';
      /** @description The Helm release's name, or the manifests layer's. */
      name: string;
      /** @description The Helm release's namespace. */
      namespace?: string;
      chart?: string;
      chartVersion?: string;
      repository?: string;
      /** @description For manifests: how many objects of each kind, e.g. `{ "ConfigMap": 2 }`. */
      kinds?: {
        [key: string]: number;
      };
    };
    /** @description One version of an application profile. */
    ProfileVersion: {
      version: string;
      title: string;
      description?: string;
      layers: components['schemas']['ProfileLayerSummary'][];
    };
    /** @description An application profile with its versions, newest first. */
    Profile: {
      name: string;
      /** @description The newest version's title. */
      title: string;
      description?: string;
      /** @description Entity ref of the team that keeps the profile (the newest version's), if config names one. */
      owner?: string;
      versions: components['schemas']['ProfileVersion'][];
    };
    /**
     * @description A layer's state inside the cluster, from vcluster's deploy status: `Success`, `Failed` and `Pending` as vcluster reports them (`Pending` also while vcluster has not yet reported on this version of the layer), `Removing` for a release of a detached profile that vcluster has not yet uninstalled, `Unknown` when the status could not be read.
     * @enum {string}
     */
    LayerPhase: 'Pending' | 'Success' | 'Failed' | 'Removing' | 'Unknown';
    /** @description One layer of an attached profile and how it stands inside the cluster. */
    LayerStatus: components['schemas']['ProfileLayerSummary'] & {
      phase: components['schemas']['LayerPhase'];
      reason?: string;
      message?: string;
    };
    /** @description An attached profile with each layer's state. */
    ClusterProfileStatus: {
      name: string;
      version: string;
      title: string;
      description?: string;
      /** @description Why this profile cannot be installed as attached (e.g. its version was removed from app-config). */
      problem?: string;
      layers: components['schemas']['LayerStatus'][];
    };
    /** @description The profiles attached to a cluster with each layer's state, read from ConfigMap `kube-system/vcluster-deploy` (annotation `vcluster.loft.sh/status`) inside the cluster. */
    ClusterProfilesResponse: {
      profiles: components['schemas']['ClusterProfileStatus'][];
      /** @description Releases vcluster still has from profiles that were detached. */
      removing: components['schemas']['LayerStatus'][];
      /**
       * @description The layers' state in one word, once vcluster's status could be read: `Failed` if one failed, else `Pending` while one is not done, else `Success`; left out when there are no layers.
       * @enum {string}
       */
      phase?: 'Pending' | 'Success' | 'Failed';
      /** @description Why the status is not known (e.g. the cluster is paused), or vcluster's own message. */
      message?: string;
    };
    /** @description How the cluster is kept apart on its host, as its host (or cluster group) sets it when the cluster is created: the chart's NetworkPolicies around its workloads and control plane, and a Pod Security Standard the syncer enforces on every namespace inside. */
    Isolation: {
      networkPolicy: boolean;
      /** @enum {string} */
      podSecurityStandard?: 'privileged' | 'baseline' | 'restricted';
    };
    /** @description A virtual cluster as the backend API returns it. */
    VirtualCluster: {
      id: string;
      name: string;
      /** @description Name of the host cluster in app-config. */
      hostCluster: string;
      /** @description The cluster group its host belongs to (placed through the group, or created on a member by name), if any. */
      clusterGroup?: string;
      /** @description Namespace on the host cluster that holds the virtual cluster. */
      namespace: string;
      /** @description Entity ref of the owner, e.g. `group:default/team-a`. */
      owner: string;
      /** @description Entity refs of catalog entities related to this cluster (a component, a system). */
      relatedEntityRefs: string[];
      spec: components['schemas']['Spec'];
      phase: components['schemas']['Phase'];
      /** @description Machine-readable reason of the phase, e.g. why it failed. */
      reason?: string;
      /** @description Human-readable message of the phase. */
      message?: string;
      conditions: components['schemas']['Condition'][];
      /** @description External API endpoint, always `https://<host>:443`, once known. */
      endpoint?: string;
      effectiveQuota?: components['schemas']['EffectiveQuota'];
      sleep?: components['schemas']['SleepState'];
      lastActivity?: components['schemas']['Activity'];
      /** @description When the backend deletes the cluster (after a final backup, which stays restorable into a new cluster), if it has a time to live; owners are told some days and one day before, and may extend it within the host's maximum. */
      expiresAt?: string;
      generation: number;
      observedGeneration: number;
      createdBy: string;
      createdAt: string;
      updatedAt: string;
      deletedAt?: string;
      /** @description Month to date at the host's rates, only in lists asked with `include=cost`, and not for hosts whose cost comes from OpenCost (see the cluster's cost report). */
      cost?: {
        currency: string;
        monthToDate: number;
        /** @description Hours the backend kept it asleep this month (UTC), to two decimals; only when it slept this month (see the cost report's `sleep`). */
        sleptHours?: number;
        /** @description What those hours asleep saved this month, as the cost report's `sleep.savedThisMonth`; only when it slept this month. */
        savedBySleep?: number;
      };
    };
    /** @description One page of virtual clusters. */
    ListClustersResponse: {
      items: components['schemas']['VirtualCluster'][];
      totalItems: number;
      /** @description Opaque cursor of the next page, where there is one. */
      nextCursor?: string;
    };
    /** @description Body of a create request. It names a `clusterGroup`, whose placement picks the host, or a `hostCluster` directly. */
    CreateRequest: {
      /** @description A DNS-1123 label of at most 52 characters (vcluster derives Helm release names from it, and those stop at 53). */
      name: string;
      hostCluster?: string;
      clusterGroup?: string;
      owner: string;
      distro?: components['schemas']['Distro'];
      kubernetesVersion?: string;
      exposure?: {
        type?: components['schemas']['ExposureType'];
        ingressClassName?: string;
      };
      quota?: components['schemas']['Quota'];
      sleep?: components['schemas']['SleepPolicy'];
      /** @description Time to live in days: the cluster is deleted this long after it is created (after a final backup). Default the host's (or group's) `expiry.defaultTtlDays`; at most its `expiry.maxTtlDays`. */
      ttlDays?: number;
      /** @description Application profiles to install inside, in order; the host's (or group's) default profiles are added unless named here at another version. */
      profiles?: components['schemas']['ProfileRequest'][];
      relatedEntityRefs?: string[];
      /** @description Makes the request idempotent: the same id returns the cluster it created. */
      requestId?: string;
    };
    PauseRequest: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      action: 'pause';
    };
    ResumeRequest: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      action: 'resume';
    };
    UpgradeRequest: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      action: 'upgrade';
      kubernetesVersion?: string;
      chartVersion?: string;
    };
    /** @description Sets the resource quota inside the cluster; fields left out are removed. */
    ResizeRequest: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      action: 'resize';
      quota: components['schemas']['Quota'];
    };
    /** @description Attaches an application profile (its newest version unless one is named). */
    AttachProfileRequest: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      action: 'attach-profile';
      profile: string;
      version?: string;
    };
    /** @description Detaches a profile; vcluster uninstalls its Helm releases and deletes its manifests' objects. */
    DetachProfileRequest: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      action: 'detach-profile';
      profile: string;
    };
    /** @description Moves an attached profile to another of its versions (Helm upgrades its releases). */
    MoveProfileRequest: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      action: 'move-profile';
      profile: string;
      version: string;
    };
    /** @description Sets the cluster's sleep policy (keys left out take the host's or group's defaults), within what the host allows. */
    SetSleepPolicyRequest: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      action: 'set-sleep-policy';
      sleep: components['schemas']['SleepPolicy'];
    };
    /** @description Moves the cluster's expiry later by `days` (from the current expiry, or from now when that is sooner), within the host's (or group's) `expiry.maxTtlDays` from now. */
    ExtendRequest: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      action: 'extend';
      days: number;
    };
    /** @description A change to a virtual cluster: a Day-2 operation. */
    UpdateRequest:
      | components['schemas']['PauseRequest']
      | components['schemas']['ResumeRequest']
      | components['schemas']['UpgradeRequest']
      | components['schemas']['ResizeRequest']
      | components['schemas']['AttachProfileRequest']
      | components['schemas']['DetachProfileRequest']
      | components['schemas']['MoveProfileRequest']
      | components['schemas']['SetSleepPolicyRequest']
      | components['schemas']['ExtendRequest'];
    /** @description One entry of a virtual cluster's lifecycle timeline. */
    Event: {
      id: string;
      clusterId: string;
      /** @description What happened, e.g. `created`, `phase-changed`, `kubeconfig-issued`. */
      type: string;
      phase?: components['schemas']['Phase'];
      reason?: string;
      message: string;
      /** @description Entity ref of the user or service that caused it. */
      actor?: string;
      createdAt: string;
    };
    /**
     * @description Outcome of a backup: `completed`, or `failed` with an error.
     * @enum {string}
     */
    BackupStatus: 'completed' | 'failed';
    /** @description A backup of a virtual cluster's API objects (namespaced objects outside system namespaces, the Namespaces themselves and CustomResourceDefinitions). Volume data is not part of it: `note` says so, for the UI to show. */
    Backup: {
      id: string;
      /** @description The virtual cluster it was taken of. */
      clusterId: string;
      status: components['schemas']['BackupStatus'];
      objectCount: number;
      /** @description Size of the stored JSON. */
      sizeBytes: number;
      /** @description Why the backup failed. */
      error?: string;
      /** @description What a backup does not contain (volume data), in words for users. */
      note: string;
      createdBy: string;
      createdAt: string;
      completedAt?: string;
    };
    /** @description Names one object of a backup or a restore. */
    ObjectRef: {
      apiVersion: string;
      kind: string;
      namespace?: string;
      name: string;
    };
    /** @description A backup with a summary of what it holds: which objects (never their contents, which may include Secrets), how many per kind, and which namespaces. */
    BackupDetails: components['schemas']['Backup'] & {
      /** @description Number of objects per kind, e.g. `{ "ConfigMap": 3 }`. */
      kinds: {
        [key: string]: number;
      };
      namespaces: string[];
      objects: components['schemas']['ObjectRef'][];
      /** @description What the backup could not read, e.g. an API group that was unavailable. */
      warnings: string[];
    };
    /** @description Body of a restore request. */
    RestoreRequest: {
      /** @description A backup of this cluster, or of another cluster the caller may read (a clone). */
      backupId: string;
    };
    /** @description Body of a clone request. */
    CloneRequest: {
      /** @description A completed backup of the cluster being cloned. */
      backupId: string;
      /** @description Name of the new cluster, validated as any cluster name. */
      name: string;
    };
    /** @description Outcome of a restore (or clone) into a virtual cluster. */
    RestoreResult: {
      backupId: string;
      /** @description The cluster the backup was taken of. */
      sourceClusterId: string;
      /** @description The cluster the objects were applied to. */
      targetClusterId: string;
      /** @description True when source and target differ. */
      clone: boolean;
      objectCount: number;
      /** @description Objects created or updated (server-side apply). */
      applied: number;
      failed: number;
      /** @description Objects left as they were, e.g. CustomResourceDefinitions the target already has. */
      skipped: number;
      /** @description The first failures, with the API server's message. */
      failures: (components['schemas']['ObjectRef'] & {
        message: string;
      })[];
      durationMs: number;
      note: string;
    };
    /** @description One readiness check of a host cluster. */
    HostClusterCheck: {
      /** @description `api` and `crd` on every host, and `capacity` when its capacity could not be read; `exposure` on a host that exposes virtual clusters through Services of type LoadBalancer; `ingress-class`, `ssl-passthrough` (left out when the IngressClass is missing) and `wildcard-dns` on one that exposes them through Ingress. */
      name: string;
      ok: boolean;
      message: string;
    };
    /** @description CPU cores, memory in GiB and pods. */
    ResourceAmounts: {
      cpuCores: number;
      memoryGiB: number;
      pods: number;
    };
    /** @description Capacity of a host cluster against what its virtual clusters request. */
    HostClusterCapacity: {
      allocatable: components['schemas']['ResourceAmounts'];
      requested: components['schemas']['ResourceAmounts'];
      virtualClusters: number;
      maxVirtualClusters?: number;
    };
    /** @description A host cluster as configured by the portal admin (no secrets). */
    HostCluster: {
      name: string;
      title: string;
      url: string;
      exposure: {
        type: components['schemas']['ExposureType'];
        ingressClassName?: string;
        wildcardDomain?: string;
      };
      distros: components['schemas']['Distro'][];
      defaults: {
        distro: components['schemas']['Distro'];
        kubernetesVersion: string;
        quota?: components['schemas']['Quota'];
      };
      /** @description Kubernetes versions offered per distro. */
      kubernetesVersions: {
        k3s: string[];
        k8s: string[];
      };
      /** @description The host's currency and, in `GET /host-clusters`, this month's totals (UTC) over every virtual cluster sampled on it this month, deleted ones included, at the host's rates (computed at most once a minute); the totals are left out where the host's cost comes from OpenCost. */
      cost: {
        currency: string;
        monthToDate?: number;
        /** @description Hours its virtual clusters slept this month, added up. */
        sleptHours?: number;
        /** @description What their sleep saved this month, added up. */
        savedBySleep?: number;
      };
      /** @description The cluster group the host belongs to, if any. */
      clusterGroup?: string;
      maxQuota?: components['schemas']['Quota'];
      /** @description The sleep policy new clusters get, and what a cluster's own may be. */
      sleep?: {
        defaults: components['schemas']['SleepPolicy'];
        /** @description Longest afterInactivity a cluster may have (and the default's ceiling). */
        maxAfterInactivity?: string;
        allowNeverSleep: boolean;
      };
      /** @description Time to live of new clusters and how they are told before they expire. */
      expiry?: {
        defaultTtlDays?: number;
        maxTtlDays?: number;
        /** @description Days before the expiry the owners are notified, e.g. `[7, 1]`. */
        noticeDays: number[];
        /** @description A cluster asleep this many days gets an expiry as if its time to live ended then. */
        expireAfterSleepingDays?: number;
      };
    };
    /** @description A host cluster with its live readiness and capacity. */
    HostClusterStatus: components['schemas']['HostCluster'] & {
      ready: boolean;
      checks: components['schemas']['HostClusterCheck'][];
      capacity?: components['schemas']['HostClusterCapacity'];
    };
    /** @description A member host of a cluster group: its readiness, its capacity for placement (allocatable × oversubscription), and the quotas of the clusters on it. */
    ClusterGroupMember: {
      name: string;
      title: string;
      ready: boolean;
      checks: components['schemas']['HostClusterCheck'][];
      oversubscriptionPercent: number;
      /** @description Allocatable CPU and memory times the oversubscription, when known. */
      capacity?: components['schemas']['PlacementAmounts'];
      /** @description The quotas of the live virtual clusters on it, added up. */
      placed: components['schemas']['PlacementAmounts'];
      /** @description Capacity less what is placed, when the capacity is known. */
      free?: components['schemas']['PlacementAmounts'];
      virtualClusters: number;
      maxVirtualClusters?: number;
    };
    /** @description CPU cores and memory in GiB (storage too where quotas are added up). */
    PlacementAmounts: {
      cpuCores: number;
      memoryGiB: number;
      storageGiB?: number;
    };
    /** @description A cluster group with its limits and each member's state. */
    ClusterGroupStatus: {
      name: string;
      title: string;
      description?: string;
      /** @description Distros some member offers. */
      distros: components['schemas']['Distro'][];
      /** @description Kubernetes versions some member offers per distro, in member order. */
      kubernetesVersions: {
        k3s: string[];
        k8s: string[];
      };
      /** @description The defaults of the first member (members inherit the group's). */
      defaults: {
        distro: components['schemas']['Distro'];
        kubernetesVersion: string;
        quota?: components['schemas']['Quota'];
      };
      maxQuota?: components['schemas']['Quota'];
      limits: {
        maxVirtualClusters?: number;
        perOwner?: number;
        ownerQuota?: components['schemas']['Quota'];
      };
      /** @description Live virtual clusters in the group. */
      virtualClusters: number;
      hostClusters: components['schemas']['ClusterGroupMember'][];
    };
    /**
     * @description Kinds of object the workloads table shows.
     * @enum {string}
     */
    WorkloadKind:
      | 'Deployment'
      | 'StatefulSet'
      | 'DaemonSet'
      | 'Job'
      | 'CronJob'
      | 'Pod'
      | 'Service'
      | 'PersistentVolumeClaim';
    /**
     * @description Kinds whose events and YAML can be read: the workloads table's, and the objects around them (a Deployment's ReplicaSets, ConfigMaps, Secrets - whose data is never returned).
     * @enum {string}
     */
    WorkloadObjectKind:
      | 'Deployment'
      | 'StatefulSet'
      | 'DaemonSet'
      | 'ReplicaSet'
      | 'Job'
      | 'CronJob'
      | 'Pod'
      | 'Service'
      | 'PersistentVolumeClaim'
      | 'ConfigMap'
      | 'Secret';
    /**
     * @description Kinds that `kubectl rollout restart` restarts.
     * @enum {string}
     */
    RestartableKind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
    /** @description One Kubernetes Event about an object inside the virtual cluster. */
    WorkloadEvent: {
      /** @description Normal or Warning (as Kubernetes reports it). */
      type: string;
      reason: string;
      message: string;
      /** @description How often it happened (series count or count, at least 1). */
      count: number;
      firstSeen?: string;
      lastSeen: string;
      /** @description The component that reported it, e.g. kubelet or deployment-controller. */
      source?: string;
      /** @description The object it is about (for a Deployment, also its ReplicaSets). */
      involvedObject: {
        kind: string;
        name: string;
      };
    };
    /** @description Every event of an object, newest first. */
    WorkloadEventsResponse: {
      items: components['schemas']['WorkloadEvent'][];
    };
    /** @description What a restart did. */
    WorkloadRestartResponse: {
      kind: components['schemas']['RestartableKind'];
      namespace: string;
      name: string;
      /** @description The value written to the pod template's `kubectl.kubernetes.io/restartedAt` annotation. */
      restartedAt: string;
    };
    /** @description Somebody who holds kubeconfigs of the cluster: their ServiceAccount inside it (namespace backstage-access), which every token they were given belongs to. */
    AccessGrant: {
      /** @description The Backstage user or service, e.g. user:default/alice. */
      principal: string;
      /** @enum {string} */
      level: 'manage' | 'read';
      /** @description namespace/name of the ServiceAccount. */
      serviceAccount: string;
      createdAt?: string;
    };
    AccessGrantsResponse: {
      items: components['schemas']['AccessGrant'][];
    };
    RevokeAccessRequest: {
      /** @description Whose kubeconfigs to revoke, e.g. user:default/alice. */
      principal: string;
    };
    RevokeAccessResponse: {
      principal: string;
      /** @description The ServiceAccounts deleted (namespace/name); empty when the principal held none. */
      revoked: string[];
    };
    /** @description A problem found in a workload, e.g. a crash-looping container. */
    WorkloadError: {
      severity: number;
      message: string;
      /** @description What usually fixes it. */
      proposedFix?: string;
    };
    /** @description One object inside a virtual cluster, as the workloads table shows it. */
    Workload: {
      kind: components['schemas']['WorkloadKind'];
      name: string;
      namespace: string;
      /** @description Ready vs desired, e.g. `2/3`, where it applies. */
      ready?: string;
      /** @description Short status, e.g. Running, Pending, Bound, Complete. */
      status: string;
      restarts?: number;
      images: string[];
      /** @description A pod's containers, then its init containers (marked), whose logs can be read. */
      containers?: {
        name: string;
        init?: boolean;
      }[];
      createdAt?: string;
      errors: components['schemas']['WorkloadError'][];
    };
    /** @description Workloads of one virtual namespace. */
    WorkloadNamespace: {
      name: string;
      workloads: components['schemas']['Workload'][];
    };
    /** @description Everything running inside a virtual cluster. */
    WorkloadsResponse: {
      namespaces: components['schemas']['WorkloadNamespace'][];
      /** @description Kinds that could not be read (e.g. forbidden), `Event` when the warnings could not be; the rest is still returned. */
      errors: {
        kind: components['schemas']['WorkloadKind'] | 'Event';
        message: string;
      }[];
      summary: {
        workloads: number;
        withErrors: number;
        pods: number;
        runningPods: number;
      };
      fetchedAt: string;
    };
    /** @description Cost in the host cluster's currency. */
    Cost: {
      currency: string;
      /**
       * @description `rates` from app-config, or `opencost`.
       * @enum {string}
       */
      source: 'rates' | 'opencost';
      /** @description Cost per hour of what is requested now. */
      hourlyRate: number;
      monthToDate: number;
      /** @description Month to date plus the current rate until the end of the month. */
      projectedMonth: number;
      daily: {
        date: string;
        cost: number;
      }[];
      byResource: {
        cpu: number;
        memory: number;
        storage: number;
        loadBalancer: number;
      };
      byNamespace: {
        namespace: string;
        cost: number;
      }[];
      /** @description What is requested now. */
      current: {
        cpuCores: number;
        memoryGiB: number;
        storageGiB: number;
        loadBalancers: number;
      };
      sampledAt?: string;
      /** @description What sleeping saved this month (UTC). The hours count from each `sleep-requested` on the timeline (a sleep the backend made; a manual pause does not count) to the next wake-up, resume, pause by a user or deletion, or now. Without sleep, those hours are priced at the rate of the last sample before it fell asleep; with sleep they cost what their samples price (each stored hour's cost spread evenly over the time its samples billed); the difference, never below zero per sleep, is saved. From the stored samples at the host's rates, also when the figures above come from OpenCost. */
      sleep?: {
        /** @description Hours asleep this month, to two decimals. */
        hoursThisMonth: number;
        savedThisMonth: number;
        /** @description What this month would have cost without sleep (monthToDate + savedThisMonth). */
        withoutSleepMonthToDate: number;
      };
      /** @description Set when the figures are not from the configured source, saying why (e.g. OpenCost could not be reached and the built-in estimate is shown). */
      note?: string;
    };
  };
  responses: never;
  parameters: {
    id: string;
    backupId: string;
    /** @description A namespace inside the virtual cluster. */
    namespace: string;
    /** @description The object's name inside the virtual cluster. */
    objectName: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  ListHostClusters: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Host clusters */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['HostClusterStatus'][];
          };
        };
      };
    };
  };
  ListClusterGroups: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Cluster groups */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['ClusterGroupStatus'][];
          };
        };
      };
    };
  };
  ListProfiles: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Profiles */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Profile'][];
          };
        };
      };
    };
  };
  ListClusters: {
    parameters: {
      query?: {
        owner?: string;
        entityRef?: string;
        hostCluster?: string;
        phase?: components['schemas']['Phase'][];
        limit?: number;
        cursor?: string;
        /** @description cost adds each cluster's month to date (one query for the page) */
        include?: 'cost';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ListClustersResponse'];
        };
      };
    };
  };
  CreateCluster: {
    parameters: {
      query?: {
        dryRun?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateRequest'];
      };
    };
    responses: {
      /** @description Already created by this requestId, or the dry run result */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VirtualCluster'];
        };
      };
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VirtualCluster'];
        };
      };
    };
  };
  GetCluster: {
    parameters: {
      query?: {
        /** @description A page re-reading a cluster it already shows (to follow its phase): not a view, so a page left open does not keep the cluster awake. */
        refresh?: boolean;
      };
      header?: never;
      path: {
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The cluster */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VirtualCluster'];
        };
      };
    };
  };
  DeleteCluster: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deletion under way */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VirtualCluster'];
        };
      };
    };
  };
  UpdateCluster: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateRequest'];
      };
    };
    responses: {
      /** @description The cluster */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VirtualCluster'];
        };
      };
    };
  };
  ListEvents: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Timeline, oldest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Event'][];
          };
        };
      };
    };
  };
  GetKubeconfig: {
    parameters: {
      query?: {
        mode?: 'token' | 'admin';
      };
      header?: never;
      path: {
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Kubeconfig YAML */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/yaml': string;
        };
      };
    };
  };
  GetWorkloads: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Workloads */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkloadsResponse'];
        };
      };
    };
  };
  GetWorkloadEvents: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['id'];
        /** @description A namespace inside the virtual cluster. */
        namespace: components['parameters']['namespace'];
        kind: components['schemas']['WorkloadObjectKind'];
        /** @description The object's name inside the virtual cluster. */
        name: components['parameters']['objectName'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Events */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkloadEventsResponse'];
        };
      };
    };
  };
  GetWorkloadYaml: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['id'];
        /** @description A namespace inside the virtual cluster. */
        namespace: components['parameters']['namespace'];
        kind: components['schemas']['WorkloadObjectKind'];
        /** @description The object's name inside the virtual cluster. */
        name: components['parameters']['objectName'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The object's YAML */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/yaml': string;
        };
      };
    };
  };
  RestartWorkload: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['id'];
        /** @description A namespace inside the virtual cluster. */
        namespace: components['parameters']['namespace'];
        kind: components['schemas']['RestartableKind'];
        /** @description The object's name inside the virtual cluster. */
        name: components['parameters']['objectName'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Restarted */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkloadRestartResponse'];
        };
      };
    };
  };
  DeletePod: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['id'];
        /** @description A namespace inside the virtual cluster. */
        namespace: components['parameters']['namespace'];
        /** @description The object's name inside the virtual cluster. */
        name: components['parameters']['objectName'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deletion started */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            namespace: string;
            name: string;
          };
        };
      };
    };
  };
  GetPodLogs: {
    parameters: {
      query?: {
        /** @description The container; may be left out when the pod has one. */
        container?: string;
        /** @description Lines from the end (default 500). */
        tailLines?: number;
        /** @description The previous (terminated) container's log. */
        previous?: boolean;
        follow?: boolean;
        followSeconds?: number;
        timestamps?: boolean;
        /** @description Answer as an attachment named `<pod>-<container>.log`. */
        download?: boolean;
      };
      header?: never;
      path: {
        id: components['parameters']['id'];
        /** @description A namespace inside the virtual cluster. */
        namespace: components['parameters']['namespace'];
        /** @description The object's name inside the virtual cluster. */
        name: components['parameters']['objectName'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The log text */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
    };
  };
  ListAccessGrants: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Grants */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccessGrantsResponse'];
        };
      };
    };
  };
  RevokeAccess: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RevokeAccessRequest'];
      };
    };
    responses: {
      /** @description Revoked */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RevokeAccessResponse'];
        };
      };
    };
  };
  GetClusterProfiles: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Attached profiles */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClusterProfilesResponse'];
        };
      };
    };
  };
  GetCost: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Cost */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Cost'];
        };
      };
    };
  };
  ListBackups: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Backups */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Backup'][];
          };
        };
      };
    };
  };
  CreateBackup: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The completed backup */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Backup'];
        };
      };
    };
  };
  GetBackup: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['id'];
        backupId: components['parameters']['backupId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The backup */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BackupDetails'];
        };
      };
    };
  };
  CloneCluster: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CloneRequest'];
      };
    };
    responses: {
      /** @description The new cluster; its restore is pending */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VirtualCluster'];
        };
      };
    };
  };
  RestoreBackup: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RestoreRequest'];
      };
    };
    responses: {
      /** @description What was applied */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RestoreResult'];
        };
      };
    };
  };
}
