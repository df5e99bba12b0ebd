import {
  CoreV1Api,
  KubeConfig,
  RbacAuthorizationV1Api,
  V1Service,
} from '@kubernetes/client-node';
import { bindClusterRole, removeClusterRole } from '../__testUtils__/rbac';
import {
  eventually,
  getTestPlane,
  TestPlane,
} from '@virtual-clusters/test-cluster';
import { TcpProxy } from '../__testUtils__/TcpProxy';
import { WorkloadObjects } from './workloadKinds';
import { WorkloadsWatchCache } from './WorkloadsWatchCache';

/**
 * The cache against the real host API server of the local control plane: it only
 * needs a kubeconfig, so the host stands in for a virtual cluster here (the
 * integration test of the plugin reads a real virtual cluster through it).
 */
const NS = `wl-watch-${Date.now().toString(36)}`;
const settings = { enabled: true, idleTimeoutMs: 60_000, maxClusters: 10 };

/** The names of one kind in the test namespace. */
const namesIn = (objects: WorkloadObjects, kind: 'Service' | 'Pod') =>
  objects.objects[kind]
    .filter(o => o.metadata?.namespace === NS)
    .map(o => o.metadata!.name)
    .sort();

const service = (name: string): V1Service => ({
  metadata: { name, namespace: NS },
  spec: { ports: [{ port: 80 }], selector: { app: name } },
});

