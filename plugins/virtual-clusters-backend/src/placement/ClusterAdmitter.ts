import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  CreateVirtualClusterRequest,
  HostClusterStatus,
  VirtualClusterSpec,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { ClusterGroupSettings, HostClusterSettings } from '../config';
import { HostClusterRegistry } from '../hosts/HostClusterRegistry';
import { ClusterGroupAccess } from '../permissions/clusterGroupAccess';
import { ProfileCatalog } from '../profiles/ProfileCatalog';
import { validateCreateRequest } from '../services/validateCreateRequest';
import { LiveClusterSummary, VirtualClusterRecord } from '../store/types';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
import {
  groupRefusal,
  HostRefusal,
  PlacementCandidate,
  PlacementGroup,
  placeCluster,
} from './placement';
import {
  allocatableOf,
  limitResources,
  placedResources,
  quotaResources,
} from './resources';

/** What ClusterAdmitter is made of. */
export interface ClusterAdmitterOptions {
  hosts: HostClusterRegistry;
  groups: ClusterGroupSettings[];
  store: VirtualClusterStore;
  /** Live readiness and capacity of a host (HostClusterService, cached). */
  statusOf(host: string): Promise<HostClusterStatus>;
  /** Who may create in which group. */
  access: ClusterGroupAccess;
  /** The application profiles a create may attach (none when left out). */
  profiles?: ProfileCatalog;
}

/** A create request checked against the host it would go to. */
export interface ValidatedCreate {
  spec: VirtualClusterSpec;
  owner: string;
  relatedEntityRefs: string[];
  /** Its time to live in days, if it has one. */
  ttlDays?: number;
}

/** What the caller builds a record from, once the host is known. */
export type RecordFor = (
  host: HostClusterSettings,
  validated: ValidatedCreate,
) => VirtualClusterRecord;

/** An admitted cluster and, when a group placed it, why on that host. */
export interface Admitted {
  record: VirtualClusterRecord;
  placement?: { reason: string; refusals: HostRefusal[] };
}

/**
 * Admits new clusters: finds the host a create request goes to (the one it names, or
 * the one its cluster group's placement picks), checks the request against that host,
 * and inserts the record under the group's or host's admission lock, so that the
 * limits hold however many creates arrive at once.
 */
export class ClusterAdmitter {
  readonly #deps: ClusterAdmitterOptions;
  readonly #groups: Map<string, ClusterGroupSettings>;
  readonly #profiles: ProfileCatalog;

  static create(options: ClusterAdmitterOptions) {
    return new ClusterAdmitter(options);
  }

  private constructor(options: ClusterAdmitterOptions) {
    this.#deps = options;
    this.#groups = new Map(options.groups.map(g => [g.name, g]));
    this.#profiles = options.profiles ?? ProfileCatalog.create([]);
  }

  /**
   * Admits the cluster `recordFor` builds, or with `dryRun` decides only.
   *
   * @throws InputError for a request no host of its target can take as asked;
   *   NotAllowedError when the caller may not use the group (or the host's group);
   *   ConflictError when a limit or the capacity refuses it, naming each host's reason
   */
  async admit(
    request: CreateVirtualClusterRequest,
    recordFor: RecordFor,
    options: { credentials: BackstageCredentials; dryRun?: boolean },
  ): Promise<Admitted> {
    if (
      request.clusterGroup !== undefined &&
      request.hostCluster !== undefined
    ) {
      throw new InputError(
        'Name either clusterGroup or hostCluster: a group picks the host itself',
      );
    }
    if (request.clusterGroup !== undefined) {
      return this.#intoGroup(request, request.clusterGroup, recordFor, options);
    }
    if (typeof request.hostCluster !== 'string' || !request.hostCluster) {
      throw new InputError('hostCluster or clusterGroup is required');
    }
    return this.#ontoHost(request, request.hostCluster, recordFor, options);
  }

