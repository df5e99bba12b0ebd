import { KubeConfig } from '@kubernetes/client-node';
import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';
import { parse } from 'yaml';
import { renderVClusterValues } from './renderVClusterValues';

const base: VirtualCluster = {
  id: 'c1',
  name: 'team-a',
  hostCluster: 'prod',
  namespace: 'vc-team-a',
  owner: 'group:default/team-a',
  relatedEntityRefs: [],
  spec: {
    distro: 'k3s',
    kubernetesVersion: '1.33',
    chartVersion: '0.32.0',
    exposure: { type: 'LoadBalancer' },
  },
  phase: 'Pending',
  conditions: [],
  generation: 1,
  observedGeneration: 0,
  createdBy: 'user:default/jane',
  createdAt: '2026-11-24T10:00:00Z',
  updatedAt: '2026-11-24T10:00:00Z',
};

const host = (type: 'LoadBalancer' | 'Ingress') => ({
  name: 'prod',
  kubeConfig: new KubeConfig(),
  exposure: {
    type,
    ingressClassName: 'nginx',
    wildcardDomain: 'vc.example.com',
  },
});

describe('renderVClusterValues', () => {
  it('renders k3s behind a LoadBalancer, with the address once known', () => {
    const before = parse(renderVClusterValues(base, host('LoadBalancer')));
    expect(before.controlPlane.distro).toEqual({
      k3s: { enabled: true, image: { tag: 'v1.33.1-k3s1' } },
    });
    expect(before.controlPlane.service.spec.type).toBe('LoadBalancer');
    expect(before.controlPlane.ingress).toEqual({ enabled: false });
    expect(before.exportKubeConfig.server).toBeUndefined();

    const after = parse(
      renderVClusterValues(base, host('LoadBalancer'), {
        loadBalancerAddress: '203.0.113.7',
      }),
    );
    expect(after.controlPlane.proxy.extraSANs).toEqual(['203.0.113.7']);
    expect(after.exportKubeConfig.server).toBe('https://203.0.113.7:443');
  });

  it('renders k8s behind an SSL-passthrough Ingress on the wildcard domain, with quota', () => {
    const values = parse(
      renderVClusterValues(
        {
          ...base,
          spec: {
            ...base.spec,
            distro: 'k8s',
            kubernetesVersion: '1.34',
            exposure: {
              type: 'Ingress',
              ingressClassName: 'nginx',
              host: 'team-a.vc.example.com',
            },
            quota: { cpu: '4', memory: '8Gi', pods: 50 },
          },
        },
        host('Ingress'),
      ),
    );
    expect(values.controlPlane.distro.k8s.enabled).toBe(true);
    expect(values.controlPlane.service.spec.type).toBe('ClusterIP');
    expect(values.controlPlane.ingress).toMatchObject({
      enabled: true,
      host: 'team-a.vc.example.com',
      spec: { ingressClassName: 'nginx' },
      annotations: {
        'nginx.ingress.kubernetes.io/ssl-passthrough': 'true',
        'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
      },
    });
    expect(values.controlPlane.proxy.extraSANs).toEqual([
      'team-a.vc.example.com',
    ]);
    expect(values.exportKubeConfig.server).toBe(
      'https://team-a.vc.example.com:443',
    );
    expect(values.policies.resourceQuota).toEqual({
      enabled: true,
      quota: { 'requests.cpu': '4', 'requests.memory': '8Gi', pods: 50 },
    });
    expect(values.policies.limitRange.enabled).toBe(true);
  });
});
