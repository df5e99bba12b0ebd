import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  NetworkingV1Api,
} from '@kubernetes/client-node';
import {
  eventually,
  getTestPlane,
  TestPlane,
} from '@virtual-clusters/test-cluster';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PlaneBackend,
  PlaneBackendApi,
  startPlaneBackend,
  users,
} from './__testUtils__/planeBackend';

jest.setTimeout(240_000);

// unique per run, so a plane left running by an earlier run does not get in the way
const run = Date.now().toString(36).slice(-5);
const TEAM = `it-${run}`;
const FOREIGN = `foreign-${run}`;

const { jane, bob } = users;

describe('virtual-clusters backend against the local control plane', () => {
  let plane: TestPlane;
  let api: (who: string) => PlaneBackendApi;
  let clusterWhen: PlaneBackend['clusterWhen'];
  let deleteAndWait: PlaneBackend['deleteAndWait'];

  beforeAll(async () => {
    plane = await getTestPlane();
    const backend = await startPlaneBackend({
      hostClusters: [
        {
          ...plane.hostClusterConfig('local'),
          cost: {
            cpuCoreHour: 0.04,
            memoryGiBHour: 0.005,
            storageGiBMonth: 0.1,
            loadBalancerHour: 0.02,
          },
        },
        {
          // the same plane, with a chart mirror nobody serves: helm fails for real
          ...plane.hostClusterConfig('mirror'),
          chartRepository: 'https://charts.mirror.invalid',
        },
        {
          // the same plane, configured for Ingress access
          ...plane.hostClusterConfig('ingress'),
          exposure: {
            type: 'Ingress',
            ingressClassName: 'nginx',
            wildcardDomain: 'vc.plane.test',
          },
        },
        // the plane's second host, with Cluster API installed
        plane.hostClusterConfig('capi', 'capi'),
        // the first host again, as the one member of a group that isolates its clusters
        plane.hostClusterConfig('isolating'),
      ],
      clusterGroups: [
        {
          name: 'isolated',
          hostClusters: ['isolating'],
          defaults: { quota: { cpu: '2', memory: '4Gi' } },
          isolation: { networkPolicy: true, podSecurityStandard: 'restricted' },
        },
      ],
    });
    ({ api, clusterWhen, deleteAndWait } = backend);
  });

  it('reports the host cluster ready with its checks and capacity', async () => {
    const res = await api(jane).get('/host-clusters');
    expect(res.status).toBe(200);
    const host = res.body.items.find(
      (h: { name: string }) => h.name === 'local',
    );
    expect(host.ready).toBe(true);
    expect(host.checks.map((c: { name: string }) => c.name)).toEqual([
      'api',
      'crd',
      'exposure',
    ]);
    expect(host.capacity.allocatable.cpuCores).toBeGreaterThanOrEqual(32);
  });

  it('creates a cluster that reaches Running; kubeconfigs work by permission; delete cleans up', async () => {
    const created = await api(jane).post('/clusters', {
      name: TEAM,
      hostCluster: 'local',
      owner: 'user:default/jane',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    const running = await clusterWhen(id, c => c.phase === 'Running');
    expect(running.endpoint).toMatch(/^https:\/\/127\.0\.0\.\d+:443$/);
    const timeline = (await api(jane).get(`/clusters/${id}/events`)).body.items;
    expect(timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['created', 'provisioning', 'phase-changed']),
    );

    // the owner's kubeconfig may write, with kubectl
    const dir = mkdtempSync(join(tmpdir(), 'vc-it-'));
    const own = await api(jane).get(`/clusters/${id}/kubeconfig`);
    expect(own.status).toBe(200);
    expect(own.text).toContain(`server: ${running.endpoint}`);
    expect(own.text).not.toContain('client-key-data');
    writeFileSync(join(dir, 'jane.yaml'), own.text);
    expect(
      plane.kubectl(['get', 'namespaces', '-o', 'name'], {
        kubeconfig: join(dir, 'jane.yaml'),
      }),
    ).toContain('namespace/default');
    plane.kubectl(['create', 'namespace', 'from-jane'], {
      kubeconfig: join(dir, 'jane.yaml'),
    });

    // a reader's kubeconfig can read, not create
    const read = await api(bob).get(`/clusters/${id}/kubeconfig`);
    expect(read.status).toBe(200);
    writeFileSync(join(dir, 'bob.yaml'), read.text);
    expect(
      plane.kubectl(['get', 'namespaces', '-o', 'name'], {
        kubeconfig: join(dir, 'bob.yaml'),
      }),
    ).toContain('namespace/from-jane');
    expect(() =>
      plane.kubectl(['create', 'namespace', 'from-bob'], {
        kubeconfig: join(dir, 'bob.yaml'),
      }),
    ).toThrow(/forbidden/);
    // and bob may not delete it
    expect((await api(bob).delete(`/clusters/${id}`)).status).toBe(403);

    const events = (await api(jane).get(`/clusters/${id}/events`)).body.items;
    expect(
      events.filter((e: { type: string }) => e.type === 'kubeconfig-issued'),
    ).toHaveLength(2);

    // delete: VCluster, PVC and our namespace go
    await deleteAndWait(id);
    const core = plane.hostKubeConfig.makeApiClient(CoreV1Api);
    await eventually(
      () =>
        core.readNamespace({ name: `vc-${TEAM}` }).then(
          () => 'present',
          () => 'gone',
        ),
      state => state === 'gone',
    );
    const left = await plane.hostKubeConfig
      .makeApiClient(CustomObjectsApi)
      .listClusterCustomObject({
        group: 'infrastructure.cluster.x-k8s.io',
        version: 'v1alpha1',
        plural: 'vclusters',
      });
    expect(
      (left as { items: { metadata: { name: string } }[] }).items.map(
        i => i.metadata.name,
      ),
    ).not.toContain(TEAM);
  });

  it('never deletes a namespace it did not create', async () => {
    const core = plane.hostKubeConfig.makeApiClient(CoreV1Api);
    await core.createNamespace({
      body: { metadata: { name: `vc-${FOREIGN}`, labels: { team: 'other' } } },
    });
    const created = await api(jane).post('/clusters', {
      name: FOREIGN,
      hostCluster: 'local',
      owner: 'user:default/jane',
    });
    const id = created.body.id;
    await clusterWhen(id, c => c.phase === 'Running');
    await deleteAndWait(id);
    const ns = await core.readNamespace({ name: `vc-${FOREIGN}` });
    expect(ns.metadata!.deletionTimestamp).toBeUndefined();
    expect(ns.metadata!.labels).toEqual(
      expect.objectContaining({ team: 'other' }),
    );
    expect(
      ns.metadata!.labels!['virtual-clusters.dev/managed-by'],
    ).toBeUndefined();
    const pvcs = await core.listNamespacedPersistentVolumeClaim({
      namespace: `vc-${FOREIGN}`,
    });
    expect(pvcs.items.map(p => p.metadata!.name)).not.toContain(
      'data-foreign-0',
    );
    await core.deleteNamespace({ name: `vc-${FOREIGN}` });
  });

  it('shows workloads and cost, and pauses and resumes', async () => {
    const name = `work-${run}`;
    const { body: created } = await api(jane).post('/clusters', {
      name,
      hostCluster: 'local',
      owner: 'user:default/jane',
    });
    const id = created.id;
    await clusterWhen(id, c => c.phase === 'Running');
    const dir = mkdtempSync(join(tmpdir(), 'vc-work-'));
    writeFileSync(
      join(dir, 'kc.yaml'),
      (await api(jane).get(`/clusters/${id}/kubeconfig`)).text,
    );
    const kc = { kubeconfig: join(dir, 'kc.yaml') };
    plane.kubectl(
      ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2'],
      kc,
    );
    plane.kubectl(
      [
        'set',
        'resources',
        'deployment',
        'web',
        '--requests=cpu=500m,memory=256Mi',
      ],
      kc,
    );

    // wait for the rollout that `set resources` started to settle at 2/2
    const settled = (w: {
      summary?: { runningPods: number };
      namespaces?: Array<{
        workloads: Array<{ kind: string; ready?: string }>;
      }>;
    }) =>
      w.summary?.runningPods === 2 &&
      (w.namespaces ?? []).some(n =>
        n.workloads.some(x => x.kind === 'Deployment' && x.ready === '2/2'),
      );
    const workloads = await eventually<any>(
      async () => (await api(bob).get(`/clusters/${id}/workloads`)).body,
      settled,
    );
    const defaults = workloads.namespaces.find(
      (n: { name: string }) => n.name === 'default',
    );
    expect(defaults.workloads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'Deployment',
          name: 'web',
          ready: '2/2',
        }),
      ]),
    );

    // a Warning event about the Deployment's ReplicaSet (here written by hand: the
    // plane runs no kubelet to emit one) shows on the Deployment
    const virtualKc = new KubeConfig();
    virtualKc.loadFromFile(kc.kubeconfig);
    const replicaSet = plane
      .kubectl(
        [
          'get',
          'replicaset',
          '-l',
          'app=web',
          '-o',
          'jsonpath={.items[0].metadata.name}',
        ],
        kc,
      )
      .trim();
    await virtualKc.makeApiClient(CoreV1Api).createNamespacedEvent({
      namespace: 'default',
      body: {
        metadata: { name: `web-quota-${run}`, namespace: 'default' },
        involvedObject: {
          kind: 'ReplicaSet',
          name: replicaSet,
          namespace: 'default',
        },
        type: 'Warning',
        reason: 'FailedCreate',
        message: 'pods is forbidden: exceeded quota: vc-quota',
        count: 2,
        lastTimestamp: new Date(),
      },
    });
    const warned = await eventually<any>(
      async () => (await api(bob).get(`/clusters/${id}/workloads`)).body,
      w =>
        w.namespaces
          ?.find((n: { name: string }) => n.name === 'default')
          ?.workloads.find((x: { kind: string }) => x.kind === 'Deployment')
          ?.errors.length > 0,
    );
    expect(
      warned.namespaces
        .find((n: { name: string }) => n.name === 'default')
        .workloads.find((x: { kind: string }) => x.kind === 'Deployment')
        .errors,
    ).toEqual([
      {
        severity: 3,
        message:
          'FailedCreate: pods is forbidden: exceeded quota: vc-quota (2 times)',
      },
    ]);

    // cost follows the requests: 2 × 500m synced + the control plane's 200m
    const cost = await eventually(
      async () => (await api(jane).get(`/clusters/${id}/cost`)).body,
      c => c.current?.cpuCores >= 1.2,
    );
    expect(cost.currency).toBe('USD');
    expect(cost.current.loadBalancers).toBe(1);
    expect(cost.current.storageGiB).toBe(5);
    expect(cost.hourlyRate).toBeGreaterThan(0);
    const rateRunning = cost.hourlyRate;

    // pause: the StatefulSet goes to 0 with vcluster's annotations, synced pods go
    expect(
      (await api(jane).patch(`/clusters/${id}`, { action: 'pause' })).status,
    ).toBe(200);
    await clusterWhen(id, c => c.phase === 'Paused');
    const apps = plane.hostKubeConfig.makeApiClient(AppsV1Api);
    const sts = await apps.readNamespacedStatefulSet({
      name,
      namespace: `vc-${name}`,
    });
    expect(sts.spec!.replicas).toBe(0);
    expect(sts.metadata!.annotations).toMatchObject({
      'loft.sh/paused': 'true',
      'loft.sh/paused-replicas': '1',
    });
    const core = plane.hostKubeConfig.makeApiClient(CoreV1Api);
    await eventually(
      () =>
        core.listNamespacedPod({
          namespace: `vc-${name}`,
          labelSelector: `vcluster.loft.sh/managed-by=${name}`,
        }),
      list => list.items.length === 0,
    );
    const paused = await eventually(
      async () => (await api(jane).get(`/clusters/${id}/cost`)).body,
      c => c.current?.cpuCores === 0,
    );
    expect(paused.current.storageGiB).toBe(5);
    expect(paused.hourlyRate).toBeGreaterThan(0);
    expect(paused.hourlyRate).toBeLessThan(rateRunning);
    expect((await api(jane).get(`/clusters/${id}/workloads`)).status).toBe(409);
    expect(
      (
        await api(jane).patch(`/clusters/${id}`, {
          action: 'upgrade',
          kubernetesVersion: '1.34',
        })
      ).status,
    ).toBe(409);

    // resume: back with its workloads
    expect(
      (await api(jane).patch(`/clusters/${id}`, { action: 'resume' })).status,
    ).toBe(200);
    await clusterWhen(id, c => c.phase === 'Running');
    const sts2 = await apps.readNamespacedStatefulSet({
      name,
      namespace: `vc-${name}`,
    });
    expect(sts2.spec!.replicas).toBe(1);
    expect(sts2.metadata!.annotations?.['loft.sh/paused']).toBeUndefined();
    await eventually(
      async () => (await api(jane).get(`/clusters/${id}/workloads`)).body,
      w => w.summary?.runningPods === 2,
    );
    const timeline = (
      await api(jane).get(`/clusters/${id}/events`)
    ).body.items.map(
      (e: { type: string; phase?: string }) => `${e.type}:${e.phase ?? ''}`,
    );
    expect(timeline).toEqual(
      expect.arrayContaining([
        'pause-requested:Pausing',
        'phase-changed:Paused',
        'resume-requested:Resuming',
      ]),
    );
    // gone before the backend stops, so nothing is left running on the plane
    await deleteAndWait(id);
  });

  it('upgrades one minor at a time (downgrades, skips and unreleased charts refused) and resizes the quota: done only when the provider applied it and the cluster serves the new version', async () => {
    const name = `up-${run}`;
    const created = await api(jane).post('/clusters', {
      name,
      hostCluster: 'local',
      owner: 'user:default/jane',
      distro: 'k3s',
      kubernetesVersion: '1.31',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    await clusterWhen(id, c => c.phase === 'Running');
    const objects = plane.hostKubeConfig.makeApiClient(CustomObjectsApi);
    type VCluster = {
      metadata: { generation: number };
      spec: {
        helmRelease: { chart: { version: string }; values: string };
      } & Record<string, unknown>;
      status: { observedGeneration?: number };
    };
    const vcluster = async () =>
      (await objects.getNamespacedCustomObject({
        group: 'infrastructure.cluster.x-k8s.io',
        version: 'v1alpha1',
        namespace: `vc-${name}`,
        plural: 'vclusters',
        name,
      })) as VCluster;
    const before = await vcluster();
    // the real CRD has no kubernetesVersion: the version is the distro image's tag
    expect(before.spec).not.toHaveProperty('kubernetesVersion');
    expect(before.spec.helmRelease.values).toContain('v1.31.9-k3s1');
    expect(before.spec.helmRelease.chart.version).toBe('0.32.0');
    const dir = mkdtempSync(join(tmpdir(), 'vc-up-'));
    const serverVersion = async () => {
      writeFileSync(
        join(dir, 'kc.yaml'),
        (await api(jane).get(`/clusters/${id}/kubeconfig`)).text,
      );
      return JSON.parse(
        plane.kubectl(['version', '-o', 'json'], {
          kubeconfig: join(dir, 'kc.yaml'),
        }),
      ).serverVersion.gitVersion;
    };
    expect(await serverVersion()).toBe('v1.31.9+k3s1');

    const upgrade = (body: object) =>
      api(jane).patch(`/clusters/${id}`, { action: 'upgrade', ...body });
    // skipping a minor, downgrading and unreleased charts are the user's mistakes: 400
    const skip = await upgrade({ kubernetesVersion: '1.33' });
    expect(skip.status).toBe(400);
    expect(skip.body.error.message).toMatch(/cannot skip a minor version/);
    const down = await upgrade({ chartVersion: '0.31.0' });
    expect(down.status).toBe(400);
    expect(down.body.error.message).toMatch(/cannot downgrade/);
    const unreleased = await upgrade({ chartVersion: '0.32.9' });
    expect(unreleased.status).toBe(400);
    expect(unreleased.body.error.message).toBe(
      'vcluster chart 0.32.9 was never released; released 0.32.x: 0.32.0, 0.32.1, 0.32.2, 0.32.3',
    );

    // one minor up, with a newer chart: Upgrading until the provider has deployed it
    // and the cluster answers with the new version
    const up = await upgrade({
      kubernetesVersion: '1.32',
      chartVersion: '0.32.3',
    });
    expect(up.status).toBe(200);
    expect(up.body.phase).toBe('Upgrading');
    const running = await clusterWhen(id, c => c.phase === 'Running', 150_000);
    expect(running.spec).toMatchObject({
      kubernetesVersion: '1.32',
      chartVersion: '0.32.3',
    });
    const after = await vcluster();
    expect(after.spec.helmRelease.chart.version).toBe('0.32.3');
    expect(after.spec.helmRelease.values).toContain('v1.32.5-k3s1');
    expect(after.metadata.generation).toBeGreaterThan(
      before.metadata.generation,
    );
    expect(after.status.observedGeneration).toBe(after.metadata.generation);
    expect(await serverVersion()).toBe('v1.32.5+k3s1');
    // and no way back
    const back = await upgrade({ kubernetesVersion: '1.31' });
    expect(back.status).toBe(400);

    // the quota changes the same way: new values, Upgrading, Running, and the host
    // enforces exactly what the API shows
    const resize = (quota: object) =>
      api(jane).patch(`/clusters/${id}`, { action: 'resize', quota });
    expect((await resize({ cpu: 'lots' })).body.error.message).toMatch(
      /quota.cpu 'lots' is not a Kubernetes quantity/,
    );
    expect((await resize({})).status).toBe(400);
    expect((await resize({ gpus: 2 })).status).toBe(400);
    const resized = await resize({ cpu: '3', memory: '6Gi', pods: 40 });
    expect(resized.status).toBe(200);
    expect(resized.body.phase).toBe('Upgrading');
    const applied = await clusterWhen(
      id,
      c => c.phase === 'Running' && c.effectiveQuota !== undefined,
      150_000,
    );
    expect(applied.spec.quota).toEqual({ cpu: '3', memory: '6Gi', pods: 40 });
    expect(applied.message).toBe(
      'Changes applied: k3s 1.32, chart 0.32.3, quota cpu 3, memory 6Gi, pods 40',
    );
    const core = plane.hostKubeConfig.makeApiClient(CoreV1Api);
    const quota = await core.readNamespacedResourceQuota({
      name: `vc-${name}`,
      namespace: `vc-${name}`,
    });
    expect(applied.effectiveQuota.hard).toEqual(quota.status!.hard);
    expect(applied.effectiveQuota.hard).toMatchObject({
      'requests.cpu': '3',
      'requests.memory': '6Gi',
      'count/pods': '40',
      // the control plane's LoadBalancer Service needs its node port
      'services.nodeports': '1',
    });
    // the control plane itself counts against it (once the host's quota controller
    // has counted the restarted pod)
    const counted = await clusterWhen(
      id,
      c => c.effectiveQuota?.used?.['count/pods'] === '1',
    );
    expect(counted.effectiveQuota.used['count/pods']).toBe('1');

    const timeline = (await api(jane).get(`/clusters/${id}/events`)).body.items;
    expect(
      timeline.filter((e: { type: string }) => e.type === 'upgrade-requested'),
    ).toHaveLength(1);
    expect(
      timeline.find((e: { type: string }) => e.type === 'resize-requested')
        .message,
    ).toMatch(
      /^Quota change from .* to cpu 3, memory 6Gi, pods 40 requested by user:default\/jane$/,
    );
    // gone before the backend stops, so nothing is left running on the plane
    await deleteAndWait(id);
  });

  it('a LoadBalancer cluster with a quota installs: the chart defaults cannot refuse its own control plane', async () => {
    const name = `quota-${run}`;
    const created = await api(jane).post('/clusters', {
      name,
      hostCluster: 'local',
      owner: 'user:default/jane',
      quota: { cpu: '2', memory: '4Gi', pods: 30 },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const running = await clusterWhen(
      id,
      c => c.phase === 'Running' && c.effectiveQuota !== undefined,
    );
    expect(running.endpoint).toMatch(/^https:\/\/127\.0\.0\.\d+:443$/);
    expect(running.effectiveQuota.hard).toMatchObject({
      'requests.cpu': '2',
      'requests.memory': '4Gi',
      // asked for 30 pods: the chart's count/pods 20 does not win
      'count/pods': '30',
      'services.nodeports': '1',
      'services.loadbalancers': '1',
    });
    await deleteAndWait(id);
  });

  it("isolates a cluster as its group says: the chart's NetworkPolicies on the host, the Pod Security Standard enforced inside", async () => {
    const name = `iso-${run}`;
    const created = await api(jane).post('/clusters', {
      name,
      clusterGroup: 'isolated',
      owner: 'user:default/jane',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      hostCluster: 'isolating',
      clusterGroup: 'isolated',
      spec: {
        isolation: { networkPolicy: true, podSecurityStandard: 'restricted' },
      },
    });
    const id = created.body.id;
    await clusterWhen(id, c => c.phase === 'Running');
    const events = await api(jane).get(`/clusters/${id}/events`);
    expect(
      events.body.items.find((e: { type: string }) => e.type === 'placed')
        ?.message,
    ).toMatch(/^Placed on isolating in cluster group isolated: /);

    // the chart's policies, in the cluster's host namespace
    const policies = await plane.hostKubeConfig
      .makeApiClient(NetworkingV1Api)
      .listNamespacedNetworkPolicy({ namespace: `vc-${name}` });
    expect(policies.items.map(p => p.metadata!.name).sort()).toEqual(
      expect.arrayContaining([`vc-cp-${name}`, `vc-work-${name}`]),
    );

    // inside, every namespace enforces `restricted`: a privileged pod is refused
    const inside = await plane.virtualKubeConfig(`vc-${name}`, name);
    const core = inside.makeApiClient(CoreV1Api);
    await eventually(
      async () =>
        (
          await core.readNamespace({ name: 'default' })
        ).metadata?.labels?.['pod-security.kubernetes.io/enforce'],
      level => level === 'restricted',
      { timeoutMs: 30_000 },
    );
    const refused = await core
      .createNamespacedPod({
        namespace: 'default',
        body: {
          metadata: { name: 'privileged' },
          spec: {
            containers: [
              {
                name: 'c',
                image: 'busybox',
                securityContext: { privileged: true },
              },
            ],
          },
        },
      })
      .catch(e => e);
    expect(refused.code).toBe(403);
    expect(JSON.parse(refused.body).message).toMatch(
      /violates PodSecurity "restricted:latest": privileged/,
    );
    await deleteAndWait(id);
  });

  it("ends Failed with helm's reason when the provider cannot install the chart, and can still be deleted", async () => {
    const name = `broken-${run}`;
    const created = await api(jane).post('/clusters', {
      name,
      hostCluster: 'mirror',
      owner: 'user:default/jane',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const failed = await clusterWhen(id, c => c.phase === 'Failed');
    expect(failed.reason).toBe('HelmDeployFailed');
    expect(failed.message).toContain(
      'looks like "https://charts.mirror.invalid" is not a valid chart repository or cannot be reached',
    );
    await deleteAndWait(id);
  });

  it('on a host with Cluster API, creates the Cluster that owns the VCluster (contract v1beta1), reaches Running and deletes both', async () => {
    const name = `capi-${run}`;
    const created = await api(jane).post('/clusters', {
      name,
      hostCluster: 'capi',
      owner: 'user:default/jane',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const running = await clusterWhen(id, c => c.phase === 'Running');
    const custom = plane.capiHost.kubeConfig.makeApiClient(CustomObjectsApi);
    const namespace = `vc-${name}`;
    const cluster = (await custom.getNamespacedCustomObject({
      group: 'cluster.x-k8s.io',
      version: 'v1beta1',
      plural: 'clusters',
      namespace,
      name,
    })) as { metadata: { uid: string }; spec: Record<string, unknown> };
    const ref = {
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1alpha1',
      kind: 'VCluster',
      name,
    };
    expect(cluster.spec.infrastructureRef).toMatchObject(ref);
    expect(cluster.spec.controlPlaneRef).toMatchObject(ref);
    const vcluster = (await custom.getNamespacedCustomObject({
      group: 'infrastructure.cluster.x-k8s.io',
      version: 'v1alpha1',
      plural: 'vclusters',
      namespace,
      name,
    })) as {
      metadata: {
        ownerReferences: Array<{
          kind: string;
          uid: string;
          controller: boolean;
        }>;
      };
    };
    expect(vcluster.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'Cluster',
        uid: cluster.metadata.uid,
        controller: true,
      }),
    ]);
    // the owner's kubeconfig works there too
    const dir = mkdtempSync(join(tmpdir(), 'vc-capi-'));
    writeFileSync(
      join(dir, 'kc.yaml'),
      (await api(jane).get(`/clusters/${id}/kubeconfig`)).text,
    );
    expect(
      plane.kubectl(['get', 'namespaces', '-o', 'name'], {
        kubeconfig: join(dir, 'kc.yaml'),
      }),
    ).toContain('namespace/default');
    expect(running.endpoint).toMatch(/^https:\/\/127\.0\.0\.\d+:443$/);

    await deleteAndWait(id);
    const left = (await custom.listClusterCustomObject({
      group: 'cluster.x-k8s.io',
      version: 'v1beta1',
      plural: 'clusters',
    })) as { items: Array<{ metadata: { name: string } }> };
    expect(left.items.map(c => c.metadata.name)).not.toContain(name);
  });

  it("honours each cluster's own exposure: a LoadBalancer cluster on an Ingress host gets its LoadBalancer, an Ingress cluster its host name, and Ingress is refused where no wildcard domain is set", async () => {
    const lb = await api(jane).post('/clusters', {
      name: `lb-${run}`,
      hostCluster: 'ingress',
      owner: 'user:default/jane',
      exposure: { type: 'LoadBalancer' },
    });
    expect(lb.status).toBe(201);
    const running = await clusterWhen(lb.body.id, c => c.phase === 'Running');
    expect(running.endpoint).toMatch(/^https:\/\/127\.0\.0\.\d+:443$/);

    const name = `ing-${run}`;
    const ing = await api(jane).post('/clusters', {
      name,
      hostCluster: 'ingress',
      owner: 'user:default/jane',
    });
    expect(ing.status).toBe(201);
    expect(ing.body.spec.exposure).toMatchObject({
      type: 'Ingress',
      host: `${name}.vc.plane.test`,
    });
    // the backend names the endpoint (the provider only discovers LoadBalancers) and the
    // chart renders the SSL-passthrough Ingress for it in front of a ClusterIP Service
    const custom = plane.hostKubeConfig.makeApiClient(CustomObjectsApi);
    const vcluster = await eventually(
      () =>
        custom.getNamespacedCustomObject({
          group: 'infrastructure.cluster.x-k8s.io',
          version: 'v1alpha1',
          plural: 'vclusters',
          namespace: `vc-${name}`,
          name,
        }) as Promise<{ spec: { controlPlaneEndpoint?: object } }>,
      v => v.spec.controlPlaneEndpoint !== undefined,
    );
    expect(vcluster.spec.controlPlaneEndpoint).toEqual({
      host: `${name}.vc.plane.test`,
      port: 443,
    });
    const ingress = await eventually(
      () =>
        plane.hostKubeConfig
          .makeApiClient(NetworkingV1Api)
          .readNamespacedIngress({ name, namespace: `vc-${name}` }),
      i => i.spec !== undefined,
    );
    expect(ingress.spec!.ingressClassName).toBe('nginx');
    expect(ingress.spec!.rules![0].host).toBe(`${name}.vc.plane.test`);
    expect(ingress.metadata!.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/ssl-passthrough': 'true',
      'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
    });
    const svc = await plane.hostKubeConfig
      .makeApiClient(CoreV1Api)
      .readNamespacedService({ name, namespace: `vc-${name}` });
    expect(svc.spec!.type).toBe('ClusterIP');

    const refused = await api(jane).post('/clusters', {
      name: `noing-${run}`,
      hostCluster: 'local',
      owner: 'user:default/jane',
      exposure: { type: 'Ingress' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/no wildcard domain/);

    await deleteAndWait(lb.body.id);
    await deleteAndWait(ing.body.id);
  });
});
