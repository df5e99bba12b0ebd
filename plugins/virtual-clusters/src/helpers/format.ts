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

const SUFFIX: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
  m: 1e-3,
  u: 1e-6,
  n: 1e-9,
};

/**
 * A Kubernetes quantity (`200m`, `256Mi`, `5Gi`, `1e3`, `20`) in its base unit
 * (cores, bytes, objects); `NaN` for anything else.
 */
export function parseQuantity(value: string): number {
  const match =
    /^([+-]?[0-9]*\.?[0-9]+)(?:[eE]([+-]?[0-9]+))?([a-zA-Z]*)$/.exec(
      value.trim(),
    );
  if (!match) return NaN;
  const [, number, exponent, suffix] = match;
  const factor = SUFFIX[suffix];
  if (factor === undefined) return NaN;
  return Number(number) * (exponent ? 10 ** Number(exponent) : 1) * factor;
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
