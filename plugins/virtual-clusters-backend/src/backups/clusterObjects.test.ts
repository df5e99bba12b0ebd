import * as fx from './__fixtures__/clusterObjects';
import { FakeObjectsApi } from './__fixtures__/FakeObjectsApi';
import {
  exportObjects,
  mapLimit,
  parseBackupContent,
  restoreObjects,
} from './clusterObjects';
import { KubeObject, selectObjects } from './objects';

const noSleep = async () => {};

/** A source cluster holding every fixture object. */
function sourceCluster() {
  const api = new FakeObjectsApi();
  const database = api.addType('example.com', 'databases', 'Database', true);
  for (const o of fx.listed) {
    api.seed(o.kind === 'Database' ? database : o.kind, o);
  }
  return api;
}

const backupObjects = () => selectObjects(fx.listed);

describe('exportObjects', () => {
  it('reads every backed-up type and keeps what users made', async () => {
    const exported = await exportObjects(sourceCluster());
    expect(exported.serverVersion).toBe('v1.36.3');
    expect(exported.warnings).toEqual([]);
    // namespaces, CRDs and the 11 namespaced types that can be listed and created
    expect(exported.types).toBe(13);
    expect(exported.objects).toEqual(backupObjects());
  });

  it('fails when a type cannot be listed, naming it', async () => {
    const api = sourceCluster();
    api.failLists.set('secrets', 403);
    await expect(exportObjects(api)).rejects.toThrow(
      'Could not list secrets: 403: secrets is forbidden',
    );
  });

  it('warns about a type that disappeared since discovery', async () => {
    const api = sourceCluster();
    api.failLists.set('databases', 404);
    const exported = await exportObjects(api);
    expect(exported.warnings).toEqual([
      'databases.example.com disappeared while being read',
    ]);
    expect(exported.objects.map(o => o.kind)).not.toContain('Database');
  });
});

describe('restoreObjects', () => {
  it('recreates everything in an empty cluster: CRDs and namespaces first, owners with new uids', async () => {
    const target = new FakeObjectsApi();
    const objects = backupObjects();
    const outcome = await restoreObjects(target, objects, { sleep: noSleep });
    expect(outcome).toEqual({
      applied: 16,
      failed: 0,
      skipped: 0,
      failures: [],
    });
    const order = target.applied.map(o => o.kind);
    expect(order[0]).toBe('CustomResourceDefinition');
    expect(order[1]).toBe('Namespace');
    expect(order.indexOf('Database')).toBeGreaterThan(1);

    const database = target.get('Database', 'orders', 'shop')!;
    const secret = target.get('Secret', 'orders-connection', 'shop')!;
    expect(database.metadata.uid).not.toBe('db-1');
    expect(secret.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'Database',
        name: 'orders',
        uid: database.metadata.uid,
      }),
    ]);
    expect(target.names('ConfigMap')).toEqual([
      'shop/operator-state',
      'shop/shop-config',
    ]);
    expect(target.get('ConfigMap', 'shop-config', 'shop')!.data).toEqual({
      'app.properties': 'currency=EUR\n',
    });
    // the backup itself is not changed by a restore
    expect(objects).toEqual(backupObjects());
  });

  it('updates what exists instead of duplicating it, and leaves existing CRDs alone', async () => {
    const target = new FakeObjectsApi();
    await restoreObjects(target, backupObjects(), { sleep: noSleep });
    const before = target.objects.size;
    const cm = target.get('ConfigMap', 'shop-config', 'shop')!;
    const uid = cm.metadata.uid;
    cm.data = { 'app.properties': 'changed by hand' };

    const again = await restoreObjects(target, backupObjects(), {
      sleep: noSleep,
    });
    expect(again).toEqual({ applied: 15, failed: 0, skipped: 1, failures: [] });
    expect(target.objects.size).toBe(before);
    const restored = target.get('ConfigMap', 'shop-config', 'shop')!;
    expect(restored.metadata.uid).toBe(uid);
    expect(restored.data).toEqual({ 'app.properties': 'currency=EUR\n' });
  });

  it('counts failures and goes on with the rest', async () => {
    const target = new FakeObjectsApi();
    target.failKinds.set('CronJob', 'spec.schedule: Invalid value');
    const widget: KubeObject = {
      apiVersion: 'example.org/v1',
      kind: 'Widget',
      metadata: { name: 'w', namespace: 'shop' },
    };
    const outcome = await restoreObjects(target, [...backupObjects(), widget], {
      sleep: noSleep,
    });
    expect(outcome.applied).toBe(15);
    expect(outcome.failed).toBe(2);
    expect(outcome.failures).toEqual(
      expect.arrayContaining([
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          namespace: 'shop',
          name: 'nightly-report',
          message: '422: spec.schedule: Invalid value',
        },
        {
          apiVersion: 'example.org/v1',
          kind: 'Widget',
          namespace: 'shop',
          name: 'w',
          message: 'example.org/v1 Widget is not served by the target cluster',
        },
      ]),
    );
  });

  it('waits for new CRDs to be established before applying their objects', async () => {
    const target = new FakeObjectsApi();
    target.establishAfterReads = 4;
    let sleeps = 0;
    const outcome = await restoreObjects(target, backupObjects(), {
      sleep: async () => {
        sleeps += 1;
      },
    });
    expect(sleeps).toBe(3);
    expect(outcome.failed).toBe(0);
    expect(target.get('Database', 'orders', 'shop')).toBeDefined();
  });

  it('waits out a namespace that is still terminating, then recreates it', async () => {
    const target = new FakeObjectsApi();
    target.seed('Namespace', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop' },
    });
    target.terminate('shop', 3);
    const outcome = await restoreObjects(target, backupObjects(), {
      sleep: noSleep,
    });
    expect(outcome).toMatchObject({ applied: 16, failed: 0 });
    expect(
      target.get('Namespace', 'shop')!.metadata.deletionTimestamp,
    ).toBeUndefined();
  });

  it('gives up on a namespace that does not finish terminating', async () => {
    const target = new FakeObjectsApi();
    target.seed('Namespace', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop' },
    });
    target.terminate('shop', 1_000_000);
    const outcome = await restoreObjects(target, backupObjects(), {
      sleep: () => new Promise(r => setTimeout(r, 5)),
      waitMs: 50,
    });
    expect(outcome.failures[0]).toMatchObject({
      kind: 'Namespace',
      name: 'shop',
      message: 'namespace is still terminating after 50 ms',
    });
    // what lives in it fails too, and is reported
    expect(outcome.applied).toBe(1); // the CRD
    expect(outcome.failed).toBe(15);
  });
});

describe('helpers', () => {
  it('maps with limited concurrency, keeping the order', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async n => {
      running += 1;
      most = Math.max(most, running);
      await new Promise(r => setTimeout(r, n));
      running -= 1;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it('parses only backups in its own format', () => {
    expect(() => parseBackupContent('{"objects":[]}')).toThrow(
      'Not a backup in format virtual-clusters.dev/backup/v1',
    );
    expect(
      parseBackupContent(
        JSON.stringify({
          format: 'virtual-clusters.dev/backup/v1',
          objects: [],
          warnings: [],
        }),
      ).objects,
    ).toEqual([]);
  });
});
