import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ClusterGroupMember,
  ClusterGroupStatus,
  HostClusterStatus,
  virtualClusterCreatePermission,
  VirtualClusterDistro,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { ClusterGroupSettings } from '../config';
import { HostClusterRegistry } from '../hosts/HostClusterRegistry';
import { ClusterGroupAccess } from '../permissions/clusterGroupAccess';
import { requireBasicPermission } from '../permissions/requireBasicPermission';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
import { allocatableOf, placedResources, toAmounts } from './resources';

/** What ClusterGroupService is made of. */
export interface ClusterGroupServiceOptions {
  groups: ClusterGroupSettings[];
  hosts: HostClusterRegistry;
  store: VirtualClusterStore;
  permissions: PermissionsService;
  /** Who may create in which group: others do not see it. */
  access: ClusterGroupAccess;
  /** Live readiness and capacity of a host (HostClusterService, cached). */
  statusOf(host: string): Promise<HostClusterStatus>;
}

/**
 * The cluster groups as a developer picks one: each member's readiness, its capacity
 * for placement (allocatable × oversubscription), what is placed on it and what is
 * free, with the same figures placement uses.
 */
export class ClusterGroupService {
  readonly #deps: ClusterGroupServiceOptions;

  static create(options: ClusterGroupServiceOptions) {
    return new ClusterGroupService(options);
  }

  private constructor(options: ClusterGroupServiceOptions) {
    this.#deps = options;
  }

  /**
   * The groups the caller may create in.
   *
   * @throws NotAllowedError for callers who may not create virtual clusters
   */
  async list(options: {
    credentials: BackstageCredentials;
  }): Promise<ClusterGroupStatus[]> {
    await requireBasicPermission(
      this.#deps.permissions,
      virtualClusterCreatePermission,
      options.credentials,
    );
    const allowed = await this.#deps.access.allowed(
      this.#deps.groups.map(g => g.name),
      options.credentials,
    );
    return Promise.all(
      this.#deps.groups
        .filter(g => allowed.has(g.name))
        .map(g => this.#group(g)),
    );
  }

  async #group(group: ClusterGroupSettings): Promise<ClusterGroupStatus> {
    const [live, members] = await Promise.all([
      this.#deps.store.liveClusters(group.hostClusters),
      Promise.all(group.hostClusters.map(name => this.#deps.statusOf(name))),
    ]);
    const settings = group.hostClusters.map(
      name => this.#deps.hosts.get(name).settings,
    );
    const union = <T>(lists: T[][]) => [...new Set(lists.flat())];
    const [first] = settings;
    const offering = (distro: VirtualClusterDistro) =>
      settings.filter(s => s.distros.includes(distro));
    return {
      name: group.name,
      title: group.title,
      ...(group.description ? { description: group.description } : {}),
      distros: union(settings.map(s => s.distros)),
      kubernetesVersions: {
        k3s: union(offering('k3s').map(s => s.kubernetesVersions.k3s)),
        k8s: union(offering('k8s').map(s => s.kubernetesVersions.k8s)),
      },
      defaults: {
        distro: first.defaults.distro,
        kubernetesVersion:
          first.defaults.kubernetesVersion[first.defaults.distro],
        ...(first.defaults.quota ? { quota: first.defaults.quota } : {}),
      },
      ...(first.maxQuota ? { maxQuota: first.maxQuota } : {}),
      limits: group.limits,
      virtualClusters: live.length,
      hostClusters: members.map((status): ClusterGroupMember => {
        const host = this.#deps.hosts.get(status.name).settings;
        const placed = placedResources(
          live,
          c => c.hostCluster === status.name,
        );
        const allocatable = allocatableOf(status);
        const factor = host.oversubscriptionPercent / 100;
        const capacity = allocatable && {
          cpu: allocatable.cpu * factor,
          memory: allocatable.memory * factor,
        };
        return {
          name: status.name,
          title: status.title,
          ready: status.ready,
          checks: status.checks,
          oversubscriptionPercent: host.oversubscriptionPercent,
          ...(capacity
            ? {
                capacity: toAmounts(capacity),
                free: toAmounts({
                  cpu: Math.max(capacity.cpu - placed.cpu, 0),
                  memory: Math.max(capacity.memory - placed.memory, 0),
                }),
              }
            : {}),
          placed: toAmounts(placed),
          virtualClusters: live.filter(c => c.hostCluster === status.name)
            .length,
          ...(host.limits.maxVirtualClusters !== undefined
            ? { maxVirtualClusters: host.limits.maxVirtualClusters }
            : {}),
        };
      }),
    };
  }
}
