import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';
import { mockVirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common/testUtils';
import { toApi } from '../services/VirtualClusterService';
import { VirtualClusterRecord } from '../store/types';

/** A stored virtual cluster for tests: Pending k3s 1.33 on host `local`, with overrides. */
export function testRecord(
  name: string,
  overrides: Partial<VirtualClusterRecord> = {},
): VirtualClusterRecord {
  const now = new Date().toISOString();
  return {
    ...mockVirtualCluster({
      id: `id-${name}`,
      name,
      phase: 'Pending',
      endpoint: undefined,
      observedGeneration: 0,
      createdBy: 'user:default/jane',
      createdAt: now,
      updatedAt: now,
    }),
    desiredState: 'running',
    version: 1,
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
