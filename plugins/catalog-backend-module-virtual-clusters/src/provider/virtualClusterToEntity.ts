import {
  Entity,
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_PROFILES,
  ANNOTATION_ENDPOINT,
  ANNOTATION_HOST_CLUSTER,
  ANNOTATION_NAMESPACE,
  ANNOTATION_VIRTUAL_CLUSTER_ID,
  ANNOTATION_VIRTUAL_CLUSTER_NAME,
  VIRTUAL_CLUSTER_RESOURCE_SPEC_TYPE,
  VirtualCluster,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { virtualClusterProfileEntityRef } from './virtualClusterProfileToEntity';

/** Catalog name of a virtual cluster's Resource entity. */
export function virtualClusterEntityName(
  cluster: Pick<VirtualCluster, 'name'>,
) {
  return `vc-${cluster.name}`;
}

/** Entity ref of a virtual cluster's Resource. */
export function virtualClusterEntityRef(cluster: Pick<VirtualCluster, 'name'>) {
  return stringifyEntityRef({
    kind: 'Resource',
    namespace: 'default',
    name: virtualClusterEntityName(cluster),
  });
}

/**
 * The catalog `Resource` of one virtual cluster: owned by its owner, depending on
 * its host cluster's Resource and its application profiles' Resources, a dependency
 * of its related entities.
 */
export function virtualClusterToEntity(
  cluster: VirtualCluster,
  locationKey: string,
): Entity {
  const annotations: Record<string, string> = {
    [ANNOTATION_LOCATION]: locationKey,
    [ANNOTATION_ORIGIN_LOCATION]: locationKey,
    [ANNOTATION_VIRTUAL_CLUSTER_ID]: cluster.id,
    [ANNOTATION_VIRTUAL_CLUSTER_NAME]: cluster.name,
    [ANNOTATION_HOST_CLUSTER]: cluster.hostCluster,
    [ANNOTATION_NAMESPACE]: cluster.namespace,
  };
  if (cluster.endpoint) annotations[ANNOTATION_ENDPOINT] = cluster.endpoint;
  const profiles = cluster.spec.profiles ?? [];
  if (profiles.length) {
    annotations[ANNOTATION_PROFILES] = profiles
      .map(p => `${p.name}@${p.version}`)
      .join(',');
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: virtualClusterEntityName(cluster),
      title: cluster.name,
      description: `Virtual Kubernetes cluster (${cluster.spec.distro} ${cluster.spec.kubernetesVersion}) on host cluster ${cluster.hostCluster}`,
      annotations,
      tags: ['virtual-cluster', cluster.spec.distro],
      labels: { 'virtual-clusters.dev/phase': cluster.phase.toLowerCase() },
    },
    spec: {
      type: VIRTUAL_CLUSTER_RESOURCE_SPEC_TYPE,
      owner: cluster.owner,
      dependsOn: [
        `resource:default/${cluster.hostCluster}`,
        ...profiles.map(virtualClusterProfileEntityRef),
      ],
      dependencyOf: cluster.relatedEntityRefs,
    },
  };
}
