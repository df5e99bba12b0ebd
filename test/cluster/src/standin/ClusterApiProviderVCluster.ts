import {
  ApiextensionsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { request } from 'node:https';
import { parse, stringify } from 'yaml';
import { Helm } from './chart/helm.ts';
import { apiErrorMessage, ignoreStatus } from './errors.ts';
import type { HostNetwork } from './network.ts';

const GROUP = 'infrastructure.cluster.x-k8s.io';
const VERSION = 'v1alpha1';
const PLURAL = 'vclusters';
/** controllers/vcluster_controller.go (CAPVC v0.2.2) CleanupFinalizer. */
const FINALIZER = 'vcluster.loft.sh/cleanup';
/** VClusters with this annotation set to "true" are left alone (benchmarks create many). */
export const IGNORE = 'standin.virtual-clusters.dev/ignore';
const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

interface Condition {
  type: string;
  status: string;
  severity?: string;
  reason?: string;
  message?: string;
  lastTransitionTime: string;
}

interface VCluster {
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    generation: number;
    resourceVersion: string;
    deletionTimestamp?: string;
    finalizers?: string[];
    annotations?: Record<string, string>;
    ownerReferences?: Array<{ kind: string }>;
  };
  spec?: {
    controlPlaneEndpoint?: { host?: string; port?: number };
    helmRelease?: {
      values?: string;
      chart?: { name?: string; repo?: string; version?: string };
    };
  };
  status?: {
    ready?: boolean;
    initialized?: boolean;
    phase?: string;
    reason?: string;
    message?: string;
    conditions?: Condition[];
    observedGeneration?: number;
  };
}

/** A reconcile that returned an error (already written into the status). */
class ReconcileError extends Error {}

/** How long until the next reconcile of one VCluster (CAPVC: 5 s not ready, 1 min healthy). */
export interface Requeue {
  notReadyMs: number;
  healthyMs: number;
}

const log = (message: string) =>
  process.stdout.write(`[capvc ${new Date().toISOString()}] ${message}\n`);

/** An HTTPS GET with the vcluster's client certificate and no server verification (CAPVC does the same). */
function get(
  url: string,
  address: string,
  auth: { cert: Buffer; key: Buffer },
): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: address,
        servername: /^[\d.]+$/.test(target.hostname)
          ? undefined
          : target.hostname,
        port: Number(target.port || 443),
        path: target.pathname,
        rejectUnauthorized: false,
        cert: auth.cert,
        key: auth.key,
        timeout: 10_000,
      },
      res => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', c => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`${url}: timeout`)));
    req.end();
  });
}

/**
 * A model of cluster-api-provider-vcluster v0.2.2 (controllers/vcluster_controller.go),
 * reconciling one VCluster at a time: deletion (helm delete, PVC, finalizer), the CAPI
 * owner rule, the finalizer, `helm upgrade --install` when the generation moved or the
 * chart is not deployed, the kubeconfig sync (Secret `vc-<name>` → endpoint discovery
 * → Secret `<name>-kubeconfig`), `/readyz` at the endpoint, and the status and
 * conditions as its patch helper writes them. Requeues as it does, with the delays
 * given (short in tests, never zero); any change to the object reconciles at once (its
 * watch).
 */
export class ClusterApiProviderVCluster {
  readonly #custom: CustomObjectsApi;
  readonly #core: CoreV1Api;
  readonly #crds: ApiextensionsV1Api;
  readonly #helm: Helm;
  readonly #network: HostNetwork;
  readonly #requeue: Requeue;
  /** Decided once at start, as SetupWithManager does with util.KindExists. */
  #clusterKindExists?: boolean;
  readonly #seen = new Map<string, { resourceVersion: string; due: number }>();
  readonly #busy = new Set<string>();
  /** controller-runtime's per-object backoff after errors: 5 ms doubling up to 1000 s. */
  readonly #failures = new Map<string, number>();

  constructor(host: KubeConfig, network: HostNetwork, requeue: Requeue) {
    this.#custom = host.makeApiClient(CustomObjectsApi);
    this.#core = host.makeApiClient(CoreV1Api);
    this.#crds = host.makeApiClient(ApiextensionsV1Api);
    this.#helm = new Helm(host);
    this.#network = network;
    this.#requeue = requeue;
  }

