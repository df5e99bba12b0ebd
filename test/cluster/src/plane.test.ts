import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { eventually, getTestPlane, TestPlane } from './index';

jest.setTimeout(180_000);

const NS = 'vc-plane-test';
const NAME = 'plane-test';

describe('local control plane and vcluster stand-in', () => {
  let plane: TestPlane;
  let core: CoreV1Api;
  let apps: AppsV1Api;

  beforeAll(async () => {
    plane = await getTestPlane();
    core = plane.hostKubeConfig.makeApiClient(CoreV1Api);
    apps = plane.hostKubeConfig.makeApiClient(AppsV1Api);
    await core
      .createNamespace({ body: { metadata: { name: NS } } })
      .catch(() => undefined);
    await plane.hostKubeConfig
      .makeApiClient(CustomObjectsApi)
      .createNamespacedCustomObject({
        group: 'infrastructure.cluster.x-k8s.io',
        version: 'v1alpha1',
        plural: 'vclusters',
        namespace: NS,
        body: {
          apiVersion: 'infrastructure.cluster.x-k8s.io/v1alpha1',
          kind: 'VCluster',
          metadata: { name: NAME, namespace: NS },
          spec: {
            helmRelease: {
              chart: { name: 'vcluster', version: '0.32.0' },
              values: 'controlPlane:\n  distro:\n    k3s: { enabled: true }\n',
            },
          },
        },
      });
  });

  it('serves a virtual cluster whose Deployments become Running pods mirrored on the host', async () => {
    await plane.waitForVirtualCluster(NS, NAME);
    const svc = await core.readNamespacedService({ name: NAME, namespace: NS });
    const address = svc.status!.loadBalancer!.ingress![0].ip!;
    expect(address).toMatch(/^127\.0\.0\.\d+$/);
    const sts = await apps.readNamespacedStatefulSet({
      name: NAME,
      namespace: NS,
    });
    expect(sts.metadata!.labels).toMatchObject({
      app: 'vcluster',
      release: NAME,
    });

    const virtual = await plane.virtualKubeConfig(NS, NAME);
    expect(virtual.getCurrentCluster()!.server).toBe(`https://${address}:443`);
    const vApps = virtual.makeApiClient(AppsV1Api);
    const vCore = virtual.makeApiClient(CoreV1Api);
    await vCore.createNamespace({ body: { metadata: { name: 'shop' } } });
    await vApps.createNamespacedDeployment({
      namespace: 'shop',
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
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
        },
      },
    });
    const running = await eventually(
      () => vCore.listNamespacedPod({ namespace: 'shop' }),
      list =>
        list.items.filter(p => p.status?.phase === 'Running').length === 2,
    );
    const mirrored = await eventually(
      () =>
        core.listNamespacedPod({
          namespace: NS,
          labelSelector: `vcluster.loft.sh/managed-by=${NAME}`,
        }),
      list =>
        list.items.filter(p => p.status?.phase === 'Running').length === 2,
    );
    const names = running.items
      .map(p => `${p.metadata!.name}-x-shop-x-${NAME}`)
      .sort();
    expect(mirrored.items.map(p => p.metadata!.name).sort()).toEqual(names);
    const pod = mirrored.items[0];
    expect(pod.metadata!.labels!['vcluster.loft.sh/namespace']).toBe('shop');
    expect(
      pod.metadata!.annotations!['vcluster.loft.sh/object-namespace'],
    ).toBe('shop');
    expect(pod.spec!.containers[0].resources!.requests).toEqual({
      cpu: '250m',
      memory: '128Mi',
    });
  });

  it('stops the virtual control plane when paused and brings it back with its workloads', async () => {
    await apps.patchNamespacedStatefulSet(
      { name: NAME, namespace: NS, body: { spec: { replicas: 0 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const virtual = await plane.virtualKubeConfig(NS, NAME);
    const vCore = virtual.makeApiClient(CoreV1Api);
    await eventually(
      async () => {
        try {
          await vCore.listNamespace();
          return false;
        } catch {
          return true; // unreachable
        }
      },
      unreachable => unreachable,
    );
    await eventually(
      () =>
        core.listNamespacedPod({
          namespace: NS,
          labelSelector: `vcluster.loft.sh/managed-by=${NAME}`,
        }),
      list => list.items.length === 0,
    );

    await apps.patchNamespacedStatefulSet(
      { name: NAME, namespace: NS, body: { spec: { replicas: 1 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await plane.waitForVirtualCluster(NS, NAME);
    const pods = await eventually(
      () => vCore.listNamespacedPod({ namespace: 'shop' }),
      list => list.items.length === 2,
    );
    expect(pods.items).toHaveLength(2);
    await eventually(
      () =>
        core.listNamespacedPod({
          namespace: NS,
          labelSelector: `vcluster.loft.sh/managed-by=${NAME}`,
        }),
      list => list.items.length === 2,
    );
  });

  it('cleans up when the VCluster is deleted', async () => {
    await plane.hostKubeConfig
      .makeApiClient(CustomObjectsApi)
      .deleteNamespacedCustomObject({
        group: 'infrastructure.cluster.x-k8s.io',
        version: 'v1alpha1',
        plural: 'vclusters',
        namespace: NS,
        name: NAME,
      });
    await eventually(
      () => apps.listNamespacedStatefulSet({ namespace: NS }),
      list => list.items.length === 0,
    );
    await eventually(
      () =>
        core.listNamespacedPod({
          namespace: NS,
          labelSelector: `vcluster.loft.sh/managed-by=${NAME}`,
        }),
      list => list.items.length === 0,
    );
    const secrets = await core.listNamespacedSecret({ namespace: NS });
    expect(secrets.items.map(s => s.metadata!.name)).not.toContain(
      `vc-${NAME}`,
    );
    const out = plane.kubectl(['get', 'vclusters', '-n', NS, '-o', 'name']);
    expect(out.trim()).toBe('');
  });
});
