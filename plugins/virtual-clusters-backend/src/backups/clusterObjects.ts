import { VirtualClusterBackupObjectRef } from '@virtual-clusters/plugin-virtual-clusters-common';
import pLimit from 'p-limit';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { FIELD_MANAGER } from '../kubernetes/apply';
import { describeKubernetesError, isNotFound } from '../kubernetes/errors';
import {
  isBackedUpType,
  isCrdType,
  isNamespaceType,
  KubeObject,
  objectKey,
  ownerKeys,
  refOf,
  ResourceType,
  restoreWaves,
  selectObjects,
} from './objects';

/** What export and restore need of a cluster's API; KubernetesClient has it. */
export interface ObjectsApi {
  serverVersion(): Promise<string>;
  resourceTypes(): Promise<{ types: ResourceType[]; warnings: string[] }>;
  listAll(type: ResourceType): Promise<KubeObject[]>;
  apply(
    type: ResourceType,
    object: KubeObject,
    fieldManager: string,
  ): Promise<KubeObject>;
  read(
    type: ResourceType,
    name: string,
    namespace?: string,
  ): Promise<KubeObject | undefined>;
}

/** The stored JSON of a backup. */
export type BackupContent = {
  format: typeof BACKUP_FORMAT;
  source: { clusterId: string; name: string; serverVersion: string };
  createdAt: string;
  objects: KubeObject[];
  warnings: string[];
};

export const BACKUP_FORMAT = 'virtual-clusters.dev/backup/v1';

/** Parses stored backup JSON, checking its format. */
export function parseBackupContent(json: string): BackupContent {
  const content = JSON.parse(json) as BackupContent;
  if (content?.format !== BACKUP_FORMAT || !Array.isArray(content.objects)) {
    throw new Error(`Not a backup in format ${BACKUP_FORMAT}`);
  }
  return content;
}

/** Runs fn over items with at most `limit` at a time (p-limit), keeping the order of results. */
export function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const run = pLimit(limit);
  return Promise.all(items.map(item => run(() => fn(item))));
}

const typeLabel = (t: ResourceType) =>
  t.group ? `${t.name}.${t.group}` : t.name;

/**
 * Reads the objects a backup holds from a cluster: every namespaced type that can be
 * listed and created (see {@link isBackedUpType}), the Namespaces and the
 * CustomResourceDefinitions, filtered and sanitised by {@link selectObjects}. A type
 * that cannot be listed fails the export: a backup that silently misses a kind is
 * worse than none.
 */
export async function exportObjects(api: ObjectsApi): Promise<{
  objects: KubeObject[];
  warnings: string[];
  serverVersion: string;
  types: number;
}> {
  const serverVersion = await api.serverVersion();
  const { types, warnings } = await api.resourceTypes();
  const wanted = types.filter(
    t => isBackedUpType(t) || isCrdType(t) || isNamespaceType(t),
  );
  const lists = await mapLimit(wanted, 4, async type => {
    try {
      return await api.listAll(type);
    } catch (error) {
      if (isNotFound(error)) {
        // removed since discovery, e.g. a CRD deleted meanwhile
        warnings.push(`${typeLabel(type)} disappeared while being read`);
        return [];
      }
      throw new Error(
        `Could not list ${typeLabel(type)}: ${describeKubernetesError(error)}`,
      );
    }
  });
  return {
    objects: selectObjects(lists.flat()),
    warnings,
    serverVersion,
    types: wanted.length,
  };
}

/** Outcome of applying a backup's objects. */
export type RestoreOutcome = {
  applied: number;
  failed: number;
  skipped: number;
  failures: Array<VirtualClusterBackupObjectRef & { message: string }>;
};

const MAX_FAILURES = 50;

/** Waits between polls; replaced in tests. */
export type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = ms => sleepFor(ms);

/**
 * Resolves apiVersion + kind to the resource type the target serves, from discovery
 * (preferred versions) and, for other versions, the version's own resource list.
 */
class TypeResolver {
  #types = new Map<string, ResourceType>();
  readonly #api: ObjectsApi;

  constructor(api: ObjectsApi) {
    this.#api = api;
  }

  async refresh() {
    const { types } = await this.#api.resourceTypes();
    this.#types = new Map(
      types
        .filter(t => !t.name.includes('/'))
        .map(t => [`${t.apiVersion}/${t.kind}`, t]),
    );
  }

  get(object: KubeObject): ResourceType | undefined {
    return this.#types.get(`${object.apiVersion}/${object.kind}`);
  }
}

function isEstablished(crd: KubeObject | undefined): boolean {
  const conditions =
    (crd?.status as { conditions?: Array<{ type: string; status: string }> })
      ?.conditions ?? [];
  return conditions.some(c => c.type === 'Established' && c.status === 'True');
}

