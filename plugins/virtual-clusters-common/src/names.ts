/**
 * The longest virtual cluster name: vcluster derives Helm release, StatefulSet and
 * Service names from it, and Helm release names stop at 53 characters.
 *
 * @public
 */
export const MAX_VIRTUAL_CLUSTER_NAME_LENGTH = 52;

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Checks a virtual cluster name: a DNS-1123 label of at most
 * {@link MAX_VIRTUAL_CLUSTER_NAME_LENGTH} characters.
 *
 * @returns `undefined` when valid, otherwise a message that says what is wrong.
 * @public
 */
export function validateVirtualClusterName(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length === 0) {
    return 'Name is required';
  }
  if (name.length > MAX_VIRTUAL_CLUSTER_NAME_LENGTH) {
    return `Name must be at most ${MAX_VIRTUAL_CLUSTER_NAME_LENGTH} characters (got ${name.length})`;
  }
  if (!DNS_1123_LABEL.test(name)) {
    return 'Name must consist of lower case letters, digits and dashes, and start and end with a letter or digit';
  }
  return undefined;
}

/**
 * Host namespace that holds a virtual cluster: `vc-<name>`.
 *
 * @public
 */
export function virtualClusterNamespace(name: string): string {
  return `vc-${name}`;
}

const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?$/;

/**
 * Whether `value` is a Kubernetes quantity as quotas take them: `2`, `500m`, `4Gi`.
 *
 * @public
 */
export function isKubernetesQuantity(value: unknown): boolean {
  return typeof value === 'string' && QUANTITY.test(value);
}
