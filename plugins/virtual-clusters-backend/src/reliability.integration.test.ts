import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { CustomObjectsApi } from '@kubernetes/client-node';
import {
  eventually,
  getTestPlane,
  TestPlane,
} from '@virtual-clusters/test-cluster';
import knexFactory from 'knex';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  IGNORED_PROVISIONER,
  ignoredByStandInModule,
} from './__testUtils__/ignoredByStandIn';
import { permissionTestFeatures } from './__testUtils__/permissionTestFeatures';
import { TcpProxy } from './__testUtils__/TcpProxy';
import { virtualClustersPlugin } from './plugin';

jest.setTimeout(170_000);

// unique per run, so a plane left running by an earlier run does not get in the way
const run = Date.now().toString(36).slice(-5);

const jane = mockCredentials.user.header('user:default/jane');
const bob = mockCredentials.user.header('user:default/bob');
const JANE = 'user:default/jane';

type Api = ReturnType<typeof apiOf>;
type Cluster = {
  id: string;
  name: string;
  phase: string;
  message?: string;
  conditions?: Array<{ reason?: string; message?: string }>;
};
type LifecycleEvent = { type: string; phase?: string };

function apiOf(server: any) {
  const base = '/api/virtual-clusters';
  return (who: string) => ({
    get: (path: string) =>
      request(server)
        .get(base + path)
        .set('Authorization', who),
    post: (path: string, body: object | string) =>
      request(server)
        .post(base + path)
        .set('Authorization', who)
        .send(body),
    delete: (path: string) =>
      request(server)
        .delete(base + path)
        .set('Authorization', who),
    patch: (path: string, body: object) =>
      request(server)
        .patch(base + path)
        .set('Authorization', who)
        .send(body),
    raw: (method: 'post' | 'patch', path: string) =>
      request(server)
        [method](base + path)
        .set('Authorization', who),
  });
}

/** The database engines every case runs on: the demo's and production's. */
const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };
const ENGINES = [
  {
    name: 'SQLite',
    short: 'sq',
    /**
     * Database config for the backends of one suite; `dir` is the suite's own folder. One
     * backend uses SQLite in memory, as the demo does; backends that share it, a file.
     */
    config: (dir: string, shared = false) => ({
      client: 'better-sqlite3',
      connection: shared ? { directory: dir } : ':memory:',
    }),
    async setUp() {},
    async tearDown() {},
    /** Where the plugin's data lives: its file in the folder. */
    store: 'virtual-clusters.sqlite',
    async stores(dir: string) {
      return readdirSync(dir);
    },
  },
  {
    name: 'PostgreSQL',
    short: 'pg',
    config: (dir: string, _shared = false) => ({
      client: 'pg',
      connection: { ...PG, database: pgDatabase(dir) },
      pluginDivisionMode: 'schema',
    }),
    async setUp(dir: string) {
      const admin = knexFactory({ client: 'pg', connection: PG });
      await admin.raw(`CREATE DATABASE ??`, [pgDatabase(dir)]);
      await admin.destroy();
    },
    async tearDown(dir: string) {
      const admin = knexFactory({ client: 'pg', connection: PG });
      await admin.raw(`DROP DATABASE IF EXISTS ?? WITH (FORCE)`, [
        pgDatabase(dir),
      ]);
      await admin.destroy();
    },
    /** Where the plugin's data lives: its schema in the database. */
    store: 'virtual-clusters',
    async stores(dir: string) {
      const db = knexFactory({
        client: 'pg',
        connection: { ...PG, database: pgDatabase(dir) },
      });
      try {
        return await db('information_schema.schemata').pluck('schema_name');
      } finally {
        await db.destroy();
      }
    },
  },
];

/** One PostgreSQL database per suite folder. */
function pgDatabase(dir: string) {
  return `rel_${run}_${dir
    .replace(/[^a-z0-9]/gi, '')
    .slice(-6)
    .toLowerCase()}`;
}

const limits = { maxVirtualClusters: 200, perOwner: 200 };
const reconcile = {
  schedule: { frequency: { seconds: 1 }, timeout: { minutes: 1 } },
};

/** The VCluster objects on the host labelled with a cluster id. */
async function vclustersOf(plane: TestPlane, id: string) {
  const list = (await plane.hostKubeConfig
    .makeApiClient(CustomObjectsApi)
    .listClusterCustomObject({
      group: 'infrastructure.cluster.x-k8s.io',
      version: 'v1alpha1',
      plural: 'vclusters',
      labelSelector: `virtual-clusters.dev/cluster-id=${id}`,
    })) as { items: unknown[] };
  return list.items;
}

