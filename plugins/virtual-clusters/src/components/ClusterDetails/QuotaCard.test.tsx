import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import {
  testCluster,
  testEffectiveQuota,
  testQuotaCluster,
} from '../../__testUtils__/fixtures';
import { QuotaCard } from './QuotaCard';

/** The cells of each body row of a table, as text. */
function rows(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .slice(1) // the header
    .map(row =>
      [...row.querySelectorAll('th, td')].map(cell => cell.textContent ?? ''),
    );
}

describe('QuotaCard', () => {
  it("shows the cluster's own quota, used against hard", async () => {
    await renderInTestApp(<QuotaCard cluster={testQuotaCluster()} />);
    expect(await screen.findByText('Quota on the host')).toBeInTheDocument();
    expect(
      screen.getByText(
        "Enforced by the host in namespace vc-shop-dev; includes the cluster's own control plane.",
      ),
    ).toBeInTheDocument();
    expect(
      rows(screen.getByRole('table', { name: 'Quota of the cluster' })),
    ).toEqual([
      ['requests.cpu', '1.2', '4', '30 %'],
      ['requests.memory', '2.5 GiB', '8.0 GiB', '31 %'],
      ['requests.storage', '5.0 GiB', '50.0 GiB', '10 %'],
      ['count/pods', '9', '10', '90 %'],
    ]);
    // the exact quantity the host reported, on hover
    expect(screen.getByTitle('2560Mi')).toHaveTextContent('2.5 GiB');
    expect(
      screen.getByRole('progressbar', { name: 'requests.cpu used' }),
    ).toHaveAttribute('aria-valuenow', '30');
  });

  it('folds the chart defaults away until asked', async () => {
    await renderInTestApp(<QuotaCard cluster={testQuotaCluster()} />);
    const summary = await screen.findByRole('button', {
      name: /Chart defaults also enforced \(11\)/,
    });
    expect(summary).toHaveAttribute('aria-expanded', 'false');
    // two of them are full: the control plane's LoadBalancer Service and its node port
    expect(summary).toHaveTextContent('2 at 90 % or more');
    expect(
      screen.queryByRole('table', { name: 'Chart defaults' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText('count/services')).not.toBeInTheDocument();

    fireEvent.click(summary);
    expect(summary).toHaveAttribute('aria-expanded', 'true');
    expect(
      rows(await screen.findByRole('table', { name: 'Chart defaults' })),
    ).toEqual([
      ['count/configmapschart default', '3', '100', '3 %'],
      ['count/endpointschart default', '2', '40', '5 %'],
      ['count/persistentvolumeclaimschart default', '1', '20', '5 %'],
      ['count/secretschart default', '5', '100', '5 %'],
      ['count/serviceschart default', '2', '20', '10 %'],
      ['limits.cpuchart default', '9', '20', '45 %'],
      ['limits.ephemeral-storagechart default', '10.0 GiB', '160.0 GiB', '6 %'],
      ['limits.memorychart default', '10.0 GiB', '40.0 GiB', '25 %'],
      ['requests.ephemeral-storagechart default', '1.0 GiB', '60.0 GiB', '2 %'],
      ['services.loadbalancerschart default', '1', '1', '100 %'],
      ['services.nodeportschart default', '1', '1', '100 %'],
    ]);
  });

  it('highlights the resources used at 90 % or more', async () => {
    await renderInTestApp(<QuotaCard cluster={testQuotaCluster()} />);
    const pods = await screen.findByRole('row', { name: 'count/pods' });
    expect(within(pods).getByLabelText('Status warning')).toHaveTextContent(
      '90 %',
    );
    expect(pods.className).toMatch(/nearlyFull/);
    for (const name of [
      'requests.cpu',
      'requests.memory',
      'requests.storage',
    ]) {
      const row = screen.getByRole('row', { name });
      expect(within(row).queryByLabelText('Status warning')).toBeNull();
      expect(row.className).not.toMatch(/nearlyFull/);
    }

    fireEvent.click(
      screen.getByRole('button', { name: /Chart defaults also enforced/ }),
    );
    const highlighted = (
      await screen.findAllByRole('row', {
        name: /^(count|limits|requests|services)/,
      })
    )
      .filter(row => within(row).queryByLabelText('Status warning'))
      .map(row => row.getAttribute('aria-label'));
    expect(highlighted).toEqual([
      'count/pods',
      'services.loadbalancers',
      'services.nodeports',
    ]);
  });

  it('says where a limit comes from when it is not what was asked', async () => {
    const cluster = testQuotaCluster({
      spec: { ...testCluster().spec, quota: { memory: '16Gi', pods: 10 } },
    });
    await renderInTestApp(<QuotaCard cluster={cluster} />);
    expect(
      rows(await screen.findByRole('table', { name: 'Quota of the cluster' })),
    ).toEqual([
      ['requests.cpuchart default', '1.2', '4', '30 %'],
      [
        'requests.memoryasked 16Gi, not applied yet',
        '2.5 GiB',
        '8.0 GiB',
        '31 %',
      ],
      ['requests.storagechart default', '5.0 GiB', '50.0 GiB', '10 %'],
      ['count/pods', '9', '10', '90 %'],
    ]);
  });

  it('shows what was asked before the host reports its quota', async () => {
    const cluster = testQuotaCluster({ effectiveQuota: undefined });
    await renderInTestApp(<QuotaCard cluster={cluster} />);
    expect(
      await screen.findByText(
        "Enforced by the host in namespace vc-shop-dev; includes the cluster's own control plane. The host has not reported it yet.",
      ),
    ).toBeInTheDocument();
    expect(
      rows(screen.getByRole('table', { name: 'Quota of the cluster' })),
    ).toEqual([
      ['requests.cpuasked 4, not reported yet', '—', '—', ''],
      ['requests.memoryasked 8Gi, not reported yet', '—', '—', ''],
      ['requests.storageasked 50Gi, not reported yet', '—', '—', ''],
      ['count/podsasked 10, not reported yet', '—', '—', ''],
    ]);
    expect(
      screen.queryByRole('button', { name: /Chart defaults/ }),
    ).not.toBeInTheDocument();
  });

  it.each([
    ['no quota reported', testCluster()],
    [
      'a quota without hard limits',
      testCluster({ effectiveQuota: { hard: {}, used: {} } }),
    ],
  ])('says "No quota" for %s and none asked', async (_, cluster) => {
    await renderInTestApp(<QuotaCard cluster={cluster} />);
    expect(await screen.findByText('No quota')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByText(/Enforced by the host/)).not.toBeInTheDocument();
  });

  it('still shows the chart defaults when the cluster asks for no quota', async () => {
    const cluster = testCluster({ effectiveQuota: testEffectiveQuota });
    await renderInTestApp(<QuotaCard cluster={cluster} />);
    expect(
      rows(await screen.findByRole('table', { name: 'Quota of the cluster' })),
    ).toEqual([
      ['requests.cpuchart default', '1.2', '4', '30 %'],
      ['requests.memorychart default', '2.5 GiB', '8.0 GiB', '31 %'],
      ['requests.storagechart default', '5.0 GiB', '50.0 GiB', '10 %'],
      ['count/podschart default', '9', '10', '90 %'],
    ]);
    expect(screen.queryByText('No quota')).not.toBeInTheDocument();
  });
});
