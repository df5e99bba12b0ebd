import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { KubeConfig } from '@kubernetes/client-node';
import {
  ClusterDetails,
  KubernetesClustersSupplier,
} from '@backstage/plugin-kubernetes-node';
import {
  VirtualCluster,
  VirtualClustersApi,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { principalName } from '@virtual-clusters/plugin-virtual-clusters-node';

/** How long a fetched kubeconfig is reused; well inside the minted token's lifetime. */
const KUBECONFIG_REUSE_MS = 10 * 60 * 1000;

/** Prefix of cluster names, so they never clash with configured clusters. */
export const CLUSTER_NAME_PREFIX = 'vc-';

/** What VirtualClustersClusterSupplier is made of. */
export interface VirtualClustersClusterSupplierOptions {
  api: VirtualClustersApi;
  auth: AuthService;
  logger: LoggerService;
}

/**
 * Supplies the running virtual clusters the user may see to the Kubernetes plugin,
 * each with a short-lived kubeconfig the virtual-clusters backend minted for that user.
 */
export class VirtualClustersClusterSupplier
  implements KubernetesClustersSupplier
{
  readonly #deps: VirtualClustersClusterSupplierOptions;
  readonly #cache = new Map<
    string,
    { expires: number; details: ClusterDetails }
  >();

  static create(options: VirtualClustersClusterSupplierOptions) {
    return new VirtualClustersClusterSupplier(options);
  }

  private constructor(options: VirtualClustersClusterSupplierOptions) {
    this.#deps = options;
  }

  async getClusters(options: {
    credentials: BackstageCredentials;
  }): Promise<ClusterDetails[]> {
    const { token } = await this.#deps.auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: 'virtual-clusters',
    });
    const { items } = await this.#deps.api.listClusters(
      { phase: ['Running'] },
      { token },
    );
    const principal = principalName(options.credentials);
    const details = await Promise.all(
      items.map(cluster => this.#details(cluster, principal, token)),
    );
    return details.filter((d): d is ClusterDetails => d !== undefined);
  }

  async #details(
    cluster: VirtualCluster,
    principal: string,
    token: string,
  ): Promise<ClusterDetails | undefined> {
    const key = `${principal}|${cluster.id}`;
    const cached = this.#cache.get(key);
    if (cached && cached.expires > Date.now()) return cached.details;
    try {
      const yaml = await this.#deps.api.getKubeconfig(cluster.id, { token });
      const details = toClusterDetails(cluster, yaml);
      this.#cache.set(key, {
        expires: Date.now() + KUBECONFIG_REUSE_MS,
        details,
      });
      return details;
    } catch (error) {
      this.#deps.logger.warn(
        `Virtual cluster ${cluster.name} left out of the Kubernetes plugin: ${error}`,
      );
      return undefined;
    }
  }
}

/** Turns a kubeconfig the backend handed out into the Kubernetes plugin's cluster details. */
export function toClusterDetails(
  cluster: VirtualCluster,
  kubeconfigYaml: string,
): ClusterDetails {
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfigYaml);
  const server = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  if (!server || !user?.token) {
    throw new Error('kubeconfig has no server or no token');
  }
  return {
    name: `${CLUSTER_NAME_PREFIX}${cluster.name}`,
    title: `${cluster.name} (virtual, on ${cluster.hostCluster})`,
    url: server.server,
    caData: server.caData,
    skipTLSVerify: server.skipTLSVerify,
    skipMetricsLookup: true,
    authMetadata: {
      'kubernetes.io/auth-provider': 'serviceAccount',
      serviceAccountToken: user.token,
    },
  };
}
