/*
 * Kubernetes quantities for the backend (capacity, cost, rendered limits) and the UI
 * (quota bars). client-node's quantityToScalar is not used: it throws on valid
 * decimal quantities such as `1.5Gi` (BigInt of "1.5"), which the API server accepts.
 */

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
 * A Kubernetes quantity (`200m`, `256Mi`, `1.5Gi`, `1e3`, `20`) in its base unit
 * (cores, bytes, objects); `NaN` for anything else.
 *
 * @public
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