  /** The groups, in config order. */
  groups(): ClusterGroupSettings[] {
    return [...this.#groups.values()];
  }

  async #ontoHost(
    request: CreateVirtualClusterRequest,
    hostName: string,
    recordFor: RecordFor,
    options: { credentials: BackstageCredentials; dryRun?: boolean },
  ): Promise<Admitted> {
    const host = this.#deps.hosts.find(hostName);
    if (!host) {
      throw new InputError(
        `Unknown host cluster '${hostName}'; choose one of ${this.#deps.hosts
          .list()
          .map(h => h.settings.name)
          .join(', ')}`,
      );
    }
    const { settings } = host;
    const validated = validateCreateRequest(request, settings, this.#profiles);
    const group = settings.group ? this.#groups.get(settings.group) : undefined;
    if (group) await this.#deps.access.require(group.name, options.credentials);
    const record = await this.#deps.store.admit({
      lockKey: group ? `group:${group.name}` : `host:${settings.name}`,
      hostClusters: group ? group.hostClusters : [settings.name],
      dryRun: options.dryRun,
      decide: live => {
        const { maxVirtualClusters, perOwner } = settings.limits;
        const onHost = live.filter(c => c.hostCluster === settings.name);
        if (
          maxVirtualClusters !== undefined &&
          onHost.length >= maxVirtualClusters
        ) {
          throw new ConflictError(
            `Host cluster ${settings.name} is full: it has ${onHost.length} of at most ${maxVirtualClusters} virtual clusters`,
          );
        }
        const owned = onHost.filter(c => c.owner === validated.owner).length;
        if (perOwner !== undefined && owned >= perOwner) {
          throw new ConflictError(
            `Quota exceeded: ${validated.owner} already has ${owned} of at most ${perOwner} virtual clusters on ${settings.name}`,
          );
        }
        if (group) {
          const refused = groupRefusal(
            usageOf(group, live, validated.owner),
            validated.owner,
            quotaResources(validated.spec.quota),
          );
          if (refused) throw new ConflictError(refused);
        }
        const built = recordFor(settings, validated);
        return group ? { ...built, clusterGroup: group.name } : built;
      },
    });
    return { record };
  }

  async #intoGroup(
    request: CreateVirtualClusterRequest,
    groupName: string,
    recordFor: RecordFor,
    options: { credentials: BackstageCredentials; dryRun?: boolean },
  ): Promise<Admitted> {
    const group = this.#groups.get(groupName);
    if (!group) {
      throw new InputError(
        `Unknown cluster group '${groupName}'; choose one of ${
          [...this.#groups.keys()].join(', ') || 'none (none is configured)'
        }`,
      );
    }
    await this.#deps.access.require(group.name, options.credentials);
    // the request as each member would take it: a member that offers other versions
    // or distros cannot take it, and says so
    const members = group.hostClusters.map(name => {
      const settings = this.#deps.hosts.get(name).settings;
      try {
        return {
          settings,
          validated: validateCreateRequest(request, settings, this.#profiles),
        };
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        return { settings, invalid: error.message };
      }
    });
    const valid = members.filter(m => m.validated);
    if (valid.length === 0) {
      // said once for the group where every member says the same of itself
      const reasons = new Set(
        members.map(m =>
          m.invalid!.replaceAll(
            ` on ${m.settings.name}`,
            ` in cluster group ${group.name}`,
          ),
        ),
      );
      throw new InputError(
        reasons.size === 1
          ? [...reasons][0]
          : `No host cluster of cluster group ${
              group.name
            } takes this request: ${members
              .map(m => `${m.settings.name}: ${m.invalid}`)
              .join('; ')}`,
      );
    }
    const statuses = new Map(
      await Promise.all(
        valid.map(
          async m =>
            [
              m.settings.name,
              await this.#deps.statusOf(m.settings.name),
            ] as const,
        ),
      ),
    );
    const { owner } = valid[0].validated!;
    let placement: Admitted['placement'];
    const record = await this.#deps.store.admit({
      lockKey: `group:${group.name}`,
      hostClusters: group.hostClusters,
      dryRun: options.dryRun,
      decide: live => {
        const candidates = members.map((m): PlacementCandidate => {
          const status = statuses.get(m.settings.name);
          return {
            name: m.settings.name,
            unsuitable: m.invalid,
            notReady:
              status && !status.ready
                ? status.checks
                    .filter(c => !c.ok)
                    .map(c => c.message)
                    .join('; ')
                : undefined,
            allocatable: allocatableOf(status),
            oversubscriptionPercent: m.settings.oversubscriptionPercent,
            placed: placedResources(
              live,
              c => c.hostCluster === m.settings.name,
            ),
            clusters: live.filter(c => c.hostCluster === m.settings.name)
              .length,
            ownerClusters: live.filter(
              c => c.hostCluster === m.settings.name && c.owner === owner,
            ).length,
            limits: m.settings.limits,
          };
        });
        const decision = placeCluster({
          group: usageOf(group, live, owner),
          candidates,
          owner,
          // the request's quota, or the group's default the members inherit
          quota: quotaResources(valid[0].validated!.spec.quota),
        });
        if (!decision.placed) throw new ConflictError(decision.message);
        placement = { reason: decision.reason, refusals: decision.refusals };
        const chosen = valid.find(m => m.settings.name === decision.host)!;
        return {
          ...recordFor(chosen.settings, chosen.validated!),
          clusterGroup: group.name,
        };
      },
    });
    return { record, placement };
  }
}

/** What a group holds, for its limits, with an owner's share. */
function usageOf(
  group: ClusterGroupSettings,
  live: LiveClusterSummary[],
  owner: string,
): PlacementGroup {
  return {
    name: group.name,
    clusters: live.length,
    ownerClusters: live.filter(c => c.owner === owner).length,
    ownerPlaced: placedResources(live, c => c.owner === owner),
    limits: {
      maxVirtualClusters: group.limits.maxVirtualClusters,
      perOwner: group.limits.perOwner,
      ownerQuota: limitResources(group.limits.ownerQuota),
    },
  };
}
