import { VirtualClusterBackupObjectRef } from '@virtual-clusters/plugin-virtual-clusters-common';
import { ACCESS_NAMESPACE } from '../kubeconfig/KubeconfigIssuer';
import { KubeObject, OwnerReference, ResourceType } from '../kubernetes/types';

export type { KubeObject, OwnerReference, ResourceType };

/** Namespaces a backup never touches: the control plane's own and the plugin's. */
export const SYSTEM_NAMESPACES: readonly string[] = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
  ACCESS_NAMESPACE,
];

/** What a backup never contains, in words for users. */
export const BACKUP_NOTE =
  'API objects only: volume data is not included. PersistentVolumeClaims are restored as new, empty volumes.';

const CRD_GROUP = 'apiextensions.k8s.io';

/**
 * Resource types whose objects the control plane writes itself, by `group/resource`
 * (core group: `/resource`).
 */
const SKIPPED_TYPES: Record<string, string> = {
  '/events': 'events are a record, not state',
  'events.k8s.io/events': 'events are a record, not state',
  '/endpoints': 'written by the endpoints controller',
  'discovery.k8s.io/endpointslices': 'written by the endpointslice controller',
  'apps/controllerrevisions':
    'written by StatefulSet and DaemonSet controllers',
  'coordination.k8s.io/leases': 'leader election and heartbeats',
  'storage.k8s.io/csistoragecapacities': 'written by CSI drivers',
};

const key = (group: string, resource: string) => `${group}/${resource}`;

/**
 * Whether objects of a resource type go into a backup: namespaced types that can be
 * listed and created (those that cannot be created, such as metrics, cannot be
 * restored), except those the control plane writes itself.
 */
export function isBackedUpType(type: ResourceType): boolean {
  if (type.name.includes('/')) return false; // a subresource
  if (!type.namespaced) return false;
  if (!type.verbs.includes('list') || !type.verbs.includes('create')) {
    return false;
  }
  return !(key(type.group, type.name) in SKIPPED_TYPES);
}

/** True for the CustomResourceDefinition type. */
export function isCrdType(type: ResourceType): boolean {
  return type.group === CRD_GROUP && type.name === 'customresourcedefinitions';
}

