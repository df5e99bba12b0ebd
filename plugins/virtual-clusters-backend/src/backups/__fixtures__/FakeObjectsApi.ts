import { ObjectsApi } from '../clusterObjects';
import { KubeObject, ResourceType } from '../objects';

const BUILTIN: Array<[string, string, string, boolean, string[]?]> = [
  ['', 'namespaces', 'Namespace', false],
  ['', 'configmaps', 'ConfigMap', true],
  ['', 'secrets', 'Secret', true],
  ['', 'serviceaccounts', 'ServiceAccount', true],
  ['', 'services', 'Service', true],
  ['', 'pods', 'Pod', true],
  ['', 'persistentvolumeclaims', 'PersistentVolumeClaim', true],
  ['', 'events', 'Event', true],
  ['', 'endpoints', 'Endpoints', true],
  ['', 'bindings', 'Binding', true, ['create']],
  ['apps', 'deployments', 'Deployment', true],
  ['apps', 'replicasets', 'ReplicaSet', true],
  ['apps', 'controllerrevisions', 'ControllerRevision', true],
  ['batch', 'jobs', 'Job', true],
  ['batch', 'cronjobs', 'CronJob', true],
  [
    'apiextensions.k8s.io',
    'customresourcedefinitions',
    'CustomResourceDefinition',
    false,
  ],
];

const ALL_VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update'];

/** A resource type of version v1 as discovery reports it; all verbs unless given. */
export function resourceType(
  group: string,
  name: string,
  kind: string,
  namespaced: boolean,
  verbs = ALL_VERBS,
): ResourceType {
  return {
    group,
    version: 'v1',
    apiVersion: group ? `${group}/v1` : 'v1',
    kind,
    name,
    namespaced,
    verbs,
  };
}

const keyOf = (type: ResourceType, name: string, namespace?: string) =>
  `${type.apiVersion}/${type.name}/${
    type.namespaced ? namespace ?? '' : ''
  }/${name}`;

/**
 * An in-memory API server for export and restore tests: server-side apply creates
 * (with a fresh uid) or merges into an existing object (keeping its uid), CRDs add
 * their kind once established, and a namespace can be made to terminate for a while.
 */
