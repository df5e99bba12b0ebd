import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  virtualClusterDeletePermission,
  virtualClusterLogsReadPermission,
  virtualClusterUpdatePermission,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import {
  createVirtualClusterConditionalDecision,
  virtualClusterConditions,
} from './rules';

/**
 * A permission policy for virtual clusters: everybody may see clusters and create
 * them; only the owner (a user or a group the user belongs to) may pause, resume,
 * upgrade or delete one, restart its workloads, delete its pods, revoke its kubeconfigs
 * and read its pods' logs in the portal, and only the owner's kubeconfigs can write
 * (others get a read-only one). Everything outside this plugin is allowed. The demo uses it; real
 * portals write their own and can reuse {@link virtualClusterConditions}.
 *
 * @public
 */
export class OwnerManagesPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (
      isPermission(permission, virtualClusterUpdatePermission) ||
      isPermission(permission, virtualClusterDeletePermission) ||
      isPermission(permission, virtualClusterLogsReadPermission)
    ) {
      return createVirtualClusterConditionalDecision(
        permission,
        virtualClusterConditions.isOwner({
          owners: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
