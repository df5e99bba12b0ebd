import { ConfigReader } from '@backstage/config';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { readVirtualClustersConfig } from '../config';
import { DatabaseVirtualClusterStore } from '../store/DatabaseVirtualClusterStore';
import { testClusterService } from '../__testUtils__/clusterService';
import { testRecord } from '../__testUtils__/records';

/*
 * Which reads keep a cluster awake: a person viewing it counts (at most once a
 * minute), the background reads of what is inside and services' reads do not.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('activity of reads', () => {
  it('notes a user viewing a cluster, not background reads or services', async () => {
    const settings = readVirtualClustersConfig(
      new ConfigReader({
        virtualClusters: {
          hostClusters: [
            {
              name: 'local',
              url: 'https://127.0.0.1:2',
              auth: { type: 'serviceAccountToken', serviceAccountToken: 'x' },
            },
          ],
        },
      }),
    );
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseVirtualClusterStore.create({
      database: mockServices.database({ knex }),
    });
    const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString();
    const record = testRecord('dev', {
      phase: 'Running',
      lastActivity: { at: twoMinutesAgo, kind: 'kubeconfig' },
    });
    await store.insert(record);
    const service = testClusterService({
      store,
      hostClusters: settings.hostClusters,
    });
    const jane = { credentials: mockCredentials.user('user:default/jane') };

    await service.get(record.id, jane);
    await service.view(record.id, {
      credentials: mockCredentials.service('plugin:catalog'),
    });
    expect((await store.get(record.id))?.lastActivity).toEqual({
      at: twoMinutesAgo,
      kind: 'kubeconfig',
    });

    await service.view(record.id, jane);
    const viewed = (await store.get(record.id))!.lastActivity!;
    expect(viewed.kind).toBe('view');
    expect(Date.now() - Date.parse(viewed.at)).toBeLessThan(5_000);

    // at most once a minute
    await store.recordActivity(record.id, { at: viewed.at, kind: 'view' });
    await service.view(record.id, jane);
    expect((await store.get(record.id))?.lastActivity).toEqual(viewed);
  });
});