/** True for the core Namespace type. */
export function isNamespaceType(type: ResourceType): boolean {
  return type.group === '' && type.name === 'namespaces';
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function isControlledBy(object: KubeObject, kinds?: string[]): boolean {
  return (object.metadata.ownerReferences ?? []).some(o =>
    kinds ? kinds.includes(o.kind) : o.controller === true,
  );
}

/**
 * Why an object is left out of a backup, or undefined when it goes in. Objects a
 * controller recreates from their owner (pods of a ReplicaSet, ReplicaSets of a
 * Deployment, Jobs of a CronJob) and objects the control plane creates in every
 * namespace are left out.
 */
export function skipReason(object: KubeObject): string | undefined {
  const { kind, metadata } = object;
  const group = groupOf(object.apiVersion);
  if (metadata.deletionTimestamp) return 'being deleted';
  if (kind === 'Namespace' && group === '') {
    return SYSTEM_NAMESPACES.includes(metadata.name)
      ? 'system namespace'
      : undefined;
  }
  if (kind === 'CustomResourceDefinition' && group === CRD_GROUP) {
    return undefined;
  }
  if (!metadata.namespace) return 'cluster-scoped';
  if (SYSTEM_NAMESPACES.includes(metadata.namespace)) {
    return 'in a system namespace';
  }
  if (
    (metadata.ownerReferences ?? []).some(
      o => o.controller && o.kind === 'Pod' && o.apiVersion === 'v1',
    )
  ) {
    // e.g. the PVC of a generic ephemeral volume, a ResourceClaim from a template
    return 'made for a pod';
  }
  if (group === '') {
    switch (kind) {
      case 'Pod':
        return isControlledBy(object) ? 'owned by a controller' : undefined;
      case 'Secret':
        return object.type === 'kubernetes.io/service-account-token'
          ? 'service account token'
          : undefined;
      case 'ConfigMap':
        return metadata.name === 'kube-root-ca.crt'
          ? 'published by the control plane'
          : undefined;
      case 'ServiceAccount':
        return metadata.name === 'default'
          ? 'created in every namespace'
          : undefined;
      case 'Service':
        return metadata.namespace === 'default' &&
          metadata.name === 'kubernetes'
          ? 'the API server service'
          : undefined;
      default:
        return undefined;
    }
  }
  if (group === 'apps' && kind === 'ReplicaSet') {
    return isControlledBy(object, ['Deployment'])
      ? 'owned by a Deployment'
      : undefined;
  }
  if (group === 'batch' && kind === 'Job') {
    return isControlledBy(object, ['CronJob'])
      ? 'owned by a CronJob'
      : undefined;
  }
  return undefined;
}

/** Fields the API server sets on every object. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];

/** Annotations controllers write; restoring them would only confuse the controllers. */
const SERVER_ANNOTATIONS = [
  'deployment.kubernetes.io/revision',
  'pv.kubernetes.io/bind-completed',
  'pv.kubernetes.io/bound-by-controller',
  'volume.kubernetes.io/selected-node',
  'volume.kubernetes.io/storage-provisioner',
  'volume.beta.kubernetes.io/storage-provisioner',
];

/** Labels the Job controller derives from the Job's uid. */
const JOB_UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

function withoutKeys(
  record: Record<string, string> | undefined,
  keys: string[],
): Record<string, string> | undefined {
  if (!record) return undefined;
  const rest = Object.fromEntries(
    Object.entries(record).filter(([k]) => !keys.includes(k)),
  );
  return Object.keys(rest).length ? rest : undefined;
}

function setOrDelete(
  target: Record<string, unknown>,
  name: string,
  value: unknown,
) {
  if (value === undefined) delete target[name];
  else target[name] = value;
}

type PodSpec = {
  nodeName?: string;
  volumes?: Array<{ name: string }>;
  containers?: Array<{ volumeMounts?: Array<{ name: string }> }>;
  initContainers?: Array<{ volumeMounts?: Array<{ name: string }> }>;
  [key: string]: unknown;
};

/**
 * Drops what admission and the scheduler added to a bare pod: its node and the
 * projected service account token volume (added again, under a new name, on create).
 */
function sanitizePodSpec(spec: PodSpec) {
  delete spec.nodeName;
  const injected = (spec.volumes ?? [])
    .map(v => v.name)
    .filter(name => name.startsWith('kube-api-access-'));
  if (!injected.length) return;
  const volumes = spec.volumes!.filter(v => !injected.includes(v.name));
  setOrDelete(spec, 'volumes', volumes.length ? volumes : undefined);
  for (const container of [
    ...(spec.containers ?? []),
    ...(spec.initContainers ?? []),
  ]) {
    if (container.volumeMounts) {
      const mounts = container.volumeMounts.filter(
        m => !injected.includes(m.name),
      );
      setOrDelete(
        container,
        'volumeMounts',
        mounts.length ? mounts : undefined,
      );
    }
  }
}

/**
 * A copy of an object fit for a backup: without the fields the server sets (uid,
 * resourceVersion, generation, creationTimestamp, managedFields, status), without
 * owner references to objects the backup does not hold, and without what is tied to
 * the original cluster (Service cluster IPs, a PVC's bound volume, a pod's node).
 *
 * @param exportedUids - uids of the objects the backup holds
 */
export function sanitize(
  object: KubeObject,
  exportedUids: ReadonlySet<string>,
): KubeObject {
  const copy = clone(object);
  const { metadata } = copy;
  for (const field of SERVER_METADATA) delete metadata[field];
  setOrDelete(
    metadata,
    'annotations',
    withoutKeys(metadata.annotations, SERVER_ANNOTATIONS),
  );
  const owners = (metadata.ownerReferences ?? []).filter(o =>
    exportedUids.has(o.uid),
  );
  setOrDelete(metadata, 'ownerReferences', owners.length ? owners : undefined);
  delete copy.status;

  const group = groupOf(copy.apiVersion);
  const spec = copy.spec as Record<string, any> | undefined;
  if (group === '' && copy.kind === 'Service' && spec) {
    if (spec.clusterIP !== 'None') {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    delete spec.healthCheckNodePort;
  }
  if (group === '' && copy.kind === 'PersistentVolumeClaim' && spec) {
    delete spec.volumeName;
  }
  if (group === '' && copy.kind === 'Namespace') {
    delete copy.spec; // only the server's 'kubernetes' finalizer
  }
  if (group === '' && copy.kind === 'Pod' && spec) {
    sanitizePodSpec(spec);
  }
  if (group === 'batch' && copy.kind === 'Job' && spec) {
    const matchLabels = withoutKeys(spec.selector?.matchLabels, JOB_UID_LABELS);
    if (!spec.manualSelector) delete spec.selector;
    else spec.selector = { ...spec.selector, matchLabels };
    setOrDelete(
      metadata,
      'labels',
      withoutKeys(metadata.labels, JOB_UID_LABELS),
    );
    const template = spec.template?.metadata;
    if (template) {
      setOrDelete(
        template,
        'labels',
        withoutKeys(template.labels, JOB_UID_LABELS),
      );
    }
  }
  return copy;
}

/**
 * Picks and sanitises the objects of a backup from everything listed: see
 * {@link skipReason} and {@link sanitize}. Sorted by kind, namespace and name.
 */
export function selectObjects(listed: KubeObject[]): KubeObject[] {
  const kept = listed.filter(o => skipReason(o) === undefined);
  const uids = new Set(
    kept.map(o => o.metadata.uid).filter((u): u is string => !!u),
  );
  return kept
    .map(o => sanitize(o, uids))
    .sort((a, b) =>
      `${a.kind}/${a.metadata.namespace ?? ''}/${
        a.metadata.name
      }`.localeCompare(
        `${b.kind}/${b.metadata.namespace ?? ''}/${b.metadata.name}`,
      ),
    );
}

/** Kinds applied before the rest, in this order (as Helm installs them). */
const KIND_ORDER = [
  'CustomResourceDefinition',
  'Namespace',
  'ResourceQuota',
  'LimitRange',
  'NetworkPolicy',
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  'PersistentVolumeClaim',
  'Role',
  'RoleBinding',
  'Service',
  'PodTemplate',
  'ReplicationController',
  'Pod',
  'DaemonSet',
  'ReplicaSet',
  'Deployment',
  'StatefulSet',
  'HorizontalPodAutoscaler',
  'Job',
  'CronJob',
  'Ingress',
  'PodDisruptionBudget',
];

function rank(object: KubeObject): number {
  const index = KIND_ORDER.indexOf(object.kind);
  return index < 0 ? KIND_ORDER.length : index;
}

/** Identifies an object without its uid: group, kind, namespace and name. */
export function objectKey(object: KubeObject): string {
  return ownerKey(
    groupOf(object.apiVersion),
    object.kind,
    object.metadata.namespace,
    object.metadata.name,
  );
}

function ownerKey(
  group: string,
  kind: string,
  namespace: string | undefined,
  name: string,
): string {
  return `${group}/${kind}/${namespace ?? ''}/${name}`;
}

/**
 * The keys (see {@link objectKey}) an owner reference may point at: owners live in
 * the dependent's namespace or are cluster-scoped.
 */
export function ownerKeys(object: KubeObject, ref: OwnerReference): string[] {
  const group = groupOf(ref.apiVersion);
  return [
    ownerKey(group, ref.kind, object.metadata.namespace, ref.name),
    ownerKey(group, ref.kind, undefined, ref.name),
  ];
}

/**
 * The order a restore applies objects in, as waves: CRDs first, then Namespaces,
 * then the rest by kind; an object whose owner is in the backup comes in a wave
 * after its owner, so the owner's new uid can be written into its reference.
 */
export function restoreWaves(objects: KubeObject[]): KubeObject[][] {
  const byKey = new Map(objects.map(o => [objectKey(o), o]));
  const depth = new Map<KubeObject, number>();
  const depthOf = (o: KubeObject, seen: Set<KubeObject>): number => {
    const known = depth.get(o);
    if (known !== undefined) return known;
    if (seen.has(o)) return 0; // a cycle: cannot happen in a real cluster
    seen.add(o);
    let d = 0;
    for (const ref of o.metadata.ownerReferences ?? []) {
      const owner = ownerKeys(o, ref)
        .map(k => byKey.get(k))
        .find(Boolean);
      if (owner) d = Math.max(d, depthOf(owner, seen) + 1);
    }
    depth.set(o, d);
    return d;
  };
  const waves: KubeObject[][] = [];
  const sorted = [...objects].sort((a, b) => rank(a) - rank(b));
  for (const o of sorted) {
    const d = depthOf(o, new Set());
    // objects without owners go by kind; owned objects after all of them, by depth
    const index = d === 0 ? rank(o) : KIND_ORDER.length + d;
    (waves[index] ??= []).push(o);
  }
  return waves.filter(Boolean);
}

/** The reference of an object, for summaries and failures. */
export function refOf(object: KubeObject): VirtualClusterBackupObjectRef {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    ...(object.metadata.namespace
      ? { namespace: object.metadata.namespace }
      : {}),
    name: object.metadata.name,
  };
}
