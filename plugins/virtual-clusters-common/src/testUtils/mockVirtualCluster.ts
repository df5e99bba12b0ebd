import { VirtualCluster } from '../types';

/**
 * A virtual cluster as the API returns it, for tests: `shop-dev` (id `c1`) of
 * `group:default/team-a`, related to `component:default/shop`, Running on host `local`
 * with k3s 1.33 behind a LoadBalancer at `https://127.0.0.2:443`. Overrides replace
 * fields; the namespace follows the name (`vc-<name>`) unless given.
 *
 * @public
 */
export function mockVirtualCluster(
  overrides: Partial<VirtualCluster> = {},
): VirtualCluster {
  const name = overrides.name ?? 'shop-dev';
  return {
    id: 'c1',
    name,
    hostCluster: 'local',
    namespace: `vc-${name}`,
    owner: 'group:default/team-a',
    relatedEntityRefs: ['component:default/shop'],
    spec: {
      distro: 'k3s',
      kubernetesVersion: '1.33',
      chartVersion: '0.32.0',
      exposure: { type: 'LoadBalancer' },
    },
    phase: 'Running',
    conditions: [],
    endpoint: 'https://127.0.0.2:443',
    generation: 1,
    observedGeneration: 1,
    createdBy: 'user:default/guest',
    createdAt: '2026-11-24T10:00:00Z',
    updatedAt: '2026-11-24T10:00:00Z',
    ...overrides,
  };
}
