import type { KubernetesObject } from '@kubernetes/client-node';
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { get, type Values } from './coalesce.ts';
import { renderNetworkPolicies } from './networkpolicy.ts';

/** What the chart renders for one release. */
export interface RenderedRelease {
  /** `k3s` or `k8s`, as chart/templates/_distro.tpl picks it. */
  distro: 'k3s' | 'k8s';
  /** Objects in helm's install order (helm v3 pkg/releaseutil/kind_sorter.go). */
  objects: KubernetesObject[];
}

/** Helm's install order for the kinds the chart renders. */
const INSTALL_ORDER = [
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'ServiceAccount',
  'Secret',
  'Role',
  'RoleBinding',
  'Service',
  'StatefulSet',
  'Ingress',
];

/** Thrown for a template that fails (helm's `fail`). */
export class RenderError extends Error {}

const str = (v: unknown) => (typeof v === 'string' ? v : String(v));

/**
 * Renders the host objects of a vcluster release from its merged values, following
 * loft-sh/vcluster chart/templates at v0.32.3 (service.yaml, headless-service.yaml,
 * ingress.yaml, resourcequota.yaml, limitrange.yaml, config-secret.yaml,
 * statefulset.yaml, serviceaccount.yaml, workload-serviceaccount.yaml, networkpolicy.yaml,
 * _distro.tpl, _vclusterconfighash.tpl). RBAC objects and optional extras (PDB,
 * ServiceMonitor) are left out: nothing here reads them.
 */
