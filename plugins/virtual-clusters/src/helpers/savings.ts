import { formatMoney } from './format';

/** Hours to one decimal, e.g. `12.5 h`, `3 h`; under a tenth `< 0.1 h`. */
export function formatHours(hours: number): string {
  if (hours > 0 && hours < 0.05) return '< 0.1 h';
  return `${Number(hours.toFixed(1))} h`;
}

/** `Slept 12.5 h this month · saved $3.20`, what the cost card and tables say of sleep. */
export function describeSleepSavings(
  sleep: { hours: number; saved: number },
  currency: string,
): string {
  return `Slept ${formatHours(sleep.hours)} this month · saved ${formatMoney(
    sleep.saved,
    currency,
  )}`;
}
