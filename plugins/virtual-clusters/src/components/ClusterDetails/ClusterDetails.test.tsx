import { screen, within } from '@testing-library/react';
import { ClusterDetails } from './ClusterDetails';
import {
  testCluster,
  testClusterProfiles,
  testProfilesCluster,
} from '../../__testUtils__/fixtures';
import { renderWithApis, testApi } from '../../__testUtils__/render';

/** The metadata row of `title` (as the table writes it), or null. */
const row = (title: string) => screen.queryByText(title)?.closest('tr') ?? null;

describe('ClusterDetails', () => {
  it('shows the cluster group a cluster was placed through, next to its host', async () => {
    const cluster = testCluster({
      clusterGroup: 'shared',
      hostCluster: 'east',
    });
    await renderWithApis(<ClusterDetails clusterId="c1" />, {
      api: testApi({}, cluster),
    });
    expect(await screen.findByText('Cluster Group')).toBeInTheDocument();
    expect(
      within(row('Cluster Group')!).getByText('shared'),
    ).toBeInTheDocument();
    expect(
      within(row('Host Cluster')!).getByText('east · namespace vc-shop-dev'),
    ).toBeInTheDocument();
  });

  it('shows no cluster group for a cluster created on a host', async () => {
    await renderWithApis(<ClusterDetails clusterId="c1" />, {
      api: testApi(),
    });
    expect(await screen.findByText('Host Cluster')).toBeInTheDocument();
    expect(row('Host Cluster')).not.toBeNull();
    expect(screen.queryByText('Cluster Group')).toBeNull();
  });

  it('shows how the cluster is kept apart on its host', async () => {
    const cluster = testCluster({
      spec: {
        ...testCluster().spec,
        isolation: { networkPolicy: true, podSecurityStandard: 'restricted' },
      },
    });
    await renderWithApis(<ClusterDetails clusterId="c1" />, {
      api: testApi({}, cluster),
    });
    expect(await screen.findByText('Isolation')).toBeInTheDocument();
    expect(
      within(row('Isolation')!).getByText(
        'NetworkPolicy · Pod Security restricted',
      ),
    ).toBeInTheDocument();
  });

  it('says a cluster without isolation has none', async () => {
    await renderWithApis(<ClusterDetails clusterId="c1" />, {
      api: testApi(),
    });
    expect(await screen.findByText('Isolation')).toBeInTheDocument();
    expect(within(row('Isolation')!).getByText('none')).toBeInTheDocument();
  });

  it('shows when the cluster expires, in the warning colour within the last day', async () => {
    const inDays = (days: number) =>
      new Date(Date.now() + days * 24 * 3600_000).toISOString();
    const { unmount } = await renderWithApis(
      <ClusterDetails clusterId="c1" />,
      { api: testApi({}, testCluster({ expiresAt: inDays(6.5) })) },
    );
    expect(await screen.findByText('Expires')).toBeInTheDocument();
    const later = within(row('Expires')!).getByText(
      /^in 6 days \(\d{1,2} \w{3} \d{4}, \d{2}:\d{2}\)$/,
    );
    expect(later).not.toHaveStyle({ fontWeight: 700 });
    unmount();

    await renderWithApis(<ClusterDetails clusterId="c1" />, {
      api: testApi({}, testCluster({ expiresAt: inDays(12.5 / 24) })),
    });
    expect(await screen.findByText('Expires')).toBeInTheDocument();
    const soon = within(row('Expires')!).getByText(
      /^in 12 hours \(\d{1,2} \w{3} \d{4}, \d{2}:\d{2}\)$/,
    );
    expect(soon).toHaveStyle({ fontWeight: 700, color: '#FF9800' });
  });

  it('says a cluster without an expiry never expires', async () => {
    await renderWithApis(<ClusterDetails clusterId="c1" />, {
      api: testApi(),
    });
    expect(await screen.findByText('Expires')).toBeInTheDocument();
    expect(within(row('Expires')!).getByText('Never')).toBeInTheDocument();
  });

  it('shows the application profiles attached to the cluster', async () => {
    await renderWithApis(<ClusterDetails clusterId="c1" />, {
      api: testApi(
        { getClusterProfiles: async () => testClusterProfiles() },
        testProfilesCluster(),
      ),
    });
    expect(await screen.findByText('Application profiles')).toBeInTheDocument();
    expect(await screen.findByText('Hello service')).toBeInTheDocument();
    expect(screen.getAllByText('Deployed')).toHaveLength(2);
  });
});
