import { parse, stringify } from 'yaml';

/** A manifest object as the deploy controller reads it (an unstructured object). */
export type ManifestObject = {
  apiVersion?: string;
  kind: string;
  metadata: { name?: string; namespace?: string } & Record<string, unknown>;
} & Record<string, unknown>;

/** JSON with object keys sorted, as Go marshals a map. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map(
        k =>
          `${JSON.stringify(k)}:${sortedJson(
            (value as Record<string, unknown>)[k],
          )}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** encoding/json's name of a JSON value's type in an unmarshal error. */
function goType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  return 'string';
}

/**
 * pkg/controllers/deploy/unstructured.go v0.32.3 ManifestStringToUnstructuredArray: the
 * string split at every `\n---`, each part read as a map (empty parts skipped), an
 * object without `kind` refused, the namespace defaulted. The objects that read are
 * returned with the first error, as upstream does.
 */
export function manifestObjects(
  manifests: string,
  defaultNamespace = 'default',
): { objects: ManifestObject[]; error?: string } {
  const trimmed = manifests.trim();
  if (trimmed === '' || trimmed === '---') return { objects: [] };
  const objects: ManifestObject[] = [];
  let error: string | undefined;
  const fail = (message: string) => {
    error ??= `failed to unmarshal manifest: ${message}`;
  };
  for (const part of manifests.split(/\n---/)) {
    let value: unknown;
    try {
      value = parse(part);
    } catch (e) {
      fail(`error converting YAML to JSON: ${(e as Error).message}`);
      continue;
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      fail(
        `error unmarshaling JSON: json: cannot unmarshal ${goType(
          value,
        )} into Go value of type map[string]interface {}`,
      );
      continue;
    }
    const map = value as Record<string, unknown>;
    if (Object.keys(map).length === 0) continue;
    // k8s.io/apimachinery unstructured.UnmarshalJSON: an object needs its kind
    if (typeof map.kind !== 'string' || map.kind === '') {
      fail(
        `error unmarshaling JSON: Object 'Kind' is missing in '${sortedJson(
          map,
        )}'`,
      );
      continue;
    }
    const metadata =
      map.metadata && typeof map.metadata === 'object'
        ? (map.metadata as ManifestObject['metadata'])
        : {};
    if (!metadata.namespace) metadata.namespace = defaultNamespace;
    objects.push({ ...map, metadata } as ManifestObject);
  }
  return { objects, error };
}

/** pkg/controllers/deploy/unstructured.go v0.32.3 UnstructuredToKObject: what identifies an applied object. */
export function objectKey(object: ManifestObject): string {
  return [
    object.apiVersion ?? '',
    object.kind,
    object.metadata.namespace ?? '',
    object.metadata.name ?? '',
  ].join('|');
}

/**
 * pkg/controllers/deploy/helper.go v0.32.3: the document stream that is applied, each
 * object marshalled again (sorted keys, as ghodss/yaml writes them) after `\n---\n`.
 */
export function processedManifests(objects: ManifestObject[]): string {
  return objects
    .map(o => `\n---\n${stringify(o, { sortMapEntries: true })}`)
    .join('');
}

/**
 * pkg/controllers/deploy/helper.go v0.32.3 ApplyGivenInitManifests: the objects of the
 * last applied manifests that the current ones no longer list, which are deleted.
 */
export function removedObjects(
  lastApplied: ManifestObject[],
  current: ManifestObject[],
): ManifestObject[] {
  const keep = new Set(current.map(objectKey));
  const seen = new Map<string, ManifestObject>();
  for (const o of lastApplied) seen.set(objectKey(o), o);
  return [...seen.entries()].filter(([k]) => !keep.has(k)).map(([, o]) => o);
}
