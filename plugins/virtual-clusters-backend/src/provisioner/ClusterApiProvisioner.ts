import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AppsV1Api,
  CoreV1Api,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  V1Service,
  V1StatefulSet,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  LABEL_CLUSTER_ID,
  LABEL_MANAGED_BY,
  MANAGED_BY_VALUE,
  VirtualClusterCondition,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import {
  HostClusterConnection,
  ObservedVirtualCluster,
  ProvisionTarget,
  VirtualClusterProvisioner,
} from '@virtual-clusters/plugin-virtual-clusters-node';
import { ingressHost, renderVClusterValues } from './renderVClusterValues';
import { isNotFound } from './kubernetesErrors';

/** API group/version of cluster-api-provider-vcluster's VCluster. */
export const VCLUSTER_API_VERSION = 'infrastructure.cluster.x-k8s.io/v1alpha1';
const CAPI_API_VERSION = 'cluster.x-k8s.io/v1beta1';
const FIELD_MANAGER = 'backstage-virtual-clusters';
const VCLUSTER_CHART_REPO = 'https://charts.loft.sh';

/** Annotations the vcluster CLI writes when it pauses a virtual cluster. */
export const PAUSED = 'loft.sh/paused';
export const PAUSED_REPLICAS = 'loft.sh/paused-replicas';
export const PAUSED_DATE = 'loft.sh/paused-date';

