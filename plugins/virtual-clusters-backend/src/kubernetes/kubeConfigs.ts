import { KubeConfig } from '@kubernetes/client-node';
import { stringify } from 'yaml';

/** One cluster reached with a bearer token. */
export interface TokenKubeConfigOptions {
  /** Name of the cluster and of the context. */
  name: string;
  server: string;
  user: string;
  token: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify?: boolean;
}

/** A kubeconfig of one cluster, one token user and the context joining them, current. */
export function tokenKubeConfig(options: TokenKubeConfigOptions): KubeConfig {
  const { name, server, user, token, caData, caFile, skipTLSVerify } = options;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name, server, caData, caFile, skipTLSVerify }],
    users: [{ name: user, token }],
    contexts: [{ name, cluster: name, user }],
    currentContext: name,
  });
  return kc;
}

/**
 * A kubeconfig as the YAML kubectl reads, from `KubeConfig.exportConfig`.
 *
 * @param options.server - replaces the server of the current cluster
 */
export function kubeConfigYaml(
  kc: KubeConfig,
  options: { server?: string } = {},
): string {
  const exported = JSON.parse(kc.exportConfig());
  const current = kc.getCurrentCluster()?.name;
  for (const c of exported.clusters ?? []) {
    if (options.server && c.name === current) c.cluster.server = options.server;
  }
  return stringify(exported);
}
