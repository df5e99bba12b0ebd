import { KubeObject } from '../objects';

/**
 * Objects as a kube-apiserver v1.36 returns them from list calls (apiVersion and kind
 * set per item, as KubernetesClient does): a namespace `shop` with an app
 * (ConfigMap, Secret, Deployment with its ReplicaSet and Pod, Services, a PVC, a
 * CronJob with its Job, a custom resource owning a Secret), and what the control plane
 * writes by itself.
 */

const meta = (
  name: string,
  namespace: string | undefined,
  uid: string,
  extra: Record<string, unknown> = {},
) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid,
  resourceVersion: '4711',
  creationTimestamp: '2026-11-24T10:00:00Z',
  managedFields: [
    {
      manager: 'kubectl-client-side-apply',
      operation: 'Update',
      apiVersion: 'v1',
      time: '2026-11-24T10:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': {} },
    },
  ],
  ...extra,
});

const owner = (
  apiVersion: string,
  kind: string,
  name: string,
  uid: string,
) => ({
  apiVersion,
  kind,
  name,
  uid,
  controller: true,
  blockOwnerDeletion: true,
});

/** An object as a list returns it (apiVersion and kind set). */
const kubeObject = (
  apiVersion: string,
  kind: string,
  fields: { metadata: KubeObject['metadata']; [field: string]: unknown },
): KubeObject => ({ apiVersion, kind, ...fields });

/** An active Namespace. */
const namespace = (
  name: string,
  uid: string,
  labels?: Record<string, string>,
): KubeObject =>
  kubeObject('v1', 'Namespace', {
    metadata: meta(name, undefined, uid, labels ? { labels } : {}),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  });

/**
 * The spec of the `shop` Deployment (two nginx replicas); `container` adds fields to
 * its one container.
 */
export const shopDeploymentSpec = (
  container: Record<string, unknown> = {},
) => ({
  replicas: 2,
  selector: { matchLabels: { app: 'shop' } },
  template: {
    metadata: { labels: { app: 'shop' } },
    spec: {
      containers: [
        {
          name: 'shop',
          image: 'nginx:1.27',
          ...container,
          resources: { requests: { cpu: '100m', memory: '64Mi' } },
        },
      ],
    },
  },
});

/** The names of the example CRD `databases.example.com`. */
export const databaseNames = {
  kind: 'Database',
  listKind: 'DatabaseList',
  plural: 'databases',
  singular: 'database',
};

export const shopNamespace = namespace('shop', 'ns-shop', {
  'kubernetes.io/metadata.name': 'shop',
  team: 'payments',
});

export const kubeSystem = namespace('kube-system', 'ns-kube-system');

export const accessNamespace = namespace('backstage-access', 'ns-access');

export const configMap = kubeObject('v1', 'ConfigMap', {
  metadata: meta('shop-config', 'shop', 'cm-1', {
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1"}',
    },
  }),
  data: { 'app.properties': 'currency=EUR\n' },
});

export const rootCa = kubeObject('v1', 'ConfigMap', {
  metadata: meta('kube-root-ca.crt', 'shop', 'cm-ca', {
    annotations: {
      'kubernetes.io/description':
        'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc.',
    },
  }),
  data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\n...' },
});

export const opaqueSecret = kubeObject('v1', 'Secret', {
  metadata: meta('db-credentials', 'shop', 'sec-1'),
  type: 'Opaque',
  data: { password: 'czNjcjN0' },
});

export const tokenSecret = kubeObject('v1', 'Secret', {
  metadata: meta('legacy-token', 'shop', 'sec-2', {
    annotations: {
      'kubernetes.io/service-account.name': 'shop',
      'kubernetes.io/service-account.uid': 'sa-shop',
    },
  }),
  type: 'kubernetes.io/service-account-token',
  data: { token: 'ZXlK', 'ca.crt': 'LS0t', namespace: 'c2hvcA==' },
});

export const defaultServiceAccount = kubeObject('v1', 'ServiceAccount', {
  metadata: meta('default', 'shop', 'sa-default'),
});

export const shopServiceAccount = kubeObject('v1', 'ServiceAccount', {
  metadata: meta('shop', 'shop', 'sa-shop'),
});

export const deployment = kubeObject('apps/v1', 'Deployment', {
  metadata: meta('shop', 'shop', 'dep-1', {
    generation: 3,
    labels: { app: 'shop' },
    annotations: { 'deployment.kubernetes.io/revision': '2' },
  }),
  spec: shopDeploymentSpec(),
  status: { replicas: 2, readyReplicas: 2, observedGeneration: 3 },
});

