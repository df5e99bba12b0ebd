import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  clusterGroupCreatePermission,
  hostClusterReadPermission,
  virtualClusterCreatePermission,
  virtualClustersPermissions,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { ClusterGroupSettings } from '../config';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
import {
  clusterGroupResourceRef,
  clusterGroupRules,
  virtualClusterResourceRef,
  virtualClusterRules,
} from './rules';

/**
 * Registers the plugin's permissions: the virtual-cluster resource type with its
 * rules (policies' conditions load clusters from the store), the cluster-group
 * resource type (groups from config, by name) and the two basic ones.
 */
export function registerPermissions(
  permissionsRegistry: PermissionsRegistryService,
  store: VirtualClusterStore,
  groups: ClusterGroupSettings[],
): void {
  permissionsRegistry.addResourceType({
    resourceRef: virtualClusterResourceRef,
    permissions: virtualClustersPermissions.filter(
      p =>
        p.type === 'resource' &&
        p.resourceType === virtualClusterResourceRef.resourceType,
    ),
    rules: Object.values(virtualClusterRules),
    getResources: ids => Promise.all(ids.map(id => store.get(id))),
  });
  permissionsRegistry.addResourceType({
    resourceRef: clusterGroupResourceRef,
    permissions: [clusterGroupCreatePermission],
    rules: Object.values(clusterGroupRules),
    getResources: async names =>
      names.map(name => groups.find(g => g.name === name)),
  });
  permissionsRegistry.addPermissions([
    virtualClusterCreatePermission,
    hostClusterReadPermission,
  ]);
}