/**
 * Applies a backup's objects to a cluster with server-side apply (field manager
 * {@link FIELD_MANAGER}, forced, so the backup wins over later edits): first the
 * CustomResourceDefinitions the target lacks (ones it has are left alone, so a newer
 * definition is never downgraded), waiting until they are established; then the
 * Namespaces, waiting out one still terminating; then the rest by kind, owners
 * before the objects they own, whose references get the owners' new uids. Objects
 * that exist are updated in place; one that fails is counted and the rest go on.
 */
export async function restoreObjects(
  api: ObjectsApi,
  objects: KubeObject[],
  options: { sleep?: Sleep; waitMs?: number } = {},
): Promise<RestoreOutcome> {
  const sleep = options.sleep ?? realSleep;
  const waitMs = options.waitMs ?? 60_000;
  const outcome: RestoreOutcome = {
    applied: 0,
    failed: 0,
    skipped: 0,
    failures: [],
  };
  const fail = (object: KubeObject, message: string) => {
    outcome.failed += 1;
    if (outcome.failures.length < MAX_FAILURES) {
      outcome.failures.push({ ...refOf(object), message });
    }
  };
  const types = new TypeResolver(api);
  await types.refresh();
  const newUids = new Map<string, string>();

  const applyOne = async (object: KubeObject, type: ResourceType) => {
    const stored = await api.apply(type, object, FIELD_MANAGER);
    if (stored.metadata?.uid)
      newUids.set(objectKey(object), stored.metadata.uid);
    return stored;
  };

  const waves = restoreWaves(objects);
  const crds = waves.flat().filter(o => o.kind === 'CustomResourceDefinition');
  const namespaces = waves.flat().filter(o => o.kind === 'Namespace');
  const rest = waves.map(wave =>
    wave.filter(
      o => o.kind !== 'CustomResourceDefinition' && o.kind !== 'Namespace',
    ),
  );

  // 1. CustomResourceDefinitions the target lacks
  const created: KubeObject[] = [];
  for (const crd of crds) {
    const type = types.get(crd);
    if (!type) {
      fail(crd, `${crd.apiVersion} is not served by the target cluster`);
      continue;
    }
    try {
      if (await api.read(type, crd.metadata.name)) {
        outcome.skipped += 1;
        continue;
      }
      await applyOne(crd, type);
      outcome.applied += 1;
      created.push(crd);
    } catch (error) {
      fail(crd, describeKubernetesError(error));
    }
  }
  if (created.length) {
    const type = types.get(created[0])!;
    const until = Date.now() + waitMs;
    let pending = created;
    while (pending.length && Date.now() < until) {
      const states = await Promise.all(
        pending.map(c =>
          api.read(type, c.metadata.name).catch(() => undefined),
        ),
      );
      pending = pending.filter((_, i) => !isEstablished(states[i]));
      if (pending.length) await sleep(250);
    }
    await types.refresh(); // the new kinds are served now
  }

  // 2. Namespaces, waiting out one that is still being deleted
  for (const ns of namespaces) {
    const type = types.get(ns)!;
    try {
      let stored = await applyOne(ns, type);
      const until = Date.now() + waitMs;
      while (stored.metadata?.deletionTimestamp && Date.now() < until) {
        await sleep(500);
        const current = await api.read(type, ns.metadata.name);
        stored = current ?? (await applyOne(ns, type));
      }
      if (stored.metadata?.deletionTimestamp) {
        fail(ns, `namespace is still terminating after ${waitMs} ms`);
      } else {
        outcome.applied += 1;
      }
    } catch (error) {
      fail(ns, describeKubernetesError(error));
    }
  }

  // 3. Everything else, wave by wave
  for (const wave of rest) {
    await mapLimit(wave, 8, async object => {
      const type = types.get(object);
      if (!type) {
        fail(
          object,
          `${object.apiVersion} ${object.kind} is not served by the target cluster`,
        );
        return;
      }
      const owners = (object.metadata.ownerReferences ?? []).flatMap(ref => {
        const uid = ownerKeys(object, ref)
          .map(k => newUids.get(k))
          .find(Boolean);
        return uid ? [{ ...ref, uid }] : [];
      });
      const body: KubeObject = {
        ...object,
        metadata: { ...object.metadata, ownerReferences: owners },
      };
      if (!owners.length) delete body.metadata.ownerReferences;
      try {
        await applyOne(body, type);
        outcome.applied += 1;
      } catch (error) {
        fail(object, describeKubernetesError(error));
      }
    });
  }
  return outcome;
}
