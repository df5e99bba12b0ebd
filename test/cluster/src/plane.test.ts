import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
  NetworkingV1Api,
  VersionApi,
} from '@kubernetes/client-node';
import { lookup } from 'node:dns/promises';
import { connect } from 'node:tls';
import { eventually, getTestPlane, requirePlaneDns, TestPlane } from './index';

jest.setTimeout(240_000);

const NS = 'vc-plane-test';
const NAME = 'plane-test';
const GROUP = 'infrastructure.cluster.x-k8s.io';
const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const FAKE_CERTIFICATE = 'Kubernetes Ingress Controller Fake Certificate';

/** The certificate served at `address:443` for SNI name `servername`: subject CN and fingerprint. */
function servedCertificate(address: string, servername: string) {
  return new Promise<{ cn: string; fingerprint: string }>((resolve, reject) => {
    const socket = connect({
      host: address,
      port: 443,
      servername,
      rejectUnauthorized: false,
      timeout: 10_000,
    });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      resolve({
        cn: String(cert.subject.CN),
        fingerprint: cert.fingerprint256,
      });
      socket.destroy();
    });
    socket.once('timeout', () => socket.destroy(new Error('timeout')));
    socket.once('error', reject);
  });
}

// what the backend renders for a k3s cluster behind a LoadBalancer
const VALUES = (tag: string) =>
  [
    'controlPlane:',
    '  distro:',
    `    k3s: { enabled: true, image: { tag: ${tag} } }`,
    '  service:',
    '    spec: { type: LoadBalancer }',
    '',
  ].join('\n');

type VCluster = {
  metadata: { generation: number };
  spec: {
    controlPlaneEndpoint?: { host: string; port: number };
    helmRelease: { chart: { version: string }; values: string };
  } & Record<string, unknown>;
  status?: {
    ready?: boolean;
    phase?: string;
    reason?: string;
    message?: string;
    observedGeneration?: number;
    conditions?: Array<{
      type: string;
      status: string;
      reason?: string;
      severity?: string;
    }>;
  };
};

