import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { testCluster, testSleepingCluster } from '../../__testUtils__/fixtures';
import { renderWithApis, testApi } from '../../__testUtils__/render';
import { VirtualClustersTable } from './VirtualClustersTable';

describe('VirtualClustersTable', () => {
  it('shows what sleep saved this month beside the month to date, in all below the title', async () => {
    await renderWithApis(
      <VirtualClustersTable
        clusters={[
          testCluster({
            id: 'a',
            name: 'sleepy',
            cost: {
              currency: 'USD',
              monthToDate: 4.5,
              sleptHours: 12.5,
              savedBySleep: 3.2,
            },
          }),
          testCluster({
            id: 'b',
            name: 'busy',
            cost: { currency: 'USD', monthToDate: 10 },
          }),
        ]}
        onSelect={() => {}}
      />,
      { api: testApi() },
    );
    expect(
      screen.getByRole('columnheader', { name: 'Saved by sleep' }),
    ).toBeInTheDocument();
    const row = (name: string) => within(screen.getByText(name).closest('tr')!);
    expect(row('sleepy').getByText('$4.50')).toBeInTheDocument();
    expect(row('sleepy').getByText('$3.20')).toBeInTheDocument();
    expect(row('sleepy').getByText('slept 12.5 h')).toBeInTheDocument();
    // one that did not sleep this month
    expect(row('busy').getByText('$10.00')).toBeInTheDocument();
    expect(row('busy').getByText('—')).toBeInTheDocument();
    expect(
      screen.getByText('$14.50 this month in all · $3.20 saved by sleep'),
    ).toBeInTheDocument();
  });

  it('has no cost columns for clusters listed without their cost', async () => {
    await renderWithApis(
      <VirtualClustersTable
        clusters={[testCluster({ id: 'a', name: 'plain' })]}
        onSelect={() => {}}
      />,
      { api: testApi() },
    );
    expect(screen.getByText('plain')).toBeInTheDocument();
    expect(
      screen.queryByRole('columnheader', { name: 'Saved by sleep' }),
    ).toBeNull();
    expect(screen.queryByText(/saved by sleep/)).toBeNull();
  });

  it('shows a sleeping cluster as Sleeping, a phase of its own in the phase filter', async () => {
    await renderWithApis(
      <VirtualClustersTable
        clusters={[
          testSleepingCluster({ id: 'a', name: 'sleepy' }),
          testCluster({ id: 'b', name: 'stopped', phase: 'Paused' }),
          testCluster({ id: 'c', name: 'busy' }),
        ]}
        onSelect={() => {}}
        filters
      />,
      { api: testApi() },
    );
    const row = (name: string) => within(screen.getByText(name).closest('tr')!);
    expect(row('sleepy').getByText('Sleeping')).toBeInTheDocument();
    expect(row('stopped').getByText('Paused')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'filter list' }));
    // MUI's Select opens on mouse down of its button
    fireEvent.mouseDown(
      within(screen.getByLabelText('Phase')).getByRole('button'),
    );
    const options = screen.getAllByRole('option').map(o => o.textContent);
    expect(options).toEqual(expect.arrayContaining(['Sleeping', 'Paused']));
    await userEvent.click(screen.getByRole('option', { name: 'Sleeping' }));
    expect(screen.getByText('sleepy')).toBeInTheDocument();
    expect(screen.queryByText('stopped')).toBeNull();
    expect(screen.queryByText('busy')).toBeNull();
  });
});
