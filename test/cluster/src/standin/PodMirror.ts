import { CoreV1Api, KubeConfig, V1Pod } from '@kubernetes/client-node';
import { hostPodName } from './names.ts';

export const MANAGED_BY = 'vcluster.loft.sh/managed-by';
export const VIRTUAL_NAMESPACE = 'vcluster.loft.sh/namespace';
const OBJECT_NAME = 'vcluster.loft.sh/object-name';
const OBJECT_NAMESPACE = 'vcluster.loft.sh/object-namespace';

/** The host node synced pods are placed on (kwok makes them Running). */
export const HOST_NODE = 'kwok-node-0';

/**
 * Mirrors the pods of a virtual cluster into its host namespace with vcluster's names,
 * labels and annotations and the containers' resource requests, and removes mirrors
 * whose virtual pod is gone.
 */
export async function mirrorPods(options: {
  host: CoreV1Api;
  virtual: KubeConfig;
  namespace: string;
  vcluster: string;
}): Promise<{ created: number; deleted: number }> {
  const { host, namespace, vcluster } = options;
  const virtualCore = options.virtual.makeApiClient(CoreV1Api);
  const [virtualPods, hostPods] = await Promise.all([
    virtualCore.listPodForAllNamespaces(),
    host.listNamespacedPod({
      namespace,
      labelSelector: `${MANAGED_BY}=${vcluster}`,
    }),
  ]);
  const wanted = new Map<string, V1Pod>();
  for (const pod of virtualPods.items) {
    if (pod.metadata?.deletionTimestamp) continue;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')
      continue;
    wanted.set(
      hostPodName(pod.metadata!.name!, pod.metadata!.namespace!, vcluster),
      pod,
    );
  }
  const existing = new Set(hostPods.items.map(p => p.metadata!.name!));
  let created = 0;
  let deleted = 0;
  for (const [name, pod] of wanted) {
    if (existing.has(name)) continue;
    const ok = await host
      .createNamespacedPod({
        namespace,
        body: {
          metadata: {
            name,
            namespace,
            labels: {
              ...(pod.metadata?.labels ?? {}),
              [MANAGED_BY]: vcluster,
              [VIRTUAL_NAMESPACE]: pod.metadata!.namespace!,
            },
            annotations: {
              [OBJECT_NAME]: pod.metadata!.name!,
              [OBJECT_NAMESPACE]: pod.metadata!.namespace!,
            },
          },
          spec: {
            nodeName: HOST_NODE,
            automountServiceAccountToken: false,
            containers: (pod.spec?.containers ?? []).map(c => ({
              name: c.name,
              image: c.image,
              resources: c.resources?.requests
                ? { requests: c.resources.requests }
                : undefined,
            })),
          },
        },
      })
      .then(() => true)
      .catch(error => {
        if ((error as { code?: number }).code !== 409) throw error;
        return false;
      });
    if (ok) created++;
  }
  for (const pod of hostPods.items) {
    const name = pod.metadata!.name!;
    if (wanted.has(name) || pod.metadata?.deletionTimestamp) continue;
    const gone = await host
      .deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 })
      .then(() => true)
      .catch(error => {
        if ((error as { code?: number }).code !== 404) throw error;
        return false;
      });
    if (gone) deleted++;
  }
  return { created, deleted };
}