/** The cluster-id label of every VCluster on the host. */
async function clusterIdsOfVClusters(plane: TestPlane): Promise<string[]> {
  const list = (await plane.hostKubeConfig
    .makeApiClient(CustomObjectsApi)
    .listClusterCustomObject({
      group: 'infrastructure.cluster.x-k8s.io',
      version: 'v1alpha1',
      plural: 'vclusters',
      labelSelector: 'virtual-clusters.dev/cluster-id',
    })) as {
    items: Array<{ metadata: { labels: Record<string, string> } }>;
  };
  return list.items.map(
    i => i.metadata.labels['virtual-clusters.dev/cluster-id'],
  );
}

async function phaseOf(api: Api, id: string): Promise<Cluster> {
  const res = await api(jane).get(`/clusters/${id}`);
  if (res.status !== 200) throw new Error(`GET ${id}: ${res.status}`);
  return res.body;
}

/** Waits until a cluster is in a phase (90 s at the most). */
function reachPhase(api: Api, id: string, phase: Cluster['phase']) {
  return eventually(
    () => phaseOf(api, id),
    c => c.phase === phase,
    { timeoutMs: 90_000 },
  );
}

/** Deletes clusters (by id) and waits until each is Deleted or gone. */
async function deleteAll(api: Api, ids: string[], timeoutMs = 90_000) {
  await Promise.all(ids.map(id => api(jane).delete(`/clusters/${id}`)));
  await Promise.all(
    ids.map(id =>
      eventually(
        async () => api(jane).get(`/clusters/${id}`),
        res =>
          res.status === 404 ||
          (res.status === 200 && res.body.phase === 'Deleted'),
        { timeoutMs },
      ),
    ),
  );
}

