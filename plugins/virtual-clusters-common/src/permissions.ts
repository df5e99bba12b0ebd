import { createPermission } from '@backstage/plugin-permission-common';

/** Resource type of virtual clusters in permission rules. @public */
export const VIRTUAL_CLUSTER_RESOURCE_TYPE = 'virtual-cluster';

/** A permission on one virtual cluster (policies may decide by its rules). */
const clusterPermission = (
  name: string,
  action: 'read' | 'update' | 'delete',
) =>
  createPermission({
    name,
    attributes: { action },
    resourceType: VIRTUAL_CLUSTER_RESOURCE_TYPE,
  });

/** Create a virtual cluster. @public */
export const virtualClusterCreatePermission = createPermission({
  name: 'virtual-clusters.cluster.create',
  attributes: { action: 'create' },
});

/** See a virtual cluster, its timeline, workloads and cost. @public */
export const virtualClusterReadPermission = clusterPermission(
  'virtual-clusters.cluster.read',
  'read',
);

/** Day-2 operations: pause, resume, upgrade, backup, restore. @public */
export const virtualClusterUpdatePermission = clusterPermission(
  'virtual-clusters.cluster.update',
  'update',
);

/** Delete a virtual cluster. @public */
export const virtualClusterDeletePermission = clusterPermission(
  'virtual-clusters.cluster.delete',
  'delete',
);

/** Download a kubeconfig of a virtual cluster. @public */
export const virtualClusterKubeconfigReadPermission = clusterPermission(
  'virtual-clusters.kubeconfig.read',
  'read',
);

/**
 * Read the logs of the pods inside a virtual cluster from the portal. The backend
 * reads them with the caller's own role inside the cluster (manage for those who may
 * update it, read otherwise); the demo's policy gives it to owners only, so a reader
 * sees logs only where a policy says so.
 *
 * @public
 */
export const virtualClusterLogsReadPermission = clusterPermission(
  'virtual-clusters.logs.read',
  'read',
);

/** Resource type of cluster groups in permission rules. @public */
export const CLUSTER_GROUP_RESOURCE_TYPE = 'virtual-cluster-group';

/**
 * Create virtual clusters in a cluster group (by its placement, or on one of its
 * members named directly); the resource is the group's name. The groups a caller may
 * not use are left out of `/cluster-groups`, and their hosts out of `/host-clusters`.
 *
 * @public
 */
export const clusterGroupCreatePermission = createPermission({
  name: 'virtual-clusters.cluster-group.create',
  attributes: { action: 'create' },
  resourceType: CLUSTER_GROUP_RESOURCE_TYPE,
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
  virtualClusterLogsReadPermission,
  hostClusterReadPermission,
  clusterGroupCreatePermission,
];
