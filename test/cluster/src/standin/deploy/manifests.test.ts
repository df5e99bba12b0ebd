import {
  manifestObjects,
  objectKey,
  processedManifests,
  removedObjects,
} from './manifests.ts';

describe('init manifests (pkg/controllers/deploy/{unstructured,helper}.go v0.32.3)', () => {
  const manifests = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: { name: a }',
    'data: { k: v }',
    '---',
    '# only a comment',
    '---',
    'apiVersion: v1',
    'kind: Namespace',
    'metadata: { name: shop }',
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: { name: b, namespace: shop }',
    '',
  ].join('\n');

  it('splits at every "\\n---", skips empty parts and defaults the namespace', () => {
    const { objects, error } = manifestObjects(manifests);
    expect(error).toBeUndefined();
    expect(objects.map(objectKey)).toEqual([
      'v1|ConfigMap|default|a',
      // upstream defaults it on cluster-scoped objects too (the API server drops it)
      'v1|Namespace|default|shop',
      'v1|ConfigMap|shop|b',
    ]);
    expect(manifestObjects('  ---  ')).toEqual({ objects: [] });
  });

  it('reports the first part that does not read, keeping the others', () => {
    const { objects, error } = manifestObjects(
      'metadata: { name: x }\n---\nkind: ConfigMap\napiVersion: v1\nmetadata: { name: y }\n---\n- a list\n',
    );
    expect(objects.map(objectKey)).toEqual(['v1|ConfigMap|default|y']);
    expect(error).toBe(
      `failed to unmarshal manifest: error unmarshaling JSON: Object 'Kind' is missing in '{"metadata":{"name":"x"}}'`,
    );
  });

  it('marshals the objects again, sorted, after "\\n---\\n"', () => {
    const { objects } = manifestObjects(
      'kind: ConfigMap\napiVersion: v1\nmetadata: { name: a }\n',
    );
    expect(processedManifests(objects)).toBe(
      '\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\n',
    );
  });

  it('deletes what the last applied manifests had and the current ones do not', () => {
    const last = manifestObjects(manifests).objects;
    const current = manifestObjects(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\ndata: { k: changed }\n',
    ).objects;
    expect(removedObjects(last, current).map(objectKey)).toEqual([
      'v1|Namespace|default|shop',
      'v1|ConfigMap|shop|b',
    ]);
    expect(removedObjects([], current)).toEqual([]);
  });
});