export const replicaSet = kubeObject('apps/v1', 'ReplicaSet', {
  metadata: meta('shop-5d8f7c9b4', 'shop', 'rs-1', {
    labels: { app: 'shop', 'pod-template-hash': '5d8f7c9b4' },
    ownerReferences: [owner('apps/v1', 'Deployment', 'shop', 'dep-1')],
  }),
  spec: { replicas: 2 },
  status: { replicas: 2 },
});

export const ownedPod = kubeObject('v1', 'Pod', {
  metadata: meta('shop-5d8f7c9b4-x2k9p', 'shop', 'pod-1', {
    ownerReferences: [owner('apps/v1', 'ReplicaSet', 'shop-5d8f7c9b4', 'rs-1')],
  }),
  spec: { nodeName: 'kwok-node-0', containers: [{ name: 'shop' }] },
  status: { phase: 'Running' },
});

export const barePod = kubeObject('v1', 'Pod', {
  metadata: meta('debug', 'shop', 'pod-2'),
  spec: {
    nodeName: 'kwok-node-0',
    serviceAccountName: 'default',
    containers: [
      {
        name: 'debug',
        image: 'busybox:1.36',
        volumeMounts: [
          { name: 'scratch', mountPath: '/scratch' },
          {
            name: 'kube-api-access-7qmkd',
            mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
            readOnly: true,
          },
        ],
      },
    ],
    volumes: [
      { name: 'scratch', emptyDir: {} },
      {
        name: 'kube-api-access-7qmkd',
        projected: { sources: [{ serviceAccountToken: { path: 'token' } }] },
      },
    ],
  },
  status: { phase: 'Running', podIP: '10.244.0.7' },
});

export const service = kubeObject('v1', 'Service', {
  metadata: meta('shop', 'shop', 'svc-1'),
  spec: {
    type: 'ClusterIP',
    clusterIP: '10.96.14.7',
    clusterIPs: ['10.96.14.7'],
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    selector: { app: 'shop' },
    ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
  },
  status: { loadBalancer: {} },
});

export const headlessService = kubeObject('v1', 'Service', {
  metadata: meta('shop-peers', 'shop', 'svc-2'),
  spec: {
    clusterIP: 'None',
    clusterIPs: ['None'],
    selector: { app: 'shop' },
    ports: [{ port: 7000 }],
  },
  status: { loadBalancer: {} },
});

export const loadBalancerService = kubeObject('v1', 'Service', {
  metadata: meta('shop-public', 'shop', 'svc-3'),
  spec: {
    type: 'LoadBalancer',
    clusterIP: '10.96.20.1',
    clusterIPs: ['10.96.20.1'],
    externalTrafficPolicy: 'Local',
    healthCheckNodePort: 31999,
    selector: { app: 'shop' },
    ports: [{ port: 443, nodePort: 30443 }],
  },
  status: { loadBalancer: { ingress: [{ ip: '203.0.113.9' }] } },
});

export const apiServerService = kubeObject('v1', 'Service', {
  metadata: meta('kubernetes', 'default', 'svc-k8s', {
    labels: { component: 'apiserver', provider: 'kubernetes' },
  }),
  spec: {
    clusterIP: '10.96.0.1',
    clusterIPs: ['10.96.0.1'],
    ports: [{ name: 'https', port: 443, targetPort: 6443 }],
  },
});

export const pvc = kubeObject('v1', 'PersistentVolumeClaim', {
  metadata: meta('data', 'shop', 'pvc-1', {
    annotations: {
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'volume.kubernetes.io/selected-node': 'kwok-node-0',
    },
    finalizers: ['kubernetes.io/pvc-protection'],
  }),
  spec: {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: '1Gi' } },
    storageClassName: 'local-path',
    volumeMode: 'Filesystem',
    volumeName: 'pvc-1b2c3d4e',
  },
  status: { phase: 'Bound', capacity: { storage: '1Gi' } },
});

export const cronJob = kubeObject('batch/v1', 'CronJob', {
  metadata: meta('nightly-report', 'shop', 'cj-1'),
  spec: {
    schedule: '0 2 * * *',
    jobTemplate: {
      spec: {
        template: {
          spec: {
            restartPolicy: 'OnFailure',
            containers: [{ name: 'report', image: 'busybox:1.36' }],
          },
        },
      },
    },
  },
  status: { lastScheduleTime: '2026-11-24T02:00:00Z' },
});

export const cronJobRun = kubeObject('batch/v1', 'Job', {
  metadata: meta('nightly-report-29000000', 'shop', 'job-1', {
    ownerReferences: [owner('batch/v1', 'CronJob', 'nightly-report', 'cj-1')],
  }),
  spec: { completions: 1 },
  status: { succeeded: 1 },
});