describe('local control plane and the cluster-api-provider-vcluster stand-in', () => {
  let plane: TestPlane;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let custom: CustomObjectsApi;

  const createVCluster = async (
    namespace: string,
    name: string,
    spec: object,
  ) => {
    await core
      .createNamespace({ body: { metadata: { name: namespace } } })
      .catch(() => undefined);
    await custom.createNamespacedCustomObject({
      group: GROUP,
      version: 'v1alpha1',
      plural: 'vclusters',
      namespace,
      body: {
        apiVersion: `${GROUP}/v1alpha1`,
        kind: 'VCluster',
        metadata: { name, namespace },
        spec,
      },
    });
  };
  const read = async (namespace: string, name: string) =>
    (await custom.getNamespacedCustomObject({
      group: GROUP,
      version: 'v1alpha1',
      plural: 'vclusters',
      namespace,
      name,
    })) as VCluster;
  const remove = (namespace: string, name: string) =>
    custom.deleteNamespacedCustomObject({
      group: GROUP,
      version: 'v1alpha1',
      plural: 'vclusters',
      namespace,
      name,
    });

  beforeAll(async () => {
    plane = await getTestPlane();
    core = plane.hostKubeConfig.makeApiClient(CoreV1Api);
    apps = plane.hostKubeConfig.makeApiClient(AppsV1Api);
    custom = plane.hostKubeConfig.makeApiClient(CustomObjectsApi);
    await createVCluster(NS, NAME, {
      helmRelease: {
        chart: {
          name: 'vcluster',
          repo: 'https://charts.loft.sh',
          version: '0.32.3',
        },
        values: VALUES('v1.32.5-k3s1'),
      },
    });
  });

  it('refuses or prunes fields the real CRD does not have, as a real host does', async () => {
    const objects = KubernetesObjectApi.makeApiClient(plane.hostKubeConfig);
    const object = {
      apiVersion: `${GROUP}/v1alpha1`,
      kind: 'VCluster',
      metadata: { name: NAME, namespace: NS },
      spec: { kubernetesVersion: '1.32' },
    };
    // server-side apply refuses it outright
    await expect(
      objects.patch(
        object,
        undefined,
        undefined,
        'plane-test',
        true,
        PatchStrategy.ServerSideApply,
      ),
    ).rejects.toThrow(
      /\.spec\.kubernetesVersion: field not declared in schema/,
    );
    // a merge patch is taken, without the field
    await objects.patch(
      object,
      undefined,
      undefined,
      'plane-test',
      undefined,
      PatchStrategy.MergePatch,
    );
    const vc = await read(NS, NAME);
    expect(vc.spec).not.toHaveProperty('kubernetesVersion');
    expect(vc.spec.helmRelease.chart.version).toBe('0.32.3');
  });

  it('installs the chart, discovers the LoadBalancer endpoint and reports Deployed as the provider does', async () => {
    const vc = await eventually(
      () => read(NS, NAME),
      v =>
        v.status?.phase === 'Deployed' &&
        v.status.ready === true &&
        // writing the endpoint into the spec moved the generation: one more deploy
        v.status.observedGeneration === v.metadata.generation,
    );
    const svc = await core.readNamespacedService({ name: NAME, namespace: NS });
    expect(svc.spec!.type).toBe('LoadBalancer');
    const address = svc.status!.loadBalancer!.ingress![0].ip!;
    expect(address).toMatch(/^127\.0\.0\.\d+$/);
    expect(vc.spec.controlPlaneEndpoint).toEqual({ host: address, port: 443 });
    expect(
      Object.fromEntries(
        vc.status!.conditions!.map(c => [c.type, c.status] as const),
      ),
    ).toEqual({
      HelmChartDeployed: 'True',
      ControlPlaneInitialized: 'True',
      KubeconfigReady: 'True',
      Ready: 'True',
    });
    expect(vc.status!.observedGeneration).toBe(vc.metadata.generation);

    const sts = await apps.readNamespacedStatefulSet({
      name: NAME,
      namespace: NS,
    });
    expect(sts.metadata!.labels).toMatchObject({
      app: 'vcluster',
      release: NAME,
      chart: 'vcluster-0.32.3',
    });
    expect(
      sts.spec!.template.metadata!.annotations!.vClusterConfigHash,
    ).toMatch(/^[0-9a-f]{64}$/);

    // the chart's own Secret points at localhost; the provider's at the endpoint
    const own = await core.readNamespacedSecret({
      name: `vc-${NAME}`,
      namespace: NS,
    });
    expect(own.metadata!.labels).toEqual({
      app: 'vcluster',
      'vcluster-name': NAME,
    });
    const chartKc = new KubeConfig();
    chartKc.loadFromString(
      Buffer.from(own.data!.config, 'base64').toString('utf8'),
    );
    expect(chartKc.getCurrentCluster()!.server).toBe('https://localhost:8443');
    const virtual = await plane.virtualKubeConfig(NS, NAME);
    expect(virtual.getCurrentCluster()!.server).toBe(`https://${address}:443`);

    // the version the k3s image names, over a TLS connection verified against the
    // certificate's SAN for the LoadBalancer address
    const version = await virtual.makeApiClient(VersionApi).getCode();
    expect(version.gitVersion).toBe('v1.32.5+k3s1');
  });

  it('routes Ingresses as ingress-nginx does: only the ssl-passthrough annotation, and only with --enable-ssl-passthrough, passes TLS through', async () => {
    const [passthrough, plain] = ['ingress-nginx', 'ingress-nginx-plain'].map(
      n => plane.ingress.find(c => c.name === n)!,
    );
    expect(passthrough).toMatchObject({ sslPassthrough: true });
    expect(plain).toMatchObject({ sslPassthrough: false });
    const networking = plane.hostKubeConfig.makeApiClient(NetworkingV1Api);
    const ingress = (
      name: string,
      className: string,
      host: string,
      annotations: Record<string, string>,
    ) =>
      networking.createNamespacedIngress({
        namespace: NS,
        body: {
          metadata: { name, annotations },
          spec: {
            ingressClassName: className,
            rules: [
              {
                host,
                http: {
                  paths: [
                    {
                      path: '/',
                      pathType: 'ImplementationSpecific',
                      backend: {
                        service: { name: NAME, port: { name: 'https' } },
                      },
                    },
                  ],
                },
              },
            ],
          },
        },
      });
    const on = { 'nginx.ingress.kubernetes.io/ssl-passthrough': 'true' };
    await ingress('passed', 'nginx', 'passed.vc.plane.test', on);
    await ingress('terminated', 'nginx', 'terminated.vc.plane.test', {});
    await ingress('plain', 'nginx-plain', 'plain.plain.plane.test', on);
    await ingress('unclaimed', 'no-such-class', 'unclaimed.vc.plane.test', on);

    // the annotated Ingress gets the virtual API server's own certificate, untouched
    const svc = await core.readNamespacedService({ name: NAME, namespace: NS });
    const direct = await servedCertificate(
      svc.status!.loadBalancer!.ingress![0].ip!,
      'passed.vc.plane.test',
    );
    expect(direct.cn).not.toBe(FAKE_CERTIFICATE);
    const passed = await eventually(
      () => servedCertificate(passthrough.address, 'passed.vc.plane.test'),
      c => c.cn !== FAKE_CERTIFICATE,
    );
    expect(passed.fingerprint).toBe(direct.fingerprint);
    // TLS ends at NGINX: without the annotation, and on the controller without the flag
    expect(
      (await servedCertificate(passthrough.address, 'terminated.vc.plane.test'))
        .cn,
    ).toBe(FAKE_CERTIFICATE);
    expect(
      (await servedCertificate(plain.address, 'plain.plain.plane.test')).cn,
    ).toBe(FAKE_CERTIFICATE);

    // the controllers publish their address into the status of their own Ingresses only
    const status = async (name: string) =>
      (await networking.readNamespacedIngress({ name, namespace: NS })).status
        ?.loadBalancer?.ingress?.[0]?.ip;
    await eventually(
      async () => [await status('passed'), await status('plain')],
      ([a, b]) => a === passthrough.address && b === plain.address,
    );
    expect(await status('unclaimed')).toBeUndefined();

    // what an admin reads on the host: the IngressClass and the controller's flags
    const deployment = await apps.readNamespacedDeployment({
      name: 'ingress-nginx-controller',
      namespace: 'ingress-nginx',
    });
    expect(deployment.spec!.template.spec!.containers[0].args).toEqual(
      expect.arrayContaining([
        '--enable-ssl-passthrough',
        '--controller-class=k8s.io/ingress-nginx',
      ]),
    );
    const plainDeployment = await apps.readNamespacedDeployment({
      name: 'ingress-nginx-plain-controller',
      namespace: 'ingress-nginx',
    });
    expect(
      plainDeployment.spec!.template.spec!.containers[0].args,
    ).not.toContain('--enable-ssl-passthrough');

    // removing the Ingress removes the route
    await networking.deleteNamespacedIngress({ name: 'passed', namespace: NS });
    await eventually(
      () => servedCertificate(passthrough.address, 'passed.vc.plane.test'),
      c => c.cn === FAKE_CERTIFICATE,
    );
    for (const name of ['terminated', 'plain', 'unclaimed'])
      await networking.deleteNamespacedIngress({ name, namespace: NS });
  });

  it('resolves the wildcard names for this run only', async () => {
    requirePlaneDns();
    const [passthrough] = plane.ingress;
    const name = `any-name-${Date.now()}.${passthrough.wildcardDomain}`;
    expect((await lookup(name)).address).toBe(passthrough.address);
    await expect(lookup('not-a-record.plane.test')).rejects.toThrow(
      /ENOTFOUND/,
    );
    expect(plane.resolvesOutside(name)).toBe(false);
  });

  it('syncs pods and PVCs with vcluster names, labels and annotations', async () => {
    const virtual = await plane.virtualKubeConfig(NS, NAME);
    const vCore = virtual.makeApiClient(CoreV1Api);
    await vCore.createNamespace({ body: { metadata: { name: 'shop' } } });
    const pod = await vCore.createNamespacedPod({
      namespace: 'shop',
      body: {
        metadata: {
          name: 'a-pod-with-a-name-long-enough-to-need-a-hash',
          labels: { app: 'web', release: 'stable' },
        },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27',
              resources: { requests: { cpu: '250m', memory: '128Mi' } },
            },
          ],
        },
      },
    });
    await vCore.createNamespacedPersistentVolumeClaim({
      namespace: 'shop',
      body: {
        metadata: { name: 'data' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '2Gi' } },
        },
      },
    });
    // scheduled and run inside by the virtual control plane of that version
    await eventually(
      () =>
        vCore.readNamespacedPod({
          name: 'a-pod-with-a-name-long-enough-to-need-a-hash',
          namespace: 'shop',
        }),
      p => p.status?.phase === 'Running',
    );
    const synced = await eventually(
      () =>
        core.listNamespacedPod({
          namespace: NS,
          labelSelector: `vcluster.loft.sh/managed-by=${NAME}`,
        }),
      list => list.items.length === 1,
    );
    const host = synced.items[0];
    // 64 characters: the first 52, "-", the first 10 hex digits of its sha256
    // (printf '%s' a-pod-with-a-name-long-enough-to-need-a-hash-x-shop-x-plane-test | sha256sum)
    expect(host.metadata!.name).toBe(
      'a-pod-with-a-name-long-enough-to-need-a-hash-x-shop--6acb2e214e',
    );
    expect(host.metadata!.labels).toEqual({
      app: 'web',
      // `release` is the syncer's own: moved to label-<vcluster>-x-<sha256("release")[0:10]>
      'vcluster.loft.sh/label-plane-test-x-a4d451ec23': 'stable',
      'vcluster.loft.sh/managed-by': NAME,
      'vcluster.loft.sh/namespace': 'shop',
      // the virtual namespace's kubernetes.io/metadata.name label
      'vcluster.loft.sh/ns-label-plane-test-x-cf1227b7b2': 'shop',
    });
    expect(host.metadata!.annotations).toMatchObject({
      'vcluster.loft.sh/object-name':
        'a-pod-with-a-name-long-enough-to-need-a-hash',
      'vcluster.loft.sh/object-namespace': 'shop',
      'vcluster.loft.sh/object-uid': pod.metadata!.uid,
      'vcluster.loft.sh/object-kind': '/v1, Kind=Pod',
      'vcluster.loft.sh/object-host-namespace': NS,
      'vcluster.loft.sh/labels': 'app="web"\nrelease="stable"',
    });
    expect(host.metadata!.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Service', name: NAME }),
    ]);
    expect(host.spec!.containers[0].resources!.requests).toEqual({
      cpu: '250m',
      memory: '128Mi',
    });
    const claims = await eventually(
      () =>
        core.listNamespacedPersistentVolumeClaim({
          namespace: NS,
          labelSelector: `vcluster.loft.sh/managed-by=${NAME}`,
        }),
      list => list.items.length === 1,
    );
    expect(claims.items[0].metadata!.name).toBe('data-x-shop-x-plane-test');
    expect(
      claims.items[0].metadata!.annotations!['vcluster.loft.sh/object-kind'],
    ).toBe('/v1, Kind=PersistentVolumeClaim');
  });

  it('restarts the control plane on a values change and serves the new version', async () => {
    const podBefore = await core.readNamespacedPod({
      name: `${NAME}-0`,
      namespace: NS,
    });
    const before = await read(NS, NAME);
    await custom.patchNamespacedCustomObject(
      {
        group: GROUP,
        version: 'v1alpha1',
        plural: 'vclusters',
        namespace: NS,
        name: NAME,
        body: {
          spec: { helmRelease: { values: VALUES('v1.33.1-k3s1') } },
        },
      },
      merge,
    );
    const after = await eventually(
      () => read(NS, NAME),
      v =>
        v.metadata.generation > before.metadata.generation &&
        v.status?.observedGeneration === v.metadata.generation,
    );
    expect(
      after.status!.conditions!.find(c => c.type === 'HelmChartDeployed')!
        .status,
    ).toBe('True');
    const podAfter = await eventually(
      () => core.readNamespacedPod({ name: `${NAME}-0`, namespace: NS }),
      p => p.metadata!.uid !== podBefore.metadata!.uid,
    );
    expect(podAfter.metadata!.annotations?.vClusterConfigHash).not.toBe(
      podBefore.metadata!.annotations?.vClusterConfigHash,
    );
    const virtual = await plane.virtualKubeConfig(NS, NAME);
    const version = await eventually(
      () => virtual.makeApiClient(VersionApi).getCode(),
      v => v.gitVersion === 'v1.33.1+k3s1',
      { timeoutMs: 120_000 },
    );
    expect(version.gitVersion).toBe('v1.33.1+k3s1');
  });

  it('stops the control plane when its StatefulSet is scaled to 0 and serves its data again after', async () => {
    await apps.patchNamespacedStatefulSet(
      { name: NAME, namespace: NS, body: { spec: { replicas: 0 } } },
      merge,
    );
    const virtual = await plane.virtualKubeConfig(NS, NAME);
    const vCore = virtual.makeApiClient(CoreV1Api);
    await eventually(
      () =>
        vCore.listNamespace().then(
          () => 'reachable',
          () => 'unreachable',
        ),
      state => state === 'unreachable',
    );
    // the synced pod keeps running on the host: deleting it is the pausing CLI's job
    const left = await core.listNamespacedPod({
      namespace: NS,
      labelSelector: `vcluster.loft.sh/managed-by=${NAME}`,
    });
    expect(left.items).toHaveLength(1);

    await apps.patchNamespacedStatefulSet(
      { name: NAME, namespace: NS, body: { spec: { replicas: 1 } } },
      merge,
    );
    const pods = await eventually(
      () => vCore.listNamespacedPod({ namespace: 'shop' }),
      list => list.items.length === 1,
    );
    expect(pods.items[0].metadata!.name).toBe(
      'a-pod-with-a-name-long-enough-to-need-a-hash',
    );
  });

  it('fails as helm does for a chart version that was never released', async () => {
    await createVCluster('vc-plane-unreleased', 'unreleased', {
      helmRelease: {
        chart: {
          name: 'vcluster',
          repo: 'https://charts.loft.sh',
          version: '0.32.9',
        },
        values: VALUES('v1.32.5-k3s1'),
      },
    });
    const vc = await eventually(
      () => read('vc-plane-unreleased', 'unreleased'),
      v => v.status?.phase === 'Failed',
    );
    expect(vc.status!.reason).toBe('HelmDeployFailed');
    expect(vc.status!.message).toBe(
      'error installing / upgrading vcluster: error executing helm upgrade: Error: chart "vcluster" version "0.32.9" not found in https://charts.loft.sh repository',
    );
    // a failed deploy does not count as observed
    expect(vc.status!.observedGeneration).toBeUndefined();
    await remove('vc-plane-unreleased', 'unreleased');
    await core.deleteNamespace({ name: 'vc-plane-unreleased' });
  });

  it('enforces the chart default quota in the host namespace: its services.nodeports 0 refuses a LoadBalancer', async () => {
    await createVCluster('vc-plane-quota', 'quota', {
      helmRelease: {
        chart: {
          name: 'vcluster',
          repo: 'https://charts.loft.sh',
          version: '0.32.3',
        },
        values: `${VALUES(
          'v1.32.5-k3s1',
        )}policies:\n  resourceQuota:\n    enabled: true\n    quota: { requests.cpu: "3" }\n`,
      },
    });
    const vc = await eventually(
      () => read('vc-plane-quota', 'quota'),
      v => v.status?.phase === 'Failed',
    );
    expect(vc.status!.message).toContain(
      'services "quota" is forbidden: exceeded quota: vc-quota, requested: services.nodeports=1, used: services.nodeports=0, limited: services.nodeports=0',
    );
    const quota = await core.readNamespacedResourceQuota({
      name: 'vc-quota',
      namespace: 'vc-plane-quota',
    });
    // ours merged over the chart's defaults (chart/values.yaml v0.32.3)
    expect(quota.spec!.hard).toEqual({
      'requests.cpu': '3',
      'requests.memory': '20Gi',
      'requests.storage': '100Gi',
      'requests.ephemeral-storage': '60Gi',
      'limits.cpu': '20',
      'limits.memory': '40Gi',
      'limits.ephemeral-storage': '160Gi',
      'services.nodeports': '0',
      'services.loadbalancers': '1',
      'count/endpoints': '40',
      'count/pods': '20',
      'count/services': '20',
      'count/secrets': '100',
      'count/configmaps': '100',
      'count/persistentvolumeclaims': '20',
    });
    await remove('vc-plane-quota', 'quota');
    await core.deleteNamespace({ name: 'vc-plane-quota' });
  });

  it('cleans up when the VCluster is deleted, as the provider and helm do', async () => {
    await remove(NS, NAME);
    await eventually(
      () => apps.listNamespacedStatefulSet({ namespace: NS }),
      list => list.items.length === 0,
    );
    // owned by the vcluster Service: the garbage collector removes them
    await eventually(
      () =>
        core.listNamespacedPod({
          namespace: NS,
          labelSelector: `vcluster.loft.sh/managed-by=${NAME}`,
        }),
      list => list.items.length === 0,
    );
    // the chart's objects go with the release (helm uninstall, in reverse install
    // order); Secret vc-<name> with its owner, the Service. The provider leaves its own
    // kubeconfig Secret behind (no owner, not deleted).
    const secrets = await eventually(
      () => core.listNamespacedSecret({ namespace: NS }),
      list => list.items.length === 1,
    );
    expect(secrets.items.map(s => s.metadata!.name)).toEqual([
      `${NAME}-kubeconfig`,
    ]);
    await eventually(
      () => core.listNamespacedPersistentVolumeClaim({ namespace: NS }),
      list => !list.items.some(c => c.metadata!.name === `data-${NAME}-0`),
    );
    const out = plane.kubectl(['get', 'vclusters', '-n', NS, '-o', 'name']);
    expect(out.trim()).toBe('');
    await core.deleteNamespace({ name: NS });
  });

  it('on a host with Cluster API, acts only on a VCluster that a Cluster owns', async () => {
    const capi = plane.capiHost.kubeConfig;
    const capiCore = capi.makeApiClient(CoreV1Api);
    const capiCustom = capi.makeApiClient(CustomObjectsApi);
    const ns = 'vc-plane-capi';
    await capiCore.createNamespace({ body: { metadata: { name: ns } } });
    await capiCustom.createNamespacedCustomObject({
      group: GROUP,
      version: 'v1alpha1',
      plural: 'vclusters',
      namespace: ns,
      body: {
        apiVersion: `${GROUP}/v1alpha1`,
        kind: 'VCluster',
        metadata: { name: 'owned', namespace: ns },
        spec: {
          helmRelease: {
            chart: { name: 'vcluster', version: '0.32.3' },
            values: VALUES('v1.32.5-k3s1'),
          },
        },
      },
    });
    const readOwned = async () =>
      (await capiCustom.getNamespacedCustomObject({
        group: GROUP,
        version: 'v1alpha1',
        plural: 'vclusters',
        namespace: ns,
        name: 'owned',
      })) as VCluster & {
        metadata: {
          ownerReferences?: Array<{ kind: string; controller?: boolean }>;
        };
      };
    // a few provider passes later: no finalizer, no status, nothing installed
    await new Promise(r => setTimeout(r, 4000));
    const ignored = await readOwned();
    expect(ignored.status).toBeUndefined();
    expect(
      (
        await capi
          .makeApiClient(AppsV1Api)
          .listNamespacedStatefulSet({ namespace: ns })
      ).items,
    ).toHaveLength(0);

    // the Cluster of Cluster API's contract v1beta1, naming it twice
    const ref = {
      apiVersion: `${GROUP}/v1alpha1`,
      kind: 'VCluster',
      name: 'owned',
    };
    await capiCustom.createNamespacedCustomObject({
      group: 'cluster.x-k8s.io',
      version: 'v1beta1',
      plural: 'clusters',
      namespace: ns,
      body: {
        apiVersion: 'cluster.x-k8s.io/v1beta1',
        kind: 'Cluster',
        metadata: { name: 'owned', namespace: ns },
        spec: { infrastructureRef: ref, controlPlaneRef: ref },
      },
    });
    const deployed = await eventually(
      readOwned,
      v => v.status?.phase === 'Deployed',
    );
    expect(deployed.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'Cluster',
        name: 'owned',
        controller: true,
      }),
    ]);
    // deleting the Cluster deletes the VCluster (Cluster API's reconcileDelete)
    await capiCustom.deleteNamespacedCustomObject({
      group: 'cluster.x-k8s.io',
      version: 'v1beta1',
      plural: 'clusters',
      namespace: ns,
      name: 'owned',
    });
    await eventually(
      () =>
        readOwned().then(
          () => 'present',
          () => 'gone',
        ),
      state => state === 'gone',
    );
    await capiCore.deleteNamespace({ name: ns });
  });
});
