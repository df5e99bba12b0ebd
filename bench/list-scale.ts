/* eslint-disable no-console */
/**
 * Benchmark: the list API over many stored clusters on PostgreSQL.
 *
 *   bash bench/run.sh list-scale [clusters] [requests]   e.g. 10000 200
 *
 * Creates a throwaway database on 127.0.0.1:5432 (BENCH_PG, trust auth, user postgres),
 * starts the backend on it, stores `clusters` records straight through the plugin's
 * store (no virtual control planes), times GET /clusters variants right after the
 * load and after ANALYZE (what autovacuum does within a minute), and prints the
 * process's memory. The database is dropped at the end.
 */
import { getTestPlane } from '@virtual-clusters/test-cluster';
import knexFactory from 'knex';
import { DatabaseVirtualClusterStore } from '../plugins/virtual-clusters-backend/src/store/DatabaseVirtualClusterStore';
import { testRecord } from '../plugins/virtual-clusters-backend/src/__testUtils__/records';
import { measure, ms, startBenchBackend, stats, USER } from './support';

const CLUSTERS = Number(process.argv[2] ?? 10000);
const REQUESTS = Number(process.argv[3] ?? 200);
const SERVER = process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const OWNERS = 50;

async function main() {
  const database = `bench_list_${Date.now().toString(36)}`;
  const admin = knexFactory({ client: 'pg', connection: `${SERVER}/postgres` });
  await admin.raw(`CREATE DATABASE ${database}`);
  const plane = await getTestPlane();
  // the reconciler stays out of the way: these clusters exist only in the store
  const api = await startBenchBackend(plane, {
    databaseUrl: `${SERVER}/${database}`,
    reconcileSeconds: 3600,
  });
  const db = knexFactory({
    client: 'pg',
    connection: `${SERVER}/${database}`,
    searchPath: ['virtual-clusters'],
  });
  try {
    const store = await DatabaseVirtualClusterStore.create({
      database: {
        getClient: async () => db,
        migrations: { skip: true },
      } as any,
    });
    const started = Date.now();
    for (let i = 0; i < CLUSTERS; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, CLUSTERS - i) }, (_, j) => {
          const n = i + j;
          return store.insert(
            testRecord(`c${n}`, {
              id: `bench-list-${n}`,
              owner:
                n % OWNERS === 0 ? USER : `group:default/team-${n % OWNERS}`,
              relatedEntityRefs: [`component:default/svc-${n % 500}`],
              phase: n % 10 === 0 ? 'Paused' : 'Running',
              observedGeneration: 1,
              createdBy: USER,
            }),
          );
        }),
      );
    }
    console.log(
      `stored ${CLUSTERS} clusters in ${((Date.now() - started) / 1000).toFixed(
        1,
      )} s`,
    );

    const variants: Array<[string, string]> = [
      ['first page (default size)', '/virtual-clusters/clusters'],
      ['page of 100', '/virtual-clusters/clusters?limit=100'],
      [
        'by owner (200 matches)',
        `/virtual-clusters/clusters?owner=${encodeURIComponent(USER)}`,
      ],
      [
        'by entity (20 matches)',
        `/virtual-clusters/clusters?entityRef=${encodeURIComponent(
          'component:default/svc-7',
        )}`,
      ],
      [
        'by phase Paused, page of 100',
        '/virtual-clusters/clusters?phase=Paused&limit=100',
      ],
    ];
    // PostgreSQL plans by table statistics, which autovacuum gathers within about a
    // minute of a bulk load; right after it, a join can be planned as if the table
    // were empty. Both are measured.
    const rows: string[] = [];
    const results: Record<string, Array<ReturnType<typeof stats>>> = {};
    for (const moment of ['right after loading', 'after ANALYZE']) {
      if (moment === 'after ANALYZE') await db.raw('ANALYZE');
      for (const [label, path] of variants) {
        const s = stats(await measure(() => api.get(path), REQUESTS, 10));
        (results[label] ??= []).push(s);
      }
    }
    for (const [label, [fresh, analyzed]] of Object.entries(results)) {
      rows.push(
        `| ${label} | ${ms(analyzed.p50)} | ${ms(analyzed.p95)} | ${ms(
          fresh.p50,
        )} / ${ms(fresh.p95)} |`,
      );
    }
    const rss = process.memoryUsage().rss / 1024 / 1024;
    console.log(
      `\n${CLUSTERS} stored clusters on PostgreSQL, ${REQUESTS} requests each; milliseconds\n`,
    );
    console.log('| GET /clusters | p50 | p95 | before statistics: p50 / p95 |');
    console.log('| --- | --- | --- | --- |');
    rows.forEach(r => console.log(r));
    console.log(`\nbackend process RSS: ${rss.toFixed(0)} MiB`);
  } finally {
    await api.backend.stop();
    await db.destroy();
    await admin.raw(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.destroy();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