export const manualJob = kubeObject('batch/v1', 'Job', {
  metadata: meta('migrate-db', 'shop', 'job-2', {
    labels: {
      'batch.kubernetes.io/controller-uid': 'job-2',
      'batch.kubernetes.io/job-name': 'migrate-db',
      'controller-uid': 'job-2',
      'job-name': 'migrate-db',
    },
  }),
  spec: {
    backoffLimit: 6,
    completions: 1,
    selector: {
      matchLabels: { 'batch.kubernetes.io/controller-uid': 'job-2' },
    },
    template: {
      metadata: {
        labels: {
          'batch.kubernetes.io/controller-uid': 'job-2',
          'batch.kubernetes.io/job-name': 'migrate-db',
          'controller-uid': 'job-2',
          'job-name': 'migrate-db',
        },
      },
      spec: {
        restartPolicy: 'Never',
        containers: [{ name: 'migrate', image: 'flyway:10' }],
      },
    },
  },
  status: { succeeded: 1, completionTime: '2026-11-24T10:01:00Z' },
});

export const crd = kubeObject(
  'apiextensions.k8s.io/v1',
  'CustomResourceDefinition',
  {
    metadata: meta('databases.example.com', undefined, 'crd-1', {
      generation: 1,
    }),
    spec: {
      group: 'example.com',
      names: databaseNames,
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              'x-kubernetes-preserve-unknown-fields': true,
            },
          },
        },
      ],
    },
    status: {
      conditions: [{ type: 'Established', status: 'True' }],
      acceptedNames: { kind: 'Database', plural: 'databases' },
      storedVersions: ['v1'],
    },
  },
);

export const database = kubeObject('example.com/v1', 'Database', {
  metadata: meta('orders', 'shop', 'db-1', { generation: 1 }),
  spec: { engine: 'postgres', size: '1Gi' },
  status: { ready: true },
});

/** A Secret an operator wrote for the Database: owned by an object the backup holds. */
export const databaseSecret = kubeObject('v1', 'Secret', {
  metadata: meta('orders-connection', 'shop', 'sec-3', {
    ownerReferences: [owner('example.com/v1', 'Database', 'orders', 'db-1')],
  }),
  type: 'Opaque',
  data: { url: 'cG9zdGdyZXM6Ly8=' },
});

/** Owned by an object the backup does not hold (a cluster-scoped operator object). */
export const orphanedConfigMap = kubeObject('v1', 'ConfigMap', {
  metadata: meta('operator-state', 'shop', 'cm-2', {
    ownerReferences: [
      owner('example.com/v1', 'ClusterPolicy', 'default', 'cp-1'),
    ],
  }),
  data: { state: 'ok' },
});

/** The PVC of a generic ephemeral volume: the pod's, made and removed with it. */
export const ephemeralClaim = kubeObject('v1', 'PersistentVolumeClaim', {
  metadata: meta('debug-scratch', 'shop', 'pvc-2', {
    ownerReferences: [owner('v1', 'Pod', 'debug', 'pod-2')],
  }),
  spec: {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: '1Gi' } },
  },
  status: { phase: 'Bound' },
});

export const systemConfigMap = kubeObject('v1', 'ConfigMap', {
  metadata: meta('coredns', 'kube-system', 'cm-3'),
  data: { Corefile: '.:53 {}' },
});

export const accessServiceAccount = kubeObject('v1', 'ServiceAccount', {
  metadata: meta('jane-m-1a2b3c4d', 'backstage-access', 'sa-jane'),
});

export const terminatingConfigMap = kubeObject('v1', 'ConfigMap', {
  metadata: meta('going', 'shop', 'cm-4', {
    deletionTimestamp: '2026-11-24T10:05:00Z',
    finalizers: ['example.com/cleanup'],
  }),
});

/** Everything a list of the backed-up types returns for this cluster. */
export const listed: KubeObject[] = [
  shopNamespace,
  kubeSystem,
  accessNamespace,
  configMap,
  rootCa,
  opaqueSecret,
  tokenSecret,
  defaultServiceAccount,
  shopServiceAccount,
  deployment,
  replicaSet,
  ownedPod,
  barePod,
  service,
  headlessService,
  loadBalancerService,
  apiServerService,
  pvc,
  ephemeralClaim,
  cronJob,
  cronJobRun,
  manualJob,
  crd,
  database,
  databaseSecret,
  orphanedConfigMap,
  systemConfigMap,
  accessServiceAccount,
  terminatingConfigMap,
];
