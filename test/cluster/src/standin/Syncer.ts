import {
  CoreV1Api,
  KubeConfig,
  V1ObjectMeta,
  V1OwnerReference,
  V1PersistentVolumeClaim,
  V1Pod,
} from '@kubernetes/client-node';
import { ignoreStatus } from './errors.ts';
import { hostLabelKey, hostName } from './names.ts';

export const MANAGED_BY = 'vcluster.loft.sh/managed-by';
export const VIRTUAL_NAMESPACE = 'vcluster.loft.sh/namespace';
/** Labels the syncer keeps for itself; a virtual object's own value is moved to a hashed key. */
const RESERVED = new Set([
  'release',
  VIRTUAL_NAMESPACE,
  MANAGED_BY,
  'vcluster.loft.sh/controlled-by',
]);

/** The host node synced pods are placed on (kwok makes them Running). */
export const HOST_NODE = 'kwok-node-0';

/**
 * Plays the vcluster syncer for pods and PersistentVolumeClaims (virtual → host), with
 * the names, labels, annotations and owner that loft-sh/vcluster v0.32.3 gives them
 * (pkg/util/translate/{translate,labels,types}.go, pkg/controllers/resources/pods/
 * translate/translator.go, pkg/controllers/resources/persistentvolumeclaims/translate.go).
 * Only the metadata and the parts of the spec the host needs are synced: pods keep
 * their containers' names, images, command, args and resources (the host's container
 * runtime prints them, see containerLogs.ts); statuses are not synced back (the virtual
 * cluster's own kwok runs its pods).
 */
export class Syncer {
  readonly #host: CoreV1Api;
  readonly #virtual: CoreV1Api;
  readonly #namespace: string;
  readonly #vcluster: string;
  /** experimental.syncSettings.setOwner: synced objects are owned by the vcluster Service. */
  readonly #owner?: V1OwnerReference;

  constructor(options: {
    host: CoreV1Api;
    virtual: KubeConfig;
    namespace: string;
    vcluster: string;
    owner?: V1OwnerReference;
  }) {
    this.#host = options.host;
    this.#virtual = options.virtual.makeApiClient(CoreV1Api);
    this.#namespace = options.namespace;
    this.#vcluster = options.vcluster;
    this.#owner = options.owner;
  }

