import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';
import { toApi } from '../services/VirtualClusterService';
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

/** {@link testRecord} as the API returns it: id `c1` on host `prod`, no related entities. */
export function testCluster(
  name: string,
  overrides: Partial<VirtualClusterRecord> = {},
): VirtualCluster {
  return toApi(
    testRecord(name, {
      id: 'c1',
      hostCluster: 'prod',
      relatedEntityRefs: [],
      createdAt: '2026-11-24T10:00:00Z',
      updatedAt: '2026-11-24T10:00:00Z',
      ...overrides,
    }),
  );
}
