import { mockCredentials } from '@backstage/backend-test-utils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  clusterGroupCreatePermission,
  virtualClusterReadPermission,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { authWithActorsFactory } from '@virtual-clusters/test-cluster';
import { startApiBackend, unreachableHost } from '../__testUtils__/apiBackend';
import { policyModule } from '../__testUtils__/permissionTestFeatures';
import {
  clusterGroupConditions,
  createClusterGroupConditionalDecision,
  createVirtualClusterConditionalDecision,
  virtualClusterConditions,
} from './rules';

jest.setTimeout(60_000);

/**
 * A portal where members of group `developers` use cluster group `dev` only (`prod` is
 * for others), and see the clusters placed through `dev`: the real permission backend
 * decides with the plugin's rules, conditionally.
 */
const devOnlyPolicy = policyModule('dev-only', {
  async handle(
    req: PolicyQuery,
    _user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(req.permission, clusterGroupCreatePermission)) {
      return createClusterGroupConditionalDecision(
        req.permission,
        clusterGroupConditions.isClusterGroup({ clusterGroups: ['dev'] }),
      );
    }
    if (isPermission(req.permission, virtualClusterReadPermission)) {
      return createVirtualClusterConditionalDecision(
        req.permission,
        virtualClusterConditions.isInClusterGroup({ clusterGroups: ['dev'] }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  },
});

const jane = mockCredentials.user.header('user:default/jane');

async function startBackend() {
  const { api } = await startApiBackend({
    hostClusters: [
      unreachableHost('dev-a'),
      unreachableHost('prod-a'),
      unreachableHost('alone'),
    ],
    clusterGroups: [
      { name: 'dev', hostClusters: ['dev-a'] },
      { name: 'prod', hostClusters: ['prod-a'] },
    ],
    features: [permissionPlugin, authWithActorsFactory, devOnlyPolicy],
  });
  return api(jane);
}

describe('cluster groups under a permission policy', () => {
  it('lists only the groups, and the hosts of the groups, the caller may use', async () => {
    const api = await startBackend();
    const groups = await api.get('/cluster-groups');
    expect(groups.status).toBe(200);
    expect(groups.body.items.map((g: { name: string }) => g.name)).toEqual([
      'dev',
    ]);
    const hosts = await api.get('/host-clusters');
    expect(hosts.body.items.map((h: { name: string }) => h.name)).toEqual([
      'dev-a',
      'alone',
    ]);
  });

  it.each([
    ['into the group', { clusterGroup: 'prod' }],
    ['onto a member by name', { hostCluster: 'prod-a' }],
  ])('refuses a create %s with 403', async (_, target) => {
    const api = await startBackend();
    const response = await api.post('/clusters', {
      name: 'nope',
      owner: 'user:default/jane',
      ...target,
    });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toBe(
      'Not allowed to create virtual clusters in cluster group prod (virtual-clusters.cluster-group.create)',
    );
  });

  it('shows the clusters in an allowed group (isInClusterGroup), not the others', async () => {
    const api = await startBackend();
    // created by name (a member's readiness is not asked then): one in dev, one alone
    const inDev = await api.post('/clusters', {
      name: 'in-dev',
      owner: 'user:default/jane',
      hostCluster: 'dev-a',
    });
    expect(inDev.status).toBe(201);
    expect(inDev.body.clusterGroup).toBe('dev');
    const alone = await api.post('/clusters', {
      name: 'outside',
      owner: 'user:default/jane',
      hostCluster: 'alone',
    });
    expect(alone.status).toBe(201);
    expect(alone.body.clusterGroup).toBeUndefined();

    const list = await api.get('/clusters');
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual([
      'in-dev',
    ]);
    expect((await api.get(`/clusters/${alone.body.id}`)).status).toBe(404);
    expect((await api.get(`/clusters/${inDev.body.id}`)).status).toBe(200);
  });
});
