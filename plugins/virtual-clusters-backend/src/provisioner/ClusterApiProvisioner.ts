import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AppsV1Api,
  CoreV1Api,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  V1ResourceQuota,
  V1StatefulSet,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  LABEL_CLUSTER_ID,
  LABEL_MANAGED_BY,
  MANAGED_BY_VALUE,
  ANNOTATION_PREFIX,
  VirtualCluster,
  VirtualClusterCondition,
  VirtualClusterEffectiveQuota,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import {
  HostClusterConnection,
  ObservedVirtualCluster,
  ProvisionTarget,
  VirtualClusterProbe,
  VirtualClusterProvisioner,
} from '@virtual-clusters/plugin-virtual-clusters-node';
import { serverSideApply } from '../kubernetes/apply';
import { describeKubernetesError, isNotFound } from '../kubernetes/errors';
import { KubernetesClient } from '../kubernetes/KubernetesClient';
import { readVirtualClusterKubeConfig } from '../kubernetes/virtualClusterKubeConfig';
import { ingressHost, renderVClusterValues } from './renderVClusterValues';

/** API group/version of cluster-api-provider-vcluster's VCluster. */
export const VCLUSTER_API_VERSION = 'infrastructure.cluster.x-k8s.io/v1alpha1';
const CAPI_API_VERSION = 'cluster.x-k8s.io/v1beta1';
/** Where the vcluster chart is published, unless a host names a mirror. */
export const DEFAULT_VCLUSTER_CHART_REPO = 'https://charts.loft.sh';
/**
 * Annotation with the backend `generation` whose spec the VCluster holds: an
 * observation made before an apply still shows the previous one.
 */
export const ANNOTATION_SPEC_GENERATION = `${ANNOTATION_PREFIX}spec-generation`;
/** How long one request of {@link ClusterApiProvisioner.probe} may take. */
const PROBE_TIMEOUT_MS = 5_000;

/** Annotations the vcluster CLI writes when it pauses a virtual cluster. */
export const PAUSED = 'loft.sh/paused';
export const PAUSED_REPLICAS = 'loft.sh/paused-replicas';
export const PAUSED_DATE = 'loft.sh/paused-date';
/** vcluster's sleep label and annotations (pkg/platform/sleepmode/sleepmode.go v0.32.3 and the agent API's sleepmodeconfig_types.go it vendors). */
export const SLEEP_MODE_LABEL = 'loft.sh/sleep-mode';
export const SLEEPING_SINCE = 'sleepmode.loft.sh/sleeping-since';
export const SLEEP_TYPE = 'sleepmode.loft.sh/sleep-type';

/** cluster-api-provider-vcluster v0.2.2, api/v1alpha1/vcluster_types.go */
export interface VClusterObject extends KubernetesObject {
  spec?: {
    controlPlaneEndpoint?: { host?: string; port?: number };
    helmRelease?: {
      chart?: { name?: string; repo?: string; version?: string };
      values?: string;
    };
  };
  status?: {
    ready?: boolean;
    initialized?: boolean;
    phase?: string;
    reason?: string;
    message?: string;
    observedGeneration?: number;
    conditions?: Array<{
      type: string;
      status: string;
      severity?: string;
      reason?: string;
      message?: string;
      lastTransitionTime?: string;
    }>;
  };
}

interface Clients {
  objects: KubernetesObjectApi;
  core: CoreV1Api;
  apps: AppsV1Api;
}

/**
 * The default provisioner: one `VCluster` object of cluster-api-provider-vcluster per
 * virtual cluster, plus the owning Cluster API `Cluster` where that CRD exists. Pause
 * and resume act on the control plane StatefulSet as the vcluster CLI does.
 */
export class ClusterApiProvisioner implements VirtualClusterProvisioner {
  readonly id = 'cluster-api';
  readonly #logger: LoggerService;
  readonly #clients = new WeakMap<HostClusterConnection, Clients>();
  readonly #hasCapi = new WeakMap<HostClusterConnection, boolean>();

  static create(options: { logger: LoggerService }) {
    return new ClusterApiProvisioner(options.logger);
  }

  private constructor(logger: LoggerService) {
    this.#logger = logger;
  }

