import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  VirtualCluster,
  VirtualClustersApi,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import {
  toClusterDetails,
  VirtualClustersClusterSupplier,
} from './VirtualClustersClusterSupplier';

const kubeconfig = `apiVersion: v1
kind: Config
clusters:
  - name: shop-dev
    cluster:
      server: https://127.0.0.2:443
      certificate-authority-data: Q0E=
users:
  - name: guest
    user:
      token: minted-token
contexts:
  - name: shop-dev
    context: { cluster: shop-dev, user: guest }
current-context: shop-dev
`;

const cluster = {
  id: 'c1',
  name: 'shop-dev',
  hostCluster: 'local',
} as VirtualCluster;

describe('VirtualClustersClusterSupplier', () => {
  it('turns a handed-out kubeconfig into cluster details', () => {
    expect(toClusterDetails(cluster, kubeconfig)).toEqual({
      name: 'vc-shop-dev',
      title: 'shop-dev (virtual, on local)',
      url: 'https://127.0.0.2:443',
      caData: 'Q0E=',
      skipTLSVerify: false,
      skipMetricsLookup: true,
      authMetadata: {
        'kubernetes.io/auth-provider': 'serviceAccount',
        serviceAccountToken: 'minted-token',
      },
    });
  });

  it("asks the backend on the user's behalf and reuses kubeconfigs", async () => {
    const calls: string[] = [];
    const api: Partial<VirtualClustersApi> = {
      listClusters: async (request, options) => {
        calls.push(`list ${request?.phase} ${options?.token ? 'token' : ''}`);
        return { items: [cluster], totalItems: 1 };
      },
      getKubeconfig: async id => {
        calls.push(`kubeconfig ${id}`);
        return kubeconfig;
      },
    };
    const supplier = VirtualClustersClusterSupplier.create({
      api: api as VirtualClustersApi,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    const credentials = mockCredentials.user('user:default/jane');
    const first = await supplier.getClusters({ credentials });
    const second = await supplier.getClusters({ credentials });
    expect(first.map(c => c.name)).toEqual(['vc-shop-dev']);
    expect(second).toEqual(first);
    expect(calls).toEqual([
      'list Running token',
      'kubeconfig c1',
      'list Running token',
    ]);
  });

  it('leaves out a cluster whose kubeconfig is refused', async () => {
    const logger = mockServices.logger.mock();
    const supplier = VirtualClustersClusterSupplier.create({
      api: {
        listClusters: async () => ({ items: [cluster], totalItems: 1 }),
        getKubeconfig: async () => {
          throw new Error('403 Forbidden');
        },
      } as Partial<VirtualClustersApi> as VirtualClustersApi,
      auth: mockServices.auth(),
      logger,
    });
    await expect(
      supplier.getClusters({ credentials: mockCredentials.user() }),
    ).resolves.toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('403 Forbidden'),
    );
  });
});
