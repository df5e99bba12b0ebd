import { createHash } from 'node:crypto';

const sha256hex = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Joins name parts with `-`, shortened to 63 characters with a hash as vcluster does
 * (loft-sh/vcluster pkg/util/translate/translate.go SafeConcatName at v0.32.3: the
 * first 52 characters, `-`, the first 10 hex digits of the sha256 of the whole, then
 * every `.-` made `-`).
 */
export function safeConcatName(...parts: string[]): string {
  const full = parts.join('-');
  if (full.length <= 63) return full;
  return `${full.slice(0, 52)}-${sha256hex(full).slice(0, 10)}`.replaceAll(
    '.-',
    '-',
  );
}

/**
 * The host name of a namespaced object synced from a virtual cluster:
 * `<name>-x-<namespace>-x-<vcluster>` (pkg/util/translate/single_namespace.go, v0.32.3).
 */
export function hostName(
  name: string,
  namespace: string,
  vcluster: string,
): string {
  return safeConcatName(name, 'x', namespace, 'x', vcluster);
}

/**
 * The host key of a label the syncer must not copy as is (`release` and its own marker
 * labels): `vcluster.loft.sh/label-<vcluster>-x-<10 hex of the key>`
 * (pkg/util/translate/labels.go, v0.32.3); `prefix` `vcluster.loft.sh/ns-label` for
 * the labels of the virtual namespace.
 */
export function hostLabelKey(
  key: string,
  vcluster: string,
  prefix = 'vcluster.loft.sh/label',
): string {
  return safeConcatName(prefix, vcluster, 'x', sha256hex(key).slice(0, 10));
}
