import type { Values } from './coalesce.ts';

/**
 * The chart defaults the stand-in acts on, written from loft-sh/vcluster
 * chart/values.yaml at v0.32.3 (only the keys that decide which host objects exist and
 * what they contain; the rest of values.yaml changes nothing the stand-in does).
 * Lines other than 0.32 are modelled with the same defaults, except that k3s is gone
 * from 0.33.0 on.
 */
export function chartDefaults(k3s: boolean): Values {
  return {
    controlPlane: {
      distro: {
        k8s: {
          enabled: false,
          image: {
            registry: 'ghcr.io',
            repository: 'loft-sh/kubernetes',
            tag: 'v1.35.0',
          },
        },
        ...(k3s
          ? {
              k3s: {
                enabled: false,
                image: {
                  registry: '',
                  repository: 'rancher/k3s',
                  tag: 'v1.35.0-k3s1',
                },
              },
            }
          : {}),
      },
      service: {
        enabled: true,
        labels: {},
        annotations: {},
        kubeletNodePort: 0,
        httpsNodePort: 0,
        spec: { type: 'ClusterIP' },
      },
      ingress: {
        enabled: false,
        host: 'my-host.com',
        pathType: 'ImplementationSpecific',
        labels: {},
        annotations: {
          'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
          'nginx.ingress.kubernetes.io/ssl-passthrough': 'true',
          'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
        },
        spec: { tls: [] },
      },
      proxy: { bindAddress: '0.0.0.0', port: 8443, extraSANs: [] },
      coredns: { enabled: true, embedded: false },
      advanced: { globalMetadata: { annotations: {} } },
      statefulSet: {
        resources: {
          limits: { 'ephemeral-storage': '10Gi', memory: '4Gi' },
          requests: {
            'ephemeral-storage': '1Gi',
            cpu: '200m',
            memory: '256Mi',
          },
        },
        persistence: {
          volumeClaim: {
            enabled: 'auto',
            retentionPolicy: 'Retain',
            size: '5Gi',
            storageClass: '',
            accessModes: ['ReadWriteOnce'],
          },
        },
      },
    },
    networking: {
      advanced: { proxyKubelets: { byHostname: true, byIP: true } },
    },
    sync: {
      toHost: {
        pods: { enabled: true },
        persistentVolumeClaims: { enabled: true },
      },
    },
    policies: {
      resourceQuota: {
        enabled: 'auto',
        labels: {},
        annotations: {},
        quota: {
          'requests.cpu': 10,
          'requests.memory': '20Gi',
          'requests.storage': '100Gi',
          'requests.ephemeral-storage': '60Gi',
          'limits.cpu': 20,
          'limits.memory': '40Gi',
          'limits.ephemeral-storage': '160Gi',
          'services.nodeports': 0,
          'services.loadbalancers': 1,
          'count/endpoints': 40,
          'count/pods': 20,
          'count/services': 20,
          'count/secrets': 100,
          'count/configmaps': 100,
          'count/persistentvolumeclaims': 20,
        },
        scopeSelector: { matchExpressions: [] },
        scopes: [],
      },
      limitRange: {
        enabled: 'auto',
        labels: {},
        annotations: {},
        default: { 'ephemeral-storage': '8Gi', memory: '512Mi', cpu: '1' },
        defaultRequest: {
          'ephemeral-storage': '3Gi',
          memory: '128Mi',
          cpu: '100m',
        },
        min: {},
        max: {},
      },
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
    },
    exportKubeConfig: {
      context: '',
      server: '',
      insecure: false,
      secret: { name: '', namespace: '' },
    },
  };
}

/**
 * Top-level keys chart/values.schema.json (v0.32.3) allows; it says
 * `additionalProperties: false`, so helm refuses any other key.
 */
export const TOP_LEVEL_KEYS = new Set([
  'global',
  'exportKubeConfig',
  'sync',
  'integrations',
  'deploy',
  'networking',
  'policies',
  'controlPlane',
  'privateNodes',
  'rbac',
  'plugins',
  'experimental',
  'telemetry',
  'serviceCIDR',
  'pro',
  'plugin',
  'logging',
  'sleep',
  'snapshots',
  'deletion',
  'platform',
]);