  async create(target: ProvisionTarget): Promise<void> {
    const { cluster, host } = target;
    const { core } = this.#client(host);
    let existing;
    try {
      existing = await core.readNamespace({ name: cluster.namespace });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    const ours = existing?.metadata?.labels?.[LABEL_CLUSTER_ID] === cluster.id;
    if (!existing || ours) {
      await this.#apply(host, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: cluster.namespace, labels: managedLabels(cluster) },
      });
    } else {
      // a namespace someone else made: use it, but never label it as ours (delete leaves it)
      this.#logger.info(
        `Namespace ${cluster.namespace} on ${host.name} exists and was not created by the plugin; using it as is`,
        {
          clusterId: cluster.id,
          cluster: cluster.name,
          hostCluster: host.name,
          namespace: cluster.namespace,
        },
      );
    }
    await this.#applyVCluster(target);
    if (await this.#capiInstalled(host)) {
      await this.#apply(host, this.#capiCluster(target));
    }
  }

  async update(target: ProvisionTarget): Promise<void> {
    await this.#applyVCluster(target);
  }

  async upgrade(target: ProvisionTarget): Promise<void> {
    await this.#applyVCluster(target);
  }

  async pause(target: ProvisionTarget): Promise<void> {
    const { cluster, host } = target;
    const sts = await this.#statefulSet(host, cluster.namespace, cluster.name);
    if (sts) {
      const annotations = sts.metadata?.annotations ?? {};
      const replicas = sts.spec?.replicas ?? 1;
      const { sleep } = cluster;
      await this.#scaleControlPlane(
        target,
        0,
        {
          [PAUSED]: 'true',
          [PAUSED_REPLICAS]:
            annotations[PAUSED] === 'true'
              ? annotations[PAUSED_REPLICAS] ?? '1'
              : String(replicas || 1),
          [PAUSED_DATE]: annotations[PAUSED_DATE] ?? new Date().toISOString(),
          // a sleep is marked as vcluster's platform marks one: the CLI then says
          // "already sleeping" and leaves the resume to the platform (us)
          [SLEEPING_SINCE]: sleep
            ? String(Math.floor(Date.parse(sleep.since) / 1000))
            : null,
          [SLEEP_TYPE]: sleep?.type ?? null,
        },
        { [SLEEP_MODE_LABEL]: sleep ? 'true' : null },
      );
    }
    await this.#client(host).core.deleteCollectionNamespacedPod({
      namespace: cluster.namespace,
      labelSelector: `vcluster.loft.sh/managed-by=${cluster.name}`,
    });
  }

  async resume(target: ProvisionTarget): Promise<void> {
    const { cluster, host } = target;
    const sts = await this.#statefulSet(host, cluster.namespace, cluster.name);
    if (!sts) return;
    const annotations = sts.metadata?.annotations ?? {};
    const replicas = Number(annotations[PAUSED_REPLICAS] ?? '1') || 1;
    await this.#scaleControlPlane(
      target,
      replicas,
      {
        [PAUSED]: null,
        [PAUSED_REPLICAS]: null,
        [PAUSED_DATE]: null,
        [SLEEPING_SINCE]: null,
        [SLEEP_TYPE]: null,
      },
      { [SLEEP_MODE_LABEL]: null },
    );
  }

  /**
   * Sets the control plane StatefulSet's replicas and the pause (and sleep) annotations
   * and labels; null removes one.
   */
  async #scaleControlPlane(
    { cluster, host }: ProvisionTarget,
    replicas: number,
    annotations: Record<string, string | null>,
    labels: Record<string, string | null> = {},
  ): Promise<void> {
    await this.#client(host).apps.patchNamespacedStatefulSet(
      {
        name: cluster.name,
        namespace: cluster.namespace,
        body: { metadata: { annotations, labels }, spec: { replicas } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  }

  async delete(target: ProvisionTarget): Promise<boolean> {
    const { cluster, host } = target;
    const { objects, core } = this.#client(host);
    const header = {
      apiVersion: VCLUSTER_API_VERSION,
      kind: 'VCluster',
      metadata: { name: cluster.name, namespace: cluster.namespace },
    };
    let remaining = false;
    if (await this.#capiInstalled(host)) {
      remaining =
        (await this.#deleteIfPresent(objects, {
          ...header,
          apiVersion: CAPI_API_VERSION,
          kind: 'Cluster',
        })) || remaining;
    }
    remaining = (await this.#deleteIfPresent(objects, header)) || remaining;
    try {
      await core.deleteNamespacedPersistentVolumeClaim({
        name: `data-${cluster.name}-0`,
        namespace: cluster.namespace,
      });
      remaining = true;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    let namespace;
    try {
      namespace = await core.readNamespace({ name: cluster.namespace });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    const labels = namespace?.metadata?.labels ?? {};
    const ours =
      labels[LABEL_MANAGED_BY] === MANAGED_BY_VALUE &&
      labels[LABEL_CLUSTER_ID] === cluster.id;
    if (namespace && ours) {
      if (!namespace.metadata?.deletionTimestamp) {
        await core.deleteNamespace({ name: cluster.namespace });
      }
      remaining = true;
    } else if (namespace) {
      this.#logger.info(
        `Left namespace ${cluster.namespace} on ${host.name} in place: the plugin did not create it`,
        {
          clusterId: cluster.id,
          cluster: cluster.name,
          hostCluster: host.name,
          namespace: cluster.namespace,
        },
      );
    }
    return !remaining;
  }

  async observe(
    host: HostClusterConnection,
  ): Promise<ObservedVirtualCluster[]> {
    const { objects, apps, core } = this.#client(host);
    const [vclusters, statefulSets, quotas] = await Promise.all([
      objects.list<VClusterObject>(
        VCLUSTER_API_VERSION,
        'VCluster',
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        `${LABEL_MANAGED_BY}=${MANAGED_BY_VALUE}`,
      ),
      apps.listStatefulSetForAllNamespaces({ labelSelector: 'app=vcluster' }),
      // the chart's ResourceQuota vc-<name> (labels app=vcluster, release=<name>)
      core.listResourceQuotaForAllNamespaces({ labelSelector: 'app=vcluster' }),
    ]);
    const key = (ns?: string, name?: string) => `${ns}/${name}`;
    const stsByKey = new Map(
      statefulSets.items.map(s => [
        key(
          s.metadata?.namespace,
          s.metadata?.labels?.release ?? s.metadata?.name,
        ),
        s,
      ]),
    );
    const quotaByKey = new Map<string, V1ResourceQuota>(
      quotas.items.map(q => [key(q.metadata?.namespace, q.metadata?.name), q]),
    );
    return vclusters.items.map(vc => {
      const name = vc.metadata!.name!;
      const namespace = vc.metadata!.namespace!;
      return this.#toObserved(
        vc,
        stsByKey.get(key(namespace, name)),
        quotaByKey.get(key(namespace, `vc-${name}`)),
      );
    });
  }

  /**
   * Asks the virtual API server for `/readyz` and `/version` with the credentials of
   * {@link readVirtualClusterKubeConfig}; never throws.
   */
  async probe(target: ProvisionTarget): Promise<VirtualClusterProbe> {
    const { cluster, host } = target;
    let kubeConfig;
    try {
      kubeConfig = await readVirtualClusterKubeConfig({
        core: this.#client(host).core,
        name: cluster.name,
        namespace: cluster.namespace,
        endpoint: cluster.endpoint,
      });
    } catch (error) {
      return { ready: false, message: describeKubernetesError(error) };
    }
    const server = kubeConfig.getCurrentCluster()?.server ?? '(no server)';
    let client: KubernetesClient | undefined;
    try {
      client = KubernetesClient.create(kubeConfig, {
        timeoutMs: PROBE_TIMEOUT_MS,
      });
      const get = async (path: string) => {
        const { status, text } = await client!.requestText('GET', path);
        return { status, body: text.slice(0, 64_000) };
      };
      const readyz = await get('/readyz');
      if (readyz.status !== 200 || readyz.body.trim() !== 'ok') {
        return {
          ready: false,
          message: `${server}/readyz answered ${readyz.status}: ${readyz.body
            .trim()
            .slice(0, 300)}`,
        };
      }
      const version = await get('/version');
      let gitVersion: string | undefined;
      try {
        gitVersion = JSON.parse(version.body).gitVersion;
      } catch {
        gitVersion = undefined;
      }
      return version.status === 200 && gitVersion
        ? { ready: true, version: gitVersion }
        : {
            ready: true,
            message: `${server}/version answered ${version.status}`,
          };
    } catch (error) {
      return {
        ready: false,
        message: `${server} unreachable: ${(error as Error).message}`,
      };
    } finally {
      await client?.close();
      kubeConfig.close();
    }
  }

  #toObserved(
    vc: VClusterObject,
    sts: V1StatefulSet | undefined,
    quota: V1ResourceQuota | undefined,
  ): ObservedVirtualCluster {
    const name = vc.metadata!.name!;
    const annotations = sts?.metadata?.annotations ?? {};
    const desired = sts?.spec?.replicas ?? 0;
    const ready = sts?.status?.readyReplicas ?? 0;
    const raw = vc.status?.conditions ?? [];
    const conditions: VirtualClusterCondition[] = raw.map(c => ({
      type: c.type,
      status: (['True', 'False'].includes(c.status)
        ? c.status
        : 'Unknown') as VirtualClusterCondition['status'],
      reason: c.reason,
      message: c.message,
      lastTransitionTime: c.lastTransitionTime ?? new Date().toISOString(),
    }));
    const phase = vc.status?.phase;
    const generation = vc.metadata?.generation;
    const providerObservedGeneration = vc.status?.observedGeneration;
    const isTrue = (type: string) =>
      raw.some(c => c.type === type && c.status === 'True');
    const specGeneration = Number(
      vc.metadata?.annotations?.[ANNOTATION_SPEC_GENERATION],
    );
    return {
      name,
      namespace: vc.metadata!.namespace!,
      clusterId: vc.metadata?.labels?.[LABEL_CLUSTER_ID],
      ready: vc.status?.ready === true && ready > 0,
      paused:
        annotations[PAUSED] === 'true' || (sts !== undefined && desired === 0),
      replicas: sts ? { desired, ready } : undefined,
      rolledOut: sts ? rolledOut(sts) : undefined,
      providerPhase: phase,
      failure:
        phase === 'Failed'
          ? {
              reason: vc.status?.reason || 'ProviderFailed',
              message:
                vc.status?.message ||
                'cluster-api-provider-vcluster reported Failed',
            }
          : undefined,
      conditions,
      endpoint: endpointOf(vc),
      chartVersion: vc.spec?.helmRelease?.chart?.version,
      specGeneration: Number.isInteger(specGeneration)
        ? specGeneration
        : undefined,
      generation,
      providerObservedGeneration,
      specApplied:
        generation !== undefined &&
        providerObservedGeneration !== undefined &&
        providerObservedGeneration >= generation &&
        isTrue('HelmChartDeployed'),
      effectiveQuota: effectiveQuotaOf(quota),
      kubeconfigReady: isTrue('KubeconfigReady') || vc.status?.ready === true,
    };
  }

  async #applyVCluster(target: ProvisionTarget): Promise<void> {
    await this.#apply(target.host, vclusterObject(target));
  }

  #capiCluster(target: ProvisionTarget): KubernetesObject {
    const { cluster } = target;
    const ref = {
      apiVersion: VCLUSTER_API_VERSION,
      kind: 'VCluster',
      name: cluster.name,
    };
    return {
      apiVersion: CAPI_API_VERSION,
      kind: 'Cluster',
      metadata: {
        name: cluster.name,
        namespace: cluster.namespace,
        labels: managedLabels(cluster),
      },
      spec: { controlPlaneRef: ref, infrastructureRef: ref },
    } as KubernetesObject;
  }

  async #apply(host: HostClusterConnection, object: KubernetesObject) {
    await serverSideApply(this.#client(host).objects, object);
  }

  async #deleteIfPresent(
    objects: KubernetesObjectApi,
    header: KubernetesObject,
  ): Promise<boolean> {
    try {
      await objects.delete(header);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async #statefulSet(
    host: HostClusterConnection,
    namespace: string,
    name: string,
  ) {
    try {
      return await this.#client(host).apps.readNamespacedStatefulSet({
        name,
        namespace,
      });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async #capiInstalled(host: HostClusterConnection): Promise<boolean> {
    const known = this.#hasCapi.get(host);
    if (known !== undefined) return known;
    const { objects } = this.#client(host);
    let installed = false;
    try {
      await objects.read({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'clusters.cluster.x-k8s.io' },
      });
      installed = true;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    this.#hasCapi.set(host, installed);
    return installed;
  }

  #client(host: HostClusterConnection): Clients {
    let clients = this.#clients.get(host);
    if (!clients) {
      clients = {
        objects: KubernetesObjectApi.makeApiClient(host.kubeConfig),
        core: host.kubeConfig.makeApiClient(CoreV1Api),
        apps: host.kubeConfig.makeApiClient(AppsV1Api),
      };
      this.#clients.set(host, clients);
    }
    return clients;
  }
}

