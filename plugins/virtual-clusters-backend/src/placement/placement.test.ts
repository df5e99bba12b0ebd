import {
  PlacementCandidate,
  PlacementGroup,
  placeCluster,
  Resources,
} from './placement';

const Gi = 1024 ** 3;
const none: Resources = { cpu: 0, memory: 0, storage: 0 };

/** A ready member with 4 CPU and 8 GiB allocatable, at Palette's 120 %. */
function host(
  name: string,
  extra: Partial<PlacementCandidate> = {},
): PlacementCandidate {
  return {
    name,
    allocatable: { cpu: 4, memory: 8 * Gi },
    oversubscriptionPercent: 120,
    placed: none,
    clusters: 0,
    ownerClusters: 0,
    limits: {},
    ...extra,
  };
}

const group = (extra: Partial<PlacementGroup> = {}): PlacementGroup => ({
  name: 'dev',
  clusters: 0,
  ownerClusters: 0,
  ownerPlaced: none,
  limits: {},
  ...extra,
});

const twoCpu: Resources = { cpu: 2, memory: 4 * Gi, storage: 10 * Gi };
const place = (candidates: PlacementCandidate[], g = group(), quota = twoCpu) =>
  placeCluster({ group: g, candidates, owner: 'group:default/a', quota });

describe('placeCluster', () => {
  it.each([
    [
      'on the member with the most free share after placing',
      [
        host('east', { placed: { cpu: 3, memory: 2 * Gi, storage: 0 } }),
        host('west', { placed: { cpu: 1, memory: 2 * Gi, storage: 0 } }),
      ],
      // capacity 4.8 CPU, 9.6 GiB; east keeps (4.8-3-2)<0 → refused; west keeps 1.8/4.8 CPU
      'west',
    ],
    [
      'on the member listed first on a tie',
      [host('east'), host('west')],
      'east',
    ],
    [
      'by the smaller of the CPU and memory shares',
      [
        // east: CPU 2.8/4.8 = 58 %, memory 1.6/9.6 = 17 % → 17 %
        host('east', { placed: { cpu: 0, memory: 4 * Gi, storage: 0 } }),
        // west: CPU 1.8/4.8 = 38 %, memory 5.6/9.6 = 58 % → 38 %
        host('west', { placed: { cpu: 1, memory: 0, storage: 0 } }),
      ],
      'west',
    ],
    [
      'on a bigger member before a smaller one with the same placed',
      [
        host('small'),
        host('big', { allocatable: { cpu: 16, memory: 32 * Gi } }),
      ],
      'big',
    ],
    [
      'past a member that is not ready',
      [host('east', { notReady: 'API server unreachable' }), host('west')],
      'west',
    ],
  ])('places %s', (_, candidates, expected) => {
    const decision = place(candidates);
    expect(decision).toMatchObject({ placed: true, host: expected });
  });

  it('says on the timeline why this member, with the shares left and who could not', () => {
    const decision = place([
      host('east', { notReady: 'API server unreachable' }),
      host('west'),
      host('south', { placed: { cpu: 2, memory: 0, storage: 0 } }),
    ]);
    expect(decision).toEqual({
      placed: true,
      host: 'west',
      // west: CPU (4.8-2)/4.8 = 58 %, memory (9.6-4)/9.6 = 58 %
      reason:
        'Placed on west in cluster group dev: the most free capacity after placing it, 58 % of its CPU and 58 % of its memory (1 other host had less); not east (not ready: API server unreachable)',
      refusals: [{ host: 'east', reason: 'not ready: API server unreachable' }],
    });
  });

  it('oversubscribes up to the percentage and not beyond', () => {
    // 4 CPU × 120 % = 4.8: 2.8 placed leaves exactly 2
    const fits = place([
      host('east', { placed: { cpu: 2.8, memory: 0, storage: 0 } }),
    ]);
    expect(fits).toMatchObject({ placed: true, host: 'east' });
    const over = place([
      host('east', { placed: { cpu: 2.9, memory: 0, storage: 0 } }),
    ]);
    expect(over).toEqual({
      placed: false,
      message:
        'No host cluster of cluster group dev can take it: east: needs 2 CPU, 1.9 CPU free of 4.8 CPU (4 CPU allocatable × 120 %)',
      refusals: [
        {
          host: 'east',
          reason:
            'needs 2 CPU, 1.9 CPU free of 4.8 CPU (4 CPU allocatable × 120 %)',
        },
      ],
    });
    // at 100 % the same host is full
    const strict = place([
      host('east', {
        oversubscriptionPercent: 100,
        placed: { cpu: 2.8, memory: 0, storage: 0 },
      }),
    ]);
    expect(strict.placed).toBe(false);
  });

  it('says why per member when none can take it', () => {
    const decision = place([
      host('east', { notReady: 'VCluster CRD missing' }),
      host('west', { clusters: 3, limits: { maxVirtualClusters: 3 } }),
      host('north', { ownerClusters: 1, limits: { perOwner: 1 } }),
      host('south', { allocatable: undefined }),
      host('far', { placed: { cpu: 0, memory: 8 * Gi, storage: 0 } }),
    ]);
    expect(decision.placed).toBe(false);
    expect(decision.refusals).toEqual([
      { host: 'east', reason: 'not ready: VCluster CRD missing' },
      { host: 'west', reason: 'full: 3 of at most 3 virtual clusters' },
      {
        host: 'north',
        reason:
          'group:default/a already has 1 of at most 1 virtual clusters there',
      },
      { host: 'south', reason: 'its capacity is unknown' },
      {
        host: 'far',
        reason:
          'needs 4 GiB memory, 1.6 GiB memory free of 9.6 GiB memory (8 GiB memory allocatable × 120 %)',
      },
    ]);
  });

  it.each([
    [
      'clusters in all',
      group({ clusters: 5, limits: { maxVirtualClusters: 5 } }),
      'cluster group dev is full: it has 5 of at most 5 virtual clusters',
    ],
    [
      'clusters of one owner',
      group({ ownerClusters: 2, limits: { perOwner: 2 } }),
      'group:default/a already has 2 of at most 2 virtual clusters in cluster group dev',
    ],
    [
      "the owner's total quota",
      group({
        ownerPlaced: { cpu: 5, memory: 0, storage: 0 },
        limits: { ownerQuota: { cpu: 6 } },
      }),
      "group:default/a's clusters in cluster group dev would ask for 7 CPU in all, more than the 6 CPU an owner may have there (5 CPU already)",
    ],
    [
      "the owner's total storage",
      group({
        ownerPlaced: { cpu: 0, memory: 0, storage: 45 * Gi },
        limits: { ownerQuota: { storage: 50 * Gi } },
      }),
      "group:default/a's clusters in cluster group dev would ask for 55 GiB storage in all, more than the 50 GiB storage an owner may have there (45 GiB storage already)",
    ],
  ])('refuses over the group limit of %s', (_, g, message) => {
    expect(place([host('east')], g)).toEqual({
      placed: false,
      message,
      refusals: [],
    });
  });

  it("takes an owner's total up to its limit exactly", () => {
    const g = group({
      ownerPlaced: { cpu: 4, memory: 0, storage: 0 },
      limits: { ownerQuota: { cpu: 6 } },
    });
    expect(place([host('east')], g)).toMatchObject({ placed: true });
  });
});
