import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { clusterGroupCreatePermission } from '@virtual-clusters/plugin-virtual-clusters-common';

/**
 * Who may use which cluster group: `clusterGroupCreatePermission` asked once per group
 * (policies decide by the group's name, e.g. with `clusterGroupConditions`).
 */
export class ClusterGroupAccess {
  readonly #permissions: PermissionsService;

  constructor(permissions: PermissionsService) {
    this.#permissions = permissions;
  }

  /** The names among `groups` the caller may create virtual clusters in. */
  async allowed(
    groups: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    if (groups.length === 0) return new Set();
    const decisions = await this.#permissions.authorize(
      groups.map(resourceRef => ({
        permission: clusterGroupCreatePermission,
        resourceRef,
      })),
      { credentials },
    );
    return new Set(
      groups.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
    );
  }

  /** @throws NotAllowedError naming the group when the caller may not use it */
  async require(group: string, credentials: BackstageCredentials) {
    if (!(await this.allowed([group], credentials)).has(group)) {
      throw new NotAllowedError(
        `Not allowed to create virtual clusters in cluster group ${group} (${clusterGroupCreatePermission.name})`,
      );
    }
  }
}