/** The labels that mark what the backend created for a cluster on the host. */
function managedLabels(cluster: ProvisionTarget['cluster']) {
  return {
    [LABEL_MANAGED_BY]: MANAGED_BY_VALUE,
    [LABEL_CLUSTER_ID]: cluster.id,
  };
}

/**
 * The `VCluster` object the provisioner applies (server-side) for one virtual cluster:
 * labels, the spec generation it holds, the chart and its rendered values, and under
 * Ingress the endpoint. Pure: the same target always gives the same object.
 */
export function vclusterObject(target: ProvisionTarget): VClusterObject {
  const { cluster, host, profiles } = target;
  const values = renderVClusterValues(cluster, host, profiles);
  return {
    apiVersion: VCLUSTER_API_VERSION,
    kind: 'VCluster',
    metadata: {
      name: cluster.name,
      namespace: cluster.namespace,
      labels: managedLabels(cluster),
      annotations: {
        [ANNOTATION_SPEC_GENERATION]: String(cluster.generation),
      },
    },
    spec: {
      // the provider discovers the endpoint only from a LoadBalancer Service (else
      // it writes an in-cluster <name>.<namespace>.svc); under Ingress we name it.
      // Under LoadBalancer the field is left out: the provider owns it.
      ...(cluster.spec.exposure.type === 'Ingress'
        ? {
            controlPlaneEndpoint: {
              host: ingressEndpointHost(cluster, host),
              port: 443,
            },
          }
        : {}),
      helmRelease: {
        chart: {
          name: 'vcluster',
          repo: host.chartRepository ?? DEFAULT_VCLUSTER_CHART_REPO,
          version: cluster.spec.chartVersion,
        },
        values,
      },
    },
  };
}

