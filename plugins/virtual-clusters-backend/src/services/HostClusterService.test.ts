import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { getTestPlane, TestPlane } from '@virtual-clusters/test-cluster';
import { randomBytes } from 'node:crypto';
import { HostClusterSettings } from '../config';
import { HostClusterRegistry } from '../hosts/HostClusterRegistry';
import { ClusterGroupAccess } from '../permissions/clusterGroupAccess';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
import { HostClusterService } from './HostClusterService';

const RUN = randomBytes(3).toString('hex');

/** The host clusters of the local control plane, each with its own exposure. */
describe('HostClusterService on the local control plane', () => {
  let plane: TestPlane;
  let service: HostClusterService;

  beforeAll(async () => {
    plane = await getTestPlane();
    const host = (name: string, exposure: HostClusterSettings['exposure']) => ({
      settings: {
        name,
        title: name,
        exposure,
        defaults: { distro: 'k3s', kubernetesVersion: { k3s: '1.33' } },
        distros: ['k3s', 'k8s'],
        kubernetesVersions: { k3s: ['1.33'], k8s: ['1.33'] },
        cost: { currency: 'EUR' },
        limits: {},
        sleep: { defaults: {}, allowNeverSleep: true },
        expiry: { noticeDays: [7, 1] },
      } as unknown as HostClusterSettings,
      connection: {
        name,
        kubeConfig: plane.hostKubeConfig,
        exposure,
        chartRepository: 'https://charts.loft.sh',
      },
    });
    service = HostClusterService.create({
      hosts: HostClusterRegistry.fromHosts([
        host('lb', { type: 'LoadBalancer' }),
        host('ingress', {
          type: 'Ingress',
          ingressClassName: `readiness-${RUN}-missing`,
          wildcardDomain: `${RUN}.readiness.invalid`,
        }),
      ]),
      store: { countLive: async () => 0 } as unknown as VirtualClusterStore,
      permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
      access: new ClusterGroupAccess(
        mockServices.permissions({ result: AuthorizeResult.ALLOW }),
      ),
    });
  });

  it('runs the Ingress checks for an Ingress host, and is ready only if all pass', async () => {
    const [lb, ingress] = await service.list({
      credentials: mockCredentials.user(),
    });
    expect(lb.checks.map(c => [c.name, c.ok])).toEqual([
      ['api', true],
      ['crd', true],
      ['exposure', true],
    ]);
    expect(lb.ready).toBe(true);

    expect(ingress.checks.map(c => [c.name, c.ok])).toEqual([
      ['api', true],
      ['crd', true],
      ['ingress-class', false],
      ['wildcard-dns', false],
    ]);
    expect(ingress.ready).toBe(false);
    expect(ingress.capacity).toBeDefined();
  });
});
