import { mockServices } from '@backstage/backend-test-utils';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import {
  VirtualCluster,
  VirtualClustersApi,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { mockVirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common/testUtils';
import { VirtualClustersProvider } from './VirtualClustersProvider';

function cluster(name: string, phase: VirtualCluster['phase']): VirtualCluster {
  return mockVirtualCluster({
    id: `id-${name}`,
    name,
    phase,
    endpoint: phase === 'Running' ? 'https://127.0.0.2:443' : undefined,
  });
}

describe('VirtualClustersProvider', () => {
  it('emits a Resource per cluster across pages, leaving out deleted ones', async () => {
    const pages: Record<
      string,
      { items: VirtualCluster[]; nextCursor?: string }
    > = {
      first: { items: [cluster('a', 'Running')], nextCursor: 'second' },
      second: { items: [cluster('b', 'Deleted'), cluster('c', 'Paused')] },
    };
    const api: Partial<VirtualClustersApi> = {
      listClusters: async request => ({
        ...pages[request?.cursor ?? 'first'],
        totalItems: 3,
      }),
    };
    const connection = {
      applyMutation: jest.fn(),
      refresh: jest.fn(),
    } as unknown as jest.Mocked<EntityProviderConnection>;
    const provider = VirtualClustersProvider.create({
      api: api as VirtualClustersApi,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      taskRunner: { run: async () => {} },
    });
    await provider.connect(connection);
    await expect(provider.refresh()).resolves.toBe(2);

    const mutation = connection.applyMutation.mock.calls[0][0];
    expect(mutation.type).toBe('full');
    const entities =
      mutation.type === 'full' ? mutation.entities.map(e => e.entity) : [];
    expect(entities.map(e => e.metadata.name)).toEqual(['vc-a', 'vc-c']);
    expect(entities[0]).toMatchObject({
      kind: 'Resource',
      metadata: {
        annotations: {
          'virtual-clusters.dev/id': 'id-a',
          'virtual-clusters.dev/host-cluster': 'local',
          'virtual-clusters.dev/endpoint': 'https://127.0.0.2:443',
        },
        labels: { 'virtual-clusters.dev/phase': 'running' },
      },
      spec: {
        type: 'virtual-cluster',
        owner: 'group:default/team-a',
        dependsOn: ['resource:default/local'],
        dependencyOf: ['component:default/shop'],
      },
    });
  });
});
