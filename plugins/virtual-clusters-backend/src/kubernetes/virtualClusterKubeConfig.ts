import { ServiceUnavailableError } from '@backstage/errors';
import { CoreV1Api, V1Secret } from '@kubernetes/client-node';
import { PooledKubeConfig } from './PooledKubeConfig';
import { describeKubernetesError, isNotFound } from './errors';

/** Secret cluster-api-provider-vcluster writes: `<name>-kubeconfig`, key `value`. */
export const providerKubeconfigSecret = (name: string) => `${name}-kubeconfig`;
/** Secret the vcluster chart writes: `vc-<name>`, key `config`. */
export const chartKubeconfigSecret = (name: string) => `vc-${name}`;

/** A server only reachable from inside the host cluster (`<svc>.<ns>.svc`). */
function inClusterOnly(server: string | undefined): boolean {
  if (!server) return true;
  try {
    const { hostname } = new URL(server);
    return (
      hostname === 'localhost' ||
      hostname === '127.0.0.1' ||
      hostname.endsWith('.svc') ||
      hostname.endsWith('.svc.cluster.local')
    );
  } catch {
    return true;
  }
}

async function readSecret(
  core: CoreV1Api,
  name: string,
  namespace: string,
): Promise<V1Secret | undefined> {
  try {
    return await core.readNamespacedSecret({ name, namespace });
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw new ServiceUnavailableError(
      `Could not read Secret ${namespace}/${name} on the host: ${describeKubernetesError(
        error,
      )}`,
    );
  }
}

/** Loads a kubeconfig, pointing every cluster at `server` when one is given. */
function load(yaml: string, server?: string): PooledKubeConfig {
  const kc = new PooledKubeConfig();
  kc.loadFromString(yaml);
  if (!server) return kc;
  const pointed = new PooledKubeConfig();
  pointed.loadFromOptions({
    clusters: kc.getClusters().map(c => ({ ...c, server })),
    users: kc.getUsers(),
    contexts: kc.getContexts(),
    currentContext: kc.getCurrentContext(),
  });
  return pointed;
}

/**
 * The admin kubeconfig of a virtual cluster, as read from its host, pointed at an
 * address the backend can reach:
 *
 * 1. the provider's Secret `<name>-kubeconfig` (key `value`): its server is already
 *    `https://<spec.controlPlaneEndpoint>` (replaced by `endpoint` only when it is an
 *    in-cluster address);
 * 2. else the chart's Secret `vc-<name>` (key `config`), whose server is
 *    `https://localhost:8443` unless `exportKubeConfig.server` was set: its server is
 *    always REPLACED by `endpoint`, the cluster's known external endpoint, and never
 *    dialled as written.
 *
 * @throws ServiceUnavailableError when neither gives a reachable server (no provider
 * Secret and no known endpoint), or neither Secret exists yet.
 */
export async function readVirtualClusterKubeConfig(options: {
  core: CoreV1Api;
  name: string;
  namespace: string;
  /** External endpoint, `https://<host>:<port>`, when known. */
  endpoint?: string;
}): Promise<PooledKubeConfig> {
  const { core, name, namespace, endpoint } = options;
  const provider = await readSecret(
    core,
    providerKubeconfigSecret(name),
    namespace,
  );
  const providerValue = provider?.data?.value;
  if (providerValue) {
    const kc = load(Buffer.from(providerValue, 'base64').toString('utf8'));
    const server = kc.getCurrentCluster()?.server;
    if (!inClusterOnly(server)) return kc;
    if (endpoint) return load(kc.exportConfig(), endpoint);
    // an in-cluster server and nothing better: fall through to the chart's Secret
  }
  if (!endpoint) {
    throw new ServiceUnavailableError(
      `The kubeconfig of ${name} is not available yet: no Secret ${providerKubeconfigSecret(
        name,
      )} from the provider and no external endpoint known to point Secret ${chartKubeconfigSecret(
        name,
      )} at`,
    );
  }
  const chart = await readSecret(core, chartKubeconfigSecret(name), namespace);
  const config = chart?.data?.config;
  if (!config) {
    throw new ServiceUnavailableError(
      chart
        ? `Secret ${chartKubeconfigSecret(name)} has no config key`
        : `The kubeconfig of ${name} is not available yet: neither Secret ${providerKubeconfigSecret(
            name,
          )} nor ${chartKubeconfigSecret(name)} exists in ${namespace}`,
    );
  }
  return load(Buffer.from(config, 'base64').toString('utf8'), endpoint);
}
