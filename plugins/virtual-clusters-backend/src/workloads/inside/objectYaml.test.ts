import { parse } from 'yaml';
import { LAST_APPLIED_ANNOTATION, objectYaml, shownObject } from './objectYaml';

const managedFields = [
  { manager: 'kubectl', operation: 'Apply', fieldsV1: { 'f:data': {} } },
];

describe('objectYaml', () => {
  it('leaves out managedFields and keeps the rest', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'web',
        namespace: 'shop',
        managedFields,
        annotations: { [LAST_APPLIED_ANNOTATION]: '{"spec":{}}' },
      },
      spec: { replicas: 2 },
    };
    const shown = parse(objectYaml(deployment));
    expect(shown).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'web',
        namespace: 'shop',
        // only a Secret's last-applied annotation holds secrets
        annotations: { [LAST_APPLIED_ANNOTATION]: '{"spec":{}}' },
      },
      spec: { replicas: 2 },
    });
    // the object read is not changed
    expect(deployment.metadata.managedFields).toBe(managedFields);
  });

  it("leaves out a Secret's data, stringData and last-applied annotation", () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: {
        name: 'db',
        namespace: 'shop',
        managedFields,
        labels: { app: 'shop' },
        annotations: {
          [LAST_APPLIED_ANNOTATION]: '{"data":{"password":"aHVudGVyMg=="}}',
          team: 'payments',
        },
      },
      data: { password: 'aHVudGVyMg==' },
      stringData: { user: 'admin' },
    };
    const text = objectYaml(secret);
    expect(text).not.toContain('aHVudGVyMg==');
    expect(text).not.toContain('admin');
    expect(parse(text)).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: {
        name: 'db',
        namespace: 'shop',
        labels: { app: 'shop' },
        annotations: { team: 'payments' },
      },
    });
  });

  it('drops the annotations of a Secret that had only the last-applied one', () => {
    const shown = shownObject({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'db',
        annotations: { [LAST_APPLIED_ANNOTATION]: '{}' },
      },
      data: {},
    });
    expect(parse(objectYaml(shown)).metadata).toEqual({ name: 'db' });
  });
});
