/* eslint-disable no-console */
/**
 * What the HTTP benchmarks share: a backend with the virtual-clusters plugin and the
 * official Kubernetes backend (fed by our cluster supplier) on the local control
 * plane, a client acting as a user, and percentile arithmetic.
 */
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  authWithActorsFactory,
  TestPlane,
} from '@virtual-clusters/test-cluster';

/** The user every benchmark request is made as. */
export const USER = 'user:default/bench';

/** Median, p95 and mean of a list of milliseconds. */
export function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return {
    p50: at(0.5),
    p95: at(0.95),
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
  };
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times; milliseconds per run. */
export async function measure(
  fn: () => Promise<unknown>,
  runs: number,
  warmup = 3,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

/** `1.23` style milliseconds for tables. */
export const ms = (n: number) => n.toFixed(1);

/**
 * Starts the virtual-clusters plugin, the official Kubernetes backend with our
 * cluster supplier module (and the catalog when given files), and the real scheduler on the plane as host cluster
 * `local`; the database is SQLite in memory unless `databaseUrl` (PostgreSQL) is set.
 */
export async function startBenchBackend(
  plane: TestPlane,
  options: {
    databaseUrl?: string;
    reconcileSeconds?: number;
    /** Catalog files the backend's catalog reads (the official plugin looks entities up). */
    catalogFiles?: string[];
    /** Serve workloads from watches (the default) or list on every request. */
    workloadsWatch?: boolean;
  } = {},
) {
  const backend = await startTestBackend({
    features: [
      import('@virtual-clusters/plugin-virtual-clusters-backend'),
      import('@backstage/plugin-kubernetes-backend'),
      import(
        '@virtual-clusters/plugin-kubernetes-backend-module-virtual-clusters'
      ),
      ...(options.catalogFiles
        ? [import('@backstage/plugin-catalog-backend')]
        : []),
      authWithActorsFactory,
      schedulerServiceFactory,
      ...(options.databaseUrl ? [databaseServiceFactory] : []),
      mockServices.rootConfig.factory({
        data: {
          backend: options.databaseUrl
            ? {
                database: {
                  client: 'pg',
                  connection: options.databaseUrl,
                  pluginDivisionMode: 'schema',
                },
              }
            : {},
          catalog: {
            rules: [{ allow: ['Component'] }],
            locations: (options.catalogFiles ?? []).map(target => ({
              type: 'file',
              target,
            })),
          },
          kubernetes: {
            serviceLocatorMethod: { type: 'multiTenant' },
            clusterLocatorMethods: [{ type: 'config', clusters: [] }],
          },
          virtualClusters: {
            hostClusters: [
              {
                ...plane.hostClusterConfig('local'),
                limits: { maxVirtualClusters: 100000, perOwner: 100000 },
              },
            ],
            reconcile: {
              schedule: {
                frequency: { seconds: options.reconcileSeconds ?? 1 },
                timeout: { minutes: 1 },
              },
            },
            workloads: {
              watch: { enabled: options.workloadsWatch ?? true },
            },
          },
        },
      }),
    ],
  });
  const baseUrl = `http://localhost:${backend.server.port()}`;
  const authorization = mockCredentials.user.header(USER);
  async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: { authorization, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) {
      throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    }
    return text;
  }
  return {
    backend,
    baseUrl,
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown) => call('POST', path, body),
    delete: (path: string) => call('DELETE', path),
    json: async <T>(method: string, path: string, body?: unknown) =>
      JSON.parse(await call(method, path, body)) as T,
  };
}

/** Polls `fn` until `done` says yes, or throws after `timeoutMs`. */
export async function until<T>(
  what: string,
  fn: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 180_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 500));
  }
}
