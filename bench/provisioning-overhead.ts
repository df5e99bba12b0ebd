/* eslint-disable no-console */
/**
 * Benchmark: what the backend adds before the host starts its own work - the time from
 * the create request to the VCluster object existing on the host cluster.
 *
 *   bash bench/run.sh provisioning-overhead [creates]   e.g. 20
 *
 * The host is polled every 5 ms for the object. Clusters are created one at a time and
 * each is deleted (and gone) before the next, so at most one virtual control plane runs.
 */
import { CustomObjectsApi } from '@kubernetes/client-node';
import { getTestPlane } from '@virtual-clusters/test-cluster';
import { ms, startBenchBackend, stats, until, USER } from './support';

const CREATES = Number(process.argv[2] ?? 20);

async function main() {
  const plane = await getTestPlane();
  const api = await startBenchBackend(plane);
  const objects = plane.hostKubeConfig.makeApiClient(CustomObjectsApi);
  const exists = (name: string) =>
    objects
      .getNamespacedCustomObject({
        group: 'infrastructure.cluster.x-k8s.io',
        version: 'v1alpha1',
        namespace: `vc-${name}`,
        plural: 'vclusters',
        name,
      })
      .then(
        () => true,
        () => false,
      );
  const toResponse: number[] = [];
  const toObject: number[] = [];
  const run = Date.now().toString(36).slice(-4);
  try {
    for (let i = 0; i < CREATES; i++) {
      const name = `bench-po-${run}-${i}`;
      const start = process.hrtime.bigint();
      const created = api.json<{ id: string }>(
        'POST',
        '/virtual-clusters/clusters',
        { name, hostCluster: 'local', owner: USER },
      );
      let responded: number | undefined;
      created.then(() => {
        responded = Number(process.hrtime.bigint() - start) / 1e6;
      });
      while (!(await exists(name))) {
        await new Promise(r => setTimeout(r, 5));
      }
      toObject.push(Number(process.hrtime.bigint() - start) / 1e6);
      const { id } = await created;
      toResponse.push(responded!);
      await api.delete(`/virtual-clusters/clusters/${id}`);
      await until(
        `${name} Deleted`,
        () =>
          api.json<{ phase: string }>(
            'GET',
            `/virtual-clusters/clusters/${id}`,
          ),
        c => c.phase === 'Deleted',
      );
    }
  } finally {
    await api.backend.stop();
  }
  const response = stats(toResponse);
  const object = stats(toObject);
  console.log(`\n${CREATES} creates, one at a time; milliseconds\n`);
  console.log('| measured | p50 | p95 | mean |');
  console.log('| --- | --- | --- | --- |');
  console.log(
    `| POST /clusters answered (201) | ${ms(response.p50)} | ${ms(
      response.p95,
    )} | ${ms(response.mean)} |`,
  );
  console.log(
    `| VCluster object on the host | ${ms(object.p50)} | ${ms(
      object.p95,
    )} | ${ms(object.mean)} |`,
  );
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
