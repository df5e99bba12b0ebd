import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { VirtualClusterCost } from '@virtual-clusters/plugin-virtual-clusters-common';
import { CostCard } from './CostCard';

const cost: VirtualClusterCost = {
  currency: 'USD',
  source: 'rates',
  hourlyRate: 0.05,
  monthToDate: 3,
  projectedMonth: 30,
  daily: [
    { date: '2026-11-24', cost: 1 },
    { date: '2026-11-25', cost: 2 },
  ],
  byResource: { cpu: 2, memory: 0.5, storage: 0.3, loadBalancer: 0.2 },
  byNamespace: [{ namespace: 'shop', cost: 2 }],
  current: { cpuCores: 1, memoryGiB: 2, storageGiB: 10, loadBalancers: 1 },
};

describe('CostCard', () => {
  it('draws each day in its slot of the month', async () => {
    await renderInTestApp(<CostCard cost={cost} />);
    const chart = await screen.findByRole('img', {
      name: 'Daily cost this month',
    });
    // November has 30 days: slots of 10 units in a 300-unit wide chart
    const bars = [...chart.querySelectorAll('rect')].map(r => ({
      x: r.getAttribute('x'),
      width: r.getAttribute('width'),
      height: Number(r.getAttribute('height')),
      title: r.textContent,
    }));
    expect(bars).toEqual([
      { x: '231', width: '8', height: 38, title: '2026-11-24: $1.00' },
      { x: '241', width: '8', height: 76, title: '2026-11-25: $2.00' },
    ]);
  });

  it('says what sleep saved this month, and what it would have cost without', async () => {
    await renderInTestApp(
      <CostCard
        cost={{
          ...cost,
          sleep: {
            hoursThisMonth: 12.5,
            savedThisMonth: 3.2,
            withoutSleepMonthToDate: 6.2,
          },
        }}
      />,
    );
    const sleep = await screen.findByRole('group', {
      name: 'Sleep this month',
    });
    expect(sleep).toHaveTextContent('Slept 12.5 h this month · saved $3.20');
    expect(sleep).toHaveTextContent('Without sleep this month: $6.20');
  });

  it('says nothing of sleep when the cluster did not sleep this month', async () => {
    await renderInTestApp(
      <CostCard
        cost={{
          ...cost,
          sleep: {
            hoursThisMonth: 0,
            savedThisMonth: 0,
            withoutSleepMonthToDate: 3,
          },
        }}
      />,
    );
    await screen.findByRole('group', { name: 'Month to date' });
    expect(
      screen.queryByRole('group', { name: 'Sleep this month' }),
    ).toBeNull();
    expect(screen.queryByText(/Slept/)).toBeNull();
  });

  it('says when nothing was recorded yet', async () => {
    await renderInTestApp(<CostCard cost={{ ...cost, daily: [] }} />);
    expect(
      await screen.findByText('No cost recorded this month yet.'),
    ).toBeInTheDocument();
  });
});
