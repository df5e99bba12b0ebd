import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  hostClusterReadPermission,
  virtualClusterCreatePermission,
  virtualClustersPermissions,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
import { virtualClusterResourceRef, virtualClusterRules } from './rules';

/**
 * Registers the plugin's permissions: the virtual-cluster resource type with its
 * rules (policies' conditions load clusters from the store) and the two basic ones.
 */
export function registerPermissions(
  permissionsRegistry: PermissionsRegistryService,
  store: VirtualClusterStore,
): void {
  permissionsRegistry.addResourceType({
    resourceRef: virtualClusterResourceRef,
    permissions: virtualClustersPermissions.filter(p => p.type === 'resource'),
    rules: Object.values(virtualClusterRules),
    getResources: ids => Promise.all(ids.map(id => store.get(id))),
  });
  permissionsRegistry.addPermissions([
    virtualClusterCreatePermission,
    hostClusterReadPermission,
  ]);
}
