import { stringify } from 'yaml';
import { KubeObject } from '../../kubernetes/types';

/** kubectl's annotation with the last applied object, a Secret's data included. */
export const LAST_APPLIED_ANNOTATION =
  'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The object as it is shown: without `metadata.managedFields` (bookkeeping of who
 * wrote which field), and for a Secret without `data`, `stringData` and the
 * last-applied annotation, which holds them too. Pure: the object given is not changed.
 */
export function shownObject(object: KubeObject): KubeObject {
  const { managedFields: _managed, ...metadata } = object.metadata;
  if (object.kind !== 'Secret') return { ...object, metadata };
  const { data: _data, stringData: _stringData, ...rest } = object;
  const { [LAST_APPLIED_ANNOTATION]: _applied, ...annotations } =
    metadata.annotations ?? {};
  return {
    ...rest,
    metadata: Object.keys(annotations).length
      ? { ...metadata, annotations }
      : { ...metadata, annotations: undefined },
  };
}

/** {@link shownObject} as YAML. */
export function objectYaml(object: KubeObject): string {
  return stringify(shownObject(object));
}
