import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the virtual-clusters plugin family. */
  virtualClusters?: {
    /** Host clusters that run virtual clusters. */
    hostClusters: Array<{
      /** Unique name, a DNS-1123 label; used in API calls and templates. */
      name: string;
      /** Display title. */
      title?: string;
      /** URL of the host cluster's API server. Not needed for `auth.type: inCluster`. */
      url?: string;
      /** Base64-encoded CA bundle of the API server. */
      caData?: string;
      /** Path to the CA bundle of the API server. */
      caFile?: string;
      /** Skip TLS verification (development only). */
      skipTLSVerify?: boolean;
      /** How the backend authenticates to the host cluster. */
      auth:
        | {
            type: 'serviceAccountToken';
            /**
             * Token of a ServiceAccount with the rights listed in the README.
             * @visibility secret
             */
            serviceAccountToken: string;
          }
        | {
            type: 'kubeconfig';
            /** Path to a kubeconfig file on the backend host. */
            kubeconfigPath: string;
            /** Context in that file; its current context when missing. */
            context?: string;
          }
        | {
            type: 'inCluster';
          };
      /** How virtual API servers are reached from outside. */
      exposure?: {
        /** `LoadBalancer` (default) or `Ingress` with NGINX SSL passthrough. */
        type?: 'LoadBalancer' | 'Ingress';
        /** Ingress class, for `Ingress`. Default `nginx`. */
        ingressClassName?: string;
        /** Wildcard DNS domain, for `Ingress`: clusters get `<name>.<wildcardDomain>`. */
        wildcardDomain?: string;
      };
      /** Provisioner id. Default `cluster-api`. */
      provisioner?: string;
      /**
       * Helm repository the vcluster chart is installed from
       * (`spec.helmRelease.chart.repo` of each VCluster), e.g. a mirror for an
       * air-gapped host: an http(s) or oci:// URL. Default `https://charts.loft.sh`.
       */
      chartRepository?: string;
      /**
       * vcluster chart version per distro; only released versions (git tags of
       * loft-sh/vcluster) are accepted.
       */
      chartVersions?: {
        /** Default `0.32.0`; k3s needs 0.32.x or older (it was removed in 0.33.0). */
        k3s?: string;
        /** Default `0.33.0`. */
        k8s?: string;
      };
      /**
       * Distros offered on this host: `k3s`, `k8s` or both (default both, or its
       * group's).
       */
      distros?: Array<'k3s' | 'k8s'>;
      /** Kubernetes versions offered per distro; the first is the default. */
      kubernetesVersions?: {
        k3s?: string[];
        k8s?: string[];
      };
      /**
       * Most quota one virtual cluster may ask for; keys left out are not capped.
       * Default its group's.
       */
      maxQuota?: {
        cpu?: string;
        memory?: string;
        storage?: string;
        pods?: number;
      };
      /**
       * How far the quotas of the virtual clusters on this host may add up beyond its
       * allocatable CPU and memory, in percent, when a cluster group places clusters.
       * Default its group's, else 120.
       */
      oversubscriptionPercent?: number;
      /**
       * When the backend puts clusters to sleep (a pause marked as vcluster's sleep) and
       * wakes them, in the shape of vcluster's `sleep.auto` values: the defaults every new
       * cluster gets (each cluster may set its own), and the limits of what it may set.
       */
      sleep?: {
        /** Sleep after this long without activity (Go duration, e.g. `2h`, `90m`). */
        afterInactivity?: string;
        /** Cron expression (5 fields) of when clusters go to sleep, e.g. `0 20 * * 1-5`. */
        schedule?: string;
        /** Cron expression of when sleeping clusters wake, e.g. `0 8 * * 1-5`. */
        wakeupSchedule?: string;
        /** IANA time zone of the schedules, e.g. `Europe/Berlin`; default UTC. */
        timezone?: string;
        /** Longest `afterInactivity` a cluster may ask for; with it, every cluster sleeps after some time. */
        maxAfterInactivity?: string;
        /** Whether a cluster may be marked "never sleep" (default true). */
        allowNeverSleep?: boolean;
      };
      /** How long virtual clusters live, and how their owners are told before they expire. */
      expiry?: {
        /** Time to live of a new cluster that asks for none, in days; default none (it never expires). */
        defaultTtlDays?: number;
        /** The longest a cluster may live from now, in days: at create and when extended. */
        maxTtlDays?: number;
        /** Days before the expiry the owners are notified; default [7, 1]. */
        noticeDays?: number[];
        /** A cluster asleep this many days gets an expiry then (it is deleted after a final backup unless extended). */
        expireAfterSleepingDays?: number;
      };
      /**
       * How each virtual cluster is kept apart on the host (rendered into its
       * vcluster.yaml when it is created; default its group's).
       */
      isolation?: {
        /**
         * The chart's NetworkPolicies (`policies.networkPolicy.enabled`): the cluster's
         * workloads reach only each other, its control plane and public addresses.
         * Default false; it needs a CNI that enforces NetworkPolicies.
         */
        networkPolicy?: boolean;
        /**
         * Pod Security Standard the syncer enforces on every namespace inside the
         * cluster (`policies.podSecurityStandard`).
         */
        podSecurityStandard?: 'privileged' | 'baseline' | 'restricted';
      };
      /**
       * Advanced vcluster.yaml values for every virtual cluster on this host (over its group's, map by map), for
       * admins: merged under what the backend renders (its own keys win) and checked
       * against the keys of the chart line's values.schema.json at start-up.
       */
      values?: { [key: string]: unknown };
      /** Defaults of new virtual clusters. */
      defaults?: {
        /** `k3s` (default) or `k8s`. */
        distro?: 'k3s' | 'k8s';
        /** Kubernetes version; default the first of `kubernetesVersions`. */
        kubernetesVersion?: string;
        /**
         * Resource quota of each virtual cluster: a ResourceQuota in its host namespace that
         * also counts the cluster's own control plane; keys left out keep the chart's defaults.
         */
        quota?: {
          cpu?: string;
          memory?: string;
          storage?: string;
          pods?: number;
        };
        /**
         * Application profiles every new virtual cluster gets, each `name` (its newest
         * version at start-up) or `name@version`; a create may name another version.
         */
        profiles?: string[];
      };
      /** Limits on this host cluster. */
      limits?: {
        /** Most virtual clusters on this host. */
        maxVirtualClusters?: number;
        /** Most virtual clusters one owner may have on this host. */
        perOwner?: number;
      };
      /** Rates used to compute cost. */
      cost?: {
        /** ISO 4217 currency code. Default `USD`. */
        currency?: string;
        cpuCoreHour?: number;
        memoryGiBHour?: number;
        storageGiBMonth?: number;
        loadBalancerHour?: number;
        /**
         * OpenCost on this host cluster. When set, cost comes from its Allocation API
         * (`/allocation/compute`, aggregated by namespace and filtered to the virtual
         * cluster's host namespace) instead of requests × rates; when OpenCost cannot be
         * reached the built-in estimate is returned with a note saying so. Costs are in
         * OpenCost's currency: set `currency` to match it.
         */
        opencost?: {
          /** Base URL of the OpenCost API, e.g. `http://opencost.opencost:9003`. */
          baseUrl: string;
          /**
           * Value of the `Authorization` header sent to OpenCost, e.g. `Bearer <token>`,
           * when it sits behind an authenticating proxy.
           * @visibility secret
           */
          authorization?: string;
          /** How long one OpenCost request may take, e.g. `10s`. Default 10 seconds. */
          timeout?: string | { seconds?: number; milliseconds?: number };
          /** How long an answer is reused for the same cluster, e.g. `1m`. Default 60 seconds. */
          cacheTtl?: string | { seconds?: number; minutes?: number };
        };
        /**
         * OpenCost base URL.
         * @deprecated use `opencost.baseUrl`
         */
        openCostUrl?: string;
      };
    }>;
    /**
     * Cluster groups: host clusters that virtual clusters are placed on together. A
     * developer names a group and the backend picks a ready member (the one with the
     * most free capacity, see the README). A host belongs to at most one group and
     * takes the group's settings below for every key its own entry leaves out; hosts
     * in no group are used by name as before.
     */
    clusterGroups?: Array<{
      /** Unique name, a DNS-1123 label; used in API calls and templates. */
      name: string;
      /** Display title. */
      title?: string;
      /** What the group is for, shown where a developer picks it. */
      description?: string;
      /** Names of the member host clusters (entries of `hostClusters`). */
      hostClusters: string[];
      /** Distros the members offer unless they say otherwise. Default both. */
      distros?: Array<'k3s' | 'k8s'>;
      /** Kubernetes versions the members offer per distro; the first is the default. */
      kubernetesVersions?: {
        k3s?: string[];
        k8s?: string[];
      };
      /** vcluster chart version per distro for the members. */
      chartVersions?: {
        k3s?: string;
        k8s?: string;
      };
      /** Defaults of new virtual clusters on the members. */
      defaults?: {
        distro?: 'k3s' | 'k8s';
        kubernetesVersion?: string;
        quota?: {
          cpu?: string;
          memory?: string;
          storage?: string;
          pods?: number;
        };
        /** Application profiles every new cluster in the group gets, `name` or `name@version`. */
        profiles?: string[];
      };
      /** Most quota one virtual cluster may ask for; keys left out are not capped. */
      maxQuota?: {
        cpu?: string;
        memory?: string;
        storage?: string;
        pods?: number;
      };
      /**
       * How far the quotas of a member's virtual clusters may add up beyond its
       * allocatable CPU and memory, in percent. Default 120, as in Palette.
       */
      oversubscriptionPercent?: number;
      /**
       * When the backend puts clusters to sleep (a pause marked as vcluster's sleep) and
       * wakes them, in the shape of vcluster's `sleep.auto` values: the defaults every new
       * cluster gets (each cluster may set its own), and the limits of what it may set.
       */
      sleep?: {
        /** Sleep after this long without activity (Go duration, e.g. `2h`, `90m`). */
        afterInactivity?: string;
        /** Cron expression (5 fields) of when clusters go to sleep, e.g. `0 20 * * 1-5`. */
        schedule?: string;
        /** Cron expression of when sleeping clusters wake, e.g. `0 8 * * 1-5`. */
        wakeupSchedule?: string;
        /** IANA time zone of the schedules, e.g. `Europe/Berlin`; default UTC. */
        timezone?: string;
        /** Longest `afterInactivity` a cluster may ask for; with it, every cluster sleeps after some time. */
        maxAfterInactivity?: string;
        /** Whether a cluster may be marked "never sleep" (default true). */
        allowNeverSleep?: boolean;
      };
      /** How long virtual clusters live, and how their owners are told before they expire. */
      expiry?: {
        /** Time to live of a new cluster that asks for none, in days; default none (it never expires). */
        defaultTtlDays?: number;
        /** The longest a cluster may live from now, in days: at create and when extended. */
        maxTtlDays?: number;
        /** Days before the expiry the owners are notified; default [7, 1]. */
        noticeDays?: number[];
        /** A cluster asleep this many days gets an expiry then (it is deleted after a final backup unless extended). */
        expireAfterSleepingDays?: number;
      };
      /**
       * How each virtual cluster is kept apart on the host (rendered into its
       * vcluster.yaml when it is created).
       */
      isolation?: {
        /**
         * The chart's NetworkPolicies (`policies.networkPolicy.enabled`): the cluster's
         * workloads reach only each other, its control plane and public addresses.
         * Default false; it needs a CNI that enforces NetworkPolicies.
         */
        networkPolicy?: boolean;
        /**
         * Pod Security Standard the syncer enforces on every namespace inside the
         * cluster (`policies.podSecurityStandard`).
         */
        podSecurityStandard?: 'privileged' | 'baseline' | 'restricted';
      };
      /**
       * Advanced vcluster.yaml values for every virtual cluster in the group, for
       * admins: merged under what the backend renders (its own keys win) and checked
       * against the keys of the chart line's values.schema.json at start-up.
       */
      values?: { [key: string]: unknown };
      /** Limits over the whole group (each member's own `limits` apply as well). */
      limits?: {
        /** Most virtual clusters in the group. */
        maxVirtualClusters?: number;
        /** Most virtual clusters one owner may have in the group. */
        perOwner?: number;
        /**
         * Most resources the quotas of one owner's virtual clusters in the group may
         * add up to (a cluster without a quota counts with the chart's defaults).
         */
        ownerQuota?: {
          cpu?: string;
          memory?: string;
          storage?: string;
        };
      };
      /** Cost rates of the members (OpenCost stays a setting of each host). */
      cost?: {
        /** ISO 4217 currency code. Default `USD`. */
        currency?: string;
        cpuCoreHour?: number;
        memoryGiBHour?: number;
        storageGiBMonth?: number;
        loadBalancerHour?: number;
      };
    }>;
    /**
     * Application profiles: versioned stacks of Helm charts and manifests that
     * vcluster installs inside a virtual cluster. Each entry is one version of a
     * profile; a version clusters use stays as it is, and a new version is a new entry.
     */
    profiles?: Array<{
      /** The profile's name, a DNS-1123 label, the same across its versions. */
      name: string;
      /** This version, semver (e.g. `1.2.0`); `name` and `version` are unique together. */
      version: string;
      /** Display title. */
      title?: string;
      /** What the profile is for, shown where a developer picks it. */
      description?: string;
      /** Entity ref of the team that keeps it; default `group:default/platform-team`. */
      owner?: string;
      /** What it installs, in order: each a Helm chart or a set of manifests. */
      layers: Array<
        | {
            /** A Helm chart installed into the virtual cluster. */
            helm: {
              /** The chart's repository, an http(s) or oci:// URL. */
              repository: string;
              /** The chart's name in that repository. */
              chart: string;
              /** The chart version, exactly (semver). */
              version: string;
              /** Helm values of the release. */
              values?: { [key: string]: unknown };
              /** The release: name (default the chart's) and namespace (default `default`). */
              release?: { name?: string; namespace?: string };
            };
          }
        | {
            /** A name for the layer, shown with its status. */
            name: string;
            /** Kubernetes objects as YAML documents, applied into the virtual cluster. */
            manifests: string;
          }
      >;
    }>;
    /**
     * Schedule of the lifecycle reconciler. Default every 10 seconds. The cost sampler
     * and the runner of pending clone restores run as tasks of their own on it.
     */
    reconcile?: {
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** Kubeconfig hand-out. */
    kubeconfig?: {
      /** Lifetime of minted tokens, e.g. `8h` or `{ hours: 8 }`. Default 8 hours. */
      tokenTtl?: string | { hours?: number; minutes?: number };
      /** Hand out the admin client certificate instead of minted tokens. Default false. */
      allowAdminCertificates?: boolean;
    };
    /** Backups of the API objects inside virtual clusters (they hold its Secrets). */
    backups?: {
      /**
       * Passphrase (16 characters or more) from which the key that encrypts backup
       * contents at rest is derived (AES-256-GCM). Every backend instance needs the
       * same one; backups taken with it cannot be restored without it. Backups taken
       * before it was set stay readable.
       * @visibility secret
       */
      encryptionKey?: string;
      /**
       * Passphrases used before `encryptionKey`, to read backups taken with them after
       * a key rotation; new backups always use `encryptionKey`.
       * @visibility secret
       */
      previousEncryptionKeys?: string[];
    };
    /** The workloads view of each virtual cluster. */
    workloads?: {
      /**
       * Answer from watches instead of listing on every request: the first read of a
       * cluster lists and opens one watch per kind (8 kinds and Events), later reads come from memory.
       */
      watch?: {
        /** Default true; false lists the 8 kinds and Events on every request. */
        enabled?: boolean;
        /** Close a cluster's watches after it was not read for this long, e.g. `5m` (default). */
        idleTimeout?: string | { minutes?: number; seconds?: number };
        /** Most clusters watched at once; the least recently read is closed first. Default 50. */
        maxClusters?: number;
      };
    };
  };
}
