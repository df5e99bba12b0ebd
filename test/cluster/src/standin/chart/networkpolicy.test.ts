import { KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { coalesce, type Values } from './coalesce.ts';
import { chartDefaults } from './defaults.ts';
import { Helm } from './helm.ts';
import { renderChart } from './render.ts';

// what helm renders for release `demo` in namespace `team-a` (chart v0.32.3), from the
// given values merged over the chart's defaults
const render = (given: Values) =>
  renderChart({
    name: 'demo',
    namespace: 'team-a',
    chartVersion: '0.32.3',
    values: coalesce(chartDefaults(true), given),
  }).objects;
const policies = (given: Values) =>
  render(given).filter(o => o.kind === 'NetworkPolicy') as Array<
    KubernetesObject & { spec: Values }
  >;
const enabled = (networkPolicy: Values = {}, rest: Values = {}) => ({
  ...rest,
  policies: { networkPolicy: { enabled: true, ...networkPolicy } },
});

const CHART_LABELS = {
  app: 'vcluster',
  chart: 'vcluster-0.32.3',
  release: 'demo',
  heritage: 'Helm',
};
const workloads = {
  podSelector: { matchLabels: { 'vcluster.loft.sh/managed-by': 'demo' } },
};
const controlPlane = { podSelector: { matchLabels: { release: 'demo' } } };
const hostKubeDns = {
  namespaceSelector: {
    matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
  },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};
const platform = {
  podSelector: { matchLabels: { app: 'loft' } },
  namespaceSelector: {},
};
const hostControlPlane = {
  ports: [
    { port: 443, protocol: 'TCP' },
    { port: 8443, protocol: 'TCP' },
    { port: 6443, protocol: 'TCP' },
  ],
};
const dnsAndApi = [
  { port: 1053, protocol: 'UDP' },
  { port: 1053, protocol: 'TCP' },
  { port: 8443, protocol: 'TCP' },
];

// expectations written from chart/templates/networkpolicy.yaml and chart/values.yaml at v0.32.3
describe('chart networkpolicy.yaml (v0.32.3)', () => {
  it('renders nothing with the chart defaults (policies.networkPolicy.enabled false)', () => {
    expect(policies({})).toEqual([]);
    expect(chartDefaults(true).policies).toMatchObject({
      networkPolicy: {
        enabled: false,
        labels: {},
        annotations: {},
        fallbackDns: '8.8.8.8',
        controlPlane: { ingress: [], egress: [] },
        workload: {
          publicEgress: {
            enabled: true,
            cidr: '0.0.0.0/0',
            except: [
              '100.64.0.0/10',
              '127.0.0.0/8',
              '10.0.0.0/8',
              '172.16.0.0/12',
              '192.168.0.0/16',
            ],
          },
          ingress: [],
          egress: [],
        },
      },
    });
  });

  it('renders the four policies of the template when enabled, first in install order', () => {
    const objects = render(enabled());
    expect(
      objects.slice(0, 4).map(o => `${o.kind}/${o.metadata!.name}`),
    ).toEqual([
      'NetworkPolicy/vc-work-demo',
      'NetworkPolicy/vc-cp-demo',
      'NetworkPolicy/vc-kube-dns-demo',
      'NetworkPolicy/vc-snapshot-demo',
    ]);
    expect(objects.filter(o => o.kind === 'NetworkPolicy')).toHaveLength(4);
    const [work, cp, dns, snapshot] = policies(enabled());
    for (const policy of [work, cp, dns, snapshot]) {
      expect(policy.apiVersion).toBe('networking.k8s.io/v1');
      expect(policy.metadata).toEqual({
        name: policy.metadata!.name,
        namespace: 'team-a',
        labels: CHART_LABELS,
        annotations: {},
      });
    }
    expect(work.spec).toEqual({
      podSelector: workloads.podSelector,
      policyTypes: ['Egress', 'Ingress'],
      egress: [
        { ports: dnsAndApi, to: [controlPlane] },
        { to: [workloads] },
        {
          to: [
            {
              ipBlock: {
                cidr: '0.0.0.0/0',
                except: [
                  '100.64.0.0/10',
                  '127.0.0.0/8',
                  '10.0.0.0/8',
                  '172.16.0.0/12',
                  '192.168.0.0/16',
                ],
              },
            },
          ],
        },
      ],
      ingress: [{ from: [controlPlane] }, { from: [workloads] }],
    });
    expect(cp.spec).toEqual({
      podSelector: controlPlane.podSelector,
      policyTypes: ['Egress', 'Ingress'],
      egress: [
        { to: [hostKubeDns] },
        hostControlPlane,
        { to: [controlPlane] },
        { to: [workloads] },
        { to: [platform] },
      ],
      ingress: [
        { from: [controlPlane] },
        { ports: dnsAndApi, from: [workloads] },
        {
          from: [
            { podSelector: { matchLabels: { app: 'vcluster-snapshot' } } },
          ],
        },
        { from: [platform] },
      ],
    });
    expect(dns.spec).toEqual({
      podSelector: {
        matchLabels: {
          'k8s-app': 'vcluster-kube-dns',
          'vcluster.loft.sh/managed-by': 'demo',
        },
      },
      policyTypes: ['Egress', 'Ingress'],
      egress: [
        { to: [hostKubeDns] },
        { ports: [{ port: 8443, protocol: 'TCP' }], to: [controlPlane] },
      ],
      ingress: [
        {
          ports: [
            { port: 1053, protocol: 'TCP' },
            { port: 1053, protocol: 'UDP' },
          ],
          from: [workloads],
        },
      ],
    });
    // no ingress rules: the snapshot pods take no connections
    expect(snapshot.spec).toEqual({
      podSelector: { matchLabels: { app: 'vcluster-snapshot' } },
      policyTypes: ['Egress', 'Ingress'],
      egress: [{ to: [controlPlane] }, { to: [hostKubeDns] }, hostControlPlane],
    });
  });

  it('takes the public egress block from the values, and leaves it out when disabled', () => {
    const [work] = policies(
      enabled({
        workload: {
          publicEgress: { cidr: '192.168.0.0/16', except: ['192.168.7.0/24'] },
        },
      }),
    );
    expect((work.spec.egress as Values[])[2]).toEqual({
      to: [{ ipBlock: { cidr: '192.168.0.0/16', except: ['192.168.7.0/24'] } }],
    });
    // `except: null` removes the default list (helm's coalesce); the template then
    // renders `except: null`, which is no list at all
    const [withoutExcept] = policies(
      enabled({ workload: { publicEgress: { except: null } } }),
    );
    expect((withoutExcept.spec.egress as Values[])[2]).toEqual({
      to: [{ ipBlock: { cidr: '0.0.0.0/0' } }],
    });
    const [closed] = policies(
      enabled({ workload: { publicEgress: { enabled: false } } }),
    );
    expect(closed.spec.egress).toEqual([
      { ports: dnsAndApi, to: [controlPlane] },
      { to: [workloads] },
    ]);
  });

  it('appends the extra workload and control-plane rules after the chart’s own', () => {
    const extraEgress = { to: [{ ipBlock: { cidr: '10.1.0.0/16' } }] };
    const extraIngress = {
      from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }],
      ports: [{ port: 9090, protocol: 'TCP' }],
    };
    const [work, cp] = policies(
      enabled({
        workload: { egress: [extraEgress], ingress: [extraIngress] },
        controlPlane: { egress: [extraEgress], ingress: [extraIngress] },
      }),
    );
    expect(work.spec.egress).toHaveLength(4);
    expect((work.spec.egress as Values[])[3]).toEqual(extraEgress);
    expect(work.spec.ingress).toEqual([
      { from: [controlPlane] },
      { from: [workloads] },
      extraIngress,
    ]);
    expect((cp.spec.egress as Values[]).slice(-1)).toEqual([extraEgress]);
    expect(cp.spec.egress).toHaveLength(6);
    expect((cp.spec.ingress as Values[]).slice(-1)).toEqual([extraIngress]);
    expect(cp.spec.ingress).toHaveLength(5);
  });

  it('merges labels and annotations as sprig’s merge does: the first map to set a key keeps it', () => {
    const [work] = policies(
      enabled(
        {
          labels: { team: 'a', release: 'other' },
          annotations: { owner: 'np', shared: 'from-policy' },
        },
        {
          controlPlane: {
            advanced: {
              globalMetadata: {
                annotations: { shared: 'from-global', cost: 'x' },
              },
            },
          },
        },
      ),
    );
    expect(work.metadata!.labels).toEqual({ ...CHART_LABELS, team: 'a' });
    expect(work.metadata!.annotations).toEqual({
      shared: 'from-global',
      cost: 'x',
      owner: 'np',
    });
  });

  it('renders vc-kube-dns only for a coredns deployment of its own (enabled, not embedded)', () => {
    const names = (given: Values) => policies(given).map(p => p.metadata!.name);
    expect(
      names(enabled({}, { controlPlane: { coredns: { embedded: true } } })),
    ).toEqual(['vc-work-demo', 'vc-cp-demo', 'vc-snapshot-demo']);
    expect(
      names(enabled({}, { controlPlane: { coredns: { enabled: false } } })),
    ).toEqual(['vc-work-demo', 'vc-cp-demo', 'vc-snapshot-demo']);
  });

  it('carries the merged policies values into the config Secret the syncer reads', () => {
    const secret = render(enabled()).find(
      o => o.kind === 'Secret' && o.metadata!.name === 'vc-config-demo',
    ) as KubernetesObject & { data: Record<string, string> };
    const config = parse(
      Buffer.from(secret.data['config.yaml'], 'base64').toString('utf8'),
    );
    expect(config.policies.networkPolicy).toMatchObject({
      enabled: true,
      fallbackDns: '8.8.8.8',
    });
  });
});

describe('chart values.schema.json (v0.32.3) policies.podSecurityStandard', () => {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'c', server: 'https://127.0.0.1:1' }],
    users: [{ name: 'u' }],
    contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
    currentContext: 'c',
  });
  const install = (values: string) =>
    new Helm(kubeConfig).upgradeInstall({
      name: 'demo',
      namespace: 'team-a',
      repo: 'https://charts.loft.sh',
      chart: 'vcluster',
      version: '0.32.3',
      values,
    });

  it('refuses a level that is not a string, as helm’s schema check does (before any request)', async () => {
    await expect(
      install('policies:\n  podSecurityStandard: 3\n'),
    ).rejects.toThrow(
      "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nvcluster:\n- policies.podSecurityStandard: Invalid type. Expected: string, given: integer",
    );
    await expect(
      install('policies:\n  podSecurityStandard: true\n'),
    ).rejects.toThrow(
      '- policies.podSecurityStandard: Invalid type. Expected: string, given: boolean',
    );
  });
});
