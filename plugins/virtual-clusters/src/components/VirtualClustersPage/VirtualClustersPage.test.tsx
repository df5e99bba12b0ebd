import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { fireEvent, screen } from '@testing-library/react';
import { SWRConfig } from 'swr';
import {
  HostClusterStatus,
  VirtualCluster,
  VirtualClustersApi,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { virtualClustersApiRef } from '../../api';
import { VirtualClustersPage } from './VirtualClustersPage';
import { testCluster } from '../../__testUtils__/fixtures';

const cluster: VirtualCluster = testCluster({ relatedEntityRefs: [] });

const host: HostClusterStatus = {
  name: 'local',
  title: 'Local host cluster',
  url: 'https://127.0.0.1:16443',
  exposure: { type: 'LoadBalancer' },
  distros: ['k3s', 'k8s'],
  defaults: { distro: 'k3s', kubernetesVersion: '1.33' },
  kubernetesVersions: { k3s: ['1.33', '1.32'], k8s: ['1.34'] },
  cost: { currency: 'USD' },
  ready: false,
  checks: [
    { name: 'api', ok: true, message: 'Kubernetes v1.36.3 answers' },
    { name: 'crd', ok: false, message: 'VCluster CRD is missing' },
  ],
  capacity: {
    allocatable: { cpuCores: 32, memoryGiB: 128, pods: 1100 },
    requested: { cpuCores: 30, memoryGiB: 16, pods: 20 },
    virtualClusters: 3,
    maxVirtualClusters: 10,
  },
};

const listRequests: unknown[] = [];

// A fake API at the api-ref level; the real client is tested with msw in
// BackupsCard.test.tsx and against the backend in the end-to-end test.
const api: Partial<VirtualClustersApi> = {
  listClusters: async request => {
    listRequests.push(request);
    return {
      items: [{ ...cluster, cost: { currency: 'USD', monthToDate: 7.25 } }],
      totalItems: 1,
    };
  },
  listHostClusters: async () => [host],
  getCluster: async () => cluster,
  listEvents: async () => [],
  listBackups: async () => [],
  getWorkloads: async () => ({
    namespaces: [],
    errors: [],
    summary: { workloads: 0, withErrors: 0, pods: 0, runningPods: 0 },
    fetchedAt: '2026-11-24T10:00:00Z',
  }),
  getCost: async () => ({
    currency: 'USD',
    source: 'rates',
    hourlyRate: 0.05,
    monthToDate: 12.5,
    projectedMonth: 30,
    daily: [],
    byResource: { cpu: 10, memory: 2, storage: 0.3, loadBalancer: 0.2 },
    byNamespace: [],
    current: { cpuCores: 1, memoryGiB: 2, storageGiB: 10, loadBalancers: 1 },
  }),
};

function render(permission = mockApis.permission()) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [virtualClustersApiRef, api],
        [permissionApiRef, permission],
      ]}
    >
      {/* a fresh cache: usePermission keeps decisions in SWR's global one */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <VirtualClustersPage />
      </SWRConfig>
    </TestApiProvider>,
  );
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

  it('shows no host clusters to users who may not read them', async () => {
    await render(mockApis.permission({ authorize: AuthorizeResult.DENY }));
    expect(await screen.findByText('shop-dev')).toBeInTheDocument();
    expect(screen.queryByText('Host clusters')).toBeNull();
  });
});
