import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import {
  ListVirtualClustersRequest,
  VirtualCluster,
  VirtualClustersApi,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { EntityVirtualClustersContent } from './EntityVirtualClustersContent';
import { testCluster } from '../../__testUtils__/fixtures';
import { renderWithApis, testApi } from '../../__testUtils__/render';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

const cluster: VirtualCluster = testCluster();

function render(api: Partial<VirtualClustersApi>) {
  return renderWithApis(
    <EntityProvider entity={entity}>
      <EntityVirtualClustersContent />
    </EntityProvider>,
    { api: testApi(api, cluster) },
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
