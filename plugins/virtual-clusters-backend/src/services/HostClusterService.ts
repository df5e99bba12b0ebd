import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CoreV1Api,
  KubernetesObjectApi,
  V1Pod,
  VersionApi,
} from '@kubernetes/client-node';
import { LRUCache } from 'lru-cache';
import {
  hostClusterReadPermission,
  HostClusterCapacity,
  HostClusterCheck,
  HostClusterStatus,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { HostCluster, HostClusterRegistry } from '../hosts/HostClusterRegistry';
import { IngressExposureCheck } from '../hosts/IngressExposureCheck';
import { ClusterGroupAccess } from '../permissions/clusterGroupAccess';
import { requireBasicPermission } from '../permissions/requireBasicPermission';
import { describeKubernetesError } from '../kubernetes/errors';
import { parseCpu, parseMemoryGiB } from './quantities';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
import { formatDuration } from '../sleep/sleepPolicy';

/** How long readiness and capacity of a host are reused, unless told otherwise. */
const CACHE_MS = 15_000;

/** What HostClusterService is made of. */
export interface HostClusterServiceOptions {
  hosts: HostClusterRegistry;
  store: VirtualClusterStore;
  permissions: PermissionsService;
  /** Who may use which cluster group: hosts of the others are not listed. */
  access: ClusterGroupAccess;
  /** How long a host's readiness and capacity are reused; 15 s by default. */
  statusTtlMs?: number;
}

/** Host clusters with live readiness checks and capacity, without any secret. */
export class HostClusterService {
  readonly #deps: HostClusterServiceOptions;
  /** By host name; bounded by the configured hosts, `max` is only a backstop. */
  readonly #cache: LRUCache<string, Promise<HostClusterStatus>>;

  static create(options: HostClusterServiceOptions) {
    return new HostClusterService(options);
  }

  private constructor(options: HostClusterServiceOptions) {
    this.#deps = options;
    this.#cache = new LRUCache({
      max: 1_000,
      ttl: options.statusTtlMs ?? CACHE_MS,
    });
  }

  async list(options: {
    credentials: BackstageCredentials;
  }): Promise<HostClusterStatus[]> {
    await requireBasicPermission(
      this.#deps.permissions,
      hostClusterReadPermission,
      options.credentials,
    );
    const hosts = this.#deps.hosts.list();
    // hosts of the groups the caller may not use are left out
    const groups = [
      ...new Set(
        hosts.flatMap(h => (h.settings.group ? [h.settings.group] : [])),
      ),
    ];
    const allowed = await this.#deps.access.allowed(
      groups,
      options.credentials,
    );
    return Promise.all(
      hosts
        .filter(h => !h.settings.group || allowed.has(h.settings.group))
        .map(h => this.#status(h)),
    );
  }

  /** One host's readiness and capacity without a permission check, for placement. */
  status(name: string): Promise<HostClusterStatus> {
    return this.#status(this.#deps.hosts.get(name));
  }

  #status(host: HostCluster): Promise<HostClusterStatus> {
    const cached = this.#cache.get(host.settings.name);
    if (cached) return cached;
    const value = this.#check(host);
    this.#cache.set(host.settings.name, value);
    return value;
  }

  async #check(host: HostCluster): Promise<HostClusterStatus> {
    const { settings } = host;
    const kc = host.connection.kubeConfig;
    const checks: HostClusterCheck[] = [];
    let capacity: HostClusterCapacity | undefined;
    try {
      const version = await kc.makeApiClient(VersionApi).getCode();
      checks.push({
        name: 'api',
        ok: true,
        message: `API server reachable (Kubernetes ${version.gitVersion})`,
      });
    } catch (error) {
      checks.push({
        name: 'api',
        ok: false,
        message: `API server unreachable: ${describeKubernetesError(error)}`,
      });
    }
    if (checks[0].ok) {
      const objects = KubernetesObjectApi.makeApiClient(kc);
      const exists = async (apiVersion: string, kind: string, name: string) => {
        try {
          await objects.read({ apiVersion, kind, metadata: { name } });
          return true;
        } catch {
          return false;
        }
      };
      const crd = await exists(
        'apiextensions.k8s.io/v1',
        'CustomResourceDefinition',
        'vclusters.infrastructure.cluster.x-k8s.io',
      );
      checks.push({
        name: 'crd',
        ok: crd,
        message: crd
          ? 'VCluster CRD installed (cluster-api-provider-vcluster)'
          : 'VCluster CRD missing: install cluster-api-provider-vcluster',
      });
      if (settings.exposure.type === 'Ingress') {
        const exposure = IngressExposureCheck.create(kc, {
          ingressClassName: settings.exposure.ingressClassName ?? 'nginx',
          wildcardDomain: settings.exposure.wildcardDomain ?? '',
        });
        checks.push(...(await exposure.run()));
      }
      try {
        capacity = await this.#capacity(host);
        if (settings.exposure.type === 'LoadBalancer') {
          checks.push({
            name: 'exposure',
            ok: true,
            message:
              'Services of type LoadBalancer (needs a cloud controller or MetalLB)',
          });
        }
      } catch (error) {
        checks.push({
          name: 'capacity',
          ok: false,
          message: `Capacity unknown: ${describeKubernetesError(error)}`,
        });
      }
    }
    return {
      name: settings.name,
      title: settings.title,
      url: settings.url ?? 'in-cluster',
      exposure: settings.exposure,
      distros: settings.distros,
      defaults: {
        distro: settings.defaults.distro,
        kubernetesVersion:
          settings.defaults.kubernetesVersion[settings.defaults.distro],
        quota: settings.defaults.quota,
      },
      kubernetesVersions: settings.kubernetesVersions,
      cost: { currency: settings.cost.currency },
      ...(settings.group ? { clusterGroup: settings.group } : {}),
      ...(settings.maxQuota ? { maxQuota: settings.maxQuota } : {}),
      sleep: {
        defaults: settings.sleep.defaults,
        ...(settings.sleep.maxAfterInactivityMs
          ? {
              maxAfterInactivity: formatDuration(
                settings.sleep.maxAfterInactivityMs,
              ),
            }
          : {}),
        allowNeverSleep: settings.sleep.allowNeverSleep,
      },
      expiry: settings.expiry,
      ready: checks.every(c => c.ok),
      checks,
      capacity,
    };
  }

  async #capacity(host: HostCluster): Promise<HostClusterCapacity> {
    const core = host.connection.kubeConfig.makeApiClient(CoreV1Api);
    const [nodes, synced, controlPlanes, count] = await Promise.all([
      core.listNode(),
      core.listPodForAllNamespaces({
        labelSelector: 'vcluster.loft.sh/managed-by',
      }),
      core.listPodForAllNamespaces({ labelSelector: 'app=vcluster' }),
      this.#deps.store.countLive({ hostCluster: host.settings.name }),
    ]);
    const allocatable = { cpuCores: 0, memoryGiB: 0, pods: 0 };
    for (const node of nodes.items) {
      const a = node.status?.allocatable ?? {};
      allocatable.cpuCores += parseCpu(a.cpu);
      allocatable.memoryGiB += parseMemoryGiB(a.memory);
      allocatable.pods += Number(a.pods ?? 0);
    }
    const requested = { cpuCores: 0, memoryGiB: 0, pods: 0 };
    const add = (pod: V1Pod) => {
      requested.pods++;
      for (const c of pod.spec?.containers ?? []) {
        requested.cpuCores += parseCpu(c.resources?.requests?.cpu);
        requested.memoryGiB += parseMemoryGiB(c.resources?.requests?.memory);
      }
    };
    synced.items.forEach(add);
    controlPlanes.items.forEach(add);
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      allocatable: {
        cpuCores: round(allocatable.cpuCores),
        memoryGiB: round(allocatable.memoryGiB),
        pods: allocatable.pods,
      },
      requested: {
        cpuCores: round(requested.cpuCores),
        memoryGiB: round(requested.memoryGiB),
        pods: requested.pods,
      },
      virtualClusters: count,
      maxVirtualClusters: host.settings.limits.maxVirtualClusters,
    };
  }
}
