import {
  ClusterGroupMember,
  ClusterGroupStatus,
  HostClusterCheck,
  PlacementAmounts,
} from '@virtual-clusters/plugin-virtual-clusters-common';

/** What failing checks say, joined; `unchecked` when none fails (nothing was checked). */
export function failingChecks(checks: HostClusterCheck[]): string {
  return (
    checks
      .filter(c => !c.ok)
      .map(c => c.message)
      .join('; ') || 'unchecked'
  );
}

/** CPU and memory for people: `3.2 CPU · 6 GiB`. */
export function formatPlacement(amounts: PlacementAmounts): string {
  return `${amounts.cpuCores.toFixed(1)} CPU · ${amounts.memoryGiB.toFixed(
    0,
  )} GiB`;
}

/** Virtual clusters against a limit: `3 of 10 virtual clusters`, or `1 virtual cluster` without one. */
function clustersOf(count: number, max?: number): string {
  return max !== undefined
    ? `${count} of ${max} virtual clusters`
    : `${count} virtual cluster${count === 1 ? '' : 's'}`;
}

/** Why a ready member cannot take another cluster, if it cannot: full, no room, or capacity unknown. */
function memberFull(member: ClusterGroupMember): string | undefined {
  if (
    member.maxVirtualClusters !== undefined &&
    member.virtualClusters >= member.maxVirtualClusters
  ) {
    return `full (${member.virtualClusters} of ${member.maxVirtualClusters} virtual clusters)`;
  }
  if (!member.free) return 'capacity unknown';
  if (member.free.cpuCores <= 0 || member.free.memoryGiB <= 0) {
    return `${formatPlacement(member.free)} free`;
  }
  return undefined;
}

/** The free CPU and memory of a group's ready members added up, and how many are ready. */
export function groupFree(group: ClusterGroupStatus): {
  free: PlacementAmounts;
  ready: number;
  members: number;
} {
  const ready = group.hostClusters.filter(m => m.ready);
  const free = ready.reduce(
    (sum, m) => ({
      cpuCores: sum.cpuCores + (m.free?.cpuCores ?? 0),
      memoryGiB: sum.memoryGiB + (m.free?.memoryGiB ?? 0),
    }),
    { cpuCores: 0, memoryGiB: 0 },
  );
  return { free, ready: ready.length, members: group.hostClusters.length };
}

/** A group's free capacity for people: `3.2 CPU · 6 GiB free on 2 of 2 hosts`. */
export function describeGroupFree(group: ClusterGroupStatus): string {
  const { free, ready, members } = groupFree(group);
  return `${formatPlacement(free)} free on ${ready} of ${members} host${
    members === 1 ? '' : 's'
  }`;
}

/**
 * Why no cluster can be placed in a group, if none can: the group is full, none of
 * its members is ready (each with its failing checks), or none of the ready ones has
 * room (each with why).
 */
export function groupUnavailable(
  group: ClusterGroupStatus,
): string | undefined {
  const { maxVirtualClusters } = group.limits;
  if (
    maxVirtualClusters !== undefined &&
    group.virtualClusters >= maxVirtualClusters
  ) {
    return `full: ${group.virtualClusters} of at most ${maxVirtualClusters} virtual clusters`;
  }
  const ready = group.hostClusters.filter(m => m.ready);
  if (ready.length === 0) {
    const why = group.hostClusters.map(
      m => `${m.name}: ${failingChecks(m.checks)}`,
    );
    return `no ready host${why.length ? `: ${why.join('; ')}` : ''}`;
  }
  const full = ready.map(m => ({ name: m.name, why: memberFull(m) }));
  if (full.every(m => m.why)) {
    return `no free capacity: ${full
      .map(m => `${m.name}: ${m.why}`)
      .join('; ')}`;
  }
  return undefined;
}

/** One member of a group for people: readiness, free capacity and its virtual clusters. */
export function describeMember(member: ClusterGroupMember): string {
  if (!member.ready) return `not ready: ${failingChecks(member.checks)}`;
  return [
    member.free ? `${formatPlacement(member.free)} free` : 'capacity unknown',
    clustersOf(member.virtualClusters, member.maxVirtualClusters),
  ].join(' · ');
}

/** A group's clusters and limits for people: `2 of 20 virtual clusters · at most 3 per owner`. */
export function describeGroupLimits(group: ClusterGroupStatus): string {
  const { limits } = group;
  return [
    clustersOf(group.virtualClusters, limits.maxVirtualClusters),
    ...(limits.perOwner !== undefined
      ? [`at most ${limits.perOwner} per owner`]
      : []),
    ...(limits.ownerQuota
      ? [
          `an owner's quota at most ${Object.entries(limits.ownerQuota)
            .map(([key, value]) => `${value} ${key}`)
            .join(', ')}`,
        ]
      : []),
  ].join(' · ');
}
