import { createPermission } from '@backstage/plugin-permission-common';

/** Resource type of virtual clusters in permission rules. @public */
export const VIRTUAL_CLUSTER_RESOURCE_TYPE = 'virtual-cluster';

/** Create a virtual cluster. @public */
export const virtualClusterCreatePermission = createPermission({
  name: 'virtual-clusters.cluster.create',
  attributes: { action: 'create' },
});

/** See a virtual cluster, its timeline, workloads and cost. @public */
export const virtualClusterReadPermission = createPermission({
  name: 'virtual-clusters.cluster.read',
  attributes: { action: 'read' },
  resourceType: VIRTUAL_CLUSTER_RESOURCE_TYPE,
});

/** Day-2 operations: pause, resume, upgrade, backup, restore. @public */
export const virtualClusterUpdatePermission = createPermission({
  name: 'virtual-clusters.cluster.update',
  attributes: { action: 'update' },
  resourceType: VIRTUAL_CLUSTER_RESOURCE_TYPE,
});

/** Delete a virtual cluster. @public */
export const virtualClusterDeletePermission = createPermission({
  name: 'virtual-clusters.cluster.delete',
  attributes: { action: 'delete' },
  resourceType: VIRTUAL_CLUSTER_RESOURCE_TYPE,
});

/** Download a kubeconfig of a virtual cluster. @public */
export const virtualClusterKubeconfigReadPermission = createPermission({
  name: 'virtual-clusters.kubeconfig.read',
  attributes: { action: 'read' },
  resourceType: VIRTUAL_CLUSTER_RESOURCE_TYPE,
});

/** See host clusters with their readiness and capacity. @public */
export const hostClusterReadPermission = createPermission({
  name: 'virtual-clusters.host-cluster.read',
  attributes: { action: 'read' },
});

/** Every permission of the plugin. @public */
export const virtualClustersPermissions = [
  virtualClusterCreatePermission,
  virtualClusterReadPermission,
  virtualClusterUpdatePermission,
  virtualClusterDeletePermission,
  virtualClusterKubeconfigReadPermission,
  hostClusterReadPermission,
];
