import { LoggerService } from '@backstage/backend-plugin-api';
import { CoreV1Api, V1Pod } from '@kubernetes/client-node';
import { HostClusterRegistry } from '../hosts/HostClusterRegistry';
import { describeKubernetesError } from '../kubernetes/errors';
import { parseCpu, parseMemoryGiB } from '../services/quantities';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
import { CostStore } from './CostStore';
import { CONTROL_PLANE, RequestedResources } from './types';

const MANAGED_BY = 'vcluster.loft.sh/managed-by';
const VIRTUAL_NAMESPACE = 'vcluster.loft.sh/namespace';

function podRequests(pod: V1Pod) {
  let cpuCores = 0;
  let memoryGiB = 0;
  for (const c of pod.spec?.containers ?? []) {
    cpuCores += parseCpu(c.resources?.requests?.cpu);
    memoryGiB += parseMemoryGiB(c.resources?.requests?.memory);
  }
  return { cpuCores, memoryGiB };
}

function emptyResources(): RequestedResources {
  return {
    cpuCores: 0,
    memoryGiB: 0,
    storageGiB: 0,
    loadBalancers: 0,
    byNamespace: {},
  };
}

/** What CostSampler is made of. */
export interface CostSamplerOptions {
  store: VirtualClusterStore;
  costs: CostStore;
  hosts: HostClusterRegistry;
  logger: LoggerService;
  /** The longest gap between samples that is billed at the previous level. */
  maxGapMs?: number;
}

/**
 * Samples what each virtual cluster requests on its host: pods synced from it
 * (`vcluster.loft.sh/managed-by`), its control plane pod (`app=vcluster,release=<name>`),
 * the PVCs in its namespace and its LoadBalancer Service. Four list calls per host
 * cluster, whatever the number of virtual clusters.
 */
export class CostSampler {
  readonly #deps: CostSamplerOptions;
  readonly #maxGapMs: number;

  static create(options: CostSamplerOptions) {
    return new CostSampler(options);
  }

  private constructor(options: CostSamplerOptions) {
    this.#deps = options;
    this.#maxGapMs = options.maxGapMs ?? 10 * 60_000;
  }

  /** Takes one sample of every virtual cluster on every host. */
  async sampleAll(at = new Date()): Promise<number> {
    let sampled = 0;
    for (const host of this.#deps.hosts.list()) {
      try {
        sampled += await this.#sampleHost(host.settings.name, at);
      } catch (error) {
        const reason = describeKubernetesError(error);
        this.#deps.logger.warn(
          `Cost sample of host cluster ${host.settings.name} skipped: ${reason}`,
          { hostCluster: host.settings.name, error: reason },
        );
      }
    }
    return sampled;
  }

  /** What each cluster on a host requests now, by cluster id. */
  async measureHost(
    hostName: string,
  ): Promise<Map<string, RequestedResources>> {
    const host = this.#deps.hosts.get(hostName);
    const records = (await this.#deps.store.listActive(hostName)).filter(
      r => r.phase !== 'Pending',
    );
    const result = new Map<string, RequestedResources>();
    if (records.length === 0) return result;
    const core = host.connection.kubeConfig.makeApiClient(CoreV1Api);
    const [synced, controlPlanes, pvcs, services] = await Promise.all([
      core.listPodForAllNamespaces({ labelSelector: MANAGED_BY }),
      core.listPodForAllNamespaces({ labelSelector: 'app=vcluster' }),
      core.listPersistentVolumeClaimForAllNamespaces(),
      core.listServiceForAllNamespaces({
        fieldSelector: 'spec.type=LoadBalancer',
      }),
    ]);
    const byKey = new Map(records.map(r => [`${r.namespace}/${r.name}`, r]));
    const resourcesOf = (namespace?: string, name?: string) => {
      const record = byKey.get(`${namespace}/${name}`);
      if (!record) return undefined;
      let r = result.get(record.id);
      if (!r) {
        r = emptyResources();
        result.set(record.id, r);
      }
      return r;
    };
    const addTo = (
      r: RequestedResources,
      ns: string,
      cpu: number,
      mem: number,
      storage: number,
    ) => {
      r.cpuCores += cpu;
      r.memoryGiB += mem;
      r.storageGiB += storage;
      const entry = r.byNamespace[ns] ?? {
        cpuCores: 0,
        memoryGiB: 0,
        storageGiB: 0,
      };
      entry.cpuCores += cpu;
      entry.memoryGiB += mem;
      entry.storageGiB += storage;
      r.byNamespace[ns] = entry;
    };
    for (const r of records) resourcesOf(r.namespace, r.name);
    for (const pod of synced.items) {
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')
        continue;
      const labels = pod.metadata?.labels ?? {};
      const r = resourcesOf(pod.metadata?.namespace, labels[MANAGED_BY]);
      if (!r) continue;
      const { cpuCores, memoryGiB } = podRequests(pod);
      addTo(r, labels[VIRTUAL_NAMESPACE] ?? 'unknown', cpuCores, memoryGiB, 0);
    }
    for (const pod of controlPlanes.items) {
      const labels = pod.metadata?.labels ?? {};
      const r = resourcesOf(pod.metadata?.namespace, labels.release);
      if (!r) continue;
      const { cpuCores, memoryGiB } = podRequests(pod);
      addTo(r, CONTROL_PLANE, cpuCores, memoryGiB, 0);
    }
    for (const pvc of pvcs.items) {
      const labels = pvc.metadata?.labels ?? {};
      const name = pvc.metadata?.name ?? '';
      const owner = labels[MANAGED_BY] ?? /^data-(.+)-0$/.exec(name)?.[1];
      const r = resourcesOf(pvc.metadata?.namespace, owner);
      if (!r) continue;
      const storage = parseMemoryGiB(
        pvc.status?.capacity?.storage ?? pvc.spec?.resources?.requests?.storage,
      );
      addTo(r, labels[VIRTUAL_NAMESPACE] ?? CONTROL_PLANE, 0, 0, storage);
    }
    for (const svc of services.items) {
      const r = resourcesOf(
        svc.metadata?.namespace,
        svc.metadata?.labels?.release ?? svc.metadata?.name,
      );
      if (r) r.loadBalancers += 1;
    }
    return result;
  }

  async #sampleHost(hostName: string, at: Date): Promise<number> {
    const measured = await this.measureHost(hostName);
    for (const [clusterId, requested] of measured) {
      await this.#deps.costs.addSample(clusterId, at, requested, {
        maxGapMs: this.#maxGapMs,
      });
    }
    return measured.size;
  }
}
