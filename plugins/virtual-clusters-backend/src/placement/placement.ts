/**
 * The placement rule of cluster groups, as a pure function of what is known about the
 * group's members: no Kubernetes, no database. ClusterAdmitter gathers the inputs and
 * acts on the decision.
 *
 * The rule (the README's "Placement" section says the same):
 * 1. The group's own limits: clusters in all, per owner, and the owner's total quota.
 * 2. Each member in config order: it must offer what the request asks for, be ready,
 *    be within its own limits, and have room for the cluster's quota: `allocatable × oversubscription % − quotas already placed`
 *    for CPU and for memory.
 * 3. Of the members with room, the one with the largest share of its capacity still
 *    free after placing the cluster (the smaller of the CPU and memory shares) wins;
 *    a tie goes to the member listed first.
 */

/** CPU in cores, memory and storage in bytes. */
export interface Resources {
  cpu: number;
  memory: number;
  storage: number;
}

/** What is known about one member host when a cluster is placed. */
export interface PlacementCandidate {
  name: string;
  /** Why the host cannot take the request as asked (e.g. a version it does not offer). */
  unsuitable?: string;
  /** Why the host is not ready (its failing checks); undefined when it is ready. */
  notReady?: string;
  /** Allocatable CPU and memory of its nodes; undefined when it could not be read. */
  allocatable?: Pick<Resources, 'cpu' | 'memory'>;
  oversubscriptionPercent: number;
  /** The quotas of the live virtual clusters already on it, added up. */
  placed: Resources;
  /** Live virtual clusters on it, in all and of the requesting owner. */
  clusters: number;
  ownerClusters: number;
  limits: { maxVirtualClusters?: number; perOwner?: number };
}

/** What the whole group holds, and its limits. */
export interface PlacementGroup {
  name: string;
  clusters: number;
  ownerClusters: number;
  /** The quotas of the owner's live clusters in the group, added up. */
  ownerPlaced: Resources;
  limits: {
    maxVirtualClusters?: number;
    perOwner?: number;
    ownerQuota?: Partial<Resources>;
  };
}

/** Why one member cannot take the cluster. */
export interface HostRefusal {
  host: string;
  reason: string;
}

/** Where the cluster goes, or why nowhere. */
export type PlacementDecision =
  | {
      placed: true;
      host: string;
      /** Why this member, for the timeline. */
      reason: string;
      /** Members that could not take it, and why. */
      refusals: HostRefusal[];
    }
  | {
      placed: false;
      /** What is wrong, naming each member's reason. */
      message: string;
      refusals: HostRefusal[];
    };

const GiB = 1024 ** 3;

/** Slack for sums of fractional quantities (4 × 1.2 − 2.8 is not exactly 2). */
const EPSILON = 1e-9;

