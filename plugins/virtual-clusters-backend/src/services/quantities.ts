import {
  parseQuantity as parse,
  VirtualClusterQuota,
} from '@virtual-clusters/plugin-virtual-clusters-common';

/** A Kubernetes quantity in its base unit (cores, bytes); unknown input is 0. */
export function parseQuantity(value: string | number | undefined): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  const n = parse(value);
  return Number.isNaN(n) ? 0 : n;
}

/** CPU quantity in cores. */
export function parseCpu(value: string | number | undefined): number {
  return parseQuantity(value);
}

/** Memory or storage quantity in GiB. */
export function parseMemoryGiB(value: string | number | undefined): number {
  return parseQuantity(value) / 1024 ** 3;
}

/** Where a quota asks for more than a maximum, as `cpu 8 > 4`; undefined when within it. */
export function quotaBeyond(
  quota: VirtualClusterQuota,
  max: VirtualClusterQuota | undefined,
): string | undefined {
  if (!max) return undefined;
  for (const field of ['cpu', 'memory', 'storage'] as const) {
    const [asked, most] = [quota[field], max[field]];
    if (asked && most && parseQuantity(asked) > parseQuantity(most)) {
      return `${field} ${asked} > ${most}`;
    }
  }
  if (quota.pods && max.pods && quota.pods > max.pods) {
    return `pods ${quota.pods} > ${max.pods}`;
  }
  return undefined;
}
