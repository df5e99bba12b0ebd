import { VirtualClusterRecord } from '../store/types';

/** A stored virtual cluster for tests: Pending k3s 1.33 on host `local`, with overrides. */
export function testRecord(
  name: string,
  overrides: Partial<VirtualClusterRecord> = {},
): VirtualClusterRecord {
  const now = new Date().toISOString();
  return {
    id: `id-${name}`,
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
    desiredState: 'running',
    phase: 'Pending',
    conditions: [],
    generation: 1,
    observedGeneration: 0,
    version: 1,
    createdBy: 'user:default/jane',
    createdAt: now,
    updatedAt: now,
    phaseChangedAt: now,
    attempts: 0,
    ...overrides,
  };
}
