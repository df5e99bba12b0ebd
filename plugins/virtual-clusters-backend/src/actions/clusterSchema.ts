import {
  VIRTUAL_CLUSTER_PHASES,
  VirtualCluster,
  VirtualClusterPhase,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { Zod } from './types';

/** The lifecycle phases as a zod enum. */
export function phaseSchema(z: Zod) {
  return z.enum(
    VIRTUAL_CLUSTER_PHASES as [VirtualClusterPhase, ...VirtualClusterPhase[]],
  );
}

/** The `id` input of the actions on one cluster. */
export function clusterIdInput(z: Zod) {
  return z
    .string()
    .min(1)
    .max(200)
    .describe(
      'Id of the virtual cluster (the `id` that list-virtual-clusters returns)',
    );
}

/**
 * What the actions tell about a cluster: who owns it, where it runs, its phase and
 * endpoint, its spec. Never a kubeconfig or a credential: the portal hands those out
 * only through its kubeconfig download.
 */
export function clusterSummarySchema(z: Zod) {
  return z.object({
    id: z.string().describe('Id of the cluster; the other actions take it'),
    name: z.string(),
    owner: z.string().describe('Entity ref of the owner'),
    hostCluster: z.string().describe('The host cluster it runs on'),
    clusterGroup: z.string().optional(),
    namespace: z.string().describe('Namespace on the host that holds it'),
    phase: phaseSchema(z),
    reason: z
      .string()
      .optional()
      .describe('Machine-readable reason of the phase, e.g. why it failed'),
    message: z.string().optional().describe('Message of the phase'),
    endpoint: z
      .string()
      .optional()
      .describe('External API endpoint, https://<host>:443, once known'),
    distro: z.enum(['k3s', 'k8s']),
    kubernetesVersion: z.string(),
    chartVersion: z.string().describe('vcluster Helm chart version'),
    exposure: z.enum(['LoadBalancer', 'Ingress']),
    quota: z
      .object({
        cpu: z.string().optional(),
        memory: z.string().optional(),
        storage: z.string().optional(),
        pods: z.number().optional(),
      })
      .optional()
      .describe('Resource quota in the host namespace'),
    profiles: z
      .array(z.object({ name: z.string(), version: z.string() }))
      .optional()
      .describe('Application profiles installed inside'),
    relatedEntityRefs: z.array(z.string()),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  });
}

/** What {@link clusterSummarySchema} describes. */
export type ClusterSummary = ReturnType<typeof toClusterSummary>;

/**
 * The fields of a cluster an action returns, named one by one so that nothing the
 * API record gains later leaves through an action unseen.
 */
export function toClusterSummary(cluster: VirtualCluster) {
  const { spec } = cluster;
  return {
    id: cluster.id,
    name: cluster.name,
    owner: cluster.owner,
    hostCluster: cluster.hostCluster,
    clusterGroup: cluster.clusterGroup,
    namespace: cluster.namespace,
    phase: cluster.phase,
    reason: cluster.reason,
    message: cluster.message,
    endpoint: cluster.endpoint,
    distro: spec.distro,
    kubernetesVersion: spec.kubernetesVersion,
    chartVersion: spec.chartVersion,
    exposure: spec.exposure.type,
    quota: spec.quota && {
      cpu: spec.quota.cpu,
      memory: spec.quota.memory,
      storage: spec.quota.storage,
      pods: spec.quota.pods,
    },
    profiles: spec.profiles?.map(p => ({ name: p.name, version: p.version })),
    relatedEntityRefs: cluster.relatedEntityRefs,
    createdBy: cluster.createdBy,
    createdAt: cluster.createdAt,
    updatedAt: cluster.updatedAt,
  };
}
