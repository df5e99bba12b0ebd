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
      listProfiles: async () => [],
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

  it('emits a Resource per application profile, and the clusters that use one depend on it', async () => {
    const withProfiles = mockVirtualCluster({
      id: 'id-a',
      name: 'a',
      phase: 'Running',
    });
    withProfiles.spec.profiles = [
      { name: 'hello', version: '1.1.0', digest: 'd1' },
    ];
    const api: Partial<VirtualClustersApi> = {
      listClusters: async () => ({ items: [withProfiles], totalItems: 1 }),
      listProfiles: async () => [
        {
          name: 'hello',
          title: 'Hello service',
          description: 'A greeting service.',
          owner: 'group:default/team-platform',
          versions: [
            {
              version: '1.1.0',
              title: 'Hello service',
              layers: [
                {
                  type: 'helm',
                  name: 'hello',
                  namespace: 'apps',
                  chart: 'hello-profile',
                  chartVersion: '1.1.0',
                },
                {
                  type: 'manifests',
                  name: 'settings',
                  kinds: { ConfigMap: 1 },
                },
              ],
            },
            { version: '1.0.0', title: 'Hello service', layers: [] },
          ],
        },
      ],
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
    const [clusterEntity, profile] =
      mutation.type === 'full' ? mutation.entities.map(e => e.entity) : [];
    expect(clusterEntity).toMatchObject({
      metadata: {
        annotations: { 'virtual-clusters.dev/profiles': 'hello@1.1.0' },
      },
      spec: {
        dependsOn: ['resource:default/local', 'resource:default/vcp-hello'],
      },
    });
    expect(profile).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'vcp-hello',
        title: 'Hello service',
        description:
          'A greeting service. Application profile for virtual clusters. Versions: 1.1.0: chart hello-profile 1.1.0 (release hello in apps), manifests settings; 1.0.0: .',
        annotations: expect.objectContaining({
          'virtual-clusters.dev/profile-versions': '1.1.0,1.0.0',
        }),
        tags: ['virtual-cluster-profile', 'hello-profile'],
      },
      spec: {
        type: 'virtual-cluster-profile',
        owner: 'group:default/team-platform',
      },
    });
  });
});
