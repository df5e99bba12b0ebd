import { KubeConfig } from '@kubernetes/client-node';
import {
  VirtualCluster,
  WorkloadsResponse,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { describeKubernetesError } from '../kubernetes/errors';
import { summarizeWorkloads } from './summarizeWorkloads';
import { KubernetesClient } from '../kubernetes/KubernetesClient';
import {
  listSource,
  SourceKind,
  WORKLOAD_SOURCES,
  WorkloadObjects,
} from './workloadKinds';
import { WorkloadsWatchCache } from './WorkloadsWatchCache';
import { requireRunning } from './inside/requireRunning';
import { AdminKubeConfigSource } from '../kubeconfig/AdminKubeConfigSource';

const kindOrder = (kind: SourceKind) =>
  WORKLOAD_SOURCES.findIndex(k => k.kind === kind);

/**
 * Lists each kind once, in parallel. A kind that fails (e.g. forbidden) is reported,
 * the rest is still returned.
 */
export async function listWorkloadObjects(
  kc: KubeConfig,
): Promise<WorkloadObjects> {
  const client = KubernetesClient.create(kc);
  const errors: WorkloadObjects['errors'] = [];
  const lists = await Promise.all(
    WORKLOAD_SOURCES.map(async source => {
      const { kind } = source;
      try {
        return [kind, (await listSource(client, source)).items] as const;
      } catch (error) {
        errors.push({ kind, message: describeKubernetesError(error) });
        return [kind, []] as const;
      }
    }),
  );
  return {
    objects: Object.fromEntries(lists) as WorkloadObjects['objects'],
    errors: errors.sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind)),
  };
}

/**
 * Everything running inside a virtual cluster, grouped by namespace, with the error
 * detection of the Backstage Kubernetes plugin. With a watch cache, reads after the
 * first come from watches (see WorkloadsWatchCache); without, each read lists.
 */
export class WorkloadsService {
  readonly #kubeconfigs: AdminKubeConfigSource;
  readonly #cache?: WorkloadsWatchCache;

  static create(options: {
    kubeconfigs: AdminKubeConfigSource;
    cache?: WorkloadsWatchCache;
  }) {
    return new WorkloadsService(options.kubeconfigs, options.cache);
  }

  private constructor(
    kubeconfigs: AdminKubeConfigSource,
    cache?: WorkloadsWatchCache,
  ) {
    this.#kubeconfigs = kubeconfigs;
    this.#cache = cache;
  }

  async list(cluster: VirtualCluster): Promise<WorkloadsResponse> {
    if (cluster.phase !== 'Running' && cluster.phase !== 'Upgrading') {
      this.#cache?.forget(cluster.id);
    }
    requireRunning(cluster, 'workloads can be read');
    const fetchedAt = new Date().toISOString();
    if (!this.#cache) {
      const kc = await this.#kubeconfigs.adminKubeConfig(cluster);
      const objects = await listWorkloadObjects(kc);
      return { ...summarizeWorkloads(cluster.name, objects), fetchedAt };
    }
    const summary = await this.#cache.read(
      cluster.id,
      cluster.endpoint ?? '',
      () => this.#kubeconfigs.adminKubeConfig(cluster),
      objects => summarizeWorkloads(cluster.name, objects),
    );
    return { ...summary, fetchedAt };
  }
}
