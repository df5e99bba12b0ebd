import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { virtualClusterUpdatePermission } from '@virtual-clusters/plugin-virtual-clusters-common';
import { AccessLevel } from './KubeconfigIssuer';

/**
 * The caller's access level inside a cluster, the one rule for kubeconfigs and for
 * what the portal does inside with the caller's own rights: manage for those who may
 * update the cluster (`virtualClusterUpdatePermission`), read for everybody else.
 */
export async function decideAccessLevel(
  permissions: PermissionsService,
  clusterId: string,
  credentials: BackstageCredentials,
): Promise<AccessLevel> {
  const [decision] = await permissions.authorize(
    [{ permission: virtualClusterUpdatePermission, resourceRef: clusterId }],
    { credentials },
  );
  return decision.result === AuthorizeResult.ALLOW ? 'manage' : 'read';
}