  /** One pass: creates what is missing on the host, removes what is gone inside. */
  async sync(options: { pvcs: boolean }): Promise<void> {
    const [namespaces, pods] = await Promise.all([
      this.#virtual.listNamespace(),
      this.#virtual.listPodForAllNamespaces(),
    ]);
    const nsLabels = new Map(
      namespaces.items.map(n => [n.metadata!.name!, n.metadata?.labels ?? {}]),
    );
    await this.#syncKind(
      pods.items.filter(
        p =>
          !p.metadata?.deletionTimestamp &&
          p.status?.phase !== 'Succeeded' &&
          p.status?.phase !== 'Failed',
      ),
      () => this.#host.listNamespacedPod(this.#hostList()),
      pod =>
        this.#translatePod(pod, nsLabels.get(pod.metadata!.namespace!) ?? {}),
      body =>
        this.#host.createNamespacedPod({ namespace: this.#namespace, body }),
      name =>
        this.#host.deleteNamespacedPod({
          name,
          namespace: this.#namespace,
          gracePeriodSeconds: 0,
        }),
    );
    if (options.pvcs) {
      const claims =
        await this.#virtual.listPersistentVolumeClaimForAllNamespaces();
      await this.#syncKind(
        claims.items.filter(c => !c.metadata?.deletionTimestamp),
        () => this.#host.listNamespacedPersistentVolumeClaim(this.#hostList()),
        claim => this.#translateClaim(claim),
        body =>
          this.#host.createNamespacedPersistentVolumeClaim({
            namespace: this.#namespace,
            body,
          }),
        name =>
          this.#host.deleteNamespacedPersistentVolumeClaim({
            name,
            namespace: this.#namespace,
          }),
      );
    }
  }

  #hostList() {
    return {
      namespace: this.#namespace,
      labelSelector: `${MANAGED_BY}=${this.#vcluster}`,
    };
  }

  async #syncKind<T extends { metadata?: V1ObjectMeta }>(
    virtual: T[],
    listHost: () => Promise<{ items: T[] }>,
    translate: (object: T) => T,
    create: (body: T) => Promise<unknown>,
    remove: (name: string) => Promise<unknown>,
  ) {
    const wanted = new Map(
      virtual.map(o => {
        const t = translate(o);
        return [t.metadata!.name!, t];
      }),
    );
    const existing = (await listHost()).items;
    const have = new Set(existing.map(o => o.metadata!.name!));
    for (const [name, body] of wanted) {
      if (!have.has(name)) await create(body).catch(ignoreStatus(409));
    }
    for (const object of existing) {
      const name = object.metadata!.name!;
      if (wanted.has(name) || object.metadata?.deletionTimestamp) continue;
      await remove(name).catch(ignoreStatus(404));
    }
  }

  /** translate.HostMetadata: name, labels and the generic annotations. */
  #metadata(object: { metadata?: V1ObjectMeta }, kind: string): V1ObjectMeta {
    const meta = object.metadata!;
    const name = hostName(meta.name!, meta.namespace!, this.#vcluster);
    const labels: Record<string, string> = {};
    for (const [key, value] of Object.entries(meta.labels ?? {})) {
      labels[RESERVED.has(key) ? hostLabelKey(key, this.#vcluster) : key] =
        value;
    }
    labels[MANAGED_BY] = this.#vcluster;
    labels[VIRTUAL_NAMESPACE] = meta.namespace!;
    const copied = Object.keys(meta.annotations ?? {}).sort();
    return {
      name,
      namespace: this.#namespace,
      labels,
      annotations: {
        ...(meta.annotations ?? {}),
        'vcluster.loft.sh/object-name': meta.name!,
        'vcluster.loft.sh/object-namespace': meta.namespace!,
        'vcluster.loft.sh/object-uid': meta.uid ?? '',
        'vcluster.loft.sh/object-kind': `/v1, Kind=${kind}`,
        'vcluster.loft.sh/object-host-name': name,
        'vcluster.loft.sh/object-host-namespace': this.#namespace,
        ...(copied.length
          ? { 'vcluster.loft.sh/managed-annotations': copied.join('\n') }
          : {}),
      },
      ...(this.#owner ? { ownerReferences: [this.#owner] } : {}),
    };
  }

  #translatePod(pod: V1Pod, namespaceLabels: Record<string, string>): V1Pod {
    const metadata = this.#metadata(pod, 'Pod');
    for (const [key, value] of Object.entries(namespaceLabels)) {
      metadata.labels![
        hostLabelKey(key, this.#vcluster, 'vcluster.loft.sh/ns-label')
      ] = value;
    }
    const virtualLabels = Object.entries(pod.metadata?.labels ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join('\n');
    const controlled = (pod.metadata?.ownerReferences ?? []).some(
      o => o.controller,
    );
    metadata.annotations = {
      ...metadata.annotations,
      'vcluster.loft.sh/name': pod.metadata!.name!,
      'vcluster.loft.sh/namespace': pod.metadata!.namespace!,
      'vcluster.loft.sh/uid': pod.metadata!.uid ?? '',
      'vcluster.loft.sh/service-account-name':
        pod.spec?.serviceAccountName ?? 'default',
      ...(virtualLabels ? { 'vcluster.loft.sh/labels': virtualLabels } : {}),
      ...(controlled
        ? { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true' }
        : {}),
    };
    return {
      metadata,
      spec: {
        nodeName: HOST_NODE,
        hostname: pod
          .metadata!.name!.slice(0, 63)
          .replaceAll('.', '-')
          .replace(/-+$/, ''),
        serviceAccountName: `vc-workload-${this.#vcluster}`,
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        containers: (pod.spec?.containers ?? []).map(c => ({
          name: c.name,
          image: c.image,
          ...(c.command ? { command: c.command } : {}),
          ...(c.args ? { args: c.args } : {}),
          ...(c.resources ? { resources: c.resources } : {}),
        })),
      },
    };
  }

  #translateClaim(claim: V1PersistentVolumeClaim): V1PersistentVolumeClaim {
    const spec = claim.spec ?? {};
    return {
      metadata: this.#metadata(claim, 'PersistentVolumeClaim'),
      spec: {
        accessModes: spec.accessModes,
        resources: spec.resources,
        ...(spec.storageClassName
          ? { storageClassName: spec.storageClassName }
          : {}),
        ...(spec.volumeMode ? { volumeMode: spec.volumeMode } : {}),
      },
    };
  }
}