/** The external host of a cluster exposed through Ingress. */
function ingressEndpointHost(
  cluster: VirtualCluster,
  host: HostClusterConnection,
): string {
  return (
    cluster.spec.exposure.host ??
    ingressHost(cluster.name, host.exposure.wildcardDomain ?? 'invalid')
  );
}

/**
 * `https://<host>:<port>` from `spec.controlPlaneEndpoint` (port 443 when 0), which
 * the provider fills from a LoadBalancer Service and we fill under Ingress; an
 * in-cluster `<name>.<namespace>.svc` is not an external endpoint.
 */
function endpointOf(vc: VClusterObject): string | undefined {
  const endpoint = vc.spec?.controlPlaneEndpoint;
  const hostname = endpoint?.host;
  if (!hostname || /\.svc(\.cluster\.local)?$/.test(hostname)) {
    return undefined;
  }
  return `https://${hostname}:${endpoint?.port || 443}`;
}

/** `hard` and `used` of the chart's ResourceQuota, as strings. */
function effectiveQuotaOf(
  quota: V1ResourceQuota | undefined,
): VirtualClusterEffectiveQuota | undefined {
  if (!quota) return undefined;
  const strings = (map?: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(map ?? {})
        .map(([k, v]) => [k, String(v)] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  return {
    hard: strings(quota.status?.hard ?? quota.spec?.hard),
    used: strings(quota.status?.used),
  };
}

/** The StatefulSet runs its current template on every desired replica. */
function rolledOut(sts: V1StatefulSet): boolean {
  const status = sts.status;
  const desired = sts.spec?.replicas ?? 1;
  return (
    (status?.observedGeneration ?? 0) >= (sts.metadata?.generation ?? 0) &&
    (!status?.updateRevision ||
      status.updateRevision === status.currentRevision) &&
    (status?.readyReplicas ?? 0) >= desired
  );
}
