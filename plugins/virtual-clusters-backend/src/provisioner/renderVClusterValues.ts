import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';
import {
  HostClusterConnection,
  ResolvedProfile,
} from '@virtual-clusters/plugin-virtual-clusters-node';
import { JsonObject } from '@backstage/types';
import { stringify } from 'yaml';
import { mergeValues } from './chartValues';
import { parseQuantity } from '../services/quantities';
import { deployValues } from '../profiles/deployValues';

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
 * Chart defaults of `policies.resourceQuota.quota` (vcluster chart 0.32.3,
 * chart/values.yaml) that the rendered quota must keep in view: helm deep-merges
 * them with what is rendered here.
 */
const CHART_QUOTA_LIMITS = { 'limits.cpu': '20', 'limits.memory': '40Gi' };

/**
 * The `requests.*` defaults of the same quota (chart/values.yaml v0.32.3): what a
 * cluster whose quota leaves a key out is held to, and what placement counts for it.
 */
export const CHART_QUOTA_REQUESTS = {
  'requests.cpu': '10',
  'requests.memory': '20Gi',
  'requests.storage': '100Gi',
} as const;

/** `requests.*` the user asked for → the `limits.*` key the chart also caps. */
const LIMIT_OF: Record<string, keyof typeof CHART_QUOTA_LIMITS> = {
  'requests.cpu': 'limits.cpu',
  'requests.memory': 'limits.memory',
};

/** A quantity times a factor, in the quantity's own suffix (`8Gi` x 2 = `16Gi`). */
function times(quantity: string, factor: number): string {
  const match = /^([0-9.]+)([a-zA-Z]*)$/.exec(quantity);
  if (!match) return quantity;
  return `${Number(match[1]) * factor}${match[2]}`;
}

/**
 * The ResourceQuota values. It lives in the HOST namespace and counts the cluster's
 * own control plane (pod, data PVC, Service), so what is rendered must not let the
 * chart's defaults refuse it:
 * - `count/pods` (not `pods`: that would leave the chart's `count/pods: 20` in force);
 * - for LoadBalancer exposure, `services.nodeports: 1` (a LoadBalancer Service
 *   allocates a node port for its one https port; the chart's default 0 makes the
 *   API server refuse the Service) and `services.loadbalancers: 1`;
 * - `limits.cpu`/`limits.memory`: every pod gets limits (its own or the LimitRange
 *   default), and limits are at least requests, so the chart's `limits.cpu: 20` and
 *   `limits.memory: 40Gi` would cap a user who asked for more requests below their own
 *   quota. They are RAISED (not removed) to twice the requested amount when that is
 *   more than the chart's value: the chart's 2:1 ratio of limits to requests stays as
 *   the guard against overcommitting the host, and no pod can use more than its limit.
 */
function renderQuota(
  quota: NonNullable<VirtualCluster['spec']['quota']>,
  loadBalancer: boolean,
): Record<string, string | number> {
  const rendered: Record<string, string | number> = {};
  if (quota.cpu) rendered['requests.cpu'] = quota.cpu;
  if (quota.memory) rendered['requests.memory'] = quota.memory;
  if (quota.storage) rendered['requests.storage'] = quota.storage;
  if (quota.pods) rendered['count/pods'] = quota.pods;
  for (const [request, limit] of Object.entries(LIMIT_OF)) {
    const asked = rendered[request];
    if (typeof asked !== 'string') continue;
    const doubled = times(asked, 2);
    if (parseQuantity(doubled) > parseQuantity(CHART_QUOTA_LIMITS[limit])) {
      rendered[limit] = doubled;
    }
  }
  if (loadBalancer) {
    rendered['services.nodeports'] = 1;
    rendered['services.loadbalancers'] = 1;
  }
  return rendered;
}

/**
 * Renders the vcluster.yaml (Helm values) of one virtual cluster: distro and version,
 * exposure (LoadBalancer Service or an SSL-passthrough Ingress), and quota policies.
 * Under Ingress the external host is known up front, so it goes into the certificate
 * (`extraSANs`) and the exported kubeconfig. Under LoadBalancer nothing is added
 * after the fact: the chart puts the Service's LoadBalancer addresses into the serving
 * certificate by itself, and changing values later would restart the control plane.
 * The cluster's application profiles go into `experimental.deploy.vcluster`, which
 * vcluster's deploy controller installs inside.
 */
export function renderVClusterValues(
  cluster: VirtualCluster,
  host: HostClusterConnection,
  profiles: ResolvedProfile[] = [],
): string {
  const { spec } = cluster;
  const exposureType = spec.exposure.type;
  const externalHost =
    exposureType === 'Ingress'
      ? spec.exposure.host ??
        ingressHost(cluster.name, host.exposure.wildcardDomain ?? 'invalid')
      : undefined;

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

  const values: JsonObject = {
    ...deployValues(profiles),
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
            quota: renderQuota(spec.quota, exposureType === 'LoadBalancer'),
          }
        : { enabled: false },
      // the chart's defaults (0.32.3), stated: the control plane sets no CPU limit of
      // its own, and with `limits.cpu` in the quota a pod without one is refused
      limitRange: spec.quota
        ? {
            enabled: true,
            default: { cpu: '1', memory: '512Mi', 'ephemeral-storage': '8Gi' },
            defaultRequest: {
              cpu: '100m',
              memory: '128Mi',
              'ephemeral-storage': '3Gi',
            },
          }
        : { enabled: false },
      // isolation (chart/templates/networkpolicy.yaml and the syncer's pod-security
      // controller, v0.32.3); left out, the chart's defaults keep both off
      ...(spec.isolation?.networkPolicy
        ? { networkPolicy: { enabled: true } }
        : {}),
      ...(spec.isolation?.podSecurityStandard
        ? { podSecurityStandard: spec.isolation.podSecurityStandard }
        : {}),
    },
  };
  // the admin's advanced values under what the backend needs (its keys win)
  return stringify(host.values ? mergeValues(host.values, values) : values);
}
