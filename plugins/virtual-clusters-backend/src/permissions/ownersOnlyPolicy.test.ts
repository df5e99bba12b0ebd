import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyModule } from '../__testUtils__/permissionTestFeatures';
import { authWithActorsFactory } from '@virtual-clusters/test-cluster';
import {
  virtualClusterKubeconfigReadPermission,
  virtualClusterReadPermission,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { startApiBackend } from '../__testUtils__/apiBackend';
import { DatabaseVirtualClusterStore } from '../store/DatabaseVirtualClusterStore';
import { testRecord } from '../__testUtils__/records';
import {
  createVirtualClusterConditionalDecision,
  virtualClusterConditions,
} from './rules';

jest.setTimeout(60_000);

/**
 * A stricter portal than the demo: people see only their own clusters and those of
 * group `everyone`, and get kubeconfigs only for their own. The backend must apply the
 * conditional decisions in the list query and on every single-cluster route.
 */
const ownersOnlyPolicy = policyModule('owners-only', {
  async handle(
    req: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const owners = user?.info.ownershipEntityRefs ?? [];
    if (isPermission(req.permission, virtualClusterReadPermission)) {
      return createVirtualClusterConditionalDecision(
        req.permission,
        virtualClusterConditions.isOwner({
          owners: [...owners, 'group:default/everyone'],
        }),
      );
    }
    if (isPermission(req.permission, virtualClusterKubeconfigReadPermission)) {
      return createVirtualClusterConditionalDecision(
        req.permission,
        virtualClusterConditions.isOwner({ owners }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  },
});

const jane = mockCredentials.user.header('user:default/jane');
const bob = mockCredentials.user.header('user:default/bob');
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('with a policy that shows people only their own clusters', () => {
  async function start() {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseVirtualClusterStore.create({
      database: mockServices.database({ knex }),
    });
    await store.insert(
      testRecord('of-jane', { id: 'c-jane', owner: 'user:default/jane' }),
    );
    await store.insert(
      testRecord('of-bob', { id: 'c-bob', owner: 'user:default/bob' }),
    );
    await store.insert(
      testRecord('of-all', { id: 'c-all', owner: 'group:default/everyone' }),
    );
    const { api } = await startApiBackend({
      features: [
        permissionPlugin,
        ownersOnlyPolicy,
        authWithActorsFactory,
        mockServices.database.factory({ knex }),
      ],
    });
    return (who: string, path: string) => api(who).get(path);
  }

  it("lists only what each user may see, and hides others' clusters and kubeconfigs", async () => {
    const get = await start();

    const bobs = await get(bob, '/clusters');
    expect(bobs.status).toBe(200);
    expect(bobs.body.items.map((c: { id: string }) => c.id).sort()).toEqual([
      'c-all',
      'c-bob',
    ]);
    expect(bobs.body.totalItems).toBe(2);
    const janes = await get(jane, '/clusters');
    expect(janes.body.items.map((c: { id: string }) => c.id).sort()).toEqual([
      'c-all',
      'c-jane',
    ]);

    // a cluster bob may not see does not exist for him, nor does its kubeconfig
    expect((await get(bob, '/clusters/c-jane')).status).toBe(404);
    expect((await get(bob, '/clusters/c-jane/kubeconfig')).status).toBe(404);
    expect((await get(bob, '/clusters/c-jane/events')).status).toBe(404);

    // one he may see but not connect to: 403 for the kubeconfig
    expect((await get(bob, '/clusters/c-all')).status).toBe(200);
    const refused = await get(bob, '/clusters/c-all/kubeconfig');
    expect(refused.status).toBe(403);
    expect(refused.body.error.name).toBe('NotAllowedError');

    // his own: past the permission check, refused only because it is not running yet
    const own = await get(bob, '/clusters/c-bob/kubeconfig');
    expect(own.status).toBe(409);
    expect(own.body.error.message).toMatch(/Running/);
  });
});
