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
    },
    schemas: {
      Phase: {
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
      Quota: {
        type: 'object',
        additionalProperties: false,
        properties: {
          cpu: {
            type: 'string',
            maxLength: 32,
          },
          memory: {
            type: 'string',
            maxLength: 32,
          },
          storage: {
            type: 'string',
            maxLength: 32,
          },
          pods: {
            type: 'integer',
            minimum: 1,
            maximum: 100000,
          },
        },
      },
      Condition: {
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
        type: 'object',
        required: ['distro', 'kubernetesVersion', 'chartVersion', 'exposure'],
        properties: {
          distro: {
            type: 'string',
            enum: ['k3s', 'k8s'],
          },
          kubernetesVersion: {
            type: 'string',
          },
          chartVersion: {
            type: 'string',
          },
          exposure: {
            type: 'object',
            required: ['type'],
            properties: {
              type: {
                type: 'string',
                enum: ['LoadBalancer', 'Ingress'],
              },
              ingressClassName: {
                type: 'string',
              },
              host: {
                type: 'string',
              },
            },
          },
          quota: {
            $ref: '#/components/schemas/Quota',
          },
        },
      },
      VirtualCluster: {
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
            type: 'string',
          },
          namespace: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          relatedEntityRefs: {
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
            type: 'string',
          },
          message: {
            type: 'string',
          },
          conditions: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Condition',
            },
          },
          endpoint: {
            type: 'string',
          },
          effectiveQuota: {
            description:
              "What the host enforces: hard limits and used amounts of the cluster's ResourceQuota vc-<name> in its host namespace (the chart's defaults merged with the cluster's quota; it counts the control plane too), as last read by the reconciler.",
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
            type: 'object',
            required: ['currency', 'monthToDate'],
            properties: {
              currency: {
                type: 'string',
              },
              monthToDate: {
                type: 'number',
              },
            },
          },
        },
      },
      CreateRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'hostCluster', 'owner'],
        properties: {
          name: {
            type: 'string',
            minLength: 1,
            maxLength: 63,
          },
          hostCluster: {
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
            type: 'string',
            enum: ['k3s', 'k8s'],
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
                type: 'string',
                enum: ['LoadBalancer', 'Ingress'],
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
          relatedEntityRefs: {
            type: 'array',
            maxItems: 20,
            items: {
              type: 'string',
              maxLength: 255,
            },
          },
          requestId: {
            type: 'string',
            minLength: 1,
            maxLength: 200,
          },
        },
      },
      UpdateRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['action'],
        properties: {
          action: {
            type: 'string',
            enum: ['pause', 'resume', 'upgrade', 'resize'],
          },
          kubernetesVersion: {
            type: 'string',
            maxLength: 16,
          },
          chartVersion: {
            type: 'string',
            maxLength: 32,
          },
          quota: {
            $ref: '#/components/schemas/Quota',
          },
        },
      },
      Event: {
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
            type: 'string',
          },
          createdAt: {
            type: 'string',
          },
        },
      },
      Backup: {
        type: 'object',
        description:
          "A backup of a virtual cluster's API objects. Volume data is not included; `note` says so for users.",
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
            type: 'string',
          },
          status: {
            type: 'string',
            enum: ['completed', 'failed'],
          },
          objectCount: {
            type: 'integer',
          },
          sizeBytes: {
            type: 'integer',
          },
          error: {
            type: 'string',
          },
          note: {
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
      RestoreRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['backupId'],
        properties: {
          backupId: {
            type: 'string',
            minLength: 1,
            maxLength: 64,
          },
        },
      },
      CloneRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['backupId', 'name'],
        properties: {
          backupId: {
            type: 'string',
            minLength: 1,
            maxLength: 64,
          },
          name: {
            type: 'string',
            minLength: 1,
            maxLength: 63,
          },
        },
      },
      HostCluster: {
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
          'ready',
          'checks',
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
                type: 'string',
                enum: ['LoadBalancer', 'Ingress'],
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
              type: 'string',
              enum: ['k3s', 'k8s'],
            },
          },
          defaults: {
            type: 'object',
            required: ['distro', 'kubernetesVersion'],
            properties: {
              distro: {
                type: 'string',
                enum: ['k3s', 'k8s'],
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
            type: 'object',
            required: ['currency'],
            properties: {
              currency: {
                type: 'string',
              },
            },
          },
          ready: {
            type: 'boolean',
          },
          checks: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'ok', 'message'],
              properties: {
                name: {
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
          },
          capacity: {
            type: 'object',
            required: ['allocatable', 'requested', 'virtualClusters'],
            properties: {
              allocatable: {
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
              requested: {
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
              virtualClusters: {
                type: 'integer',
              },
              maxVirtualClusters: {
                type: 'integer',
              },
            },
          },
        },
      },
    },
  },
  paths: {
    '/host-clusters': {
      get: {
        operationId: 'ListHostClusters',
        description: 'Host clusters with readiness checks and capacity.',
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
                        $ref: '#/components/schemas/HostCluster',
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
                      type: 'string',
                    },
                  },
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
        parameters: [
          {
            $ref: '#/components/parameters/id',
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
        description: 'Day-2 operations - pause, resume, upgrade.',
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
                  type: 'object',
                  required: ['namespaces', 'errors', 'summary', 'fetchedAt'],
                  properties: {
                    namespaces: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['name', 'workloads'],
                        properties: {
                          name: {
                            type: 'string',
                          },
                          workloads: {
                            type: 'array',
                            items: {
                              type: 'object',
                              required: [
                                'kind',
                                'name',
                                'namespace',
                                'status',
                                'images',
                                'errors',
                              ],
                              properties: {
                                kind: {
                                  type: 'string',
                                },
                                name: {
                                  type: 'string',
                                },
                                namespace: {
                                  type: 'string',
                                },
                                ready: {
                                  type: 'string',
                                },
                                status: {
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
                                createdAt: {
                                  type: 'string',
                                },
                                errors: {
                                  type: 'array',
                                  items: {
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
                    },
                    errors: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['kind', 'message'],
                        properties: {
                          kind: {
                            type: 'string',
                          },
                          message: {
                            type: 'string',
                          },
                        },
                      },
                    },
                    summary: {
                      type: 'object',
                      required: [
                        'workloads',
                        'withErrors',
                        'pods',
                        'runningPods',
                      ],
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
                      type: 'string',
                      enum: ['rates', 'opencost'],
                    },
                    hourlyRate: {
                      type: 'number',
                    },
                    monthToDate: {
                      type: 'number',
                    },
                    projectedMonth: {
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
                      type: 'object',
                      required: [
                        'cpuCores',
                        'memoryGiB',
                        'storageGiB',
                        'loadBalancers',
                      ],
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
                    note: {
                      type: 'string',
                      description:
                        'Set when the figures are not from the configured source, saying why (e.g. OpenCost could not be reached and the built-in estimate is shown).',
                    },
                  },
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
                  allOf: [
                    {
                      $ref: '#/components/schemas/Backup',
                    },
                    {
                      type: 'object',
                      required: ['kinds', 'namespaces', 'objects', 'warnings'],
                      properties: {
                        kinds: {
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
                          type: 'array',
                          items: {
                            type: 'string',
                          },
                        },
                      },
                    },
                  ],
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
          "Clones this cluster from one of its completed backups: creates a new cluster (same host, owner, distro, version, quota and related entities) and answers at once; the backend restores the backup into it when it runs (in its reconcile task, tried up to 5 times, kept across restarts), with the outcome on the new cluster's timeline. Needs update permission on this cluster and create permission. Idempotent for the same backup and name.",
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
                      type: 'string',
                    },
                    targetClusterId: {
                      type: 'string',
                    },
                    clone: {
                      type: 'boolean',
                    },
                    objectCount: {
                      type: 'integer',
                    },
                    applied: {
                      type: 'integer',
                    },
                    failed: {
                      type: 'integer',
                    },
                    skipped: {
                      type: 'integer',
                    },
                    failures: {
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
