import { VirtualClusterCost } from '@virtual-clusters/plugin-virtual-clusters-common';
import { DateTime } from 'luxon';

/** Money rounded to four decimals, as the cost API returns it. */
export const roundCost = (n: number) => Math.round(n * 10000) / 10000;

/** Midnight UTC on the first day of `now`'s month. */
export function monthStart(now: Date): Date {
  return DateTime.fromJSDate(now, { zone: 'utc' }).startOf('month').toJSDate();
}

/** Hours from `now` to the end of its month (UTC). */
export function hoursLeftInMonth(now: Date): number {
  const at = DateTime.fromJSDate(now, { zone: 'utc' });
  return at.startOf('month').plus({ months: 1 }).diff(at, 'hours').hours;
}

/** The rounded breakdowns of a cost report, namespaces most expensive first. */
export function breakdownOf(
  byResource: VirtualClusterCost['byResource'],
  byNamespace: Map<string, number>,
): Pick<VirtualClusterCost, 'byResource' | 'byNamespace'> {
  return {
    byResource: {
      cpu: roundCost(byResource.cpu),
      memory: roundCost(byResource.memory),
      storage: roundCost(byResource.storage),
      loadBalancer: roundCost(byResource.loadBalancer),
    },
    byNamespace: [...byNamespace.entries()]
      .map(([namespace, cost]) => ({ namespace, cost: roundCost(cost) }))
      .sort((a, b) => b.cost - a.cost),
  };
}
