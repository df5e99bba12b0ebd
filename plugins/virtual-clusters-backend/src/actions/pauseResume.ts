import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  clusterIdInput,
  clusterSummarySchema,
  toClusterSummary,
} from './clusterSchema';
import { VirtualClusterActionServices } from './types';

const DESCRIPTIONS = {
  pause: `Pauses a Running virtual Kubernetes cluster (vcluster), as \`vcluster pause\` does: its control plane is scaled to zero and every pod it runs on the host is deleted, so it costs only its storage (and load balancer) until resumed. Objects and volumes are kept. The cluster moves to Pausing, then Paused; follow it with get-virtual-cluster.
Needs the update permission on the cluster (by default: its owner). Asking again while Pausing or Paused changes nothing. Refused for a cluster that is not Running.`,
  resume: `Resumes a Paused virtual Kubernetes cluster (vcluster): its control plane and workloads start again. The cluster moves to Resuming, then Running; follow it with get-virtual-cluster.
Needs the update permission on the cluster (by default: its owner). Asking again while Resuming or Running changes nothing. Refused for a cluster that is not Paused or Pausing.`,
};

/**
 * `pause-virtual-cluster` or `resume-virtual-cluster`: the Day-2 operation of
 * `PATCH /clusters/{id}` with `action: pause | resume`.
 */
export function createPauseResumeAction(
  actionsRegistry: ActionsRegistryService,
  services: VirtualClusterActionServices,
  operation: 'pause' | 'resume',
) {
  const name = `${operation}-virtual-cluster`;
  actionsRegistry.register({
    name,
    title:
      operation === 'pause'
        ? 'Pause a virtual cluster'
        : 'Resume a virtual cluster',
    description: DESCRIPTIONS[operation],
    attributes: {
      readOnly: false,
      // pausing deletes the pods inside (their volumes stay)
      destructive: operation === 'pause',
      idempotent: true,
    },
    schema: {
      input: z => z.object({ id: clusterIdInput(z) }),
      output: z =>
        z.object({
          cluster: clusterSummarySchema(z).describe(
            'The cluster after the request, in its new phase',
          ),
        }),
    },
    action: async ({ input, credentials, logger }) => {
      const cluster = await services.clusters.update(
        input.id,
        { action: operation },
        { credentials },
      );
      logger.info(`Virtual cluster ${operation} requested through an action`, {
        action: name,
        clusterId: cluster.id,
        cluster: cluster.name,
        phase: cluster.phase,
      });
      return { output: { cluster: toClusterSummary(cluster) } };
    },
  });
}