export class FakeObjectsApi implements ObjectsApi {
  readonly objects = new Map<string, KubeObject>();
  readonly applied: KubeObject[] = [];
  /** Kinds whose apply fails, with the message. */
  readonly failKinds = new Map<string, string>();
  /** Reads of a CRD before it reports Established. */
  establishAfterReads = 1;
  /** Namespaces terminating: reads left until they are gone. */
  readonly terminating = new Map<string, number>();
  /** Types whose list fails, with the status code. */
  readonly failLists = new Map<string, number>();
  #types: ResourceType[] = BUILTIN.map(([g, n, k, ns, v]) =>
    resourceType(g, n, k, ns, v),
  );
  #uid = 0;
  #crdReads = new Map<string, number>();

  async serverVersion() {
    return 'v1.36.3';
  }

  async resourceTypes() {
    return { types: [...this.#types], warnings: [] };
  }

  async listAll(type: ResourceType): Promise<KubeObject[]> {
    const code = this.failLists.get(type.name);
    if (code) {
      throw Object.assign(new Error(`${code}`), {
        code,
        body: { message: `${type.name} is forbidden` },
      });
    }
    return [...this.objects.values()]
      .filter(o => o.apiVersion === type.apiVersion && o.kind === type.kind)
      .map(o => JSON.parse(JSON.stringify(o)));
  }

  /** Puts an object in place as if a user had created it. */
  seed(type: ResourceType | string, object: KubeObject) {
    const t = typeof type === 'string' ? this.type(type) : type;
    const stored = {
      ...object,
      metadata: {
        ...object.metadata,
        uid: object.metadata.uid ?? `uid-${++this.#uid}`,
      },
    };
    this.objects.set(
      keyOf(t, object.metadata.name, object.metadata.namespace),
      stored,
    );
    return stored;
  }

  /** Serves another resource type, e.g. of a CRD installed earlier. */
  addType(group: string, name: string, kind: string, namespaced: boolean) {
    const t = resourceType(group, name, kind, namespaced);
    this.#types.push(t);
    return t;
  }

  type(kind: string): ResourceType {
    const t = this.#types.find(x => x.kind === kind);
    if (!t) throw new Error(`no type ${kind}`);
    return t;
  }

  async apply(
    type: ResourceType,
    object: KubeObject,
    fieldManager: string,
  ): Promise<KubeObject> {
    if (fieldManager !== 'backstage-virtual-clusters') {
      throw new Error(`unexpected field manager ${fieldManager}`);
    }
    const message = this.failKinds.get(object.kind);
    if (message) {
      throw Object.assign(new Error('Unprocessable'), {
        code: 422,
        body: { message },
      });
    }
    if (object.metadata.namespace && type.namespaced) {
      const ns = this.objects.get(
        keyOf(this.type('Namespace'), object.metadata.namespace),
      );
      if (!ns || ns.metadata.deletionTimestamp) {
        throw Object.assign(new Error('NotFound'), {
          code: 404,
          body: {
            message: `namespaces "${object.metadata.namespace}" not found`,
          },
        });
      }
    }
    this.applied.push(object);
    const key = keyOf(type, object.metadata.name, object.metadata.namespace);
    const existing = this.objects.get(key);
    const stored: KubeObject = {
      ...existing,
      ...object,
      metadata: {
        ...existing?.metadata,
        ...object.metadata,
        uid: existing?.metadata.uid ?? `uid-${++this.#uid}`,
      },
    };
    this.objects.set(key, stored);
    if (object.kind === 'CustomResourceDefinition') {
      const spec = object.spec as {
        group: string;
        scope: string;
        names: { kind: string; plural: string };
      };
      this.#crdReads.set(object.metadata.name, 0);
      this.#pendingTypes.push(
        resourceType(
          spec.group,
          spec.names.plural,
          spec.names.kind,
          spec.scope === 'Namespaced',
        ),
      );
    }
    return JSON.parse(JSON.stringify(stored));
  }

  #pendingTypes: ResourceType[] = [];

  async read(
    type: ResourceType,
    name: string,
    namespace?: string,
  ): Promise<KubeObject | undefined> {
    const key = keyOf(type, name, namespace);
    const object = this.objects.get(key);
    if (!object) return undefined;
    if (type.kind === 'CustomResourceDefinition' && this.#crdReads.has(name)) {
      const reads = this.#crdReads.get(name)! + 1;
      this.#crdReads.set(name, reads);
      if (reads >= this.establishAfterReads) {
        object.status = {
          conditions: [{ type: 'Established', status: 'True' }],
        };
        this.#types.push(...this.#pendingTypes);
        this.#pendingTypes = [];
      }
    }
    if (type.kind === 'Namespace' && this.terminating.has(name)) {
      const left = this.terminating.get(name)! - 1;
      if (left <= 0) {
        this.terminating.delete(name);
        this.objects.delete(key);
        return undefined;
      }
      this.terminating.set(name, left);
      object.metadata.deletionTimestamp = '2026-11-24T10:00:00Z';
    }
    return JSON.parse(JSON.stringify(object));
  }

  /** Marks a namespace as terminating for `reads` reads. */
  terminate(name: string, reads: number) {
    const ns = this.objects.get(keyOf(this.type('Namespace'), name));
    if (!ns) throw new Error(`no namespace ${name}`);
    ns.metadata.deletionTimestamp = '2026-11-24T10:00:00Z';
    this.terminating.set(name, reads);
  }

  /** Every stored object of a kind, by namespace/name. */
  names(kind: string): string[] {
    return [...this.objects.values()]
      .filter(o => o.kind === kind)
      .map(o =>
        o.metadata.namespace
          ? `${o.metadata.namespace}/${o.metadata.name}`
          : o.metadata.name,
      )
      .sort();
  }

  get(kind: string, name: string, namespace?: string): KubeObject | undefined {
    return [...this.objects.values()].find(
      o =>
        o.kind === kind &&
        o.metadata.name === name &&
        o.metadata.namespace === namespace,
    );
  }
}
