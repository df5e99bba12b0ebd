import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  MAX_VIRTUAL_CLUSTER_NAME_LENGTH,
  VirtualClustersApi,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { CLUSTER_OUTPUT, clusterOutputs } from './clusterOutputs';
import { initiatorToken } from './credentials';
import { waitForCluster } from './waitForCluster';

/** A sleep policy as a template passes it on, its empty fields left out. */
function sleepPolicy(
  sleep: Record<string, string | boolean | undefined> | undefined,
) {
  const policy = Object.fromEntries(
    Object.entries(sleep ?? {}).filter(([, v]) => v !== undefined && v !== ''),
  );
  return Object.keys(policy).length ? policy : undefined;
}

/**
 * `virtual-clusters:create`: creates a virtual cluster through the backend, with the
 * initiator's permissions, optionally waiting until it runs.
 *
 * @public
 */
export function createVirtualClusterAction(options: {
  api: VirtualClustersApi;
  auth: AuthService;
  discovery: DiscoveryService;
  /** Time between two reads while waiting; 3 seconds by default. */
  pollMs?: number;
}) {
  const { api, auth, discovery, pollMs } = options;
  return createTemplateAction({
    id: 'virtual-clusters:create',
    description:
      'Creates a virtual Kubernetes cluster (vcluster) in a cluster group (whose placement picks the host) or on a named host cluster, optionally waiting until it is Running.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'A k3s virtual cluster for a team in a cluster group, waiting until it runs',
        example: `steps:
  - id: cluster
    action: virtual-clusters:create
    input:
      name: team-a-dev
      clusterGroup: dev
      owner: group:default/team-a
      waitForReady: true`,
      },
      {
        description:
          'A virtual cluster with application profiles installed inside (from a VirtualClusterProfilePicker field)',
        example: `steps:
  - id: cluster
    action: virtual-clusters:create
    input:
      name: team-a-dev
      clusterGroup: dev
      owner: group:default/team-a
      profiles:
        - name: observability
          version: 1.2.0
        - name: team-base`,
      },
      {
        description: 'A virtual cluster on a host cluster named directly',
        example: `steps:
  - id: cluster
    action: virtual-clusters:create
    input:
      name: team-a-edge
      hostCluster: local
      owner: group:default/team-a`,
      },
      {
        description:
          'A k8s virtual cluster related to a new component, with a quota',
        example: `steps:
  - id: cluster
    action: virtual-clusters:create
    input:
      name: \${{ parameters.name }}
      hostCluster: \${{ parameters.hostCluster }}
      owner: \${{ parameters.owner }}
      distro: k8s
      kubernetesVersion: '1.33'
      quota: { cpu: '4', memory: 8Gi }
      relatedEntityRefs: ['component:default/\${{ parameters.name }}']`,
      },
    ],
    schema: {
      input: {
        name: z =>
          z
            .string()
            .max(MAX_VIRTUAL_CLUSTER_NAME_LENGTH)
            .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a DNS-1123 label')
            .describe('Name of the virtual cluster, a DNS-1123 label'),
        clusterGroup: z =>
          z
            .string()
            .optional()
            .describe(
              'Cluster group from app-config; its placement picks the host (give this or hostCluster)',
            ),
        hostCluster: z =>
          z
            .string()
            .optional()
            .describe(
              'Host cluster name from app-config (give this or clusterGroup)',
            ),
        owner: z =>
          z
            .string()
            .describe('Entity ref of the owner, e.g. group:default/team-a'),
        distro: z =>
          z.enum(['k3s', 'k8s']).optional().describe('Distro; k3s by default'),
        kubernetesVersion: z =>
          z.string().optional().describe('Kubernetes version, e.g. 1.33'),
        exposure: z =>
          z
            .object({
              type: z.enum(['LoadBalancer', 'Ingress']).optional(),
              ingressClassName: z.string().optional(),
            })
            .optional()
            .describe("Overrides the host cluster's exposure"),
        quota: z =>
          z
            .object({
              cpu: z.string().optional(),
              memory: z.string().optional(),
              storage: z.string().optional(),
              pods: z.number().int().positive().optional(),
            })
            .optional()
            .describe('Resource quota inside the virtual cluster'),
        profiles: z =>
          z
            .array(
              z.object({
                name: z.string().describe('Profile name from app-config'),
                version: z
                  .string()
                  .optional()
                  .describe('Profile version; the newest when left out'),
              }),
            )
            .optional()
            .describe(
              "Application profiles vcluster installs inside, in order (the host's or group's defaults are added)",
            ),
        sleep: z =>
          z
            .object({
              afterInactivity: z
                .string()
                .optional()
                .describe('Sleep after this long without activity, e.g. 2h'),
              schedule: z
                .string()
                .optional()
                .describe(
                  'Cron expression of when it sleeps, e.g. 0 20 * * 1-5',
                ),
              wakeupSchedule: z
                .string()
                .optional()
                .describe('Cron expression of when it wakes, e.g. 0 8 * * 1-5'),
              timezone: z
                .string()
                .optional()
                .describe(
                  'IANA time zone of the schedules, e.g. Europe/Berlin',
                ),
              neverSleep: z.boolean().optional(),
            })
            .optional()
            .describe(
              "Sleep policy (keys left out, or empty, take the host's or group's defaults)",
            ),
        ttlDays: z =>
          z
            .number()
            .int()
            .positive()
            .optional()
            .describe(
              "Time to live in days: deleted after a final backup this long after its creation (default the host's or group's)",
            ),
        relatedEntityRefs: z =>
          z
            .array(z.string())
            .optional()
            .describe('Catalog entities the cluster belongs to'),
        waitForReady: z =>
          z
            .boolean()
            .default(true)
            .describe('Wait until the cluster is Running'),
        timeoutSeconds: z =>
          z
            .number()
            .int()
            .positive()
            .default(900)
            .describe('How long to wait for Running'),
      },
      output: CLUSTER_OUTPUT,
    },
    async handler(ctx) {
      const getToken = initiatorToken(auth, ctx);
      // the scaffolder validates input with JSON Schema and does not fill in the
      // schema's defaults, so they are applied here
      const {
        waitForReady = true,
        timeoutSeconds = 900,
        clusterGroup,
        hostCluster,
        profiles,
        sleep,
        ...rest
      } = ctx.input;
      const policy = sleepPolicy(sleep);
      // a template passes an unset parameter on as an empty string (or, for a
      // version picked as none, an empty version)
      const request = {
        ...rest,
        ...(clusterGroup ? { clusterGroup } : {}),
        ...(hostCluster ? { hostCluster } : {}),
        ...(policy ? { sleep: policy } : {}),
        ...(profiles?.length
          ? {
              profiles: profiles.map(p =>
                p.version
                  ? { name: p.name, version: p.version }
                  : { name: p.name },
              ),
            }
          : {}),
      };
      if (ctx.isDryRun) {
        const planned = await api.createCluster(request, {
          token: await getToken(),
          dryRun: true,
        });
        ctx.logger.info(
          `Dry run: ${planned.name} would be created on ${planned.hostCluster} (${planned.spec.distro} ${planned.spec.kubernetesVersion})`,
        );
        for (const [key, value] of Object.entries(
          await clusterOutputs(planned, discovery),
        )) {
          ctx.output(key as 'id', value);
        }
        return;
      }
      const id = await ctx.checkpoint({
        key: `virtual-clusters.create.${
          request.clusterGroup ?? request.hostCluster
        }.${request.name}`,
        fn: async () => {
          const cluster = await api.createCluster(
            {
              ...request,
              requestId: `scaffolder:${ctx.task.id}:${request.name}`,
            },
            { token: await getToken() },
          );
          ctx.logger.info(
            `Created virtual cluster ${cluster.name} (${
              cluster.id
            }) in namespace ${cluster.namespace} on ${cluster.hostCluster}${
              cluster.clusterGroup
                ? ` (placed through cluster group ${cluster.clusterGroup})`
                : ''
            }`,
          );
          return cluster.id;
        },
      });
      const cluster = waitForReady
        ? await waitForCluster({
            api,
            id,
            until: ['Running'],
            timeoutMs: timeoutSeconds * 1000,
            logger: ctx.logger,
            getToken,
            signal: ctx.signal,
            pollMs,
          })
        : await api.getCluster(id, { token: await getToken() });
      for (const [key, value] of Object.entries(
        await clusterOutputs(cluster, discovery),
      )) {
        ctx.output(key as 'id', value);
      }
    },
  });
}
