/**
 * The local Kubernetes control plane for tests: a real kube-apiserver with etcd,
 * controller-manager, scheduler and kwok fake nodes, and a stand-in for
 * cluster-api-provider-vcluster and the vcluster chart that serves a real virtual
 * kube-apiserver per `VCluster` object. No containers run.
 *
 * @packageDocumentation
 */

import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A running local control plane. */
export interface TestPlane {
  /** Admin access to the host cluster. */
  hostKubeConfig: KubeConfig;
  /** Path of the host admin kubeconfig file. */
  kubeconfigPath: string;
  /** The kubectl built with the plane. */
  kubectlPath: string;
  /** https://127.0.0.1:<port> of the host API server. */
  server: string;
  /** Waits until a VCluster reports ready. */
  waitForVirtualCluster(
    namespace: string,
    name: string,
    timeoutMs?: number,
  ): Promise<void>;
  /**
   * Admin access to a virtual cluster, from the Secret `<name>-kubeconfig` the provider
   * writes with the endpoint it discovered (Secret `vc-<name>` points at localhost:8443).
   */
  virtualKubeConfig(namespace: string, name: string): Promise<KubeConfig>;
  /**
   * The plane's second host cluster, which has Cluster API's Cluster CRD installed (so
   * the provider acts only on VClusters a Cluster owns).
   */
  capiHost: { kubeConfig: KubeConfig; kubeconfigPath: string; server: string };
  /** Runs kubectl with a kubeconfig (the host's by default); returns stdout. */
  kubectl(args: string[], options?: { kubeconfig?: string }): string;
  /**
   * Access to the first host as ServiceAccount `namespace/name` (which must exist), with
   * a token of ten minutes, for tests of what a less privileged caller may do.
   */
  serviceAccountKubeConfig(
    namespace: string,
    name: string,
  ): Promise<KubeConfig>;
  /** The plane's NGINX ingress controllers on the first host, with their wildcard domains. */
  ingress: PlaneIngressController[];
  /**
   * URL of the plane's Helm chart repository (http://127.0.88.1:8080), serving the test
   * charts of test/cluster/charts at the versions charts/versions lists:
   * `hello-profile` 1.0.0 and 1.1.0, `team-config` 0.1.0.
   */
  chartRepository: string;
  /**
   * An app-config `virtualClusters.hostClusters[]` entry for the first host (or the one
   * with Cluster API), reached with the admin kubeconfig: spread a test's own settings
   * over it.
   */
  hostClusterConfig(
    name?: string,
    host?: 'first' | 'capi',
  ): PlaneHostClusterConfig;
  /**
   * Whether the machine outside this run's mount namespace resolves `name` (it should
   * not resolve the plane's wildcard names; see plane-dns.sh). Throws when this process
   * does not run inside the plane's DNS namespace.
   */
  resolvesOutside(name: string): boolean;
}

/** The part of a host cluster's app-config that says where the host is and how to log in. */
export type PlaneHostClusterConfig = {
  name: string;
  url: string;
  auth: { type: 'kubeconfig'; kubeconfigPath: string };
};

/** One of the plane's NGINX ingress controllers (test/cluster/src/ingress). */
export interface PlaneIngressController {
  name: string;
  ingressClassName: string;
  /** The loopback address NGINX listens on, and the wildcard name resolves to. */
  address: string;
  /** `*.<wildcardDomain>` resolves to `address` inside the run's processes. */
  wildcardDomain: string;
  /** Started with `--enable-ssl-passthrough`. */
  sslPassthrough: boolean;
}

/**
 * Fails with a clear message unless this process runs where the plane's wildcard names
 * resolve (scripts/test.sh, scripts/demo.sh and scripts/plane-shell.sh arrange it).
 */
export function requirePlaneDns(): string {
  const outer = process.env.VC_PLANE_DNS_OUTER_PID;
  if (!outer) {
    throw new Error(
      "this test needs the plane's wildcard DNS: run it inside `bash scripts/plane-shell.sh` (or through scripts/test.sh)",
    );
  }
  return outer;
}

/** The plane's state folder, shared with `plane.sh` through VC_PLANE_STATE. */
export function planeStateDir(): string {
  return process.env.VC_PLANE_STATE ?? '/tmp/virtual-clusters-plane';
}

// test helper of this repository, never bundled: the script sits beside src/
// eslint-disable-next-line no-restricted-syntax
const PLANE_SCRIPT = resolve(__dirname, '..', 'plane.sh');

/**
 * Returns the running plane. When none runs, starts it with `plane.sh start` (which
 * is idempotent) and leaves it running for the rest of the test run; the repository's
 * test script stops it.
 */
