import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';
import { KubernetesClient } from '../kubernetes/KubernetesClient';
import { AdminKubeConfigSource } from '../kubeconfig/AdminKubeConfigSource';

/**
 * Where users and their tools write inside a cluster (cluster-wide lists of these
 * kinds). Leases and events are not read: they change all the time by themselves.
 */
const WRITTEN_KINDS = [
  '/api/v1/namespaces',
  '/api/v1/configmaps',
  '/api/v1/secrets',
  '/api/v1/services',
  '/api/v1/serviceaccounts',
  '/api/v1/persistentvolumeclaims',
  '/api/v1/pods',
  '/apis/apps/v1/deployments',
  '/apis/apps/v1/statefulsets',
  '/apis/apps/v1/daemonsets',
  '/apis/batch/v1/jobs',
  '/apis/batch/v1/cronjobs',
  '/apis/networking.k8s.io/v1/ingresses',
];

/** Namespaces of the cluster's own machinery. */
const SYSTEM_NAMESPACES = new Set([
  'kube-system',
  'kube-public',
  'kube-node-lease',
]);

/**
 * Field managers of the cluster's own controllers, whose writes are no activity: the
 * Kubernetes components (`kube-controller-manager`, `kube-scheduler`, `kubelet`, …),
 * the node agent of the local plane (`kwok`) and vcluster's syncer and distro.
 */
const SYSTEM_MANAGER = /^(kube-|kubelet|kwok|vcluster|k3s|syncer)/;

type Listed = {
  items?: Array<{
    metadata?: {
      namespace?: string;
      managedFields?: Array<{ manager?: string; time?: string }>;
    };
  }>;
};

/**
 * The latest write inside a cluster by someone other than its own controllers, read
 * from the objects' `managedFields` (each writer's field manager and the time of its
 * last write) through the virtual API server.
 */
export class InsideActivityReader {
  readonly #kubeconfigs: AdminKubeConfigSource;

  static create(options: { kubeconfigs: AdminKubeConfigSource }) {
    return new InsideActivityReader(options.kubeconfigs);
  }

  private constructor(kubeconfigs: AdminKubeConfigSource) {
    this.#kubeconfigs = kubeconfigs;
  }

  /** The time of the latest such write, if any is recorded. */
  async latestChange(cluster: VirtualCluster): Promise<Date | undefined> {
    const client = KubernetesClient.create(
      await this.#kubeconfigs.adminKubeConfig(cluster),
      { timeoutMs: 10_000 },
    );
    try {
      const lists = await Promise.all(
        WRITTEN_KINDS.map(async path => {
          const { status, text } = await client.requestText('GET', path, {
            query: { limit: '500' },
          });
          // a kind this API server does not serve is no activity
          return status === 200 ? (JSON.parse(text) as Listed) : {};
        }),
      );
      let latest = 0;
      for (const list of lists) {
        for (const item of list.items ?? []) {
          const meta = item.metadata ?? {};
          if (meta.namespace && SYSTEM_NAMESPACES.has(meta.namespace)) continue;
          for (const field of meta.managedFields ?? []) {
            if (!field.time || SYSTEM_MANAGER.test(field.manager ?? ''))
              continue;
            latest = Math.max(latest, Date.parse(field.time));
          }
        }
      }
      return latest ? new Date(latest) : undefined;
    } finally {
      await client.close();
    }
  }
}