describe.each(ENGINES)(
  'reliability: one backend on $name against the local control plane',
  engine => {
    let plane: TestPlane;
    let api: Api;
    let proxy: TcpProxy;
    const cleanup: string[] = [];
    const dbDir = mkdtempSync(join(tmpdir(), 'vc-rel-db-'));
    const prefix = `rel-${run}-${engine.short}`;

    beforeAll(async () => {
      await engine.setUp(dbDir);
      plane = await getTestPlane();
      const target = new URL(plane.server);
      proxy = await TcpProxy.start({
        host: target.hostname,
        port: Number(target.port),
      });
      const proxiedKubeconfig = proxy.kubeconfigThrough(plane.kubeconfigPath);

      const auth = (path: string) => ({
        type: 'kubeconfig',
        kubeconfigPath: path,
      });
      const { server } = await startTestBackend({
        features: [
          virtualClustersPlugin,
          ignoredByStandInModule,
          ...permissionTestFeatures,
          schedulerServiceFactory,
          databaseServiceFactory,
          mockServices.rootConfig.factory({
            data: {
              backend: { database: engine.config(dbDir) },
              permission: { enabled: true },
              virtualClusters: {
                hostClusters: [
                  {
                    name: 'local',
                    url: plane.server,
                    auth: auth(plane.kubeconfigPath),
                    limits,
                  },
                  {
                    name: 'bulk',
                    url: plane.server,
                    auth: auth(plane.kubeconfigPath),
                    provisioner: IGNORED_PROVISIONER,
                    limits,
                  },
                  {
                    name: 'flaky',
                    url: `https://127.0.0.1:${proxy.port}`,
                    auth: auth(proxiedKubeconfig),
                    limits,
                  },
                ],
                reconcile,
                kubeconfig: { tokenTtl: '1h' },
              },
            },
          }),
        ],
      });
      api = apiOf(server);
    });

    afterAll(async () => {
      await proxy?.restore();
      if (api && cleanup.length) await deleteAll(api, cleanup).catch(() => {});
      await proxy?.stop();
      await engine.tearDown(dbDir);
    });

    describe('bad inputs are 4xx, never 500', () => {
      // 'bulk' starts no virtual control plane, should a bad input be accepted by mistake
      const good = { hostCluster: 'bulk', owner: JANE };
      const creates: Array<[string, object]> = [
        ['an uppercase name', { ...good, name: 'Rel-Upper' }],
        ['a name of 64 characters', { ...good, name: `r${'x'.repeat(63)}` }],
        ['a name with a leading dash', { ...good, name: '-rel' }],
        ['an empty name', { ...good, name: '' }],
        ['no name', { ...good }],
        ['a name that is a number', { ...good, name: 42 }],
        [
          'a quota of "lots"',
          { ...good, name: `${prefix}-q1`, quota: { cpu: 'lots' } },
        ],
        [
          'a negative quota',
          { ...good, name: `${prefix}-q2`, quota: { memory: '-1Gi' } },
        ],
        [
          'negative pods',
          { ...good, name: `${prefix}-q3`, quota: { pods: -3 } },
        ],
        [
          'a quota too small for the control plane itself',
          { ...good, name: `${prefix}-q4`, quota: { memory: '64Mi' } },
        ],
        ['an unknown field', { ...good, name: `${prefix}-u1`, colour: 'red' }],
        [
          'an unknown host cluster',
          { ...good, name: `${prefix}-h1`, hostCluster: 'nowhere' },
        ],
        [
          'a host cluster that is an object',
          { ...good, name: `${prefix}-h2`, hostCluster: { name: 'local' } },
        ],
        [
          'an owner that is no entity ref',
          { ...good, name: `${prefix}-o1`, owner: 'not a ref!' },
        ],
        ['an unknown distro', { ...good, name: `${prefix}-d1`, distro: 'k0s' }],
        [
          'an unoffered Kubernetes version',
          { ...good, name: `${prefix}-v1`, kubernetesVersion: '0.1' },
        ],
        ['a JSON array body', [good] as unknown as object],
      ];
      it.each(creates)('POST /clusters with %s', async (_what, body) => {
        const res = await api(jane).post('/clusters', body);
        if (res.status === 201) cleanup.push(res.body.id);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.body.error?.message).toEqual(expect.any(String));
      });

      it('POST /clusters with a 2 MB body', async () => {
        const res = await api(jane).post('/clusters', {
          name: `${prefix}-big`,
          hostCluster: 'bulk',
          owner: JANE,
          padding: 'x'.repeat(2 * 1024 * 1024),
        });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        const listed = (await api(jane).get('/clusters?limit=500')).body.items;
        expect(listed.map((c: Cluster) => c.name)).not.toContain(
          `${prefix}-big`,
        );
      });

      it('POST /clusters with invalid JSON', async () => {
        const res = await api(jane)
          .raw('post', '/clusters')
          .set('Content-Type', 'application/json')
          .send('{"name": "rel-x", ');
        expect(res.status).toBe(400);
      });

      it('POST /clusters with a wrong content type', async () => {
        const res = await api(jane)
          .raw('post', '/clusters')
          .set('Content-Type', 'text/plain')
          .send(`name=${prefix}-ct&hostCluster=local`);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      });

      const paths: Array<[string, string]> = [
        ['/clusters/..%2F..', '/clusters/..%2F..'],
        ['/clusters/%2e%2e', '/clusters/%2e%2e'],
        ['/clusters/%2e%2e/kubeconfig', '/clusters/%2e%2e/kubeconfig'],
        ['/clusters/<5000 characters>', `/clusters/${'a'.repeat(5000)}`],
        [
          '/clusters/<5000 characters>/kubeconfig',
          `/clusters/${'a'.repeat(5000)}/kubeconfig`,
        ],
        ['/clusters/x/kubeconfig/../../', '/clusters/x/kubeconfig/../../'],
        ['/clusters/x%00y', '/clusters/x%00y'],
        ['/clusters/%ZZ', '/clusters/%ZZ'],
        [
          '/clusters/x/events/..%2f..%2fhost-clusters',
          '/clusters/x/events/..%2f..%2fhost-clusters',
        ],
      ];
      it.each(paths)('GET %s', async (_label, path) => {
        const res = await api(jane).get(path);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      });

      it.each([
        ['limit=0'],
        ['limit=lots'],
        ['limit=-1'],
        ['cursor=%ZZnot-a-cursor'],
        ['phase=Exploded'],
      ])('GET /clusters?%s', async query => {
        const res = await api(jane).get(`/clusters?${query}`);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      });

      describe('PATCH of an existing cluster', () => {
        let id: string;
        beforeAll(async () => {
          const created = await api(jane).post('/clusters', {
            name: `${prefix}-patch`,
            hostCluster: 'bulk',
            owner: JANE,
          });
          if (created.status !== 201) throw new Error(created.text);
          id = created.body.id;
          cleanup.push(id);
        });

        it.each([
          ['an unknown action', { action: 'explode' }],
          ['no action', {}],
          ['an upgrade without versions', { action: 'upgrade' }],
          [
            'an upgrade to a version that is no version',
            { action: 'upgrade', kubernetesVersion: 'latest!' },
          ],
          ['an action that is a number', { action: 7 }],
          ['a resize without a quota', { action: 'resize' }],
          [
            'a resize to a quota that is no quantity',
            { action: 'resize', quota: { memory: 'a lot' } },
          ],
          [
            'a resize with negative pods',
            { action: 'resize', quota: { pods: -3 } },
          ],
          [
            'a resize below the control plane',
            { action: 'resize', quota: { cpu: '50m' } },
          ],
        ])('answers %s with 4xx', async (_what, body) => {
          const res = await api(jane).patch(`/clusters/${id}`, body);
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
        });

        it('answers a PATCH of an unknown id with 404', async () => {
          const res = await api(jane).patch('/clusters/no-such-id', {
            action: 'pause',
          });
          expect(res.status).toBe(404);
        });

        it('lets a non-owner neither pause, upgrade nor delete it (403), but see it', async () => {
          expect(
            (await api(bob).patch(`/clusters/${id}`, { action: 'pause' }))
              .status,
          ).toBe(403);
          expect(
            (
              await api(bob).patch(`/clusters/${id}`, {
                action: 'upgrade',
                kubernetesVersion: '1.34',
              })
            ).status,
          ).toBe(403);
          expect((await api(bob).delete(`/clusters/${id}`)).status).toBe(403);
          // the policy lets everybody read clusters
          expect((await api(bob).get(`/clusters/${id}`)).status).toBe(200);
          const events = (await api(jane).get(`/clusters/${id}/events`)).body
            .items as LifecycleEvent[];
          expect(events.map(e => e.type)).not.toContain('pause-requested');
        });
      });
    });

    it('50 concurrent creates of 25 names: exactly one cluster and one VCluster per name', async () => {
      const names = Array.from({ length: 25 }, (_, i) => `${prefix}-c${i}`);
      const requests = [...names, ...names].map(name =>
        api(jane).post('/clusters', { name, hostCluster: 'bulk', owner: JANE }),
      );
      const answers = await Promise.all(requests);
      const statuses = answers.map(a => a.status);
      // anything but created or conflict, with what it said
      expect(
        answers
          .filter(a => a.status !== 201 && a.status !== 409)
          .map(a => `${a.status} ${JSON.stringify(a.body)}`),
      ).toEqual([]);
      expect(statuses.filter(s => s === 201)).toHaveLength(25);
      expect(statuses.filter(s => s === 409)).toHaveLength(25);
      const ids = answers.filter(a => a.status === 201).map(a => a.body.id);
      cleanup.push(...ids);
      expect(
        new Set(answers.filter(a => a.status === 201).map(a => a.body.name)),
      ).toEqual(new Set(names));

      const listed = (
        await api(jane).get('/clusters?hostCluster=bulk&limit=500')
      ).body.items as Cluster[];
      for (const name of names) {
        expect(listed.filter(c => c.name === name)).toHaveLength(1);
      }
      // every cluster gets its VCluster, one each
      const perId = async () => {
        const onHost = await clusterIdsOfVClusters(plane);
        return ids.map(id => onHost.filter(x => x === id).length);
      };
      const counts = await eventually(perId, c => c.every(n => n >= 1), {
        timeoutMs: 60_000,
      });
      expect(counts).toEqual(ids.map(() => 1));
      await deleteAll(api, ids);
      await eventually(perId, c => c.every(n => n === 0));
    });

    it('does not lose a cluster created while the host API server is unreachable; it runs once it is back', async () => {
      // cut before the create: the reconcile right after it finds the host unreachable
      await proxy.cut();
      const created = await api(jane).post('/clusters', {
        name: `${prefix}-out`,
        hostCluster: 'flaky',
        owner: JANE,
      });
      expect(created.status).toBe(201);
      const id = created.body.id;
      cleanup.push(id);
      // several reconcile cycles fail against the cut connection
      const seen: Cluster[] = [];
      const until = Date.now() + 5_000;
      while (Date.now() < until) {
        seen.push(await phaseOf(api, id));
        await new Promise(r => setTimeout(r, 500));
      }
      expect(
        seen.filter(
          c => !['Pending', 'Provisioning', 'Failed'].includes(c.phase),
        ),
      ).toEqual([]);
      // Failed only with a reason
      expect(
        seen.filter(
          c =>
            c.phase === 'Failed' &&
            !c.message &&
            !c.conditions?.some(x => x.message),
        ),
      ).toEqual([]);

      await proxy.restore();
      await reachPhase(api, id, 'Running');
      expect(await vclustersOf(plane, id)).toHaveLength(1);

      // and a delete while it is unreachable ends Deleted once it is back
      expect((await api(jane).delete(`/clusters/${id}`)).status).toBe(202);
      await proxy.cut();
      const during = new Set<string>();
      const until2 = Date.now() + 4_000;
      while (Date.now() < until2) {
        during.add((await phaseOf(api, id)).phase);
        await new Promise(r => setTimeout(r, 500));
      }
      expect(
        [...during].filter(p => p !== 'Deleting' && p !== 'Failed'),
      ).toEqual([]);
      await proxy.restore();
      await reachPhase(api, id, 'Deleted');
      await eventually(
        () => vclustersOf(plane, id),
        items => items.length === 0,
      );
    });
  },
);

