import { mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
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

describe('VirtualClustersProvider on lifecycle events', () => {
  const LOCATION_KEY = 'virtual-clusters:VirtualClustersProvider';

  function setup(api: Partial<VirtualClustersApi>) {
    const events = mockServices.events();
    const logger = mockServices.logger.mock();
    const connection = {
      applyMutation: jest.fn(async () => {}),
      refresh: jest.fn(),
    } as unknown as jest.Mocked<EntityProviderConnection>;
    const provider = VirtualClustersProvider.create({
      api: api as VirtualClustersApi,
      auth: mockServices.auth(),
      logger,
      taskRunner: { run: async () => {} },
      events,
    });
    const publish = (payload: object) =>
      events.publish({
        topic: 'virtual-clusters.lifecycle',
        eventPayload: payload,
      });
    return { provider, connection, publish, logger };
  }

  function event(name: string, from: string, to: string) {
    return {
      id: `id-${name}`,
      name,
      hostCluster: 'local',
      owner: 'group:default/team-a',
      from,
      to,
      reason: null,
      message: null,
    };
  }

  async function notFound() {
    return ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotFoundError', message: 'No virtual cluster' },
          response: { statusCode: 404 },
        }),
        { status: 404, statusText: 'Not Found' },
      ),
    );
  }

  it('adds a new cluster at once, under the location key of the full refresh', async () => {
    const getCluster = jest.fn(async (id: string) => ({
      ...cluster('a', 'Provisioning'),
      id,
    }));
    const { provider, connection, publish } = setup({
      getCluster,
      listClusters: async () => ({
        items: [cluster('a', 'Provisioning')],
        totalItems: 1,
      }),
      listProfiles: async () => [],
    });
    await provider.connect(connection);

    await publish(event('a', 'Pending', 'Provisioning'));

    expect(getCluster).toHaveBeenCalledWith('id-a', {
      token: expect.any(String),
    });
    const [[delta]] = connection.applyMutation.mock.calls;
    expect(delta).toEqual({
      type: 'delta',
      added: [
        {
          entity: expect.objectContaining({
            kind: 'Resource',
            metadata: expect.objectContaining({
              name: 'vc-a',
              labels: { 'virtual-clusters.dev/phase': 'provisioning' },
            }),
          }),
          locationKey: LOCATION_KEY,
        },
      ],
      removed: [],
    });

    // the full refresh owns the same entity, so it replaces it rather than conflicting
    await provider.refresh();
    const [, [full]] = connection.applyMutation.mock.calls;
    expect(full.type === 'full' && full.entities).toEqual([
      { entity: expect.anything(), locationKey: LOCATION_KEY },
    ]);
    expect(full.type === 'full' && full.entities[0].entity).toEqual(
      delta.type === 'delta' && delta.added[0].entity,
    );
  });

  it('replaces the entity of a changed cluster with what the API says now', async () => {
    const { provider, connection, publish } = setup({
      getCluster: async () => cluster('a', 'Running'),
    });
    await provider.connect(connection);

    await publish(event('a', 'Provisioning', 'Running'));

    const [[delta]] = connection.applyMutation.mock.calls;
    const entity = delta.type === 'delta' ? delta.added[0].entity : undefined;
    expect(entity?.metadata).toMatchObject({
      name: 'vc-a',
      annotations: {
        'virtual-clusters.dev/endpoint': 'https://127.0.0.2:443',
      },
      labels: { 'virtual-clusters.dev/phase': 'running' },
    });
  });

  it('removes the entity of a deleted cluster without asking the API', async () => {
    const getCluster = jest.fn();
    const { provider, connection, publish } = setup({ getCluster });
    await provider.connect(connection);

    await publish(event('a', 'Deleting', 'Deleted'));

    expect(getCluster).not.toHaveBeenCalled();
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'delta',
      added: [],
      removed: [
        { entityRef: 'resource:default/vc-a', locationKey: LOCATION_KEY },
      ],
    });
  });

  it('removes the entity of a cluster the API no longer returns or returns as Deleted', async () => {
    const error = await notFound();
    const { provider, connection, publish } = setup({
      getCluster: async id => {
        if (id === 'id-gone') throw error;
        return cluster('done', 'Deleted');
      },
    });
    await provider.connect(connection);

    await publish(event('gone', 'Running', 'Failed'));
    await publish(event('done', 'Deleting', 'Failed'));

    expect(connection.applyMutation.mock.calls.map(([m]) => m)).toEqual([
      {
        type: 'delta',
        added: [],
        removed: [
          { entityRef: 'resource:default/vc-gone', locationKey: LOCATION_KEY },
        ],
      },
      {
        type: 'delta',
        added: [],
        removed: [
          { entityRef: 'resource:default/vc-done', locationKey: LOCATION_KEY },
        ],
      },
    ]);
  });

  it('keeps the entity and logs when the API cannot be read', async () => {
    const { provider, connection, publish, logger } = setup({
      getCluster: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    });
    await provider.connect(connection);

    await publish(event('a', 'Provisioning', 'Running'));

    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      'Updating a virtual cluster entity failed',
      expect.objectContaining({
        clusterId: 'id-a',
        cluster: 'a',
        to: 'Running',
        error: expect.stringContaining('ECONNREFUSED'),
      }),
    );
  });

  it('ignores events that name no cluster', async () => {
    const { provider, connection, publish, logger } = setup({});
    await provider.connect(connection);

    await publish({ to: 'Running' });

    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      'Ignored a lifecycle event that names no cluster',
      { topic: 'virtual-clusters.lifecycle' },
    );
  });

  it('applies a delta after a full refresh in flight, and reads a cluster once for the events that waited', async () => {
    let listed!: () => void;
    const getCluster = jest.fn(async () => cluster('new', 'Provisioning'));
    const { provider, connection, publish } = setup({
      getCluster,
      // the list was read before the cluster existed
      listClusters: () =>
        new Promise(resolve => {
          listed = () => resolve({ items: [], totalItems: 0 });
        }),
      listProfiles: async () => [],
    });
    await provider.connect(connection);

    const refreshing = provider.refresh();
    await new Promise(resolve => setImmediate(resolve));
    const first = publish(event('new', 'Pending', 'Provisioning'));
    const second = publish(event('new', 'Provisioning', 'Running'));
    listed();
    await Promise.all([refreshing, first, second]);

    // the delta comes last, so the full mutation does not remove the new cluster
    expect(connection.applyMutation.mock.calls.map(([m]) => m.type)).toEqual([
      'full',
      'delta',
    ]);
    expect(getCluster).toHaveBeenCalledTimes(1);
  });
});
