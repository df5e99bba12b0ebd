import { DiscoveryService } from '@backstage/backend-plugin-api';
import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';

const text = <Z extends { string(): unknown }>(z: Z) =>
  z.string() as ReturnType<Z['string']>;

/** The output schema of every action that ends with a cluster. */
export const CLUSTER_OUTPUT = {
  id: text,
  name: text,
  namespace: text,
  hostCluster: text,
  clusterGroup: text,
  phase: text,
  endpoint: text,
  entityRef: text,
  kubeconfigUrl: text,
};

/** Outputs every action that ends with a cluster sets. */
export async function clusterOutputs(
  cluster: VirtualCluster,
  discovery: DiscoveryService,
) {
  const baseUrl = await discovery.getExternalBaseUrl('virtual-clusters');
  return {
    id: cluster.id,
    name: cluster.name,
    namespace: cluster.namespace,
    hostCluster: cluster.hostCluster,
    clusterGroup: cluster.clusterGroup ?? '',
    phase: cluster.phase,
    endpoint: cluster.endpoint ?? '',
    entityRef: `resource:default/vc-${cluster.name}`,
    kubeconfigUrl: `${baseUrl}/clusters/${cluster.id}/kubeconfig`,
  };
}
