import {
  ApiextensionsV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { ignoreStatus } from './errors.ts';

const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
/** api/v1beta1/cluster_types.go ClusterFinalizer (cluster-api v1.9.3). */
const FINALIZER = 'cluster.cluster.x-k8s.io';
const CLUSTER_NAME_LABEL = 'cluster.x-k8s.io/cluster-name';

interface Ref {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

interface Cluster {
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    deletionTimestamp?: string;
    finalizers?: string[];
  };
  spec?: { infrastructureRef?: Ref; controlPlaneRef?: Ref };
  status?: { phase?: string };
}

const log = (message: string) =>
  process.stdout.write(`[capi ${new Date().toISOString()}] ${message}\n`);

/**
 * The part of Cluster API's core controller (sigs.k8s.io/cluster-api v1.9.3,
 * internal/controllers/cluster/cluster_controller.go and cluster_controller_phases.go)
 * that an infrastructure provider depends on: for each `Cluster` it sets itself as the
 * controller owner of the objects named by `spec.infrastructureRef` and
 * `spec.controlPlaneRef`, with the label `cluster.x-k8s.io/cluster-name`, keeps its
 * finalizer, reports the infrastructure's readiness in `status`, and on deletion deletes
 * those objects and waits for them before letting the Cluster go. Nothing else of
 * Cluster API (machines, topology, webhooks) is modelled. Acts only where the Cluster
 * CRD is installed.
 */
export class ClusterApiCore {
  readonly #custom: CustomObjectsApi;
  readonly #objects: KubernetesObjectApi;
  readonly #crds: ApiextensionsV1Api;
  #installed?: boolean;

  constructor(host: KubeConfig) {
    this.#custom = host.makeApiClient(CustomObjectsApi);
    this.#objects = KubernetesObjectApi.makeApiClient(host);
    this.#crds = host.makeApiClient(ApiextensionsV1Api);
  }

  async reconcileAll(): Promise<void> {
    if (this.#installed === undefined) {
      this.#installed = await this.#crds
        .readCustomResourceDefinition({ name: 'clusters.cluster.x-k8s.io' })
        .then(
          () => true,
          () => false,
        );
    }
    if (!this.#installed) return;
    const list = (await this.#custom.listClusterCustomObject({
      group: 'cluster.x-k8s.io',
      version: 'v1beta1',
      plural: 'clusters',
    })) as { items: Cluster[] };
    for (const cluster of list.items) {
      await this.#reconcile(cluster).catch(error =>
        log(
          `${cluster.metadata.namespace}/${cluster.metadata.name}: ${
            (error as { body?: unknown }).body ?? error
          }`,
        ),
      );
    }
  }

  #refs(cluster: Cluster): Ref[] {
    const refs = [
      cluster.spec?.infrastructureRef,
      cluster.spec?.controlPlaneRef,
    ]
      .filter((r): r is Ref => !!r)
      .map(r => ({
        ...r,
        namespace: r.namespace ?? cluster.metadata.namespace,
      }));
    return refs.filter(
      (r, i) =>
        refs.findIndex(o => o.kind === r.kind && o.name === r.name) === i,
    );
  }

  async #read(ref: Ref): Promise<KubernetesObject | undefined> {
    return this.#objects
      .read({
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        metadata: { name: ref.name, namespace: ref.namespace },
      })
      .catch(ignoreStatus(404));
  }

  async #patchCluster(cluster: Cluster, body: object, status = false) {
    const args = {
      group: 'cluster.x-k8s.io',
      version: 'v1beta1',
      plural: 'clusters',
      namespace: cluster.metadata.namespace,
      name: cluster.metadata.name,
      body,
    };
    if (status)
      await this.#custom.patchNamespacedCustomObjectStatus(args, merge);
    else await this.#custom.patchNamespacedCustomObject(args, merge);
  }

  async #reconcile(cluster: Cluster) {
    const finalizers = cluster.metadata.finalizers ?? [];
    if (cluster.metadata.deletionTimestamp) {
      if (!finalizers.includes(FINALIZER)) return;
      // reconcileDelete: the control plane and infrastructure objects go first
      let remaining = 0;
      for (const ref of this.#refs(cluster)) {
        const object = await this.#read(ref);
        if (!object) continue;
        remaining++;
        if (!object.metadata?.deletionTimestamp) {
          await this.#objects.delete(object).catch(() => undefined);
        }
      }
      if (remaining === 0) {
        await this.#patchCluster(cluster, {
          metadata: { finalizers: finalizers.filter(f => f !== FINALIZER) },
        });
      }
      return;
    }
    if (!finalizers.includes(FINALIZER)) {
      await this.#patchCluster(cluster, {
        metadata: { finalizers: [...finalizers, FINALIZER] },
      });
    }
    let infrastructureReady = false;
    for (const ref of this.#refs(cluster)) {
      const object = (await this.#read(ref)) as
        | (KubernetesObject & { status?: { ready?: boolean } })
        | undefined;
      if (!object) continue;
      infrastructureReady ||= object.status?.ready === true;
      const owners = object.metadata?.ownerReferences ?? [];
      const owned = owners.some(
        o => o.kind === 'Cluster' && o.uid === cluster.metadata.uid,
      );
      if (
        owned &&
        object.metadata?.labels?.[CLUSTER_NAME_LABEL] === cluster.metadata.name
      ) {
        continue;
      }
      // reconcileExternal: SetControllerReference + the cluster-name label
      await this.#objects.patch(
        {
          apiVersion: ref.apiVersion,
          kind: ref.kind,
          metadata: {
            name: ref.name,
            namespace: ref.namespace,
            labels: { [CLUSTER_NAME_LABEL]: cluster.metadata.name },
            ownerReferences: [
              ...owners.filter(o => o.uid !== cluster.metadata.uid),
              {
                apiVersion: 'cluster.x-k8s.io/v1beta1',
                kind: 'Cluster',
                name: cluster.metadata.name,
                uid: cluster.metadata.uid,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          },
        },
        undefined,
        undefined,
        undefined,
        undefined,
        PatchStrategy.MergePatch,
      );
      log(
        `${cluster.metadata.namespace}/${cluster.metadata.name}: owns ${ref.kind} ${ref.name}`,
      );
    }
    const phase = infrastructureReady ? 'Provisioned' : 'Provisioning';
    if (cluster.status?.phase !== phase) {
      await this.#patchCluster(
        cluster,
        {
          status: {
            phase,
            infrastructureReady,
            controlPlaneReady: infrastructureReady,
          },
        },
        true,
      );
    }
  }
}
