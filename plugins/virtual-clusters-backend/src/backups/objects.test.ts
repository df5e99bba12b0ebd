import * as fx from './__fixtures__/clusterObjects';
import { resourceType as type } from './__fixtures__/FakeObjectsApi';
import {
  isBackedUpType,
  isCrdType,
  KubeObject,
  restoreWaves,
  sanitize,
  selectObjects,
  skipReason,
} from './objects';

const id = (o: KubeObject) =>
  `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${
    o.metadata.name
  }`;

describe('resource types in a backup', () => {
  it('takes namespaced types that can be listed and created', () => {
    expect(isBackedUpType(type('', 'configmaps', 'ConfigMap', true))).toBe(
      true,
    );
    expect(
      isBackedUpType(type('apps', 'deployments', 'Deployment', true)),
    ).toBe(true);
    expect(
      isBackedUpType(type('example.com', 'databases', 'Database', true)),
    ).toBe(true);
  });

  it('leaves out cluster-scoped types, subresources, and what cannot be listed or created', () => {
    expect(isBackedUpType(type('', 'nodes', 'Node', false))).toBe(false);
    expect(
      isBackedUpType(
        type('rbac.authorization.k8s.io', 'clusterroles', 'ClusterRole', false),
      ),
    ).toBe(false);
    expect(isBackedUpType(type('', 'pods/log', 'Pod', true))).toBe(false);
    expect(
      isBackedUpType(type('', 'bindings', 'Binding', true, ['create'])),
    ).toBe(false);
    // metrics are served by an aggregated API and cannot be created
    expect(
      isBackedUpType(
        type('metrics.k8s.io', 'pods', 'PodMetrics', true, ['get', 'list']),
      ),
    ).toBe(false);
    expect(
      isBackedUpType(
        type(
          'authorization.k8s.io',
          'localsubjectaccessreviews',
          'LocalSubjectAccessReview',
          true,
          ['create'],
        ),
      ),
    ).toBe(false);
  });

  it.each([
    ['', 'events', 'Event'],
    ['events.k8s.io', 'events', 'Event'],
    ['', 'endpoints', 'Endpoints'],
    ['discovery.k8s.io', 'endpointslices', 'EndpointSlice'],
    ['apps', 'controllerrevisions', 'ControllerRevision'],
    ['coordination.k8s.io', 'leases', 'Lease'],
  ])(
    'leaves out %s/%s, which the control plane writes',
    (group, name, kind) => {
      expect(isBackedUpType(type(group, name, kind, true))).toBe(false);
    },
  );

  it('recognises the CRD type', () => {
    expect(
      isCrdType(
        type(
          'apiextensions.k8s.io',
          'customresourcedefinitions',
          'CustomResourceDefinition',
          false,
        ),
      ),
    ).toBe(true);
  });
});

