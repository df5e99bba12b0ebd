import { fireEvent, screen, within } from '@testing-library/react';
import { testCluster, testSleepingCluster } from '../__testUtils__/fixtures';
import { renderWithApis, testApi } from '../__testUtils__/render';
import { PhaseStatus } from './PhaseStatus';
import { VirtualClustersTable } from './VirtualClustersTable';

describe('PhaseStatus', () => {
  it('shows a cluster the backend put to sleep as Sleeping, why in a tooltip', async () => {
    const { phase, sleep } = testSleepingCluster();
    await renderWithApis(<PhaseStatus phase={phase} sleep={sleep} />, {
      api: {},
    });
    expect(screen.getByText('Sleeping')).toBeInTheDocument();
    expect(screen.queryByText('Paused')).toBeNull();
    fireEvent.mouseOver(screen.getByText('Sleeping'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      /^Went to sleep 2 hours ago: Idle since .*: no kubeconfig, portal view or change inside for 2h$/,
    );
  });

  it('shows why below it where asked to', async () => {
    const { phase, sleep } = testSleepingCluster();
    await renderWithApis(<PhaseStatus phase={phase} sleep={sleep} showWhy />, {
      api: {},
    });
    expect(
      screen.getByText(/^Went to sleep 2 hours ago: Idle since/),
    ).toBeInTheDocument();
  });

  it('shows a pause a user asked for as Paused, and a sleeping cluster being woken as Resuming', async () => {
    await renderWithApis(
      <>
        <PhaseStatus phase="Paused" />
        <PhaseStatus phase="Resuming" sleep={testSleepingCluster().sleep} />
      </>,
      { api: {} },
    );
    expect(screen.getByText('Paused')).toBeInTheDocument();
    expect(screen.getByText('Resuming')).toBeInTheDocument();
    expect(screen.queryByText('Sleeping')).toBeNull();
  });

  it('shows Sleeping in the clusters table, apart from a paused cluster', async () => {
    await renderWithApis(
      <VirtualClustersTable
        clusters={[
          testSleepingCluster({ id: 's1', name: 'asleep' }),
          testCluster({ id: 'p1', name: 'paused', phase: 'Paused' }),
        ]}
        onSelect={() => {}}
      />,
      { api: testApi() },
    );
    const row = (name: string) => within(screen.getByText(name).closest('tr')!);
    expect(row('asleep').getByText('Sleeping')).toBeInTheDocument();
    expect(row('paused').getByText('Paused')).toBeInTheDocument();
  });
});
