import {
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import type { HostNetwork } from './network.ts';

/**
 * Plays the host's LoadBalancer provider (a cloud controller manager or MetalLB): each
 * Service of type LoadBalancer gets an address in `status.loadBalancer.ingress`, here
 * the loopback address the stand-in's network gives that Service. Services of other
 * types get none (the real service controller clears it, too).
 */
export class LoadBalancerController {
  readonly #core: CoreV1Api;
  readonly #network: HostNetwork;

  constructor(host: KubeConfig, network: HostNetwork) {
    this.#core = host.makeApiClient(CoreV1Api);
    this.#network = network;
  }

  async reconcileAll(): Promise<void> {
    const services = await this.#core.listServiceForAllNamespaces();
    for (const svc of services.items) {
      if (svc.spec?.type !== 'LoadBalancer' || svc.metadata?.deletionTimestamp)
        continue;
      const { name, namespace } = svc.metadata as {
        name: string;
        namespace: string;
      };
      const ip = this.#network.address(namespace, name);
      if (svc.status?.loadBalancer?.ingress?.[0]?.ip === ip) continue;
      await this.#core.patchNamespacedServiceStatus(
        {
          name,
          namespace,
          body: {
            status: { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } },
          },
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    }
  }
}
