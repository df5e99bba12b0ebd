import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  ListVirtualClustersRequest,
  VirtualCluster,
  VirtualClustersApi,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { virtualClustersApiRef } from '../../api';
import { EntityVirtualClustersContent } from './EntityVirtualClustersContent';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

const cluster: VirtualCluster = {
  id: 'c1',
  name: 'shop-dev',
  hostCluster: 'local',
  namespace: 'vc-shop-dev',
  owner: 'group:default/team-a',
  relatedEntityRefs: ['component:default/shop'],
  spec: {
    distro: 'k3s',
    kubernetesVersion: '1.33',
    chartVersion: '0.32.0',
    exposure: { type: 'LoadBalancer' },
  },
  phase: 'Running',
  conditions: [],
  endpoint: 'https://127.0.0.2:443',
  generation: 1,
  observedGeneration: 1,
  createdBy: 'user:default/guest',
  createdAt: '2026-11-24T10:00:00Z',
  updatedAt: '2026-11-24T10:00:00Z',
};

function render(api: Partial<VirtualClustersApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[virtualClustersApiRef, api]]}>
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
    expect(await screen.findByText('shop-dev')).toBeInTheDocument();
    expect(screen.getByText('Running')).toBeInTheDocument();
    expect(screen.getByText('https://127.0.0.2:443')).toBeInTheDocument();
    expect(asked).toEqual([{ entityRef: 'component:default/shop' }]);
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