  async #kindExists(): Promise<boolean> {
    if (this.#clusterKindExists === undefined) {
      const crd = await this.#crds
        .readCustomResourceDefinition({ name: 'clusters.cluster.x-k8s.io' })
        .catch(ignoreStatus(404));
      this.#clusterKindExists = !!crd?.spec.versions.some(
        v => v.name === 'v1beta1' && v.served,
      );
      log(
        `Cluster API Cluster kind ${
          this.#clusterKindExists ? 'found' : 'not found'
        }`,
      );
    }
    return this.#clusterKindExists;
  }

  /** Reconciles the VClusters whose object changed or whose requeue is due. */
  async reconcileAll(): Promise<void> {
    const list = (await this.#custom.listClusterCustomObject({
      group: GROUP,
      version: VERSION,
      plural: PLURAL,
    })) as { items: VCluster[] };
    const now = Date.now();
    const present = new Set<string>();
    const due = list.items.filter(vc => {
      if (vc.metadata.annotations?.[IGNORE] === 'true') return false;
      const key = `${vc.metadata.namespace}/${vc.metadata.name}`;
      present.add(key);
      const seen = this.#seen.get(key);
      return (
        !this.#busy.has(key) &&
        (!seen ||
          seen.resourceVersion !== vc.metadata.resourceVersion ||
          seen.due <= now)
      );
    });
    for (const key of this.#seen.keys())
      if (!present.has(key)) this.#seen.delete(key);
    await Promise.all(
      due.map(async vc => {
        const key = `${vc.metadata.namespace}/${vc.metadata.name}`;
        this.#busy.add(key);
        let after: number | undefined;
        try {
          after = await this.#reconcile(vc);
          this.#failures.delete(key);
        } catch (error) {
          if (!(error instanceof ReconcileError))
            log(`${key}: ${apiErrorMessage(error)}`);
          const failures = (this.#failures.get(key) ?? 0) + 1;
          this.#failures.set(key, failures);
          after = Math.min(5 * 2 ** (failures - 1), 1_000_000);
        } finally {
          this.#busy.delete(key);
        }
        // the object as it is now (our own writes change its resourceVersion)
        const current = (await this.#custom
          .getNamespacedCustomObject({
            group: GROUP,
            version: VERSION,
            plural: PLURAL,
            namespace: vc.metadata.namespace,
            name: vc.metadata.name,
          })
          .catch(() => undefined)) as VCluster | undefined;
        if (!current) return;
        this.#seen.set(key, {
          resourceVersion: current.metadata.resourceVersion,
          due: after === undefined ? Infinity : Date.now() + after,
        });
      }),
    );
  }

  /** One Reconcile; resolves the requeue delay, or undefined for none. */
  async #reconcile(vc: VCluster): Promise<number | undefined> {
    const { name, namespace } = vc.metadata;
    if (vc.metadata.deletionTimestamp) {
      await this.#delete(vc);
      return undefined;
    }
    if (
      (await this.#kindExists()) &&
      !(vc.metadata.ownerReferences ?? []).some(o => o.kind === 'Cluster')
    ) {
      // "take no action until the OwnerReference appears" (CAPI contract); no requeue
      return undefined;
    }
    if (!vc.metadata.finalizers?.includes(FINALIZER)) {
      await this.#patch(vc, {
        metadata: {
          finalizers: [...(vc.metadata.finalizers ?? []), FINALIZER],
        },
      });
    }
    const status = structuredClone(vc.status ?? {});
    const conditions = new Map((status.conditions ?? []).map(c => [c.type, c]));
    const setCondition = (c: Omit<Condition, 'lastTransitionTime'>) => {
      const before = conditions.get(c.type);
      conditions.set(c.type, {
        ...c,
        lastTransitionTime:
          before?.status === c.status
            ? before.lastTransitionTime
            : new Date().toISOString(),
      });
    };
    const finish = async (ok: boolean) => {
      // the patch helper: Ready summarises KubeconfigReady and ControlPlaneInitialized
      // (pkg/util/conditions/getter.go summary + merge.go: the group of the highest
      // priority decides; absent conditions are not counted; none at all leaves Ready)
      const inScope = ['ControlPlaneInitialized', 'KubeconfigReady']
        .map(t => conditions.get(t))
        .filter((c): c is Condition => !!c);
      if (inScope.length) {
        // merge.go: False/Error, False/Warning, False/Info, True, Unknown
        const order = ['False/Error', 'False/Warning', 'False/Info', 'True/'];
        const rank = (c: Condition) => {
          const at = order.indexOf(
            `${c.status}/${c.status === 'True' ? '' : c.severity ?? 'Info'}`,
          );
          return at === -1 ? order.length : at;
        };
        const top = [...inScope].sort((a, b) => rank(a) - rank(b))[0];
        setCondition(
          top.status === 'True'
            ? { type: 'Ready', status: 'True' }
            : {
                type: 'Ready',
                status: top.status,
                severity: top.severity,
                reason: top.reason,
                message: top.message,
              },
        );
      }
      // reconcilePhase
      let phase = 'Pending';
      if (
        status.ready &&
        conditions.get('ControlPlaneInitialized')?.status === 'True'
      ) {
        phase = 'Deployed';
      }
      let reason: string | undefined;
      let message: string | undefined;
      for (const c of conditions.values()) {
        if (c.status === 'False' && c.severity === 'Error') {
          phase = 'Failed';
          reason = c.reason;
          message = c.message;
        }
      }
      const body = {
        status: {
          ...status,
          phase,
          reason: reason ?? null,
          message: message ?? null,
          conditions: [...conditions.values()],
          ...(ok ? { observedGeneration: vc.metadata.generation } : {}),
        },
      };
      await this.#custom.patchNamespacedCustomObjectStatus(
        {
          group: GROUP,
          version: VERSION,
          plural: PLURAL,
          namespace,
          name,
          body,
        },
        merge,
      );
    };

    // redeployIfNeeded
    const deployed = conditions.get('HelmChartDeployed')?.status === 'True';
    if (vc.metadata.generation !== status.observedGeneration || !deployed) {
      const chart = vc.spec?.helmRelease?.chart ?? {};
      try {
        if (!chart.version) {
          throw new Error('empty value of the .spec.HelmRelease.Version field');
        }
        await this.#helm.upgradeInstall({
          name,
          namespace,
          repo: chart.repo || 'https://charts.loft.sh',
          chart: chart.name || 'vcluster',
          version: chart.version,
          values: vc.spec?.helmRelease?.values ?? '',
        });
        setCondition({ type: 'HelmChartDeployed', status: 'True' });
        conditions.delete('KubeconfigReady');
      } catch (error) {
        const text =
          `error installing / upgrading vcluster: error executing helm upgrade: ${apiErrorMessage(
            error,
          )}`.slice(0, 512);
        log(`${namespace}/${name}: ${text}`);
        setCondition({
          type: 'HelmChartDeployed',
          status: 'False',
          severity: 'Error',
          reason: 'HelmDeployFailed',
          message: text,
        });
        await finish(false);
        // RequeueAfter 5 s together with the error: the error's backoff applies
        throw new ReconcileError(text);
      }
    }

    // syncVClusterKubeconfig
    let endpoint: { host: string; port: number };
    try {
      endpoint = await this.#syncKubeconfig(
        vc,
        conditions,
        setCondition,
        status,
      );
      setCondition({ type: 'KubeconfigReady', status: 'True' });
    } catch (error) {
      setCondition({
        type: 'KubeconfigReady',
        status: 'False',
        severity: 'Warning',
        reason: 'CheckFailed',
        message: apiErrorMessage(error),
      });
      await finish(true);
      return this.#requeue.notReadyMs;
    }

    // checkReadyz, at the endpoint in the spec
    const auth = await this.#clientAuth(namespace, name);
    const readyz = await get(
      `https://${endpoint.host}:${endpoint.port}/readyz`,
      this.#network.resolve(endpoint.host),
      auth,
    ).catch(() => undefined);
    status.ready = readyz?.body === 'ok';
    await finish(true);
    return status.ready ? this.#requeue.healthyMs : this.#requeue.notReadyMs;
  }

  async #clientAuth(namespace: string, name: string) {
    const secret = await this.#core.readNamespacedSecret({
      name: `vc-${name}`,
      namespace,
    });
    const config = parse(
      Buffer.from(secret.data!.config, 'base64').toString('utf8'),
    );
    const user = (config.users ?? []).find(
      (u: { user?: Record<string, string> }) =>
        u.user?.['client-certificate-data'] && u.user?.['client-key-data'],
    )?.user;
    if (!user)
      throw new Error('no client certificate in the vcluster kubeconfig');
    return {
      config,
      cert: Buffer.from(user['client-certificate-data'], 'base64'),
      key: Buffer.from(user['client-key-data'], 'base64'),
    };
  }

  async #syncKubeconfig(
    vc: VCluster,
    conditions: Map<string, Condition>,
    setCondition: (c: Omit<Condition, 'lastTransitionTime'>) => void,
    status: NonNullable<VCluster['status']>,
  ): Promise<{ host: string; port: number }> {
    const { name, namespace } = vc.metadata;
    const auth = await this.#clientAuth(namespace, name);
    if (conditions.get('ControlPlaneInitialized')?.status !== 'True') {
      // GET ServiceAccount default/default through https://<name>.<namespace>:443
      const sa = await get(
        `https://${name}.${namespace}:443/api/v1/namespaces/default/serviceaccounts/default`,
        this.#network.resolve(`${name}.${namespace}`),
        auth,
      );
      if (sa.status !== 200) {
        throw new Error(
          `serviceaccounts "default" not found (HTTP ${sa.status})`,
        );
      }
      setCondition({ type: 'ControlPlaneInitialized', status: 'True' });
    }
    status.initialized = true;
    if ((auth.config.clusters ?? []).length !== 1)
      throw new Error('unexpected kube config');
    let host = vc.spec?.controlPlaneEndpoint?.host ?? '';
    let port = vc.spec?.controlPlaneEndpoint?.port ?? 0;
    if (!host) {
      host = await this.#discoverHost(namespace, name);
      port ||= 443;
      await this.#patch(vc, { spec: { controlPlaneEndpoint: { host, port } } });
    }
    const kubeconfig = structuredClone(auth.config);
    for (const cluster of kubeconfig.clusters) {
      cluster.cluster.server = `https://${host}:${port || 443}`;
    }
    const value = Buffer.from(stringify(kubeconfig)).toString('base64');
    const secretName = `${name}-kubeconfig`;
    const existing = await this.#core
      .readNamespacedSecret({ name: secretName, namespace })
      .catch(ignoreStatus(404));
    if (!existing) {
      await this.#core.createNamespacedSecret({
        namespace,
        body: { metadata: { name: secretName, namespace }, data: { value } },
      });
    } else if (existing.data?.value !== value) {
      await this.#core.patchNamespacedSecret(
        { name: secretName, namespace, body: { data: { value } } },
        merge,
      );
    }
    return { host, port };
  }

  /** DiscoverHostFromService: the LoadBalancer address, else the in-cluster name. */
  async #discoverHost(namespace: string, name: string): Promise<string> {
    const until = Date.now() + 10_000;
    for (;;) {
      const svc = await this.#core
        .readNamespacedService({ name, namespace })
        .catch(() => undefined);
      if (!svc || svc.spec?.type !== 'LoadBalancer')
        return `${name}.${namespace}.svc`;
      const ingress = svc.status?.loadBalancer?.ingress?.[0];
      if (ingress?.hostname || ingress?.ip)
        return (ingress.hostname || ingress.ip)!;
      if (Date.now() > until) {
        throw new Error(
          'can not get vcluster service: timed out waiting for the condition',
        );
      }
      await new Promise(r => setTimeout(r, 2000));
    }
  }

  async #delete(vc: VCluster) {
    const { name, namespace } = vc.metadata;
    if (!vc.metadata.finalizers?.includes(FINALIZER)) return;
    const ns = await this.#core
      .readNamespace({ name: namespace })
      .catch(() => undefined);
    if (!ns) return; // any error reading the namespace: try again on the next event
    if (!ns.metadata?.deletionTimestamp) {
      await this.#helm.uninstall(name, namespace);
      await this.#core
        .deleteNamespacedPersistentVolumeClaim({
          name: `data-${name}-0`,
          namespace,
        })
        .catch(ignoreStatus(404));
    }
    log(`${namespace}/${name}: deleted, removing the finalizer`);
    await this.#patch(vc, {
      metadata: {
        finalizers: (vc.metadata.finalizers ?? []).filter(f => f !== FINALIZER),
      },
    }).catch(ignoreStatus(404));
  }

  async #patch(vc: VCluster, body: object) {
    await this.#custom.patchNamespacedCustomObject(
      {
        group: GROUP,
        version: VERSION,
        plural: PLURAL,
        namespace: vc.metadata.namespace,
        name: vc.metadata.name,
        body,
      },
      merge,
    );
  }
}