describe('WorkloadsWatchCache on the local control plane', () => {
  let plane: TestPlane;
  let core: CoreV1Api;
  const caches: WorkloadsWatchCache[] = [];
  const newCache = (overrides: Partial<typeof settings> = {}) => {
    const cache = WorkloadsWatchCache.create({
      settings: { ...settings, ...overrides },
    });
    caches.push(cache);
    return cache;
  };
  const read = (
    cache: WorkloadsWatchCache,
    kc: KubeConfig,
    key = 'c1',
    version = 'v1',
  ) =>
    cache.read(
      key,
      version,
      async () => kc,
      objects => objects,
    );

  beforeAll(async () => {
    plane = await getTestPlane();
    core = plane.hostKubeConfig.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: NS } } });
  });

  afterAll(async () => {
    caches.forEach(c => c.dispose());
    await core.deleteNamespace({ name: NS }).catch(() => undefined);
  });

  it('lists each kind (and Events) once, then follows changes through its watches', async () => {
    const cache = newCache();
    await core.createNamespacedService({ namespace: NS, body: service('a') });

    const first = await read(cache, plane.hostKubeConfig);
    expect(first.errors).toEqual([]);
    expect(namesIn(first, 'Service')).toEqual(['a']);
    expect(cache.stats()).toEqual({ clusters: 1, lists: 9, derivations: 1 });

    // reads in between watch events share one derived value (the host is busy with
    // other tests, so only reads in the same tick are sure to see no event)
    const [one, two] = await Promise.all([
      read(cache, plane.hostKubeConfig),
      read(cache, plane.hostKubeConfig),
    ]);
    expect(two).toBe(one);

    await core.createNamespacedService({ namespace: NS, body: service('b') });
    await eventually(
      async () => namesIn(await read(cache, plane.hostKubeConfig), 'Service'),
      names => names.join() === 'a,b',
    );
    await core.deleteNamespacedService({ name: 'a', namespace: NS });
    await eventually(
      async () => namesIn(await read(cache, plane.hostKubeConfig), 'Service'),
      names => names.join() === 'b',
    );
    // all of that came from the watches, without a second list
    expect(cache.stats().lists).toBe(9);
    // and objects are kept without their managed fields
    const kept = (await read(cache, plane.hostKubeConfig)).objects.Service.find(
      s => s.metadata?.name === 'b',
    );
    expect(kept?.metadata?.managedFields).toBeUndefined();
  });

  it('opens new watches when the version changes and closes the least recently read', async () => {
    const cache = newCache({ maxClusters: 2 });
    await read(cache, plane.hostKubeConfig, 'c1', 'v1');
    await read(cache, plane.hostKubeConfig, 'c1', 'v2');
    expect(cache.stats()).toMatchObject({ clusters: 1, lists: 18 });

    await read(cache, plane.hostKubeConfig, 'c2');
    await read(cache, plane.hostKubeConfig, 'c3');
    expect(cache.stats()).toMatchObject({ clusters: 2, lists: 36 });
    // c2 and c3 are watched: reading them lists nothing
    await read(cache, plane.hostKubeConfig, 'c3');
    await read(cache, plane.hostKubeConfig, 'c2');
    expect(cache.stats().lists).toBe(36);
    // c1, the least recently read, made room: it is listed again
    await read(cache, plane.hostKubeConfig, 'c1', 'v2');
    expect(cache.stats()).toMatchObject({ clusters: 2, lists: 45 });
  });

  it('opens one set of watches for concurrent first reads', async () => {
    const cache = newCache();
    const slowKubeConfig = async () => {
      await new Promise(r => setTimeout(r, 50));
      return plane.hostKubeConfig;
    };
    const both = await Promise.all([
      cache.read('c1', 'v1', slowKubeConfig, o => o),
      cache.read('c1', 'v1', slowKubeConfig, o => o),
    ]);
    expect(both.map(o => o.errors)).toEqual([[], []]);
    expect(cache.stats()).toMatchObject({ clusters: 1, lists: 9 });
  });

  it('keeps a cluster open while it is read, however long its first lists take, and closes it once nobody reads it', async () => {
    // every read takes longer than this: without care the cluster expires mid-read
    const cache = newCache({ idleTimeoutMs: 1 });
    await read(cache, plane.hostKubeConfig, 'c1');
    expect(cache.stats().clusters).toBe(1);
    await eventually(
      async () => cache.stats().clusters,
      n => n === 0,
      { timeoutMs: 5_000, intervalMs: 100 },
    );
  });

  it('reports kinds it may not read, and reads them once it may', async () => {
    const rbac = plane.hostKubeConfig.makeApiClient(RbacAuthorizationV1Api);
    const name = 'workloads-reader';
    await core.createNamespacedServiceAccount({
      namespace: NS,
      body: { metadata: { name } },
    });
    const clusterRole = `${NS}-reader`;
    const rules = (resources: string[]) => [
      {
        apiGroups: [''],
        resources,
        verbs: ['list', 'watch'],
      },
    ];
    await rbac.createClusterRole({
      body: { metadata: { name: clusterRole }, rules: rules(['pods']) },
    });
    await bindClusterRole(rbac, clusterRole, [{ name, namespace: NS }]);
    try {
      const kc = await plane.serviceAccountKubeConfig(NS, name);
      await core.createNamespacedPod({
        namespace: NS,
        body: {
          metadata: { name: 'visible' },
          spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
        },
      });
      const cache = newCache();

      const limited = await read(cache, kc);
      expect(limited.errors.map(e => e.kind)).toEqual([
        'Deployment',
        'StatefulSet',
        'DaemonSet',
        'Job',
        'CronJob',
        'Service',
        'PersistentVolumeClaim',
        'Event',
      ]);
      expect(limited.errors[0].message).toMatch(/403|forbidden/i);
      expect(namesIn(limited, 'Pod')).toEqual(['visible']);

      await rbac.replaceClusterRole({
        name: clusterRole,
        body: {
          metadata: { name: clusterRole },
          rules: rules(['pods', 'services']),
        },
      });
      await core.createNamespacedService({
        namespace: NS,
        body: service('granted'),
      });
      const granted = await eventually(
        () => read(cache, kc),
        objects => !objects.errors.some(e => e.kind === 'Service'),
      );
      expect(namesIn(granted, 'Service')).toContain('granted');
      expect(granted.errors).toHaveLength(7);
    } finally {
      await removeClusterRole(rbac, clusterRole);
    }
  });

  it('reports a lost API server and catches up with what changed meanwhile', async () => {
    const target = new URL(plane.server);
    const proxy = await TcpProxy.start({
      host: target.hostname,
      port: Number(target.port),
    });
    try {
      const proxied = new KubeConfig();
      proxied.loadFromString(plane.hostKubeConfig.exportConfig());
      const config = JSON.parse(proxied.exportConfig());
      config.clusters[0].cluster.server = `https://127.0.0.1:${proxy.port}`;
      proxied.loadFromString(JSON.stringify(config));
      const cache = newCache();
      await read(cache, proxied);

      await proxy.cut();
      const cut = await eventually(
        () => read(cache, proxied),
        objects => objects.errors.length === 9,
      );
      expect(cut.errors[0].message).toMatch(/ECONNREFUSED|socket|connect/i);

      await core.createNamespacedService({
        namespace: NS,
        body: service('while-away'),
      });
      await proxy.restore();
      const back = await eventually(
        () => read(cache, proxied),
        objects =>
          objects.errors.length === 0 &&
          namesIn(objects, 'Service').includes('while-away'),
      );
      expect(back.errors).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });
});
