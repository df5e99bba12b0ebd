import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { CoreV1Api } from '@kubernetes/client-node';
import {
  eventually,
  getTestPlane,
  TestPlane,
} from '@virtual-clusters/test-cluster';
import { DatabaseBackupStore } from '../backups/DatabaseBackupStore';
import { readVirtualClustersConfig } from '../config';
import { HostClusterRegistry } from '../hosts/HostClusterRegistry';
import { DatabaseVirtualClusterStore } from '../store/DatabaseVirtualClusterStore';
import {
  PlaneBackend,
  PlaneBackendApi,
  startPlaneBackend,
  users,
} from '../__testUtils__/planeBackend';
import { ExpiryController } from './ExpiryController';

/*
 * Expiry end to end on the local plane: the plugin runs as usual (reconciler, REST,
 * backups) on a database this test shares; an expiry pass with a clock moved to the
 * cluster's last day and then past its expiry tells the owner, takes the final backup
 * through the plugin's REST backup (the same export the backend's own takes), and
 * hands the cluster to the reconciler for deletion: nothing is left on the host, the
 * backup stays.
 */

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const run = Date.now().toString(36).slice(-5);
const { jane } = users;
const DAY = 86_400_000;

describe('expiry against the local control plane', () => {
  let plane: TestPlane;
  let api: (who: string) => PlaneBackendApi;
  let clusterWhen: PlaneBackend['clusterWhen'];
  let deleteAndWait: PlaneBackend['deleteAndWait'];

  it('tells the owner, takes a final backup, deletes the cluster, leaves nothing on the host, and the backup clones into a new cluster', async () => {
    plane = await getTestPlane();
    const knex = await databases.init('SQLITE_3');
    const host = {
      ...plane.hostClusterConfig('local'),
      expiry: { defaultTtlDays: 2, maxTtlDays: 5, noticeDays: [1] },
    };
    ({ api, clusterWhen, deleteAndWait } = await startPlaneBackend(
      { hostClusters: [host] },
      [mockServices.database.factory({ knex })],
    ));

    const created = await api(jane).post('/clusters', {
      name: `expiring-${run}`,
      hostCluster: 'local',
      owner: 'user:default/jane',
    });
    expect(created.status).toBe(201);
    const { id, namespace, expiresAt } = created.body;
    expect(Date.parse(expiresAt) - Date.parse(created.body.createdAt)).toBe(
      2 * DAY,
    );
    await clusterWhen(id, c => c.phase === 'Running', 180_000);
    // something of the team's inside, for the final backup to keep
    const inside = (
      await plane.virtualKubeConfig(namespace, `expiring-${run}`)
    ).makeApiClient(CoreV1Api);
    await inside.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'team-notes' }, data: { keep: 'me' } },
    });

    const store = await DatabaseVirtualClusterStore.create({
      database: mockServices.database({ knex }),
    });
    const backups = await DatabaseBackupStore.create({
      database: mockServices.database({ knex }),
    });
    let now = new Date(Date.parse(expiresAt) - DAY / 2);
    const notices: string[] = [];
    const taken: string[] = [];
    const expiry = ExpiryController.create({
      store,
      hosts: HostClusterRegistry.create(
        readVirtualClustersConfig(
          new ConfigReader({ virtualClusters: { hostClusters: [host] } }),
        ).hostClusters,
      ),
      backup: async cluster => {
        const res = await api(jane).post(`/clusters/${cluster.id}/backups`);
        if (res.status !== 201) throw new Error(res.text);
        taken.push(res.body.id);
        return res.body;
      },
      notify: async (_cluster, payload) => {
        notices.push(payload.title);
      },
      logger: mockServices.logger.mock(),
      clock: () => now,
    });

    // the last day: the owner is told
    await expect(expiry.runOnce()).resolves.toEqual({ noticed: 1, expired: 0 });
    expect(notices).toEqual([
      `Virtual cluster expiring-${run} expires tomorrow`,
    ]);

    // past the expiry: a final backup, then the reconciler deletes it
    now = new Date(Date.parse(expiresAt) + 1000);
    await expect(expiry.runOnce()).resolves.toEqual({ noticed: 0, expired: 1 });
    expect(taken).toHaveLength(1);
    await clusterWhen(id, c => c.phase === 'Deleted', 180_000);
    const core = plane.hostKubeConfig.makeApiClient(CoreV1Api);
    await eventually(
      async () =>
        (await core.listNamespace()).items
          .map(n => n.metadata?.name)
          .includes(namespace),
      present => !present,
    );
    const kept = await backups.get(taken[0]);
    expect(kept).toMatchObject({ clusterId: id, status: 'completed' });
    const events = (await api(jane).get(`/clusters/${id}/events`)).body
      .items as Array<{ type: string; message: string }>;
    expect(events.find(e => e.type === 'expired')?.message).toMatch(
      new RegExp(
        `final backup ${taken[0]} \\(\\d+ objects\\) stays restorable`,
      ),
    );

    // the final backup is restorable into a new cluster, by a clone from the expired one
    const clone = await api(jane).post(`/clusters/${id}/clone`, {
      backupId: taken[0],
      name: `revived-${run}`,
    });
    expect(clone.status).toBe(202);
    expect(clone.body).toMatchObject({
      owner: 'user:default/jane',
      hostCluster: 'local',
    });
    const revived = await clusterWhen(
      clone.body.id,
      c => c.phase === 'Running',
      180_000,
    );
    await eventually(
      async () =>
        (
          await api(jane).get(`/clusters/${revived.id}/events`)
        ).body.items as Array<{ type: string }>,
      items => items.some(e => e.type === 'restore-completed'),
    );
    const restored = (
      await plane.virtualKubeConfig(revived.namespace, revived.name)
    ).makeApiClient(CoreV1Api);
    const notes = await restored.readNamespacedConfigMap({
      name: 'team-notes',
      namespace: 'default',
    });
    expect(notes.data).toEqual({ keep: 'me' });
    await deleteAndWait(revived.id);
  });
});
