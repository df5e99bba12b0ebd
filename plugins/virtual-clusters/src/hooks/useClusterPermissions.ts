import { usePermission } from '@backstage/plugin-permission-react';
import {
  virtualClusterCreatePermission,
  virtualClusterDeletePermission,
  virtualClusterKubeconfigReadPermission,
  virtualClusterUpdatePermission,
} from '@virtual-clusters/plugin-virtual-clusters-common';

/**
 * What the user may do with one cluster (`false` until the answer is in): change it
 * (pause, upgrade, back up, …), delete it, download a kubeconfig, and create clusters
 * (a clone).
 */
export function useClusterPermissions(clusterId: string) {
  const resourceRef = clusterId;
  return {
    canUpdate: usePermission({
      permission: virtualClusterUpdatePermission,
      resourceRef,
    }).allowed,
    canDelete: usePermission({
      permission: virtualClusterDeletePermission,
      resourceRef,
    }).allowed,
    canReadKubeconfig: usePermission({
      permission: virtualClusterKubeconfigReadPermission,
      resourceRef,
    }).allowed,
    canCreate: usePermission({ permission: virtualClusterCreatePermission })
      .allowed,
  };
}
