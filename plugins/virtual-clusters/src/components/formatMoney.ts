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