/** A resource amount as people read it: `1.5 CPU`, `6 GiB`. */
function show(resource: keyof Resources, amount: number): string {
  const round = (n: number) => Math.round(n * 100) / 100;
  return resource === 'cpu'
    ? `${round(amount)} CPU`
    : `${round(amount / GiB)} GiB ${resource}`;
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** Why the group itself cannot take another cluster of this owner, if it cannot (rule 1). */
export function groupRefusal(
  group: PlacementGroup,
  owner: string,
  quota: Resources,
): string | undefined {
  const { limits } = group;
  if (
    limits.maxVirtualClusters !== undefined &&
    group.clusters >= limits.maxVirtualClusters
  ) {
    return `cluster group ${group.name} is full: it has ${group.clusters} of at most ${limits.maxVirtualClusters} virtual clusters`;
  }
  if (limits.perOwner !== undefined && group.ownerClusters >= limits.perOwner) {
    return `${owner} already has ${group.ownerClusters} of at most ${limits.perOwner} virtual clusters in cluster group ${group.name}`;
  }
  for (const resource of ['cpu', 'memory', 'storage'] as const) {
    const most = limits.ownerQuota?.[resource];
    if (most === undefined) continue;
    const total = group.ownerPlaced[resource] + quota[resource];
    if (total > most * (1 + EPSILON)) {
      return `${owner}'s clusters in cluster group ${
        group.name
      } would ask for ${show(resource, total)} in all, more than the ${show(
        resource,
        most,
      )} an owner may have there (${show(
        resource,
        group.ownerPlaced[resource],
      )} already)`;
    }
  }
  return undefined;
}

/** Why one member cannot take the cluster, or the share of it left free if it can. */
function assess(
  candidate: PlacementCandidate,
  owner: string,
  quota: Resources,
): { refusal: string } | { share: number; shares: string } {
  const { limits } = candidate;
  if (candidate.unsuitable) return { refusal: candidate.unsuitable };
  if (candidate.notReady)
    return { refusal: `not ready: ${candidate.notReady}` };
  if (
    limits.maxVirtualClusters !== undefined &&
    candidate.clusters >= limits.maxVirtualClusters
  ) {
    return {
      refusal: `full: ${candidate.clusters} of at most ${limits.maxVirtualClusters} virtual clusters`,
    };
  }
  if (
    limits.perOwner !== undefined &&
    candidate.ownerClusters >= limits.perOwner
  ) {
    return {
      refusal: `${owner} already has ${candidate.ownerClusters} of at most ${limits.perOwner} virtual clusters there`,
    };
  }
  if (!candidate.allocatable) return { refusal: 'its capacity is unknown' };
  let share = Infinity;
  const shares: string[] = [];
  for (const resource of ['cpu', 'memory'] as const) {
    const capacity =
      (candidate.allocatable[resource] * candidate.oversubscriptionPercent) /
      100;
    const free = capacity - candidate.placed[resource];
    if (quota[resource] > free + capacity * EPSILON) {
      return {
        refusal: `needs ${show(resource, quota[resource])}, ${show(
          resource,
          Math.max(free, 0),
        )} free of ${show(resource, capacity)} (${show(
          resource,
          candidate.allocatable[resource],
        )} allocatable × ${candidate.oversubscriptionPercent} %)`,
      };
    }
    const left = capacity > 0 ? (free - quota[resource]) / capacity : 0;
    shares.push(
      `${percent(left)} of its ${resource === 'cpu' ? 'CPU' : resource}`,
    );
    share = Math.min(share, left);
  }
  return { share, shares: shares.join(' and ') };
}

/**
 * Picks the member of a group that a new cluster goes to, by the rule above.
 *
 * @param candidates - the group's members, in config order (the tie-break)
 */
export function placeCluster(input: {
  group: PlacementGroup;
  candidates: PlacementCandidate[];
  owner: string;
  /** The cluster's quota as the host will enforce it. */
  quota: Resources;
}): PlacementDecision {
  const { group, candidates, owner, quota } = input;
  const refusedByGroup = groupRefusal(group, owner, quota);
  if (refusedByGroup) {
    return { placed: false, message: refusedByGroup, refusals: [] };
  }
  const refusals: HostRefusal[] = [];
  let best: { name: string; share: number; shares: string } | undefined;
  for (const candidate of candidates) {
    const assessed = assess(candidate, owner, quota);
    if ('refusal' in assessed) {
      refusals.push({ host: candidate.name, reason: assessed.refusal });
    } else if (!best || assessed.share > best.share) {
      best = { name: candidate.name, ...assessed };
    }
  }
  if (!best) {
    return {
      placed: false,
      message: `No host cluster of cluster group ${
        group.name
      } can take it: ${refusals.map(r => `${r.host}: ${r.reason}`).join('; ')}`,
      refusals,
    };
  }
  const others = candidates.length - refusals.length - 1;
  return {
    placed: true,
    host: best.name,
    reason: `Placed on ${best.name} in cluster group ${
      group.name
    }: the most free capacity after placing it, ${best.shares}${
      others > 0
        ? ` (${others} other host${others > 1 ? 's' : ''} had less)`
        : ''
    }${
      refusals.length
        ? `; not ${refusals.map(r => `${r.host} (${r.reason})`).join(', ')}`
        : ''
    }`,
    refusals,
  };
}
