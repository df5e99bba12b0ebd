import type { KubernetesObject } from '@kubernetes/client-node';
import { get, type Values } from './coalesce.ts';

/** The label the syncer puts on the objects it syncs to the host (pkg/util/translate/types.go v0.32.3). */
const MANAGED_BY = 'vcluster.loft.sh/managed-by';

/** Go template truth (text/template `if`, `and`, `not`): false, 0, nil and empty are false. */
export function truthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/**
 * sprig's `merge dict a b` (mergo.Merge without override): the first map to set a key
 * keeps it, later ones only add keys.
 */
function sprigMerge(...maps: Array<Values | undefined>): Values {
  const out: Values = {};
  for (const map of maps) {
    for (const [key, value] of Object.entries(map ?? {})) {
      if (!(key in out)) out[key] = value;
    }
  }
  return out;
}

const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? structuredClone(value) : [];

const tcp = (port: number) => ({ port, protocol: 'TCP' });
const udp = (port: number) => ({ port, protocol: 'UDP' });

/**
 * The NetworkPolicies of chart/templates/networkpolicy.yaml (loft-sh/vcluster v0.32.3),
 * rendered when `policies.networkPolicy.enabled` is true: `vc-work-<release>` for the
 * synced workloads, `vc-cp-<release>` for the control plane, `vc-kube-dns-<release>`
 * when coredns runs as its own deployment (enabled and not embedded) and
 * `vc-snapshot-<release>` for the snapshot pods, in the template's order.
 */
export function renderNetworkPolicies(options: {
  name: string;
  namespace: string;
  /** The chart's common labels (app, chart, release, heritage). */
  common: Record<string, string>;
  values: Values;
}): KubernetesObject[] {
  const { name, namespace, common, values } = options;
  const v = <T = unknown>(...path: string[]) =>
    get<T>(values, 'policies', 'networkPolicy', ...path);
  // networkpolicy.yaml v0.32.3 line 1: `if .Values.policies.networkPolicy.enabled`
  if (!truthy(v('enabled'))) return [];

  // networkpolicy.yaml v0.32.3: $labels and $annotations, merged with sprig's `merge`
  // (the chart's labels win over policies.networkPolicy.labels; the global annotations
  // over policies.networkPolicy.annotations)
  const labels = sprigMerge(common, v<Values>('labels'));
  const annotations = sprigMerge(
    get<Values>(
      values,
      'controlPlane',
      'advanced',
      'globalMetadata',
      'annotations',
    ),
    v<Values>('annotations'),
  );
  const policy = (policyName: string, spec: Values): KubernetesObject =>
    ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name: policyName,
        namespace,
        labels: structuredClone(labels),
        annotations: structuredClone(annotations),
      },
      spec: structuredClone(spec),
    } as KubernetesObject);

  const workloads = { podSelector: { matchLabels: { [MANAGED_BY]: name } } };
  const controlPlane = { podSelector: { matchLabels: { release: name } } };
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
  const snapshot = {
    podSelector: { matchLabels: { app: 'vcluster-snapshot' } },
  };
  const hostControlPlanePorts = { ports: [tcp(443), tcp(8443), tcp(6443)] };

  const objects: KubernetesObject[] = [];

  // vc-work-<release>
  const publicEgress = v<Values>('workload', 'publicEgress') ?? {};
  const workEgress: unknown[] = [
    { ports: [udp(1053), tcp(1053), tcp(8443)], to: [controlPlane] },
    { to: [workloads] },
  ];
  if (truthy(publicEgress.enabled)) {
    workEgress.push({
      to: [
        {
          ipBlock: {
            ...(publicEgress.cidr === undefined
              ? {}
              : { cidr: String(publicEgress.cidr) }),
            // `dict "except" ... | toYaml`: a missing list renders `except: null`
            ...(Array.isArray(publicEgress.except)
              ? { except: publicEgress.except.map(String) }
              : {}),
          },
        },
      ],
    });
  }
  workEgress.push(...list(v('workload', 'egress')));
  objects.push(
    policy(`vc-work-${name}`, {
      podSelector: workloads.podSelector,
      policyTypes: ['Egress', 'Ingress'],
      egress: workEgress,
      ingress: [
        { from: [controlPlane] },
        { from: [workloads] },
        ...list(v('workload', 'ingress')),
      ],
    }),
  );

  // vc-cp-<release>
  objects.push(
    policy(`vc-cp-${name}`, {
      podSelector: controlPlane.podSelector,
      policyTypes: ['Egress', 'Ingress'],
      egress: [
        { to: [hostKubeDns] },
        hostControlPlanePorts,
        { to: [controlPlane] },
        { to: [workloads] },
        { to: [platform] },
        ...list(v('controlPlane', 'egress')),
      ],
      ingress: [
        { from: [controlPlane] },
        { ports: [udp(1053), tcp(1053), tcp(8443)], from: [workloads] },
        { from: [snapshot] },
        { from: [platform] },
        ...list(v('controlPlane', 'ingress')),
      ],
    }),
  );

  // vc-kube-dns-<release>: `if and .controlPlane.coredns.enabled (not .coredns.embedded)`
  if (
    truthy(get(values, 'controlPlane', 'coredns', 'enabled')) &&
    !truthy(get(values, 'controlPlane', 'coredns', 'embedded'))
  ) {
    objects.push(
      policy(`vc-kube-dns-${name}`, {
        podSelector: {
          matchLabels: { 'k8s-app': 'vcluster-kube-dns', [MANAGED_BY]: name },
        },
        policyTypes: ['Egress', 'Ingress'],
        egress: [
          { to: [hostKubeDns] },
          { ports: [tcp(8443)], to: [controlPlane] },
        ],
        ingress: [{ ports: [tcp(1053), udp(1053)], from: [workloads] }],
      }),
    );
  }

  // vc-snapshot-<release>
  objects.push(
    policy(`vc-snapshot-${name}`, {
      podSelector: snapshot.podSelector,
      policyTypes: ['Egress', 'Ingress'],
      egress: [
        { to: [controlPlane] },
        { to: [hostKubeDns] },
        hostControlPlanePorts,
      ],
    }),
  );
  return objects;
}
