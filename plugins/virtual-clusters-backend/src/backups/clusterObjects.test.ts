import * as fx from './__fixtures__/clusterObjects';
import { FakeObjectsApi } from './__fixtures__/FakeObjectsApi';
import {
  exportObjects,
  mapLimit,
  parseBackupContent,
  restoreObjects,
} from './clusterObjects';
import { KubeObject } from './objects';

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

/**
 * The backup of {@link sourceCluster}, written out by hand from the fixture: 16 of
 * its 29 objects, sorted by kind, namespace and name, without uid, resourceVersion,
 * generation, creationTimestamp, managedFields and status. Left out: the namespaces
 * kube-system and backstage-access and what is in them (coredns, jane-m-1a2b3c4d),
 * kube-root-ca.crt, the service account token legacy-token, the default
 * ServiceAccount, the ReplicaSet and Pod of the Deployment, the Job of the CronJob,
 * the pod's ephemeral claim debug-scratch, default/kubernetes and the ConfigMap
 * being deleted (going).
 */
const backup: KubeObject[] = [
  {
    // its owner, a ClusterPolicy, is not in the backup: the reference goes
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'operator-state', namespace: 'shop' },
    data: { state: 'ok' },
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'shop-config',
      namespace: 'shop',
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration':
          '{"apiVersion":"v1"}',
      },
    },
    data: { 'app.properties': 'currency=EUR\n' },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly-report', namespace: 'shop' },
    spec: {
      schedule: '0 2 * * *',
      jobTemplate: {
        spec: {
          template: {
            spec: {
              restartPolicy: 'OnFailure',
              containers: [{ name: 'report', image: 'busybox:1.36' }],
            },
          },
        },
      },
    },
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'databases.example.com' },
    // the definition's spec as the API server returned it
    spec: fx.crd.spec,
  },
  {
    apiVersion: 'example.com/v1',
    kind: 'Database',
    metadata: { name: 'orders', namespace: 'shop' },
    spec: { engine: 'postgres', size: '1Gi' },
  },
  {
    // without the controller's deployment.kubernetes.io/revision annotation
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'shop', namespace: 'shop', labels: { app: 'shop' } },
    spec: fx.shopDeploymentSpec(),
  },
  {
    // without the selector and the labels derived from the old Job's uid
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: 'migrate-db',
      namespace: 'shop',
      labels: {
        'batch.kubernetes.io/job-name': 'migrate-db',
        'job-name': 'migrate-db',
      },
    },
    spec: {
      backoffLimit: 6,
      completions: 1,
      template: {
        metadata: {
          labels: {
            'batch.kubernetes.io/job-name': 'migrate-db',
            'job-name': 'migrate-db',
          },
        },
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'migrate', image: 'flyway:10' }],
        },
      },
    },
  },
  {
    // without spec (the server's 'kubernetes' finalizer)
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: 'shop',
      labels: { 'kubernetes.io/metadata.name': 'shop', team: 'payments' },
    },
  },
  {
    // without the binding annotations and the bound volume
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: 'data',
      namespace: 'shop',
      finalizers: ['kubernetes.io/pvc-protection'],
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      storageClassName: 'local-path',
      volumeMode: 'Filesystem',
    },
  },
  {
    // without its node and the injected kube-api-access-7qmkd volume and mount
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'debug', namespace: 'shop' },
    spec: {
      serviceAccountName: 'default',
      containers: [
        {
          name: 'debug',
          image: 'busybox:1.36',
          volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }],
        },
      ],
      volumes: [{ name: 'scratch', emptyDir: {} }],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db-credentials', namespace: 'shop' },
    type: 'Opaque',
    data: { password: 'czNjcjN0' },
  },
  {
    // its owner is in the backup: the reference stays, with the source's uid
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'orders-connection',
      namespace: 'shop',
      ownerReferences: [
        {
          apiVersion: 'example.com/v1',
          kind: 'Database',
          name: 'orders',
          uid: 'db-1',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    type: 'Opaque',
    data: { url: 'cG9zdGdyZXM6Ly8=' },
  },
  {
    // without its cluster IPs
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'shop', namespace: 'shop' },
    spec: {
      type: 'ClusterIP',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      selector: { app: 'shop' },
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
    },
  },
  {
    // headless: clusterIP None is what the user asked for, so it stays
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'shop-peers', namespace: 'shop' },
    spec: {
      clusterIP: 'None',
      clusterIPs: ['None'],
      selector: { app: 'shop' },
      ports: [{ port: 7000 }],
    },
  },
  {
    // without its cluster IPs and healthCheckNodePort
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'shop-public', namespace: 'shop' },
    spec: {
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      selector: { app: 'shop' },
      ports: [{ port: 443, nodePort: 30443 }],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'shop', namespace: 'shop' },
  },
];

/** A fresh copy of {@link backup} to restore, so a test cannot change it. */
const backupObjects = (): KubeObject[] => JSON.parse(JSON.stringify(backup));

describe('exportObjects', () => {
  it('reads every backed-up type and keeps what users made', async () => {
    const exported = await exportObjects(sourceCluster());
    expect(exported.serverVersion).toBe('v1.36.3');
    expect(exported.warnings).toEqual([]);
    // of FakeObjectsApi's types plus databases: namespaces, customresourcedefinitions
    // and the 11 namespaced types that can be listed and created (configmaps,
    // secrets, serviceaccounts, services, pods, persistentvolumeclaims, deployments,
    // replicasets, jobs, cronjobs, databases); not events, endpoints,
    // controllerrevisions (the control plane's) nor bindings (create only)
    expect(exported.types).toBe(13);
    expect(exported.objects).toStrictEqual(backup);
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
    // every object of the backup: the CRD, Namespace shop and the 14 objects in it
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
    expect(objects).toStrictEqual(backup);
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
    // the CRD exists now and is skipped; Namespace shop and its 14 objects applied
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
    // the backup's 16 objects but the CronJob; the CronJob and the Widget fail
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
    // reads 1 to 3 find the CRD not yet established, each followed by a sleep
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
    expect(outcome.failed).toBe(15); // Namespace shop and the 14 objects in it
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
