import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseBackupStore } from '../backups/DatabaseBackupStore';
import { DatabaseCostStore } from '../cost/DatabaseCostStore';
import { testRecord } from '../__testUtils__/records';
import { connectPluginDatabase } from './pluginDatabase';
import { DatabaseVirtualClusterStore } from './DatabaseVirtualClusterStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())('the plugin database on %s', id => {
  it('migrates for whichever store connects first, once', async () => {
    const knex = await databases.init(id);
    const database = mockServices.database({ knex });
    // the cost and backup stores work on a fresh database without the cluster
    // store having been created before them
    const costs = await DatabaseCostStore.create({ database });
    const backups = await DatabaseBackupStore.create({ database });
    expect(await backups.list('id-one')).toEqual([]);
    // a cluster for the samples to belong to (a foreign key)
    const clusters = await DatabaseVirtualClusterStore.create({ database });
    await clusters.insert(testRecord('one'));
    await costs.addSample(
      'id-one',
      new Date('2026-12-02T10:00:00Z'),
      {
        cpuCores: 1,
        memoryGiB: 2,
        storageGiB: 5,
        loadBalancers: 1,
        byNamespace: {},
      },
      { maxGapMs: 60_000 },
    );
    expect(await costs.latest('id-one')).toBeDefined();
    // the same migrated client for every store of this database
    expect(await connectPluginDatabase(database)).toBe(
      await connectPluginDatabase(database),
    );
    const applied = await knex('knex_migrations').select('name');
    expect(applied.map(m => m.name).sort()).toEqual([
      '20261124120000_init.js',
      '20261125100000_pending_restores.js',
      '20261201100000_effective_quota.js',
      '20261203100000_cluster_groups.js',
      '20261203120000_sleep.js',
      '20261203130000_expiry.js',
    ]);
  });
});