interface VClusterObject extends KubernetesObject {
  spec?: {
    helmRelease?: { chart?: { version?: string }; values?: string };
    kubernetesVersion?: string;
    controlPlaneEndpoint?: { host?: string; port?: number };
  };
  status?: {
    ready?: boolean;
    phase?: string;
    reason?: string;
    message?: string;
    conditions?: Array<{
      type: string;
      status: string;
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
        metadata: {
          name: cluster.namespace,
          labels: {
            [LABEL_MANAGED_BY]: MANAGED_BY_VALUE,
            [LABEL_CLUSTER_ID]: cluster.id,
          },
        },
      });
    } else {
      // a namespace someone else made: use it, but never label it as ours (delete leaves it)
      this.#logger.info(
        `Namespace ${cluster.namespace} on ${host.name} exists and was not created by the plugin; using it as is`,
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
    const { apps, core } = this.#client(host);
    const sts = await this.#statefulSet(host, cluster.namespace, cluster.name);
    if (sts) {
      const annotations = sts.metadata?.annotations ?? {};
      const replicas = sts.spec?.replicas ?? 1;
      await apps.patchNamespacedStatefulSet(
        {
          name: cluster.name,
          namespace: cluster.namespace,
          body: {
            metadata: {
              annotations: {
                [PAUSED]: 'true',
                [PAUSED_REPLICAS]:
                  annotations[PAUSED] === 'true'
                    ? annotations[PAUSED_REPLICAS] ?? '1'
                    : String(replicas || 1),
                [PAUSED_DATE]:
                  annotations[PAUSED_DATE] ?? new Date().toISOString(),
              },
            },
            spec: { replicas: 0 },
          },
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    }
    await core.deleteCollectionNamespacedPod({
      namespace: cluster.namespace,
      labelSelector: `vcluster.loft.sh/managed-by=${cluster.name}`,
    });
  }

  async resume(target: ProvisionTarget): Promise<void> {
    const { cluster, host } = target;
    const { apps } = this.#client(host);
    const sts = await this.#statefulSet(host, cluster.namespace, cluster.name);
    if (!sts) return;
    const annotations = sts.metadata?.annotations ?? {};
    const replicas = Number(annotations[PAUSED_REPLICAS] ?? '1') || 1;
    await apps.patchNamespacedStatefulSet(
      {
        name: cluster.name,
        namespace: cluster.namespace,
        body: {
          metadata: {
            annotations: {
              [PAUSED]: null,
              [PAUSED_REPLICAS]: null,
              [PAUSED_DATE]: null,
            },
          },
          spec: { replicas },
        },
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
      );
    }
    return !remaining;
  }

  async observe(
    host: HostClusterConnection,
  ): Promise<ObservedVirtualCluster[]> {
    const { objects, apps, core } = this.#client(host);
    const [vclusters, statefulSets, services] = await Promise.all([
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
      core.listServiceForAllNamespaces({ labelSelector: 'app=vcluster' }),
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
    const svcByKey = new Map<string, V1Service>();
    for (const svc of services.items) {
      if (
        svc.spec?.type === 'LoadBalancer' ||
        !svcByKey.has(
          key(svc.metadata?.namespace, svc.metadata?.labels?.release),
        )
      ) {
        svcByKey.set(
          key(
            svc.metadata?.namespace,
            svc.metadata?.labels?.release ?? svc.metadata?.name,
          ),
          svc,
        );
      }
    }
    return vclusters.items.map(vc => {
      const name = vc.metadata!.name!;
      const namespace = vc.metadata!.namespace!;
      const sts = stsByKey.get(key(namespace, name));
      const svc = svcByKey.get(key(namespace, name));
      return this.#toObserved(host, vc, sts, svc);
    });
  }

  #toObserved(
    host: HostClusterConnection,
    vc: VClusterObject,
    sts: V1StatefulSet | undefined,
    svc: V1Service | undefined,
  ): ObservedVirtualCluster {
    const name = vc.metadata!.name!;
    const annotations = sts?.metadata?.annotations ?? {};
    const desired = sts?.spec?.replicas ?? 0;
    const ready = sts?.status?.readyReplicas ?? 0;
    const conditions: VirtualClusterCondition[] = (
      vc.status?.conditions ?? []
    ).map(c => ({
      type: c.type,
      status: (['True', 'False'].includes(c.status)
        ? c.status
        : 'Unknown') as VirtualClusterCondition['status'],
      reason: c.reason,
      message: c.message,
      lastTransitionTime: c.lastTransitionTime ?? new Date().toISOString(),
    }));
    const phase = vc.status?.phase;
    const failed = phase === 'Failed';
    return {
      name,
      namespace: vc.metadata!.namespace!,
      clusterId: vc.metadata?.labels?.[LABEL_CLUSTER_ID],
      ready: vc.status?.ready === true && ready > 0,
      paused:
        annotations[PAUSED] === 'true' || (sts !== undefined && desired === 0),
      replicas: sts ? { desired, ready } : undefined,
      providerPhase: phase,
      failure: failed
        ? {
            reason: vc.status?.reason ?? 'ProviderFailed',
            message:
              vc.status?.message ??
              'cluster-api-provider-vcluster reported Failed',
          }
        : undefined,
      conditions,
      endpoint: this.#endpoint(host, name, svc),
      kubernetesVersion: vc.spec?.kubernetesVersion,
      chartVersion: vc.spec?.helmRelease?.chart?.version,
      kubeconfigReady: vc.status?.ready === true,
    };
  }

  #endpoint(
    host: HostClusterConnection,
    name: string,
    svc: V1Service | undefined,
  ): string | undefined {
    if (host.exposure.type === 'Ingress' && host.exposure.wildcardDomain) {
      return `https://${ingressHost(name, host.exposure.wildcardDomain)}:443`;
    }
    const ingress = svc?.status?.loadBalancer?.ingress?.[0];
    const address = ingress?.ip ?? ingress?.hostname;
    return address ? `https://${address}:443` : undefined;
  }

  async #applyVCluster(target: ProvisionTarget): Promise<void> {
    const { cluster, host } = target;
    let loadBalancerAddress: string | undefined;
    if (cluster.spec.exposure.type === 'LoadBalancer') {
      const svc = await this.#service(host, cluster.namespace, cluster.name);
      const ingress = svc?.status?.loadBalancer?.ingress?.[0];
      loadBalancerAddress = ingress?.ip ?? ingress?.hostname;
    }
    const values = renderVClusterValues(cluster, host, { loadBalancerAddress });
    await this.#apply(host, {
      apiVersion: VCLUSTER_API_VERSION,
      kind: 'VCluster',
      metadata: {
        name: cluster.name,
        namespace: cluster.namespace,
        labels: {
          [LABEL_MANAGED_BY]: MANAGED_BY_VALUE,
          [LABEL_CLUSTER_ID]: cluster.id,
        },
      },
      spec: {
        kubernetesVersion: cluster.spec.kubernetesVersion,
        helmRelease: {
          chart: {
            name: 'vcluster',
            repo: VCLUSTER_CHART_REPO,
            version: cluster.spec.chartVersion,
          },
          values,
        },
      },
    } as VClusterObject);
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
        labels: {
          [LABEL_MANAGED_BY]: MANAGED_BY_VALUE,
          [LABEL_CLUSTER_ID]: cluster.id,
        },
      },
      spec: { controlPlaneRef: ref, infrastructureRef: ref },
    } as KubernetesObject;
  }

  async #apply(host: HostClusterConnection, object: KubernetesObject) {
    const { objects } = this.#client(host);
    await objects.patch(
      object,
      undefined,
      undefined,
      FIELD_MANAGER,
      true,
      PatchStrategy.ServerSideApply,
    );
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

  async #service(host: HostClusterConnection, namespace: string, name: string) {
    try {
      return await this.#client(host).core.readNamespacedService({
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
