const SUFFIX: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  m: 1e-3,
};

/** Parses a Kubernetes quantity into its base unit (cores, bytes). Unknown input is 0. */
export function parseQuantity(value: string | number | undefined): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  const match = /^([0-9.]+)(e[0-9]+)?([a-zA-Z]*)$/.exec(value.trim());
  if (!match) return 0;
  const [, number, exponent, suffix] = match;
  const base =
    Number(number) * (exponent ? 10 ** Number(exponent.slice(1)) : 1);
  const factor = SUFFIX[suffix];
  return factor === undefined ? 0 : base * factor;
}

/** CPU quantity in cores. */
export function parseCpu(value: string | number | undefined): number {
  return parseQuantity(value);
}

/** Memory or storage quantity in GiB. */
export function parseMemoryGiB(value: string | number | undefined): number {
  return parseQuantity(value) / 1024 ** 3;
}
