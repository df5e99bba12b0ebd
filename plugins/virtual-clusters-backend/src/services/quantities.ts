import { parseQuantity as parse } from '@virtual-clusters/plugin-virtual-clusters-common';

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
