import { mockApis } from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import {
  VirtualCluster,
  VirtualClustersApi,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { VirtualClustersPage } from './VirtualClustersPage';
import {
  testCluster,
  testGroup,
  testMember,
} from '../../__testUtils__/fixtures';
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
function render(
  permission = mockApis.permission(),
  at = '/virtual-clusters',
  pageApi: Partial<VirtualClustersApi> = api,
) {
  return renderWithApis(<VirtualClustersPage />, {
    api: pageApi,
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

  describe('cluster groups', () => {
    const groupsAsked: string[] = [];
    const withGroups = (
      listClusterGroups: VirtualClustersApi['listClusterGroups'],
    ) =>
      testApi(
        {
          listClusterGroups: async () => {
            groupsAsked.push('asked');
            return listClusterGroups();
          },
        },
        cluster,
      );
    const group = testGroup({
      hostClusters: [
        testMember(),
        testMember({
          name: 'west',
          title: 'West',
          ready: false,
          checks: [
            { name: 'api', ok: false, message: 'API server unreachable' },
          ],
          oversubscriptionPercent: 150,
          capacity: undefined,
          free: undefined,
          placed: { cpuCores: 0, memoryGiB: 0 },
          virtualClusters: 0,
          maxVirtualClusters: undefined,
        }),
      ],
    });

    beforeEach(() => {
      groupsAsked.length = 0;
    });

    it('lists each group with its members: readiness, placed against capacity, free, and clusters against the limits', async () => {
      await render(
        mockApis.permission(),
        '/virtual-clusters',
        withGroups(async () => [group]),
      );
      expect(await screen.findByText('Cluster groups')).toBeInTheDocument();
      expect(screen.getByText('Shared clusters')).toBeInTheDocument();
      expect(
        screen.getByText('General purpose clusters for development'),
      ).toBeInTheDocument();
      expect(screen.getByText('East: ready')).toBeInTheDocument();
      expect(
        screen.getByText('West: API server unreachable'),
      ).toBeInTheDocument();
      expect(
        screen.getByText('CPU: 2.5 cores placed of 16 cores, 13.5 cores free'),
      ).toBeInTheDocument();
      expect(
        screen.getByText('Memory: 8 GiB placed of 64 GiB, 56 GiB free'),
      ).toBeInTheDocument();
      expect(
        screen.getByText('East (100 % of allocatable)'),
      ).toBeInTheDocument();
      expect(
        screen.getByText('West (150 % of allocatable)'),
      ).toBeInTheDocument();
      expect(
        screen.getByText('CPU: 0 cores placed, capacity unknown'),
      ).toBeInTheDocument();
      expect(
        screen.getByText('2 of 20 virtual clusters · at most 3 per owner'),
      ).toBeInTheDocument();
      expect(screen.getByText('East: 2 of 10')).toBeInTheDocument();
      expect(screen.getByText('West: 0')).toBeInTheDocument();
    });

    it('shows no groups section where there are no groups', async () => {
      await render(
        mockApis.permission(),
        '/virtual-clusters',
        withGroups(async () => []),
      );
      // the host clusters table is there, the groups were asked for, and none shows
      expect(await screen.findByText('Host clusters')).toBeInTheDocument();
      expect(screen.getByText('Local host cluster')).toBeInTheDocument();
      await waitFor(() => expect(groupsAsked).toEqual(['asked']));
      // let the empty answer arrive
      await act(() => new Promise(resolve => setTimeout(resolve, 0)));
      expect(screen.queryByText('Cluster groups')).toBeNull();
    });

    it('shows why the groups could not be loaded', async () => {
      await render(
        mockApis.permission(),
        '/virtual-clusters',
        withGroups(async () => {
          throw new Error('cluster groups are unavailable');
        }),
      );
      // as a ResponseErrorPanel
      expect(
        await screen.findByText('Error: cluster groups are unavailable'),
      ).toBeInTheDocument();
      expect(screen.queryByText('Cluster groups')).toBeNull();
    });

    it('does not ask users who may not create clusters for the groups', async () => {
      await render(
        mockApis.permission({ authorize: AuthorizeResult.DENY }),
        '/virtual-clusters',
        withGroups(async () => [group]),
      );
      expect(await screen.findByText('shop-dev')).toBeInTheDocument();
      expect(groupsAsked).toEqual([]);
      expect(screen.queryByText('Cluster groups')).toBeNull();
    });
  });
});
