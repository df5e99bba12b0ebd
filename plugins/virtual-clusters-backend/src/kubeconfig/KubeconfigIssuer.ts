import { HumanDuration, durationToMilliseconds } from '@backstage/types';
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import {
  CoreV1Api,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { HostClusterRegistry } from '../hosts/HostClusterRegistry';
import { serverSideApply } from '../kubernetes/apply';
import { describeKubernetesError } from '../kubernetes/errors';
import { kubeConfigYaml, tokenKubeConfig } from '../kubernetes/kubeConfigs';
import { PooledKubeConfig } from '../kubernetes/PooledKubeConfig';
import { readVirtualClusterKubeConfig } from '../kubernetes/virtualClusterKubeConfig';

/** Namespace inside each virtual cluster that holds the per-user ServiceAccounts. */
export const ACCESS_NAMESPACE = 'backstage-access';

/** Access level of a kubeconfig: manage (admin) or read (view). */
export type AccessLevel = 'manage' | 'read';

/** ClusterRoles granted per access level. */
export const ROLES: Record<AccessLevel, string> = {
  manage: 'virtual-clusters:manage',
  read: 'view',
};

/** Annotation of each per-user ServiceAccount: whom it was made for. */
export const PRINCIPAL_ANNOTATION = 'virtual-clusters.dev/principal';

/** The ClusterRoleBinding that gives ServiceAccount `serviceAccount` its role. */
export function roleBindingName(serviceAccount: string): string {
  return `backstage-${serviceAccount}`;
}

/** The user name the API server knows ServiceAccount `name` of the access namespace by. */
export function serviceAccountUser(name: string): string {
  return `system:serviceaccount:${ACCESS_NAMESPACE}:${name}`;
}

/** A kubeconfig and when its credentials expire. */
export interface IssuedKubeconfig {
  yaml: string;
  expiresAt: string;
  serviceAccount: string;
}

/** A ServiceAccount name for a principal: readable, a DNS label, stable per principal. */
export function serviceAccountName(
  principal: string,
  level: AccessLevel,
): string {
  const readable = principal
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const hash = createHash('sha256').update(principal).digest('hex').slice(0, 8);
  return `${readable || 'user'}-${level === 'manage' ? 'm' : 'r'}-${hash}`;
}

/** How long an admin kubeconfig read from the host is reused. */
export const ADMIN_REUSE_MS = 60_000;
/** Most admin kubeconfigs kept at once; the least recently used beyond are closed. */
const MAX_ADMINS = 1_000;

/** What KubeconfigIssuer is made of. */
export interface KubeconfigIssuerOptions {
  hosts: HostClusterRegistry;
  tokenTtl: HumanDuration;
}

/**
 * Mints short-lived kubeconfigs for a virtual cluster: a ServiceAccount per user
 * inside the virtual cluster, bound to a role by permission, and a TokenRequest with
 * an expiry. Nothing is stored; the admin kubeconfig is read from the host and kept
 * in memory for a minute, with its connections, for the reads that follow.
 */
export class KubeconfigIssuer {
  readonly #hosts: HostClusterRegistry;
  readonly #ttlSeconds: number;
  readonly #admins = new LRUCache<
    string,
    { endpoint?: string; kubeConfig: PooledKubeConfig }
  >({
    max: MAX_ADMINS,
    ttl: ADMIN_REUSE_MS,
    dispose: entry => entry.kubeConfig.close(),
  });

  static create(options: KubeconfigIssuerOptions) {
    return new KubeconfigIssuer(options);
  }

  private constructor(options: KubeconfigIssuerOptions) {
    this.#hosts = options.hosts;
    this.#ttlSeconds = Math.max(
      600,
      Math.round(durationToMilliseconds(options.tokenTtl) / 1000),
    );
  }

  /**
   * The admin kubeconfig of a virtual cluster, read from its host by
   * {@link readVirtualClusterKubeConfig} (the provider's `<name>-kubeconfig`, else
   * `vc-<name>` pointed at the cluster's endpoint);
   * reused (with its keep-alive connections) for {@link ADMIN_REUSE_MS} while the
   * cluster's endpoint stays the same.
   */
  async adminKubeConfig(cluster: VirtualCluster): Promise<KubeConfig> {
    this.#admins.purgeStale();
    const cached = this.#admins.get(cluster.id);
    if (cached && cached.endpoint === cluster.endpoint) {
      return cached.kubeConfig;
    }
    // closes the one cached for an old endpoint (dispose)
    this.#admins.delete(cluster.id);
    const kubeConfig = await this.#readAdminKubeConfig(cluster);
    this.#admins.set(cluster.id, { endpoint: cluster.endpoint, kubeConfig });
    return kubeConfig;
  }

  async #readAdminKubeConfig(
    cluster: VirtualCluster,
  ): Promise<PooledKubeConfig> {
    const host = this.#hosts.get(cluster.hostCluster);
    return readVirtualClusterKubeConfig({
      core: host.connection.kubeConfig.makeApiClient(CoreV1Api),
      name: cluster.name,
      namespace: cluster.namespace,
      endpoint: cluster.endpoint,
    });
  }

  /**
   * Makes sure the ServiceAccount of `principal` at `level` and its ClusterRoleBinding
   * exist inside the cluster (with the access namespace and, for manage, the role);
   * server-side applied, so asking again changes nothing.
   *
   * @returns the ServiceAccount's name, in {@link ACCESS_NAMESPACE}
   * @throws ServiceUnavailableError when the virtual API server refuses or cannot be reached
   */
  async ensureServiceAccount(
    cluster: VirtualCluster,
    principal: string,
    level: AccessLevel,
  ): Promise<string> {
    const admin = await this.adminKubeConfig(cluster);
    const objects = KubernetesObjectApi.makeApiClient(admin);
    const name = serviceAccountName(principal, level);
    const apply = (object: KubernetesObject) =>
      serverSideApply(objects, object);
    try {
      await apply({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ACCESS_NAMESPACE },
      });
      if (level === 'manage') {
        await apply({
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRole',
          metadata: { name: ROLES.manage },
          rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
        } as KubernetesObject);
      }
      await apply({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: {
          name,
          namespace: ACCESS_NAMESPACE,
          annotations: { [PRINCIPAL_ANNOTATION]: principal },
        },
      });
      await apply({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: roleBindingName(name) },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: ROLES[level],
        },
        subjects: [
          { kind: 'ServiceAccount', name, namespace: ACCESS_NAMESPACE },
        ],
      } as KubernetesObject);
      return name;
    } catch (error) {
      throw new ServiceUnavailableError(
        `Could not set up access for ${principal} inside ${
          cluster.name
        }: ${describeKubernetesError(error)}`,
      );
    }
  }

  /** Mints a kubeconfig for one principal at one access level. */
  async issue(
    cluster: VirtualCluster,
    principal: string,
    level: AccessLevel,
  ): Promise<IssuedKubeconfig> {
    if (cluster.phase !== 'Running' || !cluster.endpoint) {
      throw new ConflictError(
        `${cluster.name} is ${cluster.phase}; kubeconfigs are handed out for Running clusters`,
      );
    }
    const name = await this.ensureServiceAccount(cluster, principal, level);
    const admin = await this.adminKubeConfig(cluster);
    const core = admin.makeApiClient(CoreV1Api);
    try {
      const tokenRequest = await core.createNamespacedServiceAccountToken({
        name,
        namespace: ACCESS_NAMESPACE,
        body: { spec: { audiences: [], expirationSeconds: this.#ttlSeconds } },
      });
      const token = tokenRequest.status!.token;
      const expiresAt =
        tokenRequest.status?.expirationTimestamp instanceof Date
          ? tokenRequest.status.expirationTimestamp.toISOString()
          : new Date(Date.now() + this.#ttlSeconds * 1000).toISOString();
      const yaml = kubeConfigYaml(
        tokenKubeConfig({
          name: cluster.name,
          server: cluster.endpoint,
          caData: admin.getCurrentCluster()?.caData || undefined,
          user: name,
          token,
        }),
      );
      return { yaml, expiresAt, serviceAccount: `${ACCESS_NAMESPACE}/${name}` };
    } catch (error) {
      throw new ServiceUnavailableError(
        `Could not mint a kubeconfig inside ${
          cluster.name
        }: ${describeKubernetesError(error)}`,
      );
    }
  }

  /** The admin kubeconfig, pointed at the external endpoint; only when config allows it. */
  async admin(cluster: VirtualCluster): Promise<string> {
    const admin = await this.adminKubeConfig(cluster);
    return kubeConfigYaml(admin, { server: cluster.endpoint });
  }
}
