import { createHash } from 'node:crypto';

/**
 * The host name of a pod synced from a virtual cluster, as vcluster names it:
 * `<pod>-x-<namespace>-x-<vcluster>`, shortened with a hash when over 63 characters.
 */
export function hostPodName(
  pod: string,
  namespace: string,
  vcluster: string,
): string {
  const name = `${pod}-x-${namespace}-x-${vcluster}`;
  if (name.length <= 63) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 10);
  return `${name.slice(0, 52)}-${hash}`;
}
