import {
  ApiextensionsV1Api,
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import {
  VirtualCluster,
  VirtualClusterBackup,
  VirtualClusterBackupDetails,
  VirtualClusterRestoreResult,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import * as fx from './__fixtures__/clusterObjects';
import { getTestPlane, TestPlane } from '@virtual-clusters/test-cluster';
import {
  PlaneBackendApi,
  startPlaneBackend,
  users,
} from '../__testUtils__/planeBackend';

jest.setTimeout(420_000);

// unique per run, so a plane left running by an earlier run does not get in the way
const run = Date.now().toString(36).slice(-5);
const SOURCE = `bk-src-${run}`;
const CLONE = `bk-dst-${run}`;
const BULK = 50;

const { jane, bob } = users;

async function eventually<T>(
  fn: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 90_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => undefined as T);
    if (value !== undefined && check(value)) return value;
    if (Date.now() > until) {
      throw new Error(
        `condition not met in ${timeoutMs} ms; last ${JSON.stringify(
          value,
        )?.slice(0, 400)}`,
      );
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

/** Typed clients of one virtual cluster. */
function clients(kc: KubeConfig) {
  return {
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    crds: kc.makeApiClient(ApiextensionsV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
  };
}
type Clients = ReturnType<typeof clients>;

const DATABASES = {
  group: 'example.com',
  version: 'v1',
  plural: 'databases',
};

/** What a team deploys: a namespace with an app, a custom resource, and bulk config. */
async function deployApp(vc: Clients) {
  await vc.core.createNamespace({
    body: { metadata: { name: 'shop', labels: { team: 'payments' } } },
  });
  await vc.core.createNamespacedConfigMap({
    namespace: 'shop',
    body: {
      metadata: { name: 'shop-config' },
      data: { 'app.properties': 'currency=EUR\n' },
    },
  });
  await vc.core.createNamespacedSecret({
    namespace: 'shop',
    body: {
      metadata: { name: 'db-credentials' },
      type: 'Opaque',
      stringData: { password: 's3cr3t' },
    },
  });
  await vc.apps.createNamespacedDeployment({
    namespace: 'shop',
    body: {
      metadata: { name: 'shop', labels: { app: 'shop' } },
      spec: fx.shopDeploymentSpec({
        ports: [{ containerPort: 8080 }],
        envFrom: [{ configMapRef: { name: 'shop-config' } }],
      }),
    },
  });
  await vc.core.createNamespacedService({
    namespace: 'shop',
    body: {
      metadata: { name: 'shop' },
      spec: {
        selector: { app: 'shop' },
        ports: [{ name: 'http', port: 80, targetPort: 8080 }],
      },
    },
  });
  await vc.crds.createCustomResourceDefinition({
    body: {
      metadata: { name: 'databases.example.com' },
      spec: {
        group: 'example.com',
        names: fx.databaseNames,
        scope: 'Namespaced',
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  spec: {
                    type: 'object',
                    properties: {
                      engine: { type: 'string' },
                      size: { type: 'string' },
                    },
                  },
                },
              },
            },
          },
        ],
      },
    },
  });
  await eventually(
    () =>
      vc.crds.readCustomResourceDefinition({ name: 'databases.example.com' }),
    crd =>
      (crd.status?.conditions ?? []).some(
        c => c.type === 'Established' && c.status === 'True',
      ),
  );
  await eventually(
    () =>
      vc.custom.createNamespacedCustomObject({
        ...DATABASES,
        namespace: 'shop',
        body: {
          apiVersion: 'example.com/v1',
          kind: 'Database',
          metadata: { name: 'orders' },
          spec: { engine: 'postgres', size: '1Gi' },
        },
      }),
    () => true,
    30_000,
  );
  await vc.core.createNamespace({ body: { metadata: { name: 'bulk' } } });
  for (let i = 0; i < BULK; i++) {
    await vc.core.createNamespacedConfigMap({
      namespace: 'bulk',
      body: {
        metadata: { name: `settings-${i}` },
        data: { 'settings.json': JSON.stringify({ i, pad: 'x'.repeat(1000) }) },
      },
    });
  }
}

