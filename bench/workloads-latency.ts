/* eslint-disable no-console */
/**
 * Benchmark: latency of listing what runs inside one virtual cluster, three ways.
 *
 *   bash bench/run.sh workloads-latency [runs] [podCounts] [watch|list]   e.g. 30 10,100,1000 watch
 *
 * - ours: GET /api/virtual-clusters/clusters/:id/workloads (8 kinds, errors detected),
 *   answered from watches (`watch`, the default config) or by listing on every
 *   request (`list`, `virtualClusters.workloads.watch.enabled: false`); the first read
 *   of a cluster in watch mode costs about what a read in list mode costs
 * - official: POST /api/kubernetes/services/:serviceId of @backstage/plugin-kubernetes-backend
 *   in the same backend, which reaches the virtual cluster through our cluster supplier
 *   (@virtual-clusters/plugin-kubernetes-backend-module-virtual-clusters); it lists its
 *   default object types by the label backstage.io/kubernetes-id
 * - raw: the same 9 lists as ours (8 kinds and Events), in parallel, straight from
 *   @kubernetes/client-node
 *
 * The pods belong to one Deployment labelled for the official plugin. The stand-in's
 * virtual node takes 250 pods; beyond that they stay Pending, which still makes them
 * objects every variant lists.
 */
import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
} from '@kubernetes/client-node';
import { getTestPlane } from '@virtual-clusters/test-cluster';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure, ms, startBenchBackend, stats, until, USER } from './support';

const RUNS = Number(process.argv[2] ?? 30);
const COUNTS = (process.argv[3] ?? '10,100,1000').split(',').map(Number);
const MODE = process.argv[4] ?? 'watch';
if (MODE !== 'watch' && MODE !== 'list') {
  throw new Error(`mode must be watch or list, not ${MODE}`);
}
const SERVICE = 'bench-web';
/** The component whose pods the official plugin shows. */
const ENTITY = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: SERVICE,
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': SERVICE },
  },
  spec: { type: 'service', owner: USER, lifecycle: 'production' },
};

async function main() {
  const plane = await getTestPlane();
  const catalogFile = join(
    mkdtempSync(join(tmpdir(), 'bench-wl-')),
    'catalog.yaml',
  );
  writeFileSync(catalogFile, JSON.stringify(ENTITY));
  const api = await startBenchBackend(plane, {
    catalogFiles: [catalogFile],
    workloadsWatch: MODE === 'watch',
  });
  await until(
    'the component in the catalog',
    () =>
      api.get(`/catalog/entities/by-name/component/default/${SERVICE}`).then(
        () => true,
        () => false,
      ),
    found => found,
  );
  const name = `bench-wl-${Date.now().toString(36).slice(-5)}`;
  const created = await api.json<{ id: string }>(
    'POST',
    '/virtual-clusters/clusters',
    {
      name,
      hostCluster: 'local',
      owner: USER,
    },
  );
  const id = created.id;
  try {
    await until(
      `${name} Running`,
      () =>
        api.json<{ phase: string }>('GET', `/virtual-clusters/clusters/${id}`),
      c => c.phase === 'Running',
    );
    const kc = new KubeConfig();
    kc.loadFromString(
      await api.get(`/virtual-clusters/clusters/${id}/kubeconfig`),
    );
    const apps = kc.makeApiClient(AppsV1Api);
    const core = kc.makeApiClient(CoreV1Api);
    const batch = kc.makeApiClient(BatchV1Api);
    const labels = { app: SERVICE, 'backstage.io/kubernetes-id': SERVICE };
    await apps.createNamespacedDeployment({
      namespace: 'default',
      body: {
        metadata: { name: SERVICE, labels },
        spec: {
          replicas: 0,
          selector: { matchLabels: { app: SERVICE } },
          template: {
            metadata: { labels },
            spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
          },
        },
      },
    });

    const variants = {
      ours: async () => {
        const body = await api.get(
          `/virtual-clusters/clusters/${id}/workloads`,
        );
        return (JSON.parse(body) as { summary: { pods: number } }).summary.pods;
      },
      official: async () => {
        const body = await api.post(`/kubernetes/services/${SERVICE}`, {
          entity: ENTITY,
        });
        const items = JSON.parse(body).items as Array<{
          resources: Array<{ type: string; resources: unknown[] }>;
          errors: unknown[];
        }>;
        const mine = items.find(i => i.resources.length > 0);
        return (
          mine?.resources.find(r => r.type === 'pods')?.resources.length ?? 0
        );
      },
      raw: async () => {
        const [, , , , , pods] = await Promise.all([
          apps.listDeploymentForAllNamespaces(),
          apps.listStatefulSetForAllNamespaces(),
          apps.listDaemonSetForAllNamespaces(),
          batch.listJobForAllNamespaces(),
          batch.listCronJobForAllNamespaces(),
          core.listPodForAllNamespaces(),
          core.listServiceForAllNamespaces(),
          core.listPersistentVolumeClaimForAllNamespaces(),
          core.listEventForAllNamespaces(),
        ]);
        return pods.items.length;
      },
    };

    const rows: string[] = [];
    for (const count of COUNTS) {
      // a JSON patch, the client's default for patch calls
      await apps.patchNamespacedDeploymentScale({
        name: SERVICE,
        namespace: 'default',
        body: [{ op: 'replace', path: '/spec/replicas', value: count }],
      });
      await until(
        `${count} pods`,
        async () =>
          (
            await core.listNamespacedPod({
              namespace: 'default',
              labelSelector: `app=${SERVICE}`,
            })
          ).items.length,
        n => n === count,
        600_000,
      );
      // each variant must see the pods before it is timed
      for (const [variant, fn] of Object.entries(variants)) {
        await until(
          `${variant} to see ${count} pods`,
          fn,
          n => n >= count,
          120_000,
        );
      }
      const results: Record<string, ReturnType<typeof stats>> = {};
      for (const [variant, fn] of Object.entries(variants)) {
        results[variant] = stats(await measure(fn, RUNS));
      }
      const { ours, official, raw } = results;
      rows.push(
        `| ${count} | ${ms(ours.p50)} / ${ms(ours.p95)} | ${ms(
          official.p50,
        )} / ${ms(official.p95)} | ${ms(raw.p50)} / ${ms(raw.p95)} | ${(
          ours.p50 / official.p50
        ).toFixed(2)} | ${(ours.p50 / raw.p50).toFixed(2)} |`,
      );
      console.log(
        `${rows[rows.length - 1]}  (process RSS ${Math.round(
          process.memoryUsage().rss / 2 ** 20,
        )} MiB)`,
      );
    }
    console.log(
      `\n${RUNS} runs each after 3 warm-up runs; milliseconds, median / p95; ours in ${MODE} mode\n`,
    );
    console.log(
      `| pods | ours (${MODE}) | official kubernetes-backend | raw client-node | ours/official (p50) | ours/raw (p50) |`,
    );
    console.log('| --- | --- | --- | --- | --- | --- |');
    rows.forEach(r => console.log(r));
  } finally {
    await api.delete(`/virtual-clusters/clusters/${id}`).catch(() => undefined);
    await until(
      `${name} Deleted`,
      () =>
        api.json<{ phase: string }>('GET', `/virtual-clusters/clusters/${id}`),
      c => c.phase === 'Deleted',
    ).catch(e => console.error(String(e)));
    await api.backend.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