export function renderChart(options: {
  name: string;
  namespace: string;
  chartVersion: string;
  values: Values;
}): RenderedRelease {
  const { name, namespace, chartVersion, values } = options;
  const v = <T = unknown>(...path: string[]) => get<T>(values, ...path);
  const common = {
    app: 'vcluster',
    chart: `vcluster-${chartVersion}`.replace(/[+@]/g, '_').slice(0, 63),
    release: name,
    heritage: 'Helm',
  };
  const selector = { app: 'vcluster', release: name };

  // _distro.tpl: one enabled distro, k8s when none is
  const enabled = (['k3s', 'k8s'] as const).filter(
    d => v('controlPlane', 'distro', d, 'enabled') === true,
  );
  if (enabled.length > 1) {
    throw new RenderError('you can only enable one distro at the same time');
  }
  const distro = enabled[0] ?? 'k8s';

  // networkpolicy.yaml (v0.32.3): only with policies.networkPolicy.enabled
  const objects: KubernetesObject[] = renderNetworkPolicies({
    name,
    namespace,
    common,
    values,
  });
  const metadata = (objName: string, labels: Record<string, string> = {}) => ({
    name: objName,
    namespace,
    labels: { ...common, ...labels },
  });

  // resourcequota.yaml / limitrange.yaml: rendered only when one of them is explicitly true
  const rq = str(v('policies', 'resourceQuota', 'enabled'));
  const lr = str(v('policies', 'limitRange', 'enabled'));
  const policyOn = rq === 'true' || lr === 'true';
  if (policyOn && rq !== 'false') {
    const quota = v<Values>('policies', 'resourceQuota', 'quota') ?? {};
    const scopes = v<string[]>('policies', 'resourceQuota', 'scopes') ?? [];
    const match =
      v<unknown[]>(
        'policies',
        'resourceQuota',
        'scopeSelector',
        'matchExpressions',
      ) ?? [];
    objects.push({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: metadata(
        `vc-${name}`,
        v('policies', 'resourceQuota', 'labels'),
      ),
      spec: {
        hard: Object.fromEntries(
          Object.entries(quota).map(([k, q]) => [k, str(q)]),
        ),
        ...(scopes.length ? { scopes } : {}),
        ...(match.length ? { scopeSelector: { matchExpressions: match } } : {}),
      },
    } as KubernetesObject);
  }
  if (policyOn && lr !== 'false') {
    const limit = (key: string) => {
      const m = v<Values>('policies', 'limitRange', key) ?? {};
      return Object.keys(m).length
        ? {
            [key]: Object.fromEntries(
              Object.entries(m).map(([k, q]) => [k, str(q)]),
            ),
          }
        : {};
    };
    objects.push({
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: metadata(`vc-${name}`, v('policies', 'limitRange', 'labels')),
      spec: {
        limits: [
          {
            ...limit('default'),
            ...limit('defaultRequest'),
            ...limit('min'),
            ...limit('max'),
            type: 'Container',
          },
        ],
      },
    } as KubernetesObject);
  }

  // serviceaccount.yaml, workload-serviceaccount.yaml
  for (const account of [`vc-${name}`, `vc-workload-${name}`]) {
    objects.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: metadata(account),
    } as KubernetesObject);
  }

  // config-secret.yaml: the merged values, mounted into the pod at /var/lib/vcluster
  const valuesYaml = stringify(values);
  objects.push({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: metadata(`vc-config-${name}`),
    type: 'Opaque',
    data: { 'config.yaml': Buffer.from(valuesYaml).toString('base64') },
  } as KubernetesObject);

  // service.yaml
  if (v('controlPlane', 'service', 'enabled') !== false) {
    const spec = structuredClone(
      v<Values>('controlPlane', 'service', 'spec') ?? {},
    );
    if (!spec.ports) {
      const httpsNodePort = Number(
        v('controlPlane', 'service', 'httpsNodePort') ?? 0,
      );
      const kubeletNodePort = Number(
        v('controlPlane', 'service', 'kubeletNodePort') ?? 0,
      );
      const ports: Values[] = [
        {
          name: 'https',
          port: 443,
          targetPort: 8443,
          ...(httpsNodePort ? { nodePort: httpsNodePort } : {}),
          protocol: 'TCP',
        },
      ];
      if (
        v('networking', 'advanced', 'proxyKubelets', 'byHostname') !== false &&
        spec.type !== 'LoadBalancer'
      ) {
        ports.push({
          name: 'kubelet',
          port: 10250,
          targetPort: 8443,
          ...(kubeletNodePort ? { nodePort: kubeletNodePort } : {}),
          protocol: 'TCP',
        });
      }
      spec.ports = ports;
    }
    spec.selector ??= selector;
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        ...metadata(name, {
          'vcluster.loft.sh/service': 'true',
          ...(v<Record<string, string>>('controlPlane', 'service', 'labels') ??
            {}),
        }),
        annotations: v('controlPlane', 'service', 'annotations') ?? {},
      },
      spec,
    } as KubernetesObject);
  }
  // headless-service.yaml (the control plane is a StatefulSet with the default embedded database)
  objects.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(`${name}-headless`),
    spec: {
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      ports: [{ name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' }],
      selector,
    },
  } as KubernetesObject);

  // statefulset.yaml
  const resources = v<Values>('controlPlane', 'statefulSet', 'resources') ?? {};
  const claim =
    v<Values>('controlPlane', 'statefulSet', 'persistence', 'volumeClaim') ??
    {};
  const hashed = structuredClone(values);
  const autoNodes = get<Values>(hashed, 'privateNodes');
  if (autoNodes) delete autoNodes.autoNodes;
  const configHash = createHash('sha256')
    .update(Buffer.from(stringify(hashed)).toString('base64'))
    .digest('hex');
  objects.push({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: metadata(name),
    spec: {
      replicas: 1,
      serviceName: `${name}-headless`,
      podManagementPolicy: 'Parallel',
      persistentVolumeClaimRetentionPolicy: {
        whenDeleted: str(claim.retentionPolicy ?? 'Retain'),
      },
      selector: { matchLabels: selector },
      template: {
        metadata: {
          labels: selector,
          annotations: { vClusterConfigHash: configHash },
        },
        spec: {
          // The stand-in's one change to the template: placed on the fake node at once,
          // since kwok binds the PVC without a PV the scheduler would wait for.
          nodeName: 'kwok-node-0',
          serviceAccountName: `vc-${name}`,
          automountServiceAccountToken: false,
          containers: [
            {
              name: 'syncer',
              image: `ghcr.io/loft-sh/vcluster-pro:${chartVersion}`,
              ports: [{ name: 'https', containerPort: 8443 }],
              resources,
            },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: {
            accessModes: claim.accessModes ?? ['ReadWriteOnce'],
            resources: { requests: { storage: str(claim.size ?? '5Gi') } },
            ...(claim.storageClass
              ? { storageClassName: claim.storageClass }
              : {}),
          },
        },
      ],
    },
  } as KubernetesObject);

  // ingress.yaml
  if (v('controlPlane', 'ingress', 'enabled') === true) {
    const spec = structuredClone(
      v<Values>('controlPlane', 'ingress', 'spec') ?? {},
    );
    if (!spec.rules) {
      spec.rules = [
        {
          host: str(v('controlPlane', 'ingress', 'host')),
          http: {
            paths: [
              {
                path: '/',
                pathType:
                  v('controlPlane', 'ingress', 'pathType') ??
                  'ImplementationSpecific',
                backend: { service: { name, port: { name: 'https' } } },
              },
            ],
          },
        },
      ];
    }
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        ...metadata(name, v('controlPlane', 'ingress', 'labels')),
        annotations: v('controlPlane', 'ingress', 'annotations') ?? {},
      },
      spec,
    } as KubernetesObject);
  }

  objects.sort(
    (a, b) => INSTALL_ORDER.indexOf(a.kind!) - INSTALL_ORDER.indexOf(b.kind!),
  );
  return { distro, objects };
}
