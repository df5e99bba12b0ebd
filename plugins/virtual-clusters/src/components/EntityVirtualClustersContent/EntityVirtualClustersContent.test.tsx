import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import {
  ListVirtualClustersRequest,
  VirtualCluster,
  VirtualClustersApi,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { virtualClustersApiRef } from '../../api';
import { EntityVirtualClustersContent } from './EntityVirtualClustersContent';
import { testCluster } from '../../__testUtils__/fixtures';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

const cluster: VirtualCluster = testCluster();

/** What the details of the single cluster ask for. */
const detailsApi: Partial<VirtualClustersApi> = {
  getCluster: async () => cluster,
  listEvents: async () => [
    {
      id: '1',
      clusterId: 'c1',
      type: 'created',
      phase: 'Pending',
      message: 'Requested k3s 1.33 on local',
      createdAt: '2026-11-24T10:00:00Z',
    },
  ],
  listHostClusters: async () => [],
  listBackups: async () => [],
  getWorkloads: async () => ({
    namespaces: [
      {
        name: 'shop',
        workloads: [
          {
            kind: 'Pod',
            name: 'web-1',
            namespace: 'shop',
            status: 'CrashLoopBackOff',
            ready: '0/1',
            restarts: 7,
            images: ['nginx:1.27'],
            errors: [
              { severity: 8, message: 'container web is crash looping' },
            ],
          },
        ],
      },
    ],
    errors: [],
    summary: { workloads: 1, withErrors: 1, pods: 1, runningPods: 0 },
    fetchedAt: '2026-11-24T10:00:00Z',
  }),
  getCost: async () => ({
    currency: 'USD',
    source: 'rates',
    hourlyRate: 0.05,
    monthToDate: 12.5,
    projectedMonth: 30,
    daily: [{ date: '2026-11-24', cost: 1.2 }],
    byResource: { cpu: 10, memory: 2, storage: 0.3, loadBalancer: 0.2 },
    byNamespace: [{ namespace: 'shop', cost: 9 }],
    current: { cpuCores: 1, memoryGiB: 2, storageGiB: 10, loadBalancers: 1 },
  }),
};

function render(api: Partial<VirtualClustersApi>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [virtualClustersApiRef, { ...detailsApi, ...api }],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityVirtualClustersContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityVirtualClustersContent', () => {
  it("lists the entity's clusters, asking by its ref", async () => {
    const asked: ListVirtualClustersRequest[] = [];
    await render({
      listClusters: async request => {
        asked.push(request ?? {});
        return { items: [cluster], totalItems: 1 };
      },
    });
    expect(await screen.findAllByText('shop-dev')).not.toHaveLength(0);
    expect(screen.getAllByText('https://127.0.0.2:443')).not.toHaveLength(0);
    expect(asked).toEqual([
      { entityRef: 'component:default/shop', include: 'cost' },
    ]);
    // the only cluster's details open by themselves
    expect(
      await screen.findByText('Requested k3s 1.33 on local'),
    ).toBeInTheDocument();
    expect(await screen.findByText('$12.50')).toBeInTheDocument();
    expect(
      await screen.findByText('container web is crash looping'),
    ).toBeInTheDocument();
    expect(screen.getByText('CrashLoopBackOff')).toBeInTheDocument();
    // the fixture asks for no quota and the host reported none
    expect(screen.getByText('Quota on the host')).toBeInTheDocument();
    expect(screen.getByText('No quota')).toBeInTheDocument();
    // workloads are followed live while the cluster runs
    expect(screen.getByText(/, refreshed every 10 s$/)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Download kubeconfig' }),
    ).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
  });

  it('tells the user how to get a cluster when there is none', async () => {
    await render({
      listClusters: async () => ({ items: [], totalItems: 0 }),
    });
    expect(
      await screen.findByText('No virtual clusters yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Virtual cluster" software template/),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await render({
      listClusters: async () => {
        throw new Error('backend unreachable');
      },
    });
    expect(
      await screen.findByText('Error: backend unreachable'),
    ).toBeInTheDocument();
  });
});
