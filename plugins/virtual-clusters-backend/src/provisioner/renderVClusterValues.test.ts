import { KubeConfig } from '@kubernetes/client-node';
import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';
import { chartDefaults } from '@virtual-clusters/test-cluster';
import { parse } from 'yaml';
import { testCluster } from '../__testUtils__/records';
import { renderVClusterValues } from './renderVClusterValues';

const base: VirtualCluster = testCluster('team-a');

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
  it('renders k3s behind a LoadBalancer with nothing about its address', () => {
    const values = parse(renderVClusterValues(base, host('LoadBalancer')));
    expect(values.controlPlane.distro).toEqual({
      k3s: { enabled: true, image: { tag: 'v1.33.1-k3s1' } },
    });
    expect(values.controlPlane.service.spec).toEqual({
      type: 'LoadBalancer',
      ports: [{ name: 'https', port: 443, targetPort: 8443 }],
    });
    expect(values.controlPlane.ingress).toEqual({ enabled: false });
    // the chart puts the LoadBalancer address into the certificate by itself
    expect(values.controlPlane.proxy.extraSANs).toEqual([]);
    expect(values.exportKubeConfig).toEqual({ context: 'team-a' });
    expect(values.policies).toEqual({
      resourceQuota: { enabled: false },
      limitRange: { enabled: false },
    });
  });

  it('renders a quota under LoadBalancer that leaves room for the control plane Service', () => {
    const values = parse(
      renderVClusterValues(
        {
          ...base,
          spec: {
            ...base.spec,
            quota: { cpu: '4', memory: '8Gi', storage: '50Gi', pods: 50 },
          },
        },
        host('LoadBalancer'),
      ),
    );
    expect(values.policies.resourceQuota).toEqual({
      enabled: true,
      quota: {
        'requests.cpu': '4',
        'requests.memory': '8Gi',
        'requests.storage': '50Gi',
        'count/pods': 50,
        'services.nodeports': 1,
        'services.loadbalancers': 1,
      },
    });
    // the chart's own defaults (v0.32.3 values.yaml, as the stand-in's chart model has them)
    const chart = (chartDefaults(true) as any).policies.limitRange;
    expect(values.policies.limitRange).toEqual({
      enabled: true,
      default: chart.default,
      defaultRequest: chart.defaultRequest,
    });
  });

  it('raises the chart limits.* above requests larger than them', () => {
    const values = parse(
      renderVClusterValues(
        {
          ...base,
          spec: { ...base.spec, quota: { cpu: '32', memory: '64Gi' } },
        },
        host('LoadBalancer'),
      ),
    );
    expect(values.policies.resourceQuota.quota).toEqual({
      'requests.cpu': '32',
      'limits.cpu': '64',
      'requests.memory': '64Gi',
      'limits.memory': '128Gi',
      'services.nodeports': 1,
      'services.loadbalancers': 1,
    });
    // 12 cores: 24 > the chart's 20 (raised); 16Gi: 32Gi < 40Gi (the chart's stays)
    const middle = parse(
      renderVClusterValues(
        {
          ...base,
          spec: { ...base.spec, quota: { cpu: '12000m', memory: '16Gi' } },
        },
        host('LoadBalancer'),
      ),
    );
    expect(middle.policies.resourceQuota.quota).toEqual({
      'requests.cpu': '12000m',
      'limits.cpu': '24000m',
      'requests.memory': '16Gi',
      'services.nodeports': 1,
      'services.loadbalancers': 1,
    });
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
    expect(values.controlPlane.distro).toEqual({
      k8s: { enabled: true, image: { tag: 'v1.34.1' } },
    });
    expect(values.controlPlane.service.spec).toEqual({ type: 'ClusterIP' });
    expect(values.controlPlane.ingress).toEqual({
      enabled: true,
      host: 'team-a.vc.example.com',
      spec: { ingressClassName: 'nginx' },
      annotations: {
        'nginx.ingress.kubernetes.io/ssl-passthrough': 'true',
        'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
        'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
      },
    });
    expect(values.controlPlane.proxy.extraSANs).toEqual([
      'team-a.vc.example.com',
    ]);
    expect(values.exportKubeConfig).toEqual({
      context: 'team-a',
      server: 'https://team-a.vc.example.com:443',
    });
    // a ClusterIP Service needs no node port: the chart's services.nodeports 0 stays
    expect(values.policies.resourceQuota).toEqual({
      enabled: true,
      quota: {
        'requests.cpu': '4',
        'requests.memory': '8Gi',
        'count/pods': 50,
      },
    });
    expect(values.policies.limitRange.enabled).toBe(true);
  });

  it("renders the host's isolation into the chart's policies", () => {
    const values = parse(
      renderVClusterValues(
        {
          ...base,
          spec: {
            ...base.spec,
            isolation: {
              networkPolicy: true,
              podSecurityStandard: 'restricted',
            },
          },
        },
        host('LoadBalancer'),
      ),
    );
    // keys of chart/values.yaml and values.schema.json v0.32.3
    expect(values.policies.networkPolicy).toEqual({ enabled: true });
    expect(values.policies.podSecurityStandard).toBe('restricted');
  });

  it("merges the admin's advanced values under what the backend renders", () => {
    const values = parse(
      renderVClusterValues(base, {
        ...host('LoadBalancer'),
        values: {
          sync: { toHost: { ingresses: { enabled: true } } },
          // the backend's own keys win
          controlPlane: { service: { spec: { type: 'NodePort' } } },
        },
      }),
    );
    expect(values.sync).toEqual({ toHost: { ingresses: { enabled: true } } });
    expect(values.controlPlane.service.spec.type).toBe('LoadBalancer');
  });
});
