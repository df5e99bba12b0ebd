/** An amount in its currency, with four decimals below 1 so small costs still show. */
export function formatMoney(value: number, currency: string): string {
  return new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency,
    maximumFractionDigits: value < 1 ? 4 : 2,
  }).format(value);
}
