import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';
import { HostClusterConnection } from '@virtual-clusters/plugin-virtual-clusters-node';
import { stringify } from 'yaml';

/** External host name of a virtual cluster under Ingress exposure. */
export function ingressHost(name: string, wildcardDomain: string): string {
  return `${name}.${wildcardDomain}`;
}

/** Container images of the k3s distro per Kubernetes minor (rancher/k3s tags). */
const K3S_PATCH: Record<string, string> = {
  '1.31': 'v1.31.9-k3s1',
  '1.32': 'v1.32.5-k3s1',
  '1.33': 'v1.33.1-k3s1',
};

/** Image tags of the k8s distro per Kubernetes minor. */
const K8S_PATCH: Record<string, string> = {
  '1.32': 'v1.32.5',
  '1.33': 'v1.33.1',
  '1.34': 'v1.34.1',
};

function imageTag(distro: 'k3s' | 'k8s', version: string): string {
  const table = distro === 'k3s' ? K3S_PATCH : K8S_PATCH;
  if (table[version]) return table[version];
  if (/^\d+\.\d+\.\d+/.test(version)) {
    return distro === 'k3s' ? `v${version}-k3s1` : `v${version}`;
  }
  return distro === 'k3s' ? `v${version}.0-k3s1` : `v${version}.0`;
}

/**
 * Renders the vcluster.yaml (Helm values) of one virtual cluster: distro and version,
 * exposure (LoadBalancer Service or an SSL-passthrough Ingress), the external host in
 * the API server certificate and in the exported kubeconfig, and quota policies.
 */
export function renderVClusterValues(
  cluster: VirtualCluster,
  host: HostClusterConnection,
  options: { loadBalancerAddress?: string } = {},
): string {
  const { spec } = cluster;
  const exposureType = spec.exposure.type;
  const externalHost =
    exposureType === 'Ingress'
      ? spec.exposure.host ??
        ingressHost(cluster.name, host.exposure.wildcardDomain ?? 'invalid')
      : options.loadBalancerAddress;

  const distro =
    spec.distro === 'k3s'
      ? {
          k3s: {
            enabled: true,
            image: { tag: imageTag('k3s', spec.kubernetesVersion) },
          },
        }
      : {
          k8s: {
            enabled: true,
            image: { tag: imageTag('k8s', spec.kubernetesVersion) },
          },
        };

  const values: Record<string, unknown> = {
    controlPlane: {
      distro,
      statefulSet: { persistence: { volumeClaim: { enabled: true } } },
      service: {
        spec:
          exposureType === 'LoadBalancer'
            ? {
                type: 'LoadBalancer',
                ports: [{ name: 'https', port: 443, targetPort: 8443 }],
              }
            : { type: 'ClusterIP' },
      },
      ingress:
        exposureType === 'Ingress'
          ? {
              enabled: true,
              host: externalHost,
              spec: { ingressClassName: spec.exposure.ingressClassName },
              annotations: {
                'nginx.ingress.kubernetes.io/ssl-passthrough': 'true',
                'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
                'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
              },
            }
          : { enabled: false },
      proxy: { extraSANs: externalHost ? [externalHost] : [] },
    },
    exportKubeConfig: {
      context: cluster.name,
      ...(externalHost ? { server: `https://${externalHost}:443` } : {}),
    },
    policies: {
      resourceQuota: spec.quota
        ? {
            enabled: true,
            quota: {
              ...(spec.quota.cpu ? { 'requests.cpu': spec.quota.cpu } : {}),
              ...(spec.quota.memory
                ? { 'requests.memory': spec.quota.memory }
                : {}),
              ...(spec.quota.storage
                ? { 'requests.storage': spec.quota.storage }
                : {}),
              ...(spec.quota.pods ? { pods: spec.quota.pods } : {}),
            },
          }
        : { enabled: false },
      limitRange: spec.quota
        ? {
            enabled: true,
            default: { cpu: '500m', memory: '512Mi' },
            defaultRequest: { cpu: '100m', memory: '128Mi' },
          }
        : { enabled: false },
    },
  };
  return stringify(values);
}
