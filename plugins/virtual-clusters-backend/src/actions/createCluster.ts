import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  CreateVirtualClusterRequest,
  MAX_VIRTUAL_CLUSTER_NAME_LENGTH,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { clusterSummarySchema, toClusterSummary } from './clusterSchema';
import { VirtualClusterActionServices } from './types';

/**
 * `create-virtual-cluster`: asks for a new cluster as `POST /clusters` does, with the
 * same validation, limits and permission; `dryRun` checks it without creating it.
 */
export function createCreateClusterAction(
  actionsRegistry: ActionsRegistryService,
  services: VirtualClusterActionServices,
) {
  actionsRegistry.register({
    name: 'create-virtual-cluster',
    title: 'Create a virtual cluster',
    description: `Asks for a new virtual Kubernetes cluster (vcluster) in a cluster group (whose placement picks the host) or on a named host cluster, owned by a user or group of the catalog. The portal provisions it in the background: it starts Pending and is Running within minutes; follow it with get-virtual-cluster.
Run it with dryRun: true first to check the request (name free, host or group known, versions offered, quota within limits, permission) and to see what would be created, without creating anything. Give the same requestId again to get the cluster a previous call created instead of a second one. Refused: an invalid or taken name, an unknown host or group, a version not offered, a quota over the limits, a full host, or no permission to create.`,
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z
          .object({
            name: z
              .string()
              .min(1)
              .max(MAX_VIRTUAL_CLUSTER_NAME_LENGTH)
              .describe(
                `DNS label: lowercase letters, digits and '-', at most ${MAX_VIRTUAL_CLUSTER_NAME_LENGTH} characters`,
              ),
            owner: z
              .string()
              .min(1)
              .max(255)
              .describe(
                'Entity ref of the owner, e.g. group:default/team-a or user:default/jane',
              ),
            clusterGroup: z
              .string()
              .min(1)
              .max(63)
              .optional()
              .describe('Cluster group whose placement picks the host'),
            hostCluster: z
              .string()
              .min(1)
              .max(63)
              .optional()
              .describe('Host cluster to create it on, instead of a group'),
            distro: z
              .enum(['k3s', 'k8s'])
              .optional()
              .describe('Distribution of the control plane (host default)'),
            kubernetesVersion: z
              .string()
              .max(16)
              .optional()
              .describe('e.g. "1.33" (host default)'),
            exposure: z
              .object({
                type: z.enum(['LoadBalancer', 'Ingress']).optional(),
                ingressClassName: z.string().max(63).optional(),
              })
              .strict()
              .optional()
              .describe('How the API server is reached (host default)'),
            quota: z
              .object({
                cpu: z.string().max(32).optional().describe('e.g. "4"'),
                memory: z.string().max(32).optional().describe('e.g. "8Gi"'),
                storage: z.string().max(32).optional().describe('e.g. "50Gi"'),
                pods: z.number().int().min(1).max(100000).optional(),
              })
              .strict()
              .optional()
              .describe(
                'Resource quota in the host namespace (Kubernetes quantities); it counts the control plane too',
              ),
            profiles: z
              .array(
                z
                  .object({
                    name: z.string().min(1).max(63),
                    version: z.string().min(1).max(64).optional(),
                  })
                  .strict(),
              )
              .max(20)
              .optional()
              .describe(
                'Application profiles to install inside, in order (newest version unless named)',
              ),
            relatedEntityRefs: z
              .array(z.string().max(255))
              .max(20)
              .optional()
              .describe(
                'Catalog entities the cluster belongs to, e.g. component:default/shop',
              ),
            requestId: z
              .string()
              .min(1)
              .max(200)
              .optional()
              .describe(
                'Makes the call idempotent: the same id returns the cluster it created',
              ),
            dryRun: z
              .boolean()
              .optional()
              .describe(
                'Check the request and show the result; create nothing',
              ),
          })
          .strict(),
      output: z =>
        z.object({
          cluster: clusterSummarySchema(z).describe(
            'The cluster created (or, on a dry run, as it would be: its id is then "dry-run")',
          ),
          created: z
            .boolean()
            .describe(
              'False on a dry run and when requestId found an earlier cluster',
            ),
          dryRun: z.boolean(),
        }),
    },
    action: async ({ input, credentials, logger }) => {
      const { dryRun = false, ...fields } = input;
      const request: CreateVirtualClusterRequest = fields;
      const { cluster, created } = await services.clusters.create(request, {
        credentials,
        dryRun,
      });
      if (created) {
        logger.info('Virtual cluster requested through an action', {
          action: 'create-virtual-cluster',
          clusterId: cluster.id,
          cluster: cluster.name,
        });
      }
      return {
        output: { cluster: toClusterSummary(cluster), created, dryRun },
      };
    },
  });
}
