import { screen, within } from '@testing-library/react';
import { testHost } from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { HostClustersTable } from './HostClustersTable';

describe('HostClustersTable', () => {
  it("totals each host's cost this month and what sleep saved on it", async () => {
    await renderWithApis(
      <HostClustersTable
        hostClusters={[
          testHost({
            name: 'dev',
            title: 'Dev',
            cost: {
              currency: 'EUR',
              monthToDate: 41.5,
              sleptHours: 120.25,
              savedBySleep: 18.4,
            },
          }),
          testHost({
            name: 'prod',
            title: 'Prod',
            cost: { currency: 'USD', monthToDate: 12, sleptHours: 0 },
          }),
          testHost({ name: 'opencost', title: 'With OpenCost' }),
        ]}
      />,
      { api: {} },
    );
    expect(
      screen.getByRole('columnheader', { name: 'This month' }),
    ).toBeInTheDocument();
    const row = (title: string) =>
      within(screen.getByText(title).closest('tr')!);
    const dev = row('Dev').getByRole('group', { name: 'Cost this month' });
    expect(dev).toHaveTextContent('€41.50');
    expect(dev).toHaveTextContent('Slept 120.3 h this month · saved €18.40');
    // nothing slept there: the month to date only
    const prod = row('Prod').getByRole('group', { name: 'Cost this month' });
    expect(prod).toHaveTextContent(/^\$12\.00$/);
    // no totals from the backend
    expect(
      row('With OpenCost').queryByRole('group', { name: 'Cost this month' }),
    ).toBeNull();
    expect(row('With OpenCost').getByText('—')).toBeInTheDocument();
  });
});