describe.each(ENGINES)(
  'reliability: two backend instances on one $name database',
  engine => {
    const dbDir = mkdtempSync(join(tmpdir(), 'vc-rel2-db-'));
    const prefix = `rel2-${run}-${engine.short}`;
    let plane: TestPlane;
    const backends: Array<{ api: Api; stop: () => Promise<void> }> = [];
    const ids: string[] = [];

    const start = async () => {
      const backend = await startTestBackend({
        features: [
          virtualClustersPlugin,
          ...permissionTestFeatures,
          schedulerServiceFactory,
          databaseServiceFactory,
          mockServices.rootConfig.factory({
            data: {
              backend: { database: engine.config(dbDir, true) },
              permission: { enabled: true },
              virtualClusters: {
                hostClusters: [{ ...plane.hostClusterConfig('local'), limits }],
                reconcile,
              },
            },
          }),
        ],
      });
      const entry = { api: apiOf(backend.server), stop: () => backend.stop() };
      backends.push(entry);
      return entry;
    };

    beforeAll(async () => {
      plane = await getTestPlane();
      await engine.setUp(dbDir);
      await start();
      await start();
    });

    afterAll(async () => {
      const alive = backends[backends.length - 1];
      if (alive && ids.length) await deleteAll(alive.api, ids).catch(() => {});
      for (const backend of backends) await backend.stop().catch(() => {});
      await engine.tearDown(dbDir);
    });

    it('creates through both: each cluster is Running once, one VCluster each, no duplicate transitions; survives one instance stopping mid-provision', async () => {
      const [one, two] = backends;
      const made = await Promise.all(
        [one, two].map((b, i) =>
          b.api(jane).post('/clusters', {
            name: `${prefix}-i${i}`,
            hostCluster: 'local',
            owner: JANE,
          }),
        ),
      );
      for (const res of made) expect(res.status).toBe(201);
      ids.push(...made.map(res => res.body.id));
      // stored in the one database both use
      expect(await engine.stores(dbDir)).toContain(engine.store);
      // both instances see both clusters
      for (const b of [one, two]) {
        const names = (
          await b.api(jane).get('/clusters?limit=500')
        ).body.items.map((c: Cluster) => c.name);
        expect(names).toEqual(
          expect.arrayContaining([`${prefix}-i0`, `${prefix}-i1`]),
        );
      }

      // a third one, and the instance that took it stops at once: the other finishes it
      const third = await one.api(jane).post('/clusters', {
        name: `${prefix}-i2`,
        hostCluster: 'local',
        owner: JANE,
      });
      expect(third.status).toBe(201);
      ids.push(third.body.id);
      await one.stop();
      backends.splice(0, 1);

      for (const id of ids) {
        await eventually(
          () => phaseOf(two.api, id),
          c => c.phase === 'Running',
          {
            timeoutMs: 90_000,
          },
        );
        expect(await vclustersOf(plane, id)).toHaveLength(1);
      }
      // let a few more cycles of the surviving instance run over Running clusters
      await new Promise(r => setTimeout(r, 3_000));
      for (const id of ids) {
        const events = (await two.api(jane).get(`/clusters/${id}/events`)).body
          .items as LifecycleEvent[];
        const transitions = events
          .filter(e => e.type === 'phase-changed')
          .map(e => e.phase);
        expect(transitions).toEqual([...new Set(transitions)]);
        expect(transitions.filter(p => p === 'Running')).toHaveLength(1);
        expect(events.filter(e => e.type === 'created')).toHaveLength(1);
        expect(events.filter(e => e.type === 'provisioning')).toHaveLength(1);
        expect(await vclustersOf(plane, id)).toHaveLength(1);
      }

      await deleteAll(two.api, ids);
      ids.length = 0;
    });
  },
);