/** Checks the app is in a virtual cluster as deployed, with its pods running again. */
async function expectApp(vc: Clients) {
  const ns = await vc.core.readNamespace({ name: 'shop' });
  expect(ns.metadata!.labels).toMatchObject({ team: 'payments' });
  const cm = await vc.core.readNamespacedConfigMap({
    name: 'shop-config',
    namespace: 'shop',
  });
  expect(cm.data).toEqual({ 'app.properties': 'currency=EUR\n' });
  const secret = await vc.core.readNamespacedSecret({
    name: 'db-credentials',
    namespace: 'shop',
  });
  expect(Buffer.from(secret.data!.password, 'base64').toString()).toBe(
    's3cr3t',
  );
  const svc = await vc.core.readNamespacedService({
    name: 'shop',
    namespace: 'shop',
  });
  expect(svc.spec!.ports).toEqual([
    expect.objectContaining({ name: 'http', port: 80, targetPort: 8080 }),
  ]);
  expect(svc.spec!.clusterIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  const db = (await vc.custom.getNamespacedCustomObject({
    ...DATABASES,
    namespace: 'shop',
    name: 'orders',
  })) as { spec: object };
  expect(db.spec).toEqual({ engine: 'postgres', size: '1Gi' });
  const deployments = await vc.apps.listNamespacedDeployment({
    namespace: 'shop',
  });
  expect(deployments.items.map(d => d.metadata!.name)).toEqual(['shop']);
  // the controllers of the virtual cluster bring the pods back
  await eventually(
    () => vc.core.listNamespacedPod({ namespace: 'shop' }),
    pods =>
      pods.items.length === 2 &&
      pods.items.every(p => p.status?.phase === 'Running'),
  );
  const bulk = await vc.core.listNamespacedConfigMap({ namespace: 'bulk' });
  expect(
    bulk.items.filter(c => c.metadata!.name!.startsWith('settings-')),
  ).toHaveLength(BULK);
}

describe('backup, restore and clone against the local control plane', () => {
  let plane: TestPlane;
  const measured: string[] = [];
  let api: (who: string) => PlaneBackendApi;

  async function createRunning(name: string): Promise<VirtualCluster> {
    const created = await api(jane).post('/clusters', {
      name,
      hostCluster: 'local',
      owner: 'user:default/jane',
    });
    expect(created.status).toBe(201);
    return eventually(
      async () => (await api(jane).get(`/clusters/${created.body.id}`)).body,
      (c: VirtualCluster) => c.phase === 'Running',
    );
  }

  async function virtual(cluster: VirtualCluster): Promise<Clients> {
    return clients(
      await plane.virtualKubeConfig(cluster.namespace, cluster.name),
    );
  }

  async function timed<T>(what: string, fn: () => Promise<T>) {
    const started = Date.now();
    const value = await fn();
    return { value, ms: Date.now() - started, what };
  }

  beforeAll(async () => {
    plane = await getTestPlane();
    ({ api } = await startPlaneBackend({
      hostClusters: [plane.hostClusterConfig('local')],
      // contents encrypted at rest: backup, restore and clone go through it
      backups: { encryptionKey: 'integration-test-passphrase' },
    }));
  });

  afterAll(() => {
    // eslint-disable-next-line no-console
    console.log(`backup/restore measurements:\n  ${measured.join('\n  ')}`);
  });

  it('backs up, restores after a loss, restores again without duplicates, and clones', async () => {
    const source = await createRunning(SOURCE);
    const src = await virtual(source);
    await deployApp(src);
    // the controllers have made what a backup leaves out: ReplicaSet, pods, endpoints
    await eventually(
      () => src.core.listNamespacedPod({ namespace: 'shop' }),
      pods => pods.items.length === 2,
    );

    // back up
    const backup = await timed('backup', () =>
      api(jane).post(`/clusters/${source.id}/backups`),
    );
    expect(backup.value.status).toBe(201);
    const created = backup.value.body as VirtualClusterBackup;
    expect(created).toMatchObject({
      clusterId: source.id,
      status: 'completed',
      createdBy: 'user:default/jane',
      note: expect.stringContaining('volume data is not included'),
    });
    measured.push(
      `backup of ${created.objectCount} objects (${created.sizeBytes} bytes): ${backup.ms} ms`,
    );

    const details = (
      await api(bob).get(`/clusters/${source.id}/backups/${created.id}`)
    ).body as VirtualClusterBackupDetails;
    const names = details.objects
      .filter(o => o.namespace !== 'bulk')
      .map(o => `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`)
      .sort();
    expect(names).toEqual([
      'ConfigMap shop/shop-config',
      'CustomResourceDefinition databases.example.com',
      'Database shop/orders',
      'Deployment shop/shop',
      'Namespace bulk',
      'Namespace default',
      'Namespace shop',
      'Secret shop/db-credentials',
      'Service shop/shop',
    ]);
    expect(details.kinds.ConfigMap).toBe(BULK + 1);
    expect(created.objectCount).toBe(BULK + 9);
    expect(details.namespaces).toEqual(['bulk', 'default', 'shop']);
    expect(details.warnings).toEqual([]);
    expect(JSON.stringify(details)).not.toContain(
      Buffer.from('s3cr3t').toString('base64'),
    );
    const list = await api(bob).get(`/clusters/${source.id}/backups`);
    expect(list.body.items).toEqual([created]);

    // lose the namespace and the CRD (with its objects)
    await src.core.deleteNamespace({ name: 'shop' });
    await src.crds.deleteCustomResourceDefinition({
      name: 'databases.example.com',
    });
    await eventually(
      () =>
        src.core.readNamespace({ name: 'shop' }).then(
          () => 'present',
          () => 'gone',
        ),
      state => state === 'gone',
    );

    // restore
    const restore = await timed('restore', () =>
      api(jane).post(`/clusters/${source.id}/restore`, {
        backupId: created.id,
      }),
    );
    expect(restore.value.status).toBe(200);
    expect(restore.value.body).toMatchObject({
      backupId: created.id,
      sourceClusterId: source.id,
      targetClusterId: source.id,
      clone: false,
      objectCount: created.objectCount,
      applied: created.objectCount,
      failed: 0,
      skipped: 0,
      failures: [],
    } satisfies Partial<VirtualClusterRestoreResult>);
    measured.push(
      `restore of ${created.objectCount} objects after deleting namespace shop and the CRD: ${restore.ms} ms`,
    );
    await expectApp(src);

    // again: everything is updated in place, nothing is duplicated
    const before = await src.core.readNamespacedConfigMap({
      name: 'shop-config',
      namespace: 'shop',
    });
    await src.core.replaceNamespacedConfigMap({
      name: 'shop-config',
      namespace: 'shop',
      body: { ...before, data: { 'app.properties': 'changed by hand' } },
    });
    const again = await timed('restore again', () =>
      api(jane).post(`/clusters/${source.id}/restore`, {
        backupId: created.id,
      }),
    );
    expect(again.value.body).toMatchObject({
      applied: created.objectCount - 1,
      skipped: 1, // the CRD is there
      failed: 0,
    });
    measured.push(
      `restore of the same backup over the restored objects: ${again.ms} ms`,
    );
    const after = await src.core.readNamespacedConfigMap({
      name: 'shop-config',
      namespace: 'shop',
    });
    expect(after.metadata!.uid).toBe(before.metadata!.uid);
    expect(after.data).toEqual({ 'app.properties': 'currency=EUR\n' });
    await expectApp(src);

    // clone into a new virtual cluster: the backend creates it and restores the
    // backup once it runs, without the caller waiting
    const cloneStarted = Date.now();
    const requested = await api(jane).post(`/clusters/${source.id}/clone`, {
      backupId: created.id,
      name: CLONE,
    });
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({
      name: CLONE,
      owner: source.owner,
      hostCluster: source.hostCluster,
      phase: 'Pending',
    });
    const cloneEvents = await eventually(
      async () =>
        (
          await api(jane).get(`/clusters/${requested.body.id}/events`)
        ).body.items as Array<{ type: string; message: string }>,
      items => items.some(e => e.type.startsWith('restore-')),
    );
    measured.push(
      `clone of ${created.objectCount} objects into a new virtual cluster: ${
        Date.now() - cloneStarted
      } ms from the request to restored, creating the cluster included`,
    );
    expect(cloneEvents.map(e => e.type)).toEqual(
      expect.arrayContaining([
        'created',
        'clone-requested',
        'restore-completed',
      ]),
    );
    expect(
      cloneEvents.find(e => e.type === 'restore-completed')!.message,
    ).toMatch(
      new RegExp(
        `^Clone of ${SOURCE} from backup ${created.id} by user:default/jane: ${created.objectCount} applied, 0 failed`,
      ),
    );
    const clone = (await api(jane).get(`/clusters/${requested.body.id}`))
      .body as VirtualCluster;
    await expectApp(await virtual(clone));

    // the source's timeline tells what happened
    const types = async (id: string) =>
      (await api(jane).get(`/clusters/${id}/events`)).body.items.map(
        (e: { type: string }) => e.type,
      );
    expect(await types(source.id)).toEqual(
      expect.arrayContaining([
        'backup-completed',
        'restore-completed',
        'cloned',
      ]),
    );

    // bob may read, not write: no backup, no restore into jane's clusters
    expect((await api(bob).post(`/clusters/${source.id}/backups`)).status).toBe(
      403,
    );
    expect(
      (
        await api(bob).post(`/clusters/${clone.id}/restore`, {
          backupId: created.id,
        })
      ).status,
    ).toBe(403);

    // a paused cluster takes no restore
    expect(
      (await api(jane).patch(`/clusters/${clone.id}`, { action: 'pause' }))
        .status,
    ).toBe(200);
    await eventually(
      async () => (await api(jane).get(`/clusters/${clone.id}`)).body,
      (c: VirtualCluster) => c.phase === 'Paused',
    );
    const refused = await api(jane).post(`/clusters/${clone.id}/restore`, {
      backupId: created.id,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      `${CLONE} is Paused: a restore needs a Running cluster`,
    );
    expect((await api(jane).post(`/clusters/${clone.id}/backups`)).status).toBe(
      409,
    );

    // clean up
    for (const id of [source.id, clone.id]) {
      expect((await api(jane).delete(`/clusters/${id}`)).status).toBe(202);
    }
    await Promise.all(
      [source.id, clone.id].map(id =>
        eventually(
          async () => (await api(jane).get(`/clusters/${id}`)).body,
          (c: VirtualCluster) => c.phase === 'Deleted',
        ),
      ),
    );
  });
});
