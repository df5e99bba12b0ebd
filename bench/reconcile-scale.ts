/* eslint-disable no-console */
/**
 * Benchmark: one reconcile cycle over many virtual clusters on the local control plane.
 *
 *   bash bench/run.sh reconcile-scale [count] [hostClusters]
 *
 * Creates `count` VCluster objects (ignored by the stand-in, so no control planes
 * start) and as many store records, then runs reconcile cycles and prints wall time,
 * Kubernetes API calls per cycle and backend memory.
 */
import { ConfigReader } from '@backstage/config';
import {
  KubernetesObjectApi,
  PatchStrategy,
  CoreV1Api,
} from '@kubernetes/client-node';
import { getTestPlane } from '@virtual-clusters/test-cluster';
import knexFactory from 'knex';
import { readVirtualClustersConfig } from '../plugins/virtual-clusters-backend/src/config';
import { HostClusterRegistry } from '../plugins/virtual-clusters-backend/src/hosts/HostClusterRegistry';
import { ClusterApiProvisioner } from '../plugins/virtual-clusters-backend/src/provisioner/ClusterApiProvisioner';
import { LifecycleReconciler } from '../plugins/virtual-clusters-backend/src/reconciler/LifecycleReconciler';
import { DatabaseVirtualClusterStore } from '../plugins/virtual-clusters-backend/src/store/DatabaseVirtualClusterStore';

const COUNT = Number(process.argv[2] ?? 1000);
const HOSTS = Number(process.argv[3] ?? 3);
const NS = 'bench-scale';

const logger = {
  info() {},
  warn: (m: string) => console.warn(m),
  error: (m: string) => console.error(m),
  debug() {},
  child() {
    return logger;
  },
} as any;

async function main() {
  const plane = await getTestPlane();
  const kc = plane.hostKubeConfig;
  const core = kc.makeApiClient(CoreV1Api);
  const objects = KubernetesObjectApi.makeApiClient(kc);
  await core
    .createNamespace({ body: { metadata: { name: NS } } })
    .catch(() => undefined);

  const database = process.env.BENCH_DATABASE_URL
    ? knexFactory({ client: 'pg', connection: process.env.BENCH_DATABASE_URL })
    : knexFactory({
        client: 'better-sqlite3',
        connection: ':memory:',
        useNullAsDefault: true,
      });
  const store = await DatabaseVirtualClusterStore.create({
    database: {
      getClient: async () => database,
      migrations: { skip: false },
    } as any,
  });

  const settings = readVirtualClustersConfig(
    new ConfigReader({
      virtualClusters: {
        hostClusters: Array.from({ length: HOSTS }, (_, i) =>
          plane.hostClusterConfig(`host-${i}`),
        ),
      },
    }),
  );
  let calls = 0;
  const hosts = HostClusterRegistry.create(settings.hostClusters);
  for (const host of hosts.list()) {
    const original =
      host.connection.kubeConfig.applySecurityAuthentication.bind(
        host.connection.kubeConfig,
      );
    host.connection.kubeConfig.applySecurityAuthentication = async context => {
      calls++;
      return original(context);
    };
  }

  console.log(
    `creating ${COUNT} VCluster objects and records across ${HOSTS} host names…`,
  );
  const started = Date.now();
  const now = new Date().toISOString();
  for (let i = 0; i < COUNT; i++) {
    const name = `b${i}`;
    const id = `bench-${i}`;
    await objects.patch(
      {
        apiVersion: 'infrastructure.cluster.x-k8s.io/v1alpha1',
        kind: 'VCluster',
        metadata: {
          name,
          namespace: NS,
          labels: {
            'virtual-clusters.dev/managed-by': 'backstage-virtual-clusters',
            'virtual-clusters.dev/cluster-id': id,
          },
          annotations: { 'standin.virtual-clusters.dev/ignore': 'true' },
        },
        spec: {
          helmRelease: {
            chart: { name: 'vcluster', version: '0.32.0' },
            values: '',
          },
        },
      } as any,
      undefined,
      undefined,
      'bench',
      true,
      PatchStrategy.ServerSideApply,
    );
    await store.insert({
      id,
      name,
      hostCluster: `host-${i % HOSTS}`,
      namespace: NS,
      owner: 'group:default/bench',
      relatedEntityRefs: [],
      spec: {
        distro: 'k3s',
        kubernetesVersion: '1.33',
        chartVersion: '0.32.0',
        exposure: { type: 'LoadBalancer' },
      },
      desiredState: 'running',
      phase: 'Provisioning',
      conditions: [],
      generation: 1,
      observedGeneration: 0,
      version: 1,
      createdBy: 'user:default/bench',
      createdAt: now,
      updatedAt: now,
      phaseChangedAt: now,
      attempts: 0,
    });
  }
  console.log(`set-up in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const reconciler = LifecycleReconciler.create({
    store,
    hosts,
    provisioners: new Map([
      ['cluster-api', ClusterApiProvisioner.create({ logger })],
    ]),
    logger,
  });
  const rows: string[] = [];
  for (let cycle = 1; cycle <= 3; cycle++) {
    calls = 0;
    const stats = await reconciler.reconcileAll();
    const rss = process.memoryUsage().rss / 1024 / 1024;
    rows.push(
      `| ${cycle} | ${COUNT} | ${HOSTS} | ${stats.durationMs} | ${calls} | ${
        stats.errors
      } | ${rss.toFixed(0)} |`,
    );
  }
  console.log(
    '\n| cycle | clusters | host clusters | wall ms | API calls | errors | RSS MiB |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  rows.forEach(r => console.log(r));
  console.log(
    '\nAPI calls are 3 list calls per host cluster per cycle, whatever the cluster count.',
  );

  await core.deleteNamespace({ name: NS });
  await database.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
