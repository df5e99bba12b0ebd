import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { KubeConfig } from '@kubernetes/client-node';
import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';
import { principalName } from '@virtual-clusters/plugin-virtual-clusters-node';
import { decideAccessLevel } from './accessLevel';
import {
  ACCESS_NAMESPACE,
  AccessLevel,
  KubeconfigIssuer,
  serviceAccountUser,
} from './KubeconfigIssuer';

/** Access inside a virtual cluster as one caller. */
export interface CallerKubeConfig {
  /** Admin connection settings, every request impersonating the caller's ServiceAccount. */
  kubeConfig: KubeConfig;
  level: AccessLevel;
  /** `namespace/name` of the ServiceAccount. */
  serviceAccount: string;
}

/**
 * A copy of `admin` whose current user impersonates `user` (the `Impersonate-User`
 * header of every request). The admin KubeConfig, which others share, is not changed.
 */
export function impersonating(admin: KubeConfig, user: string): KubeConfig {
  const current = admin.getCurrentUser();
  const copy = new KubeConfig();
  copy.loadFromOptions({
    clusters: admin.getClusters().map(c => ({ ...c })),
    users: admin
      .getUsers()
      .map(u =>
        u.name === current?.name ? { ...u, impersonateUser: user } : { ...u },
      ),
    contexts: admin.getContexts().map(c => ({ ...c })),
    currentContext: admin.getCurrentContext(),
  });
  return copy;
}

/**
 * What the portal does inside a virtual cluster with the caller's own rights: the
 * caller's per-user ServiceAccount (the one their kubeconfigs use, at the level
 * {@link decideAccessLevel} gives them) made sure of, then reached with the admin
 * connection impersonating it, so the virtual API server's RBAC decides.
 */
export class CallerKubeConfigs {
  readonly #issuer: KubeconfigIssuer;
  readonly #permissions: PermissionsService;

  static create(options: {
    issuer: KubeconfigIssuer;
    permissions: PermissionsService;
  }) {
    return new CallerKubeConfigs(options.issuer, options.permissions);
  }

  private constructor(
    issuer: KubeconfigIssuer,
    permissions: PermissionsService,
  ) {
    this.#issuer = issuer;
    this.#permissions = permissions;
  }

  /**
   * Access inside `cluster` as the caller.
   *
   * @throws ServiceUnavailableError when the ServiceAccount cannot be set up
   */
  async forCaller(
    cluster: VirtualCluster,
    credentials: BackstageCredentials,
  ): Promise<CallerKubeConfig> {
    const level = await decideAccessLevel(
      this.#permissions,
      cluster.id,
      credentials,
    );
    const name = await this.#issuer.ensureServiceAccount(
      cluster,
      principalName(credentials),
      level,
    );
    const admin = await this.#issuer.adminKubeConfig(cluster);
    return {
      kubeConfig: impersonating(admin, serviceAccountUser(name)),
      level,
      serviceAccount: `${ACCESS_NAMESPACE}/${name}`,
    };
  }
}