describe('objects in a backup', () => {
  it.each([
    ['namespace kube-system', fx.kubeSystem, 'system namespace'],
    ['namespace backstage-access', fx.accessNamespace, 'system namespace'],
    ['ConfigMap kube-root-ca.crt', fx.rootCa, 'published by the control plane'],
    ['a service account token', fx.tokenSecret, 'service account token'],
    [
      'ServiceAccount default',
      fx.defaultServiceAccount,
      'created in every namespace',
    ],
    ['a ReplicaSet of a Deployment', fx.replicaSet, 'owned by a Deployment'],
    ['a Pod of a ReplicaSet', fx.ownedPod, 'owned by a controller'],
    ['a Job of a CronJob', fx.cronJobRun, 'owned by a CronJob'],
    [
      'Service default/kubernetes',
      fx.apiServerService,
      'the API server service',
    ],
    ['coredns in kube-system', fx.systemConfigMap, 'in a system namespace'],
    [
      'a ServiceAccount the plugin made',
      fx.accessServiceAccount,
      'in a system namespace',
    ],
    ['a ConfigMap being deleted', fx.terminatingConfigMap, 'being deleted'],
    ['the PVC of an ephemeral volume', fx.ephemeralClaim, 'made for a pod'],
  ])('leaves out %s (%#)', (_what, object, reason) => {
    expect(skipReason(object as KubeObject)).toBe(reason);
  });

  it('keeps what users made, namespaces and CRDs', () => {
    const kept = selectObjects(fx.listed).map(id);
    expect(kept).toEqual([
      'ConfigMap shop/operator-state',
      'ConfigMap shop/shop-config',
      'CronJob shop/nightly-report',
      'CustomResourceDefinition databases.example.com',
      'Database shop/orders',
      'Deployment shop/shop',
      'Job shop/migrate-db',
      'Namespace shop',
      'PersistentVolumeClaim shop/data',
      'Pod shop/debug',
      'Secret shop/db-credentials',
      'Secret shop/orders-connection',
      'Service shop/shop',
      'Service shop/shop-peers',
      'Service shop/shop-public',
      'ServiceAccount shop/shop',
    ]);
  });

  it('strips server-set fields from every object and leaves the input alone', () => {
    const before = JSON.stringify(fx.listed);
    for (const o of selectObjects(fx.listed)) {
      expect(o.metadata).not.toHaveProperty('uid');
      expect(o.metadata).not.toHaveProperty('resourceVersion');
      expect(o.metadata).not.toHaveProperty('generation');
      expect(o.metadata).not.toHaveProperty('creationTimestamp');
      expect(o.metadata).not.toHaveProperty('managedFields');
      expect(o).not.toHaveProperty('status');
    }
    expect(JSON.stringify(fx.listed)).toBe(before);
  });

  it('keeps what users wrote: labels, annotations, data, spec', () => {
    expect(sanitize(fx.configMap, new Set())).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'shop-config',
        namespace: 'shop',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration':
            '{"apiVersion":"v1"}',
        },
      },
      data: { 'app.properties': 'currency=EUR\n' },
    });
    expect(sanitize(fx.deployment, new Set())).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'shop', namespace: 'shop', labels: { app: 'shop' } },
      spec: fx.deployment.spec,
    });
  });

  it('keeps owner references only to objects in the backup', () => {
    const objects = selectObjects(fx.listed);
    const secret = objects.find(o => o.metadata.name === 'orders-connection')!;
    expect(secret.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'example.com/v1',
        kind: 'Database',
        name: 'orders',
        uid: 'db-1',
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    const orphan = objects.find(o => o.metadata.name === 'operator-state')!;
    expect(orphan.metadata).not.toHaveProperty('ownerReferences');
  });

  it('drops Service cluster IPs but keeps a headless service headless', () => {
    const none = new Set<string>();
    expect(sanitize(fx.service, none).spec).toEqual({
      type: 'ClusterIP',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      selector: { app: 'shop' },
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
    });
    expect(sanitize(fx.headlessService, none).spec).toMatchObject({
      clusterIP: 'None',
      clusterIPs: ['None'],
    });
    const lb = sanitize(fx.loadBalancerService, none);
    expect(lb.spec).not.toHaveProperty('clusterIP');
    expect(lb.spec).not.toHaveProperty('healthCheckNodePort');
    expect(lb.spec).toMatchObject({ ports: [{ port: 443, nodePort: 30443 }] });
    expect(lb).not.toHaveProperty('status');
  });

  it('unbinds a PVC from its volume, so the target provisions a new one', () => {
    const claim = sanitize(fx.pvc, new Set());
    expect(claim.spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      storageClassName: 'local-path',
      volumeMode: 'Filesystem',
    });
    expect(claim.metadata).not.toHaveProperty('annotations');
    expect(claim.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
  });

  it('drops the token volume of a pod that has no other volume, and the empty lists', () => {
    const pod = sanitize(
      {
        ...fx.barePod,
        spec: {
          containers: [
            {
              name: 'debug',
              volumeMounts: [
                { name: 'kube-api-access-x1', mountPath: '/var/run/secrets' },
              ],
            },
          ],
          volumes: [{ name: 'kube-api-access-x1', projected: {} }],
        },
      },
      new Set(),
    );
    expect(pod.spec).toEqual({ containers: [{ name: 'debug' }] });
  });

  it('frees a bare pod from its node and its injected token volume', () => {
    const pod = sanitize(fx.barePod, new Set());
    const spec = pod.spec as any;
    expect(spec.nodeName).toBeUndefined();
    expect(spec.volumes).toEqual([{ name: 'scratch', emptyDir: {} }]);
    expect(spec.containers[0].volumeMounts).toEqual([
      { name: 'scratch', mountPath: '/scratch' },
    ]);
  });

  it('drops the uid-derived selector and labels of a Job', () => {
    const job = sanitize(fx.manualJob, new Set());
    const spec = job.spec as any;
    expect(spec.selector).toBeUndefined();
    expect(spec.template.metadata.labels).toEqual({
      'batch.kubernetes.io/job-name': 'migrate-db',
      'job-name': 'migrate-db',
    });
    expect(job.metadata.labels).toEqual({
      'batch.kubernetes.io/job-name': 'migrate-db',
      'job-name': 'migrate-db',
    });
  });

  it('keeps a namespace without its server finalizer', () => {
    expect(sanitize(fx.shopNamespace, new Set())).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'shop',
        labels: { 'kubernetes.io/metadata.name': 'shop', team: 'payments' },
      },
    });
  });
});

describe('restore order', () => {
  it('applies CRDs, then namespaces, then the rest by kind, owners before what they own', () => {
    const waves = restoreWaves(selectObjects(fx.listed)).map(w => w.map(id));
    const flat = waves.flat();
    expect(waves[0]).toEqual([
      'CustomResourceDefinition databases.example.com',
    ]);
    expect(waves[1]).toEqual(['Namespace shop']);
    const at = (name: string) => flat.indexOf(name);
    expect(at('ServiceAccount shop/shop')).toBeLessThan(
      at('Deployment shop/shop'),
    );
    expect(at('ConfigMap shop/shop-config')).toBeLessThan(
      at('Deployment shop/shop'),
    );
    expect(at('PersistentVolumeClaim shop/data')).toBeLessThan(
      at('Pod shop/debug'),
    );
    // the Secret the Database owns comes in a wave after the Database
    const wave = (name: string) => waves.findIndex(w => w.includes(name));
    expect(wave('Secret shop/orders-connection')).toBeGreaterThan(
      wave('Database shop/orders'),
    );
    expect(flat).toHaveLength(16);
  });
});
