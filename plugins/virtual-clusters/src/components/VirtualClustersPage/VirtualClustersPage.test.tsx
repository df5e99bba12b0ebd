import { mockApis } from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fireEvent, screen } from '@testing-library/react';
import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';
import { VirtualClustersPage } from './VirtualClustersPage';
import { testCluster } from '../../__testUtils__/fixtures';
import { renderWithApis, testApi } from '../../__testUtils__/render';

const cluster: VirtualCluster = testCluster({ relatedEntityRefs: [] });

const listRequests: unknown[] = [];
const asked: string[] = [];

const api = testApi(
  {
    listClusters: async request => {
      listRequests.push(request);
      return {
        items: [{ ...cluster, cost: { currency: 'USD', monthToDate: 7.25 } }],
        totalItems: 1,
      };
    },
    getCluster: async id => {
      asked.push(id);
      return cluster;
    },
  },
  cluster,
);

/** The page as the app mounts it, at `/virtual-clusters` or below. */
function render(permission = mockApis.permission(), at = '/virtual-clusters') {
  return renderWithApis(<VirtualClustersPage />, {
    api,
    permission,
    path: '/virtual-clusters/*',
    at,
  });
}

describe('VirtualClustersPage', () => {
  it('shows admins the host clusters: checks, capacity against requests, clusters per host', async () => {
    await render();
    expect(await screen.findByText('shop-dev')).toBeInTheDocument();
    expect(await screen.findByText('Local host cluster')).toBeInTheDocument();
    expect(
      screen.getByText('crd: VCluster CRD is missing'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('api: Kubernetes v1.36.3 answers'),
    ).toBeInTheDocument();
    expect(screen.getByText('3 of 10')).toBeInTheDocument();
    expect(
      screen.getByText('CPU: 30 cores of 32 cores (94%)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Memory: 16 GiB of 128 GiB (13%)'),
    ).toBeInTheDocument();
  });

  it('lists clusters with what they cost this month', async () => {
    await render();
    expect(await screen.findByText('Month to date')).toBeInTheDocument();
    expect(screen.getByText('$7.25')).toBeInTheDocument();
    expect(screen.getByText('$7.25 this month in all')).toBeInTheDocument();
    expect(listRequests).toContainEqual({ include: 'cost' });
  });

  it('opens the details of the clicked cluster', async () => {
    await render();
    fireEvent.click(await screen.findByText('shop-dev'));
    expect(await screen.findByText('Backups')).toBeInTheDocument();
    expect(await screen.findByText('$12.50')).toBeInTheDocument();
  });

  it('links each cluster to its own address, and shows the cluster there', async () => {
    await render();
    expect(
      await screen.findByRole('link', { name: 'shop-dev' }),
    ).toHaveAttribute('href', '/virtual-clusters/c1');

    asked.length = 0;
    await render(mockApis.permission(), '/virtual-clusters/c1');
    expect(await screen.findByText('Backups')).toBeInTheDocument();
    expect(await screen.findByText('$12.50')).toBeInTheDocument();
    expect(asked).toContain('c1');
  });

  it('shows owners as links to their catalog pages', async () => {
    await render();
    fireEvent.click(await screen.findByText('shop-dev'));
    expect(await screen.findByText('Backups')).toBeInTheDocument();
    // in the table and in the details
    expect(
      screen
        .getAllByRole('link', { name: 'team-a' })
        .map(link => link.getAttribute('href')),
    ).toEqual([
      '/catalog/default/group/team-a',
      '/catalog/default/group/team-a',
    ]);
  });

  it('shows no host clusters to users who may not read them', async () => {
    await render(mockApis.permission({ authorize: AuthorizeResult.DENY }));
    expect(await screen.findByText('shop-dev')).toBeInTheDocument();
    expect(screen.queryByText('Host clusters')).toBeNull();
  });
});
