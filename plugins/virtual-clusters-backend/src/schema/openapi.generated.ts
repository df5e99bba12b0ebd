// Generated from openapi.yaml by `yarn generate:openapi`; do not edit.
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The OpenAPI spec of the virtual-clusters backend. */
export const spec = {
  openapi: '3.0.3',
  info: {
    title: 'virtual-clusters',
    version: '1',
    description:
      'Lifecycle, Day-2 operations and kubeconfigs of virtual Kubernetes clusters.',
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  components: {
    parameters: {
      id: {
        name: 'id',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 64,
          pattern: '^[A-Za-z0-9-]+$',
        },
      },
      backupId: {
        name: 'backupId',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 64,
          pattern: '^[A-Za-z0-9-]+$',
        },
      },
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        description: 'A namespace inside the virtual cluster.',
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 63,
          pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
        },
      },
      objectName: {
        name: 'name',
        in: 'path',
        required: true,
        description: "The object's name inside the virtual cluster.",
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 253,
          pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$',
        },
      },
    },
    schemas: {
      Phase: {
        description:
          'Lifecycle phase of a virtual cluster, as tracked by the backend reconciler.',
        type: 'string',
        enum: [
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
        ],
      },
      Distro: {
        description:
          'Kubernetes distribution that runs the virtual control plane. `k3s` needs a vcluster chart of 0.32.x or older.',
        type: 'string',
        enum: ['k3s', 'k8s'],
      },
      ExposureType: {
        description:
          'How the virtual API server is reached from outside the host cluster.',
        type: 'string',
        enum: ['LoadBalancer', 'Ingress'],
      },
      Exposure: {
        description: 'Exposure of one virtual cluster.',
        type: 'object',
        required: ['type'],
        properties: {
          type: {
            $ref: '#/components/schemas/ExposureType',
          },
          ingressClassName: {
            description: 'Ingress class, for `Ingress` exposure.',
            type: 'string',
          },
          host: {
            description:
              'External host name, for `Ingress` exposure: `<name>.<wildcardDomain>`.',
            type: 'string',
          },
        },
      },
      Quota: {
        description:
          "Resource quota of a virtual cluster (Kubernetes quantities). It is a ResourceQuota `vc-<name>` in the cluster's HOST namespace, rendered by the vcluster chart: it counts every pod and PVC the virtual cluster syncs to the host AND the cluster's own control plane (its pod, its data PVC, its Service), not only what users run inside the virtual cluster. Keys left out keep the chart's defaults.",
        type: 'object',
        additionalProperties: false,
        properties: {
          cpu: {
            description:
              'Sum of the CPU requests in the host namespace (`requests.cpu`), e.g. `"4"`.',
            type: 'string',
            maxLength: 32,
          },
          memory: {
            description:
              'Sum of the memory requests (`requests.memory`), e.g. `"8Gi"`.',
            type: 'string',
            maxLength: 32,
          },
          storage: {
            description:
              'Sum of the PVC storage requests (`requests.storage`), e.g. `"50Gi"`.',
            type: 'string',
            maxLength: 32,
          },
          pods: {
            description:
              "Most pods in the host namespace (`count/pods`), the control plane's included.",
            type: 'integer',
            minimum: 1,
            maximum: 100000,
          },
        },
      },
      EffectiveQuota: {
        description:
          "What the host actually enforces for a virtual cluster: the `hard` limits and `used` amounts of its ResourceQuota `vc-<name>` (chart defaults merged with the cluster's quota; it counts the control plane too), as the host's API server reports them.",
        type: 'object',
        required: ['hard', 'used'],
        properties: {
          hard: {
            type: 'object',
            additionalProperties: {
              type: 'string',
            },
          },
          used: {
            type: 'object',
            additionalProperties: {
              type: 'string',
            },
          },
        },
      },
      Condition: {
        description: 'A status condition, in the Kubernetes style.',
        type: 'object',
        required: ['type', 'status', 'lastTransitionTime'],
        properties: {
          type: {
            type: 'string',
          },
          status: {
            type: 'string',
            enum: ['True', 'False', 'Unknown'],
          },
          reason: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
          lastTransitionTime: {
            type: 'string',
          },
        },
      },
      Spec: {
        description: 'The desired state of a virtual cluster.',
        type: 'object',
        required: ['distro', 'kubernetesVersion', 'chartVersion', 'exposure'],
        properties: {
          distro: {
            $ref: '#/components/schemas/Distro',
          },
          kubernetesVersion: {
            description:
              'Kubernetes version of the virtual control plane, e.g. `"1.31"`.',
            type: 'string',
          },
          chartVersion: {
            description: 'vcluster Helm chart version.',
            type: 'string',
          },
          exposure: {
            $ref: '#/components/schemas/Exposure',
          },
          quota: {
            $ref: '#/components/schemas/Quota',
          },
          isolation: {
            $ref: '#/components/schemas/Isolation',
          },
          profiles: {
            description:
              'The application profiles attached, each at one version, in install order.',
            type: 'array',
            items: {
              $ref: '#/components/schemas/ProfileRef',
            },
          },
          sleep: {
            $ref: '#/components/schemas/SleepPolicy',
          },
        },
      },
      SleepPolicy: {
        description:
          "When the backend puts the cluster to sleep (a pause marked as sleep) and wakes it, in the shape of vcluster's `sleep.auto` values: after a time without activity (no kubeconfig issued, no portal view, no change to the objects inside), on a cron schedule, and a wake-up schedule, in a time zone. Keys left out have no effect; `neverSleep` keeps it awake where the host allows it.",
        type: 'object',
        additionalProperties: false,
        properties: {
          afterInactivity: {
            description:
              'How long without activity before it sleeps, a Go duration such as `2h`, `90m` or `1h30m` (no days).',
            type: 'string',
            maxLength: 16,
          },
          schedule: {
            description:
              'Cron expression (5 fields) of when it goes to sleep, e.g. `0 20 * * 1-5`.',
            type: 'string',
            maxLength: 100,
          },
          wakeupSchedule: {
            description:
              'Cron expression of when a sleeping cluster wakes, e.g. `0 8 * * 1-5`.',
            type: 'string',
            maxLength: 100,
          },
          timezone: {
            description:
              'IANA time zone of the schedules, e.g. `Europe/Berlin`; default UTC.',
            type: 'string',
            maxLength: 64,
          },
          neverSleep: {
            description:
              'Never put to sleep (only where the host or group allows it).',
            type: 'boolean',
          },
        },
      },
      SleepState: {
        description:
          "Why and since when a cluster sleeps: a pause the backend made, marked on its control plane as vcluster's platform marks it (label `loft.sh/sleep-mode`, annotations `sleepmode.loft.sh/sleeping-since` and `sleepmode.loft.sh/sleep-type`). A wake-up schedule, the Wake action (resume) or a kubeconfig download wakes it.",
        type: 'object',
        required: ['since', 'type', 'message'],
        properties: {
          since: {
            type: 'string',
          },
          type: {
            description: "vcluster's sleep types.",
            type: 'string',
            enum: ['inactivitySleep', 'scheduledSleep'],
          },
          message: {
            description:
              'Why, in words, e.g. `Idle since 2026-12-03T10:00:00Z (no activity for 2h)`.',
            type: 'string',
          },
        },
      },
      Activity: {
        description:
          'The last activity the backend saw, which inactivity is measured from.',
        type: 'object',
        required: ['at', 'kind'],
        properties: {
          at: {
            type: 'string',
          },
          kind: {
            description:
              "`created`, `kubeconfig` (one was issued), `view` (a user read the cluster in the portal or the API), `change` (an object inside was written by a user or a tool, not by the cluster's own controllers), `woken`.",
            type: 'string',
            enum: ['created', 'kubeconfig', 'view', 'change', 'woken'],
          },
        },
      },
      ProfileRef: {
        description:
          "One application profile attached to a cluster, at one version. `digest` is of that version's layers when it was attached: a version changed in place in app-config is noticed, not installed.",
        type: 'object',
        required: ['name', 'version', 'digest'],
        properties: {
          name: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
          digest: {
            type: 'string',
          },
        },
      },
      ProfileRequest: {
        description: 'A profile asked for; without a version, its newest.',
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: {
            type: 'string',
            minLength: 1,
            maxLength: 63,
          },
          version: {
            type: 'string',
            minLength: 1,
            maxLength: 64,
          },
        },
      },
      ProfileLayerSummary: {
        description:
          'What one layer of a profile installs: a Helm chart (its release, chart and version) or named manifests. Values are never shown: they may hold secrets.',
        type: 'object',
        required: ['type', 'name'],
        properties: {
          type: {
            type: 'string',
            enum: ['helm', 'manifests'],
          },
          name: {
            description: "The Helm release's name, or the manifests layer's.",
            type: 'string',
          },
          namespace: {
            description: "The Helm release's namespace.",
            type: 'string',
          },
          chart: {
            type: 'string',
          },
          chartVersion: {
            type: 'string',
          },
          repository: {
            type: 'string',
          },
          kinds: {
            description:
              'For manifests: how many objects of each kind, e.g. `{ "ConfigMap": 2 }`.',
            type: 'object',
            additionalProperties: {
              type: 'integer',
            },
          },
        },
      },
      ProfileVersion: {
        description: 'One version of an application profile.',
        type: 'object',
        required: ['version', 'title', 'layers'],
        properties: {
          version: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          layers: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ProfileLayerSummary',
            },
          },
        },
      },
      Profile: {
        description: 'An application profile with its versions, newest first.',
        type: 'object',
        required: ['name', 'title', 'versions'],
        properties: {
          name: {
            type: 'string',
          },
          title: {
            description: "The newest version's title.",
            type: 'string',
          },
          description: {
            type: 'string',
          },
          owner: {
            description:
              "Entity ref of the team that keeps the profile (the newest version's), if config names one.",
            type: 'string',
          },
          versions: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ProfileVersion',
            },
          },
        },
      },
      LayerPhase: {
        description:
          "A layer's state inside the cluster, from vcluster's deploy status: `Success`, `Failed` and `Pending` as vcluster reports them (`Pending` also while vcluster has not yet reported on this version of the layer), `Removing` for a release of a detached profile that vcluster has not yet uninstalled, `Unknown` when the status could not be read.",
        type: 'string',
        enum: ['Pending', 'Success', 'Failed', 'Removing', 'Unknown'],
      },
      LayerStatus: {
        description:
          'One layer of an attached profile and how it stands inside the cluster.',
        allOf: [
          {
            $ref: '#/components/schemas/ProfileLayerSummary',
          },
          {
            type: 'object',
            required: ['phase'],
            properties: {
              phase: {
                $ref: '#/components/schemas/LayerPhase',
              },
              reason: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
          },
        ],
      },
      ClusterProfileStatus: {
        description: "An attached profile with each layer's state.",
        type: 'object',
        required: ['name', 'version', 'title', 'layers'],
        properties: {
          name: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          problem: {
            description:
              'Why this profile cannot be installed as attached (e.g. its version was removed from app-config).',
            type: 'string',
          },
          layers: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/LayerStatus',
            },
          },
        },
      },
      ClusterProfilesResponse: {
        description:
          "The profiles attached to a cluster with each layer's state, read from ConfigMap `kube-system/vcluster-deploy` (annotation `vcluster.loft.sh/status`) inside the cluster.",
        type: 'object',
        required: ['profiles', 'removing'],
        properties: {
          profiles: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ClusterProfileStatus',
            },
          },
          removing: {
            description:
              'Releases vcluster still has from profiles that were detached.',
            type: 'array',
            items: {
              $ref: '#/components/schemas/LayerStatus',
            },
          },
          phase: {
            description:
              "The layers' state in one word, once vcluster's status could be read: `Failed` if one failed, else `Pending` while one is not done, else `Success`; left out when there are no layers.",
            type: 'string',
            enum: ['Pending', 'Success', 'Failed'],
          },
          message: {
            description:
              "Why the status is not known (e.g. the cluster is paused), or vcluster's own message.",
            type: 'string',
          },
        },
      },
      Isolation: {
        description:
          "How the cluster is kept apart on its host, as its host (or cluster group) sets it when the cluster is created: the chart's NetworkPolicies around its workloads and control plane, and a Pod Security Standard the syncer enforces on every namespace inside.",
        type: 'object',
        required: ['networkPolicy'],
        properties: {
          networkPolicy: {
            type: 'boolean',
          },
          podSecurityStandard: {
            type: 'string',
            enum: ['privileged', 'baseline', 'restricted'],
          },
        },
      },
      VirtualCluster: {
        description: 'A virtual cluster as the backend API returns it.',
        type: 'object',
        required: [
          'id',
          'name',
          'hostCluster',
          'namespace',
          'owner',
          'relatedEntityRefs',
          'spec',
          'phase',
          'conditions',
          'generation',
          'observedGeneration',
          'createdBy',
          'createdAt',
          'updatedAt',
        ],
        properties: {
          id: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          hostCluster: {
            description: 'Name of the host cluster in app-config.',
            type: 'string',
          },
          clusterGroup: {
            description:
              'The cluster group its host belongs to (placed through the group, or created on a member by name), if any.',
            type: 'string',
          },
          namespace: {
            description:
              'Namespace on the host cluster that holds the virtual cluster.',
            type: 'string',
          },
          owner: {
            description:
              'Entity ref of the owner, e.g. `group:default/team-a`.',
            type: 'string',
          },
          relatedEntityRefs: {
            description:
              'Entity refs of catalog entities related to this cluster (a component, a system).',
            type: 'array',
            items: {
              type: 'string',
            },
          },
          spec: {
            $ref: '#/components/schemas/Spec',
          },
          phase: {
            $ref: '#/components/schemas/Phase',
          },
          reason: {
            description:
              'Machine-readable reason of the phase, e.g. why it failed.',
            type: 'string',
          },
          message: {
            description: 'Human-readable message of the phase.',
            type: 'string',
          },
          conditions: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Condition',
            },
          },
          endpoint: {
            description:
              'External API endpoint, always `https://<host>:443`, once known.',
            type: 'string',
          },
          effectiveQuota: {
            $ref: '#/components/schemas/EffectiveQuota',
          },
          sleep: {
            $ref: '#/components/schemas/SleepState',
          },
          lastActivity: {
            $ref: '#/components/schemas/Activity',
          },
          expiresAt: {
            description:
              "When the backend deletes the cluster (after a final backup, which stays restorable into a new cluster), if it has a time to live; owners are told some days and one day before, and may extend it within the host's maximum.",
            type: 'string',
          },
          generation: {
            type: 'integer',
          },
          observedGeneration: {
            type: 'integer',
          },
          createdBy: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
          },
          updatedAt: {
            type: 'string',
          },
          deletedAt: {
            type: 'string',
          },
          cost: {
            description:
              "Month to date at the host's rates, only in lists asked with `include=cost`, and not for hosts whose cost comes from OpenCost (see the cluster's cost report).",
            type: 'object',
            required: ['currency', 'monthToDate'],
            properties: {
              currency: {
                type: 'string',
              },
              monthToDate: {
                type: 'number',
              },
              sleptHours: {
                description:
                  "Hours the backend kept it asleep this month (UTC), to two decimals; only when it slept this month (see the cost report's `sleep`).",
                type: 'number',
              },
              savedBySleep: {
                description:
                  "What those hours asleep saved this month, as the cost report's `sleep.savedThisMonth`; only when it slept this month.",
                type: 'number',
              },
            },
          },
        },
      },
      ListClustersResponse: {
        description: 'One page of virtual clusters.',
        type: 'object',
        required: ['items', 'totalItems'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/VirtualCluster',
            },
          },
          totalItems: {
            type: 'integer',
          },
          nextCursor: {
            description: 'Opaque cursor of the next page, where there is one.',
            type: 'string',
          },
        },
      },
      CreateRequest: {
        description:
          'Body of a create request. It names a `clusterGroup`, whose placement picks the host, or a `hostCluster` directly.',
        type: 'object',
        additionalProperties: false,
        required: ['name', 'owner'],
        properties: {
          name: {
            description:
              'A DNS-1123 label of at most 52 characters (vcluster derives Helm release names from it, and those stop at 53).',
            type: 'string',
            minLength: 1,
            maxLength: 52,
          },
          hostCluster: {
            type: 'string',
            minLength: 1,
            maxLength: 63,
          },
          clusterGroup: {
            type: 'string',
            minLength: 1,
            maxLength: 63,
          },
          owner: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
          },
          distro: {
            $ref: '#/components/schemas/Distro',
          },
          kubernetesVersion: {
            type: 'string',
            maxLength: 16,
          },
          exposure: {
            type: 'object',
            additionalProperties: false,
            properties: {
              type: {
                $ref: '#/components/schemas/ExposureType',
              },
              ingressClassName: {
                type: 'string',
                maxLength: 63,
              },
            },
          },
          quota: {
            $ref: '#/components/schemas/Quota',
          },
          sleep: {
            $ref: '#/components/schemas/SleepPolicy',
          },
          ttlDays: {
            description:
              "Time to live in days: the cluster is deleted this long after it is created (after a final backup). Default the host's (or group's) `expiry.defaultTtlDays`; at most its `expiry.maxTtlDays`.",
            type: 'integer',
            minimum: 1,
            maximum: 3650,
          },
          profiles: {
            description:
              "Application profiles to install inside, in order; the host's (or group's) default profiles are added unless named here at another version.",
            type: 'array',
            maxItems: 20,
            items: {
              $ref: '#/components/schemas/ProfileRequest',
            },
          },
          relatedEntityRefs: {
            type: 'array',
            maxItems: 20,
            items: {
              type: 'string',
              maxLength: 255,
            },
          },
          requestId: {
            description:
              'Makes the request idempotent: the same id returns the cluster it created.',
            type: 'string',
            minLength: 1,
            maxLength: 200,
          },
        },
      },
      PauseRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['action'],
        properties: {
          action: {
            type: 'string',
            enum: ['pause'],
          },
        },
      },
      ResumeRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['action'],
        properties: {
          action: {
            type: 'string',
            enum: ['resume'],
          },
        },
      },
      UpgradeRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['action'],
        properties: {
          action: {
            type: 'string',
            enum: ['upgrade'],
          },
          kubernetesVersion: {
            type: 'string',
            maxLength: 16,
          },
          chartVersion: {
            type: 'string',
            maxLength: 32,
          },
        },
      },
      ResizeRequest: {
        description:
          'Sets the resource quota inside the cluster; fields left out are removed.',
        type: 'object',
        additionalProperties: false,
        required: ['action', 'quota'],
        properties: {
          action: {
            type: 'string',
            enum: ['resize'],
          },
          quota: {
            $ref: '#/components/schemas/Quota',
          },
        },
      },
      AttachProfileRequest: {
        description:
          'Attaches an application profile (its newest version unless one is named).',
        type: 'object',
        additionalProperties: false,
        required: ['action', 'profile'],
        properties: {
          action: {
            type: 'string',
            enum: ['attach-profile'],
          },
          profile: {
            type: 'string',
            minLength: 1,
            maxLength: 63,
          },
          version: {
            type: 'string',
            minLength: 1,
            maxLength: 64,
          },
        },
      },
      DetachProfileRequest: {
        description:
          "Detaches a profile; vcluster uninstalls its Helm releases and deletes its manifests' objects.",
        type: 'object',
        additionalProperties: false,
        required: ['action', 'profile'],
        properties: {
          action: {
            type: 'string',
            enum: ['detach-profile'],
          },
          profile: {
            type: 'string',
            minLength: 1,
            maxLength: 63,
          },
        },
      },
      MoveProfileRequest: {
        description:
          'Moves an attached profile to another of its versions (Helm upgrades its releases).',
        type: 'object',
        additionalProperties: false,
        required: ['action', 'profile', 'version'],
        properties: {
          action: {
            type: 'string',
            enum: ['move-profile'],
          },
          profile: {
            type: 'string',
            minLength: 1,
            maxLength: 63,
          },
          version: {
            type: 'string',
            minLength: 1,
            maxLength: 64,
          },
        },
      },
      SetSleepPolicyRequest: {
        description:
          "Sets the cluster's sleep policy (keys left out take the host's or group's defaults), within what the host allows.",
        type: 'object',
        additionalProperties: false,
        required: ['action', 'sleep'],
        properties: {
          action: {
            type: 'string',
            enum: ['set-sleep-policy'],
          },
          sleep: {
            $ref: '#/components/schemas/SleepPolicy',
          },
        },
      },
      ExtendRequest: {
        description:
          "Moves the cluster's expiry later by `days` (from the current expiry, or from now when that is sooner), within the host's (or group's) `expiry.maxTtlDays` from now.",
        type: 'object',
        additionalProperties: false,
        required: ['action', 'days'],
        properties: {
          action: {
            type: 'string',
            enum: ['extend'],
          },
          days: {
            type: 'integer',
            minimum: 1,
            maximum: 3650,
          },
        },
      },
      UpdateRequest: {
        description: 'A change to a virtual cluster: a Day-2 operation.',
        oneOf: [
          {
            $ref: '#/components/schemas/PauseRequest',
          },
          {
            $ref: '#/components/schemas/ResumeRequest',
          },
          {
            $ref: '#/components/schemas/UpgradeRequest',
          },
          {
            $ref: '#/components/schemas/ResizeRequest',
          },
          {
            $ref: '#/components/schemas/AttachProfileRequest',
          },
          {
            $ref: '#/components/schemas/DetachProfileRequest',
          },
          {
            $ref: '#/components/schemas/MoveProfileRequest',
          },
          {
            $ref: '#/components/schemas/SetSleepPolicyRequest',
          },
          {
            $ref: '#/components/schemas/ExtendRequest',
          },
        ],
        discriminator: {
          propertyName: 'action',
          mapping: {
            pause: '#/components/schemas/PauseRequest',
            resume: '#/components/schemas/ResumeRequest',
            upgrade: '#/components/schemas/UpgradeRequest',
            resize: '#/components/schemas/ResizeRequest',
            'attach-profile': '#/components/schemas/AttachProfileRequest',
            'detach-profile': '#/components/schemas/DetachProfileRequest',
            'move-profile': '#/components/schemas/MoveProfileRequest',
            'set-sleep-policy': '#/components/schemas/SetSleepPolicyRequest',
            extend: '#/components/schemas/ExtendRequest',
          },
        },
      },
      Event: {
        description: "One entry of a virtual cluster's lifecycle timeline.",
        type: 'object',
        required: ['id', 'clusterId', 'type', 'message', 'createdAt'],
        properties: {
          id: {
            type: 'string',
          },
          clusterId: {
            type: 'string',
          },
          type: {
            description:
              'What happened, e.g. `created`, `phase-changed`, `kubeconfig-issued`.',
            type: 'string',
          },
          phase: {
            $ref: '#/components/schemas/Phase',
          },
          reason: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
          actor: {
            description: 'Entity ref of the user or service that caused it.',
            type: 'string',
          },
          createdAt: {
            type: 'string',
          },
        },
      },
      BackupStatus: {
        description:
          'Outcome of a backup: `completed`, or `failed` with an error.',
        type: 'string',
        enum: ['completed', 'failed'],
      },
      Backup: {
        description:
          "A backup of a virtual cluster's API objects (namespaced objects outside system namespaces, the Namespaces themselves and CustomResourceDefinitions). Volume data is not part of it: `note` says so, for the UI to show.",
        type: 'object',
        required: [
          'id',
          'clusterId',
          'status',
          'objectCount',
          'sizeBytes',
          'note',
          'createdBy',
          'createdAt',
        ],
        properties: {
          id: {
            type: 'string',
          },
          clusterId: {
            description: 'The virtual cluster it was taken of.',
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/BackupStatus',
          },
          objectCount: {
            type: 'integer',
          },
          sizeBytes: {
            description: 'Size of the stored JSON.',
            type: 'integer',
          },
          error: {
            description: 'Why the backup failed.',
            type: 'string',
          },
          note: {
            description:
              'What a backup does not contain (volume data), in words for users.',
            type: 'string',
          },
          createdBy: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
          },
          completedAt: {
            type: 'string',
          },
        },
      },
      ObjectRef: {
        description: 'Names one object of a backup or a restore.',
        type: 'object',
        required: ['apiVersion', 'kind', 'name'],
        properties: {
          apiVersion: {
            type: 'string',
          },
          kind: {
            type: 'string',
          },
          namespace: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
        },
      },
      BackupDetails: {
        description:
          'A backup with a summary of what it holds: which objects (never their contents, which may include Secrets), how many per kind, and which namespaces.',
        allOf: [
          {
            $ref: '#/components/schemas/Backup',
          },
          {
            type: 'object',
            required: ['kinds', 'namespaces', 'objects', 'warnings'],
            properties: {
              kinds: {
                description:
                  'Number of objects per kind, e.g. `{ "ConfigMap": 3 }`.',
                type: 'object',
                additionalProperties: {
                  type: 'integer',
                },
              },
              namespaces: {
                type: 'array',
                items: {
                  type: 'string',
                },
              },
              objects: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/ObjectRef',
                },
              },
              warnings: {
                description:
                  'What the backup could not read, e.g. an API group that was unavailable.',
                type: 'array',
                items: {
                  type: 'string',
                },
              },
            },
          },
        ],
      },
      RestoreRequest: {
        description: 'Body of a restore request.',
        type: 'object',
        additionalProperties: false,
        required: ['backupId'],
        properties: {
          backupId: {
            description:
              'A backup of this cluster, or of another cluster the caller may read (a clone).',
            type: 'string',
            minLength: 1,
            maxLength: 64,
          },
        },
      },
      CloneRequest: {
        description: 'Body of a clone request.',
        type: 'object',
        additionalProperties: false,
        required: ['backupId', 'name'],
        properties: {
          backupId: {
            description: 'A completed backup of the cluster being cloned.',
            type: 'string',
            minLength: 1,
            maxLength: 64,
          },
          name: {
            description:
              'Name of the new cluster, validated as any cluster name.',
            type: 'string',
            minLength: 1,
            maxLength: 52,
          },
        },
      },
      RestoreResult: {
        description: 'Outcome of a restore (or clone) into a virtual cluster.',
        type: 'object',
        required: [
          'backupId',
          'sourceClusterId',
          'targetClusterId',
          'clone',
          'objectCount',
          'applied',
          'failed',
          'skipped',
          'failures',
          'durationMs',
          'note',
        ],
        properties: {
          backupId: {
            type: 'string',
          },
          sourceClusterId: {
            description: 'The cluster the backup was taken of.',
            type: 'string',
          },
          targetClusterId: {
            description: 'The cluster the objects were applied to.',
            type: 'string',
          },
          clone: {
            description: 'True when source and target differ.',
            type: 'boolean',
          },
          objectCount: {
            type: 'integer',
          },
          applied: {
            description: 'Objects created or updated (server-side apply).',
            type: 'integer',
          },
          failed: {
            type: 'integer',
          },
          skipped: {
            description:
              'Objects left as they were, e.g. CustomResourceDefinitions the target already has.',
            type: 'integer',
          },
          failures: {
            description: "The first failures, with the API server's message.",
            type: 'array',
            items: {
              allOf: [
                {
                  $ref: '#/components/schemas/ObjectRef',
                },
                {
                  type: 'object',
                  required: ['message'],
                  properties: {
                    message: {
                      type: 'string',
                    },
                  },
                },
              ],
            },
          },
          durationMs: {
            type: 'integer',
          },
          note: {
            type: 'string',
          },
        },
      },
      HostClusterCheck: {
        description: 'One readiness check of a host cluster.',
        type: 'object',
        required: ['name', 'ok', 'message'],
        properties: {
          name: {
            description:
              '`api` and `crd` on every host, and `capacity` when its capacity could not be read; `exposure` on a host that exposes virtual clusters through Services of type LoadBalancer; `ingress-class`, `ssl-passthrough` (left out when the IngressClass is missing) and `wildcard-dns` on one that exposes them through Ingress.',
            type: 'string',
          },
          ok: {
            type: 'boolean',
          },
          message: {
            type: 'string',
          },
        },
      },
      ResourceAmounts: {
        description: 'CPU cores, memory in GiB and pods.',
        type: 'object',
        required: ['cpuCores', 'memoryGiB', 'pods'],
        properties: {
          cpuCores: {
            type: 'number',
          },
          memoryGiB: {
            type: 'number',
          },
          pods: {
            type: 'number',
          },
        },
      },
      HostClusterCapacity: {
        description:
          'Capacity of a host cluster against what its virtual clusters request.',
        type: 'object',
        required: ['allocatable', 'requested', 'virtualClusters'],
        properties: {
          allocatable: {
            $ref: '#/components/schemas/ResourceAmounts',
          },
          requested: {
            $ref: '#/components/schemas/ResourceAmounts',
          },
          virtualClusters: {
            type: 'integer',
          },
          maxVirtualClusters: {
            type: 'integer',
          },
        },
      },
      HostCluster: {
        description:
          'A host cluster as configured by the portal admin (no secrets).',
        type: 'object',
        required: [
          'name',
          'title',
          'url',
          'exposure',
          'distros',
          'defaults',
          'kubernetesVersions',
          'cost',
        ],
        properties: {
          name: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          url: {
            type: 'string',
          },
          exposure: {
            type: 'object',
            required: ['type'],
            properties: {
              type: {
                $ref: '#/components/schemas/ExposureType',
              },
              ingressClassName: {
                type: 'string',
              },
              wildcardDomain: {
                type: 'string',
              },
            },
          },
          distros: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Distro',
            },
          },
          defaults: {
            type: 'object',
            required: ['distro', 'kubernetesVersion'],
            properties: {
              distro: {
                $ref: '#/components/schemas/Distro',
              },
              kubernetesVersion: {
                type: 'string',
              },
              quota: {
                $ref: '#/components/schemas/Quota',
              },
            },
          },
          kubernetesVersions: {
            description: 'Kubernetes versions offered per distro.',
            type: 'object',
            required: ['k3s', 'k8s'],
            properties: {
              k3s: {
                type: 'array',
                items: {
                  type: 'string',
                },
              },
              k8s: {
                type: 'array',
                items: {
                  type: 'string',
                },
              },
            },
          },
          cost: {
            description:
              "The host's currency and, in `GET /host-clusters`, this month's totals (UTC) over every virtual cluster sampled on it this month, deleted ones included, at the host's rates (computed at most once a minute); the totals are left out where the host's cost comes from OpenCost.",
            type: 'object',
            required: ['currency'],
            properties: {
              currency: {
                type: 'string',
              },
              monthToDate: {
                type: 'number',
              },
              sleptHours: {
                description:
                  'Hours its virtual clusters slept this month, added up.',
                type: 'number',
              },
              savedBySleep: {
                description: 'What their sleep saved this month, added up.',
                type: 'number',
              },
            },
          },
          clusterGroup: {
            description: 'The cluster group the host belongs to, if any.',
            type: 'string',
          },
          maxQuota: {
            $ref: '#/components/schemas/Quota',
          },
          sleep: {
            description:
              "The sleep policy new clusters get, and what a cluster's own may be.",
            type: 'object',
            required: ['defaults', 'allowNeverSleep'],
            properties: {
              defaults: {
                $ref: '#/components/schemas/SleepPolicy',
              },
              maxAfterInactivity: {
                description:
                  "Longest afterInactivity a cluster may have (and the default's ceiling).",
                type: 'string',
              },
              allowNeverSleep: {
                type: 'boolean',
              },
            },
          },
          expiry: {
            description:
              'Time to live of new clusters and how they are told before they expire.',
            type: 'object',
            required: ['noticeDays'],
            properties: {
              defaultTtlDays: {
                type: 'integer',
              },
              maxTtlDays: {
                type: 'integer',
              },
              noticeDays: {
                description:
                  'Days before the expiry the owners are notified, e.g. `[7, 1]`.',
                type: 'array',
                items: {
                  type: 'integer',
                },
              },
              expireAfterSleepingDays: {
                description:
                  'A cluster asleep this many days gets an expiry as if its time to live ended then.',
                type: 'integer',
              },
            },
          },
        },
      },
      HostClusterStatus: {
        description: 'A host cluster with its live readiness and capacity.',
        allOf: [
          {
            $ref: '#/components/schemas/HostCluster',
          },
          {
            type: 'object',
            required: ['ready', 'checks'],
            properties: {
              ready: {
                type: 'boolean',
              },
              checks: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/HostClusterCheck',
                },
              },
              capacity: {
                $ref: '#/components/schemas/HostClusterCapacity',
              },
            },
          },
        ],
      },
      ClusterGroupMember: {
        description:
          'A member host of a cluster group: its readiness, its capacity for placement (allocatable × oversubscription), and the quotas of the clusters on it.',
        type: 'object',
        required: [
          'name',
          'title',
          'ready',
          'checks',
          'oversubscriptionPercent',
          'placed',
          'virtualClusters',
        ],
        properties: {
          name: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          ready: {
            type: 'boolean',
          },
          checks: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/HostClusterCheck',
            },
          },
          oversubscriptionPercent: {
            type: 'number',
          },
          capacity: {
            description:
              'Allocatable CPU and memory times the oversubscription, when known.',
            $ref: '#/components/schemas/PlacementAmounts',
          },
          placed: {
            description:
              'The quotas of the live virtual clusters on it, added up.',
            $ref: '#/components/schemas/PlacementAmounts',
          },
          free: {
            description:
              'Capacity less what is placed, when the capacity is known.',
            $ref: '#/components/schemas/PlacementAmounts',
          },
          virtualClusters: {
            type: 'integer',
          },
          maxVirtualClusters: {
            type: 'integer',
          },
        },
      },
      PlacementAmounts: {
        description:
          'CPU cores and memory in GiB (storage too where quotas are added up).',
        type: 'object',
        required: ['cpuCores', 'memoryGiB'],
        properties: {
          cpuCores: {
            type: 'number',
          },
          memoryGiB: {
            type: 'number',
          },
          storageGiB: {
            type: 'number',
          },
        },
      },
      ClusterGroupStatus: {
        description: "A cluster group with its limits and each member's state.",
        type: 'object',
        required: [
          'name',
          'title',
          'distros',
          'kubernetesVersions',
          'defaults',
          'hostClusters',
          'limits',
          'virtualClusters',
        ],
        properties: {
          name: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          distros: {
            description: 'Distros some member offers.',
            type: 'array',
            items: {
              $ref: '#/components/schemas/Distro',
            },
          },
          kubernetesVersions: {
            description:
              'Kubernetes versions some member offers per distro, in member order.',
            type: 'object',
            required: ['k3s', 'k8s'],
            properties: {
              k3s: {
                type: 'array',
                items: {
                  type: 'string',
                },
              },
              k8s: {
                type: 'array',
                items: {
                  type: 'string',
                },
              },
            },
          },
          defaults: {
            description:
              "The defaults of the first member (members inherit the group's).",
            type: 'object',
            required: ['distro', 'kubernetesVersion'],
            properties: {
              distro: {
                $ref: '#/components/schemas/Distro',
              },
              kubernetesVersion: {
                type: 'string',
              },
              quota: {
                $ref: '#/components/schemas/Quota',
              },
            },
          },
          maxQuota: {
            $ref: '#/components/schemas/Quota',
          },
          limits: {
            type: 'object',
            properties: {
              maxVirtualClusters: {
                type: 'integer',
              },
              perOwner: {
                type: 'integer',
              },
              ownerQuota: {
                $ref: '#/components/schemas/Quota',
              },
            },
          },
          virtualClusters: {
            description: 'Live virtual clusters in the group.',
            type: 'integer',
          },
          hostClusters: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ClusterGroupMember',
            },
          },
        },
      },
      WorkloadKind: {
        description: 'Kinds of object the workloads table shows.',
        type: 'string',
        enum: [
          'Deployment',
          'StatefulSet',
          'DaemonSet',
          'Job',
          'CronJob',
          'Pod',
          'Service',
          'PersistentVolumeClaim',
        ],
      },
      WorkloadObjectKind: {
        description:
          "Kinds whose events and YAML can be read: the workloads table's, and the objects around them (a Deployment's ReplicaSets, ConfigMaps, Secrets - whose data is never returned).",
        type: 'string',
        enum: [
          'Deployment',
          'StatefulSet',
          'DaemonSet',
          'ReplicaSet',
          'Job',
          'CronJob',
          'Pod',
          'Service',
          'PersistentVolumeClaim',
          'ConfigMap',
          'Secret',
        ],
      },
      RestartableKind: {
        description: 'Kinds that `kubectl rollout restart` restarts.',
        type: 'string',
        enum: ['Deployment', 'StatefulSet', 'DaemonSet'],
      },
      WorkloadEvent: {
        description:
          'One Kubernetes Event about an object inside the virtual cluster.',
        type: 'object',
        required: [
          'type',
          'reason',
          'message',
          'count',
          'lastSeen',
          'involvedObject',
        ],
        properties: {
          type: {
            description: 'Normal or Warning (as Kubernetes reports it).',
            type: 'string',
          },
          reason: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
          count: {
            description:
              'How often it happened (series count or count, at least 1).',
            type: 'integer',
          },
          firstSeen: {
            type: 'string',
          },
          lastSeen: {
            type: 'string',
          },
          source: {
            description:
              'The component that reported it, e.g. kubelet or deployment-controller.',
            type: 'string',
          },
          involvedObject: {
            description:
              'The object it is about (for a Deployment, also its ReplicaSets).',
            type: 'object',
            required: ['kind', 'name'],
            properties: {
              kind: {
                type: 'string',
              },
              name: {
                type: 'string',
              },
            },
          },
        },
      },
      WorkloadEventsResponse: {
        description: 'Every event of an object, newest first.',
        type: 'object',
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/WorkloadEvent',
            },
          },
        },
      },
      WorkloadRestartResponse: {
        description: 'What a restart did.',
        type: 'object',
        required: ['kind', 'namespace', 'name', 'restartedAt'],
        properties: {
          kind: {
            $ref: '#/components/schemas/RestartableKind',
          },
          namespace: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          restartedAt: {
            description:
              "The value written to the pod template's `kubectl.kubernetes.io/restartedAt` annotation.",
            type: 'string',
          },
        },
      },
      AccessGrant: {
        description:
          'Somebody who holds kubeconfigs of the cluster: their ServiceAccount inside it (namespace backstage-access), which every token they were given belongs to.',
        type: 'object',
        required: ['principal', 'level', 'serviceAccount'],
        properties: {
          principal: {
            description:
              'The Backstage user or service, e.g. user:default/alice.',
            type: 'string',
          },
          level: {
            type: 'string',
            enum: ['manage', 'read'],
          },
          serviceAccount: {
            description: 'namespace/name of the ServiceAccount.',
            type: 'string',
          },
          createdAt: {
            type: 'string',
          },
        },
      },
      AccessGrantsResponse: {
        type: 'object',
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/AccessGrant',
            },
          },
        },
      },
      RevokeAccessRequest: {
        type: 'object',
        required: ['principal'],
        additionalProperties: false,
        properties: {
          principal: {
            description:
              'Whose kubeconfigs to revoke, e.g. user:default/alice.',
            type: 'string',
            minLength: 1,
            maxLength: 256,
          },
        },
      },
      RevokeAccessResponse: {
        type: 'object',
        required: ['principal', 'revoked'],
        properties: {
          principal: {
            type: 'string',
          },
          revoked: {
            description:
              'The ServiceAccounts deleted (namespace/name); empty when the principal held none.',
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      WorkloadError: {
        description:
          'A problem found in a workload, e.g. a crash-looping container.',
        type: 'object',
        required: ['severity', 'message'],
        properties: {
          severity: {
            type: 'number',
          },
          message: {
            type: 'string',
          },
          proposedFix: {
            description: 'What usually fixes it.',
            type: 'string',
          },
        },
      },
      Workload: {
        description:
          'One object inside a virtual cluster, as the workloads table shows it.',
        type: 'object',
        required: ['kind', 'name', 'namespace', 'status', 'images', 'errors'],
        properties: {
          kind: {
            $ref: '#/components/schemas/WorkloadKind',
          },
          name: {
            type: 'string',
          },
          namespace: {
            type: 'string',
          },
          ready: {
            description: 'Ready vs desired, e.g. `2/3`, where it applies.',
            type: 'string',
          },
          status: {
            description:
              'Short status, e.g. Running, Pending, Bound, Complete.',
            type: 'string',
          },
          restarts: {
            type: 'integer',
          },
          images: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          containers: {
            description:
              "A pod's containers, then its init containers (marked), whose logs can be read.",
            type: 'array',
            items: {
              type: 'object',
              required: ['name'],
              properties: {
                name: {
                  type: 'string',
                },
                init: {
                  type: 'boolean',
                },
              },
            },
          },
          createdAt: {
            type: 'string',
          },
          errors: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/WorkloadError',
            },
          },
        },
      },
      WorkloadNamespace: {
        description: 'Workloads of one virtual namespace.',
        type: 'object',
        required: ['name', 'workloads'],
        properties: {
          name: {
            type: 'string',
          },
          workloads: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Workload',
            },
          },
        },
      },
      WorkloadsResponse: {
        description: 'Everything running inside a virtual cluster.',
        type: 'object',
        required: ['namespaces', 'errors', 'summary', 'fetchedAt'],
        properties: {
          namespaces: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/WorkloadNamespace',
            },
          },
          errors: {
            description:
              'Kinds that could not be read (e.g. forbidden), `Event` when the warnings could not be; the rest is still returned.',
            type: 'array',
            items: {
              type: 'object',
              required: ['kind', 'message'],
              properties: {
                kind: {
                  oneOf: [
                    {
                      $ref: '#/components/schemas/WorkloadKind',
                    },
                    {
                      type: 'string',
                      enum: ['Event'],
                    },
                  ],
                },
                message: {
                  type: 'string',
                },
              },
            },
          },
          summary: {
            type: 'object',
            required: ['workloads', 'withErrors', 'pods', 'runningPods'],
            properties: {
              workloads: {
                type: 'integer',
              },
              withErrors: {
                type: 'integer',
              },
              pods: {
                type: 'integer',
              },
              runningPods: {
                type: 'integer',
              },
            },
          },
          fetchedAt: {
            type: 'string',
          },
        },
      },
      Cost: {
        description: "Cost in the host cluster's currency.",
        type: 'object',
        required: [
          'currency',
          'source',
          'hourlyRate',
          'monthToDate',
          'projectedMonth',
          'daily',
          'byResource',
          'byNamespace',
          'current',
        ],
        properties: {
          currency: {
            type: 'string',
          },
          source: {
            description: '`rates` from app-config, or `opencost`.',
            type: 'string',
            enum: ['rates', 'opencost'],
          },
          hourlyRate: {
            description: 'Cost per hour of what is requested now.',
            type: 'number',
          },
          monthToDate: {
            type: 'number',
          },
          projectedMonth: {
            description:
              'Month to date plus the current rate until the end of the month.',
            type: 'number',
          },
          daily: {
            type: 'array',
            items: {
              type: 'object',
              required: ['date', 'cost'],
              properties: {
                date: {
                  type: 'string',
                },
                cost: {
                  type: 'number',
                },
              },
            },
          },
          byResource: {
            type: 'object',
            required: ['cpu', 'memory', 'storage', 'loadBalancer'],
            properties: {
              cpu: {
                type: 'number',
              },
              memory: {
                type: 'number',
              },
              storage: {
                type: 'number',
              },
              loadBalancer: {
                type: 'number',
              },
            },
          },
          byNamespace: {
            type: 'array',
            items: {
              type: 'object',
              required: ['namespace', 'cost'],
              properties: {
                namespace: {
                  type: 'string',
                },
                cost: {
                  type: 'number',
                },
              },
            },
          },
          current: {
            description: 'What is requested now.',
            type: 'object',
            required: ['cpuCores', 'memoryGiB', 'storageGiB', 'loadBalancers'],
            properties: {
              cpuCores: {
                type: 'number',
              },
              memoryGiB: {
                type: 'number',
              },
              storageGiB: {
                type: 'number',
              },
              loadBalancers: {
                type: 'integer',
              },
            },
          },
          sampledAt: {
            type: 'string',
          },
          sleep: {
            description:
              "What sleeping saved this month (UTC). The hours count from each `sleep-requested` on the timeline (a sleep the backend made; a manual pause does not count) to the next wake-up, resume, pause by a user or deletion, or now. Without sleep, those hours are priced at the rate of the last sample before it fell asleep; with sleep they cost what their samples price (each stored hour's cost spread evenly over the time its samples billed); the difference, never below zero per sleep, is saved. From the stored samples at the host's rates, also when the figures above come from OpenCost.",
            type: 'object',
            required: [
              'hoursThisMonth',
              'savedThisMonth',
              'withoutSleepMonthToDate',
            ],
            properties: {
              hoursThisMonth: {
                description: 'Hours asleep this month, to two decimals.',
                type: 'number',
              },
              savedThisMonth: {
                type: 'number',
              },
              withoutSleepMonthToDate: {
                description:
                  'What this month would have cost without sleep (monthToDate + savedThisMonth).',
                type: 'number',
              },
            },
          },
          note: {
            description:
              'Set when the figures are not from the configured source, saying why (e.g. OpenCost could not be reached and the built-in estimate is shown).',
            type: 'string',
          },
        },
      },
    },
  },
  paths: {
    '/host-clusters': {
      get: {
        operationId: 'ListHostClusters',
        description:
          "Host clusters with readiness checks, capacity, and their virtual clusters' cost and savings by sleep this month.",
        responses: {
          '200': {
            description: 'Host clusters',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/HostClusterStatus',
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/cluster-groups': {
      get: {
        operationId: 'ListClusterGroups',
        description:
          "Cluster groups with each member's readiness, capacity and placed quotas.",
        responses: {
          '200': {
            description: 'Cluster groups',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/ClusterGroupStatus',
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/profiles': {
      get: {
        operationId: 'ListProfiles',
        description:
          'The application profiles admins configured, each with its versions and what each installs (never the values).',
        responses: {
          '200': {
            description: 'Profiles',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Profile',
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/clusters': {
      get: {
        operationId: 'ListClusters',
        description: 'Virtual clusters the caller may see, newest first.',
        parameters: [
          {
            name: 'owner',
            in: 'query',
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
          {
            name: 'entityRef',
            in: 'query',
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
          {
            name: 'hostCluster',
            in: 'query',
            schema: {
              type: 'string',
              maxLength: 63,
            },
          },
          {
            name: 'phase',
            in: 'query',
            style: 'form',
            explode: true,
            schema: {
              type: 'array',
              items: {
                $ref: '#/components/schemas/Phase',
              },
            },
          },
          {
            name: 'limit',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
          {
            name: 'cursor',
            in: 'query',
            schema: {
              type: 'string',
              maxLength: 200,
            },
          },
          {
            name: 'include',
            in: 'query',
            description:
              "cost adds each cluster's month to date (one query for the page)",
            schema: {
              type: 'string',
              enum: ['cost'],
            },
          },
        ],
        responses: {
          '200': {
            description: 'One page',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ListClustersResponse',
                },
              },
            },
          },
        },
      },
      post: {
        operationId: 'CreateCluster',
        description:
          'Creates a virtual cluster; idempotent on requestId. With dryRun, validates only.',
        parameters: [
          {
            name: 'dryRun',
            in: 'query',
            schema: {
              type: 'boolean',
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CreateRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description:
              'Already created by this requestId, or the dry run result',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/VirtualCluster',
                },
              },
            },
          },
          '201': {
            description: 'Created',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/VirtualCluster',
                },
              },
            },
          },
        },
      },
    },
    '/clusters/{id}': {
      get: {
        operationId: 'GetCluster',
        description:
          "One cluster. A user's read counts as a portal view (activity that keeps the cluster awake, see the sleep policy), except with `refresh=true`.",
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
          {
            name: 'refresh',
            in: 'query',
            description:
              'A page re-reading a cluster it already shows (to follow its phase): not a view, so a page left open does not keep the cluster awake.',
            schema: {
              type: 'boolean',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The cluster',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/VirtualCluster',
                },
              },
            },
          },
        },
      },
      patch: {
        operationId: 'UpdateCluster',
        description:
          'Day-2 operations - pause, resume (also wakes a sleeping cluster), upgrade, resize (a new quota), attach-profile, detach-profile, move-profile, set-sleep-policy, extend (the expiry).',
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/UpdateRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The cluster',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/VirtualCluster',
                },
              },
            },
          },
        },
      },
      delete: {
        operationId: 'DeleteCluster',
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
        responses: {
          '202': {
            description: 'Deletion under way',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/VirtualCluster',
                },
              },
            },
          },
        },
      },
    },
    '/clusters/{id}/events': {
      get: {
        operationId: 'ListEvents',
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
        responses: {
          '200': {
            description: 'Timeline, oldest first',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Event',
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/clusters/{id}/kubeconfig': {
      get: {
        operationId: 'GetKubeconfig',
        description:
          'A kubeconfig for the caller with short-lived credentials (or the admin certificate when config allows and mode=admin). Audited.',
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
          {
            name: 'mode',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['token', 'admin'],
            },
          },
        ],
        responses: {
          '200': {
            description: 'Kubeconfig YAML',
            content: {
              'application/yaml': {
                schema: {
                  type: 'string',
                },
              },
            },
          },
        },
      },
    },
    '/clusters/{id}/workloads': {
      get: {
        operationId: 'GetWorkloads',
        description:
          "Everything running inside the virtual cluster, by namespace, with detected errors and recent Warning events (a ReplicaSet's on its Deployment). A kind that cannot be read is reported in errors; the rest is returned. Served from watches after the first read of a cluster.",
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
        responses: {
          '200': {
            description: 'Workloads',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/WorkloadsResponse',
                },
              },
            },
          },
        },
      },
    },
    '/clusters/{id}/workloads/{namespace}/{kind}/{name}/events': {
      get: {
        operationId: 'GetWorkloadEvents',
        description:
          "Every event (Normal and Warning) of one object inside the virtual cluster, newest first; for a Deployment also its ReplicaSets' (where its rollout's events are). Needs read permission on the cluster; the cluster must be Running.",
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            name: 'kind',
            in: 'path',
            required: true,
            schema: {
              $ref: '#/components/schemas/WorkloadObjectKind',
            },
          },
          {
            $ref: '#/components/parameters/objectName',
          },
        ],
        responses: {
          '200': {
            description: 'Events',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/WorkloadEventsResponse',
                },
              },
            },
          },
        },
      },
    },
    '/clusters/{id}/workloads/{namespace}/{kind}/{name}/yaml': {
      get: {
        operationId: 'GetWorkloadYaml',
        description:
          'The object as YAML, without `metadata.managedFields`; a Secret without its `data` and `stringData` (and without the last-applied annotation, which holds them). Needs read permission on the cluster.',
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            name: 'kind',
            in: 'path',
            required: true,
            schema: {
              $ref: '#/components/schemas/WorkloadObjectKind',
            },
          },
          {
            $ref: '#/components/parameters/objectName',
          },
        ],
        responses: {
          '200': {
            description: "The object's YAML",
            content: {
              'application/yaml': {
                schema: {
                  type: 'string',
                },
              },
            },
          },
        },
      },
    },
    '/clusters/{id}/workloads/{namespace}/{kind}/{name}/restart': {
      post: {
        operationId: 'RestartWorkload',
        description:
          "Restarts a Deployment, StatefulSet or DaemonSet as `kubectl rollout restart` does (the pod template's `kubectl.kubernetes.io/restartedAt` annotation set to now), with the caller's own rights inside the cluster. Needs update permission; audited and on the cluster's timeline.",
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            name: 'kind',
            in: 'path',
            required: true,
            schema: {
              $ref: '#/components/schemas/RestartableKind',
            },
          },
          {
            $ref: '#/components/parameters/objectName',
          },
        ],
        responses: {
          '200': {
            description: 'Restarted',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/WorkloadRestartResponse',
                },
              },
            },
          },
        },
      },
    },
    '/clusters/{id}/workloads/{namespace}/pods/{name}': {
      delete: {
        operationId: 'DeletePod',
        description:
          "Deletes a pod (its controller, if any, makes a new one), with the caller's own rights inside the cluster. Needs update permission; audited and on the cluster's timeline.",
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/objectName',
          },
        ],
        responses: {
          '202': {
            description: 'Deletion started',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['namespace', 'name'],
                  properties: {
                    namespace: {
                      type: 'string',
                    },
                    name: {
                      type: 'string',
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/clusters/{id}/workloads/{namespace}/pods/{name}/logs': {
      get: {
        operationId: 'GetPodLogs',
        description:
          "A container's log, read through the virtual cluster's API with the caller's own rights inside it (their ServiceAccount's role: manage for those who may update the cluster, else read). Needs the logs permission (`virtual-clusters.logs.read`). With `follow`, the answer streams new lines for `followSeconds` (default 300) and then ends.",
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/objectName',
          },
          {
            name: 'container',
            in: 'query',
            description: 'The container; may be left out when the pod has one.',
            schema: {
              type: 'string',
              maxLength: 63,
            },
          },
          {
            name: 'tailLines',
            in: 'query',
            description: 'Lines from the end (default 500).',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 100000,
            },
          },
          {
            name: 'previous',
            in: 'query',
            description: "The previous (terminated) container's log.",
            schema: {
              type: 'boolean',
            },
          },
          {
            name: 'follow',
            in: 'query',
            schema: {
              type: 'boolean',
            },
          },
          {
            name: 'followSeconds',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 1800,
            },
          },
          {
            name: 'timestamps',
            in: 'query',
            schema: {
              type: 'boolean',
            },
          },
          {
            name: 'download',
            in: 'query',
            description:
              'Answer as an attachment named `<pod>-<container>.log`.',
            schema: {
              type: 'boolean',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The log text',
            content: {
              'text/plain': {
                schema: {
                  type: 'string',
                },
              },
            },
          },
        },
      },
    },
    '/clusters/{id}/access': {
      get: {
        operationId: 'ListAccessGrants',
        description:
          'Who holds kubeconfigs of the cluster (their ServiceAccounts inside it). Needs update permission.',
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
        responses: {
          '200': {
            description: 'Grants',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AccessGrantsResponse',
                },
              },
            },
          },
        },
      },
    },
    '/clusters/{id}/access/revoke': {
      post: {
        operationId: 'RevokeAccess',
        description:
          "Revokes every kubeconfig a principal was given for the cluster: deletes their ServiceAccounts inside it (and their bindings), so every token minted for them stops working at once. Needs update permission; audited and on the cluster's timeline. The principal can ask for a new kubeconfig if the permission policy still allows it.",
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/RevokeAccessRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Revoked',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RevokeAccessResponse',
                },
              },
            },
          },
        },
      },
    },
    '/clusters/{id}/profiles': {
      get: {
        operationId: 'GetClusterProfiles',
        description:
          "The profiles attached to the cluster and each layer's state inside it, as vcluster's deploy controller reports it.",
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
        responses: {
          '200': {
            description: 'Attached profiles',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ClusterProfilesResponse',
                },
              },
            },
          },
        },
      },
    },
    '/clusters/{id}/cost': {
      get: {
        operationId: 'GetCost',
        description:
          "What the virtual cluster costs - rate now, month to date, projection, daily series and breakdowns - in the host cluster's currency. From OpenCost's Allocation API where the host cluster configures OpenCost (source opencost), otherwise from sampled requests x configured rates (source rates).",
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
        responses: {
          '200': {
            description: 'Cost',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Cost',
                },
              },
            },
          },
        },
      },
    },
    '/clusters/{id}/backups': {
      get: {
        operationId: 'ListBackups',
        description:
          'Backups of the cluster, newest first, without their contents.',
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
        responses: {
          '200': {
            description: 'Backups',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Backup',
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      post: {
        operationId: 'CreateBackup',
        description:
          'Backs up the API objects of a Running cluster (needs update permission): the objects of every namespaced resource type outside system namespaces, the Namespaces and the CustomResourceDefinitions, without server-set fields and without what controllers recreate (pods of ReplicaSets, ReplicaSets of Deployments, endpoints, events, leases, service account tokens). Volume data (the contents of PersistentVolumes) is NOT included. A failed backup is recorded with its error and answered with 503. Audited.',
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
        responses: {
          '201': {
            description: 'The completed backup',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Backup',
                },
              },
            },
          },
        },
      },
    },
    '/clusters/{id}/backups/{backupId}': {
      get: {
        operationId: 'GetBackup',
        description:
          "One backup with a summary of the objects it holds (names and kinds; never the objects' contents, which may include Secrets).",
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
          {
            $ref: '#/components/parameters/backupId',
          },
        ],
        responses: {
          '200': {
            description: 'The backup',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BackupDetails',
                },
              },
            },
          },
        },
      },
    },
    '/clusters/{id}/clone': {
      post: {
        operationId: 'CloneCluster',
        description:
          "Clones this cluster from one of its completed backups: creates a new cluster (same host, owner, distro, version, quota and related entities) and answers at once; the backend restores the backup into it when it runs (in its pending-restores task, tried up to 5 times, kept across restarts), with the outcome on the new cluster's timeline. Needs update permission on this cluster and create permission. Idempotent for the same backup and name.",
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CloneRequest',
              },
            },
          },
        },
        responses: {
          '202': {
            description: 'The new cluster; its restore is pending',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/VirtualCluster',
                },
              },
            },
          },
        },
      },
    },
    '/clusters/{id}/restore': {
      post: {
        operationId: 'RestoreBackup',
        description:
          "Re-applies a backup's objects into this cluster with server-side apply (CustomResourceDefinitions first, then Namespaces, then the rest; field manager backstage-virtual-clusters): objects that exist are updated, not duplicated. The backup may be of another cluster the caller can read, which clones it. Needs update permission on this cluster, which must be Running (409 otherwise). Volume data is NOT restored: PersistentVolumeClaims come back as new, empty volumes. Audited.",
        parameters: [
          {
            $ref: '#/components/parameters/id',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/RestoreRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'What was applied',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RestoreResult',
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

/** A router that validates requests and responses against {@link spec}. */
export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
