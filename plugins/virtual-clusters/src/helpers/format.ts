import { parseQuantity } from '@virtual-clusters/plugin-virtual-clusters-common';

/**
 * An amount in its currency: two decimals from 1 up, four below, and two significant
 * digits below a cent, so that a young cluster's small costs do not read as zero.
 */
export function formatMoney(value: number, currency: string): string {
  const small = value > 0 && value < 0.01;
  return new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency,
    ...(small
      ? { maximumSignificantDigits: 2 }
      : { maximumFractionDigits: value < 1 ? 4 : 2 }),
  }).format(value);
}

/** Bytes as a short human size, e.g. `12.3 KiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * One value of a ResourceQuota, for people: memory and storage keys as sizes
 * (`256.0 MiB`), CPU keys in cores (`0.2`), counts as they are; a value that is no
 * quantity is shown unchanged.
 */
export function formatQuotaValue(resource: string, value: string): string {
  const n = parseQuantity(value);
  if (Number.isNaN(n)) return value;
  if (/(memory|storage)$/.test(resource)) return formatBytes(n);
  return String(Math.round(n * 1000) / 1000);
}
