import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';

/** A Running virtual cluster `shop-dev` (id c1) of team-a on host `local`, for tests. */
export function testCluster(
  overrides: Partial<VirtualCluster> = {},
): VirtualCluster {
  return {
    id: 'c1',
    name: 'shop-dev',
    hostCluster: 'local',
    namespace: 'vc-shop-dev',
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
