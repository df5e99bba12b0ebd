import { usePermission } from '@backstage/plugin-permission-react';
import {
  virtualClusterCreatePermission,
  virtualClusterDeletePermission,
  virtualClusterKubeconfigReadPermission,
  virtualClusterLogsReadPermission,
  virtualClusterUpdatePermission,
} from '@virtual-clusters/plugin-virtual-clusters-common';

/**
 * What the user may do with one cluster (`false` until the answer is in): change it
 * (pause, upgrade, back up, restart a workload inside, revoke access, …), delete it,
 * download a kubeconfig, read the logs of its pods, and create clusters (a clone).
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
    canReadLogs: usePermission({
      permission: virtualClusterLogsReadPermission,
      resourceRef,
    }).allowed,
    canCreate: usePermission({ permission: virtualClusterCreatePermission })
      .allowed,
  };
}