export async function getTestPlane(): Promise<TestPlane> {
  const state = planeStateDir();
  const file = join(state, 'plane.json');
  if (!existsSync(file)) {
    execFileSync('bash', [PLANE_SCRIPT, 'start'], {
      stdio: 'inherit',
      env: { ...process.env, VC_PLANE_STATE: state },
    });
  }
  const plane = JSON.parse(readFileSync(file, 'utf8'));
  const hostKubeConfig = new KubeConfig();
  hostKubeConfig.loadFromFile(plane.kubeconfig);
  const custom = hostKubeConfig.makeApiClient(CustomObjectsApi);
  const core = hostKubeConfig.makeApiClient(CoreV1Api);
  const capi = (
    plane.hosts as Array<{ name: string; kubeconfig: string; server: string }>
  ).find(h => h.name === 'capi')!;
  const capiKubeConfig = new KubeConfig();
  capiKubeConfig.loadFromFile(capi.kubeconfig);

  return {
    hostKubeConfig,
    kubeconfigPath: plane.kubeconfig,
    kubectlPath: plane.kubectl,
    server: plane.server,
    capiHost: {
      kubeConfig: capiKubeConfig,
      kubeconfigPath: capi.kubeconfig,
      server: capi.server,
    },
    hostClusterConfig(name = 'local', host = 'first') {
      const { server, kubeconfigPath } =
        host === 'capi'
          ? { server: capi.server, kubeconfigPath: capi.kubeconfig }
          : { server: plane.server, kubeconfigPath: plane.kubeconfig };
      return {
        name,
        url: server,
        auth: { type: 'kubeconfig', kubeconfigPath },
      };
    },
    async waitForVirtualCluster(namespace, name, timeoutMs = 90_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        try {
          const vc = (await custom.getNamespacedCustomObject({
            group: 'infrastructure.cluster.x-k8s.io',
            version: 'v1alpha1',
            plural: 'vclusters',
            namespace,
            name,
          })) as { status?: { ready?: boolean } };
          if (vc.status?.ready) return;
        } catch {
          // not there yet
        }
        if (Date.now() > until) {
          throw new Error(
            `VCluster ${namespace}/${name} not ready after ${timeoutMs} ms`,
          );
        }
        await new Promise(r => setTimeout(r, 500));
      }
    },
    async virtualKubeConfig(namespace, name) {
      const secret = await core.readNamespacedSecret({
        name: `${name}-kubeconfig`,
        namespace,
      });
      const kc = new KubeConfig();
      kc.loadFromString(
        Buffer.from(secret.data!.value, 'base64').toString('utf8'),
      );
      return kc;
    },
    async serviceAccountKubeConfig(namespace, name) {
      const { status } = await core.createNamespacedServiceAccountToken({
        name,
        namespace,
        body: { spec: { audiences: [], expirationSeconds: 600 } },
      });
      const host = hostKubeConfig.getCurrentCluster()!;
      const kc = new KubeConfig();
      kc.loadFromOptions({
        clusters: [host],
        users: [{ name, token: status!.token }],
        contexts: [{ name, cluster: host.name, user: name }],
        currentContext: name,
      });
      return kc;
    },
    ingress: plane.ingress ?? [],
    chartRepository: plane.chartRepository,
    resolvesOutside(name) {
      const outer = requirePlaneDns();
      try {
        execFileSync(
          'nsenter',
          [`--mount=/proc/${outer}/ns/mnt`, 'getent', 'hosts', name],
          { stdio: 'pipe', timeout: 10_000 },
        );
        return true;
      } catch (error) {
        // getent: 2 = not found; anything else (nsenter failing) is a real error
        if ((error as { status?: number }).status === 2) return false;
        throw error;
      }
    },
    kubectl(args, options = {}) {
      return execFileSync(
        plane.kubectl,
        ['--kubeconfig', options.kubeconfig ?? plane.kubeconfig, ...args],
        {
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
    },
  };
}

/**
 * Polls `fn` until `check` accepts its value (errors count as not yet), or throws after
 * `timeoutMs` with the last value.
 */
export async function eventually<T>(
  fn: () => Promise<T>,
  check: (value: T) => boolean,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const { timeoutMs = 90_000, intervalMs = 500 } = options;
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined && check(value)) return value;
    if (Date.now() > until) {
      throw new Error(
        `condition not met in ${timeoutMs} ms; last ${JSON.stringify(
          value,
        )?.slice(0, 500)}`,
      );
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

export { authWithActorsFactory } from './authWithActors';
export { chartDefaults } from './standin/chart/defaults';
export {
  CONTAINER_TICK_LINE,
  containerStartLines,
  containerTickLine,
  LOG_TICK_MS,
  type LoggedContainer,
} from './standin/containerLogs';
