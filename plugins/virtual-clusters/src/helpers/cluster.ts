import { CompoundEntityRef } from '@backstage/catalog-model';
import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';

/**
 * The catalog `Resource` of a virtual cluster, as the catalog module names it:
 * `resource:default/vc-<name>`.
 */
export function clusterEntityRef(
  cluster: Pick<VirtualCluster, 'name'>,
): CompoundEntityRef {
  return { kind: 'resource', namespace: 'default', name: `vc-${cluster.name}` };
}

/** What a cluster runs, for people: `k3s 1.33`. */
export function clusterVersion(cluster: Pick<VirtualCluster, 'spec'>): string {
  return `${cluster.spec.distro} ${cluster.spec.kubernetesVersion}`;
}
