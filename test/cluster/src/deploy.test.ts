import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { eventually, getTestPlane, planeStateDir, TestPlane } from './index';
import { uncompress } from './standin/deploy/compress';
import { deployConfig, hashedConfig } from './standin/deploy/status';

jest.setTimeout(240_000);

const GROUP = 'infrastructure.cluster.x-k8s.io';
const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const NS = 'vc-plane-deploy';
const NAME = 'deploy';
const CRASH_NS = 'vc-plane-deploy-crash';
const CRASH = 'deploy-crash';

type Helm = {
  chart: { name: string; repo: string; version: string };
  release?: { name: string; namespace: string };
  values?: string;
};

/** k3s behind a LoadBalancer (as plane.test.ts), with an `experimental.deploy.vcluster` block. */
const VALUES = (vcluster: { helm?: Helm[]; manifests?: string }) =>
  stringify({
    controlPlane: {
      distro: { k3s: { enabled: true, image: { tag: 'v1.32.5-k3s1' } } },
      service: { spec: { type: 'LoadBalancer' } },
    },
    experimental: { deploy: { vcluster } },
  });

const configMap = (name: string, namespace?: string) =>
  stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    data: { owner: 'profile' },
  });

type DeployStatus = {
  phase?: string;
  reason?: string;
  message?: string;
  charts?: Array<{
    name?: string;
    namespace?: string;
    phase?: string;
    reason?: string;
    message?: string;
    lastAppliedChartConfigHash?: string;
  }>;
  manifests: {
    phase?: string;
    reason?: string;
    message?: string;
    lastAppliedManifests?: string;
  };
};

type VCluster = {
  metadata: { generation: number };
  status?: { ready?: boolean; phase?: string; observedGeneration?: number };
};

describe('experimental.deploy.vcluster through the stand-in’s deploy controller', () => {
  let plane: TestPlane;
  let core: CoreV1Api;
  let custom: CustomObjectsApi;
  let hello: Helm;
  let team: Helm;
  const seen: Record<string, string> = {};

  const create = async (namespace: string, name: string, values: string) => {
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
        spec: {
          helmRelease: {
            chart: {
              name: 'vcluster',
              repo: 'https://charts.loft.sh',
              version: '0.32.3',
            },
            values,
          },
        },
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
  const setValues = (namespace: string, name: string, values: string) =>
    custom.patchNamespacedCustomObject(
      {
        group: GROUP,
        version: 'v1alpha1',
        plural: 'vclusters',
        namespace,
        name,
        body: { spec: { helmRelease: { values } } },
      },
      merge,
    );
  const removeAll = async (namespace: string, name: string) => {
    await custom
      .deleteNamespacedCustomObject({
        group: GROUP,
        version: 'v1alpha1',
        plural: 'vclusters',
        namespace,
        name,
      })
      .catch(() => undefined);
    await eventually(
      () =>
        read(namespace, name).then(
          () => 'present',
          () => 'gone',
        ),
      state => state === 'gone',
    );
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  };
  /** The virtual cluster's API, through the endpoint the provider wrote. */
  const virtual = async () => {
    const kc = await plane.virtualKubeConfig(NS, NAME);
    return {
      core: kc.makeApiClient(CoreV1Api),
      apps: kc.makeApiClient(AppsV1Api),
    };
  };
  /** The `vcluster.loft.sh/status` annotation of kube-system/vcluster-deploy inside. */
  const deployStatus = async () => {
    const { core: vCore } = await virtual();
    const cm = await vCore.readNamespacedConfigMap({
      name: 'vcluster-deploy',
      namespace: 'kube-system',
    });
    const raw = cm.metadata!.annotations!['vcluster.loft.sh/status'];
    return { raw, status: JSON.parse(raw) as DeployStatus };
  };
  const statusUntil = (
    check: (s: DeployStatus) => boolean,
    timeoutMs = 180_000,
  ) => eventually(deployStatus, s => check(s.status), { timeoutMs });
  const hashOf = (vcluster: { helm?: Helm[] }, index: number) =>
    hashedConfig(
      deployConfig({ experimental: { deploy: { vcluster } } }).helm[index],
    );

  beforeAll(async () => {
    plane = await getTestPlane();
    core = plane.hostKubeConfig.makeApiClient(CoreV1Api);
    custom = plane.hostKubeConfig.makeApiClient(CustomObjectsApi);
    hello = {
      chart: {
        name: 'hello-profile',
        repo: plane.chartRepository,
        version: '1.0.0',
      },
      release: { name: 'hello', namespace: 'hello' },
      values: 'greeting: hi\n',
    };
    // no release given: named after the chart, in namespace default
    team = {
      chart: {
        name: 'team-config',
        repo: plane.chartRepository,
        version: '0.1.0',
      },
    };
  });

  afterAll(async () => {
    await removeAll(NS, NAME);
    await removeAll(CRASH_NS, CRASH);
    // eslint-disable-next-line no-console
    console.log(
      `vcluster-deploy statuses seen:\n${JSON.stringify(seen, null, 2)}`,
    );
  });

  it('serves the test charts from the plane’s chart repository', async () => {
    expect(plane.chartRepository).toBe('http://127.0.88.1:8080');
    const index = await (
      await fetch(`${plane.chartRepository}/index.yaml`)
    ).text();
    expect(index).toContain(`${plane.chartRepository}/hello-profile-1.0.0.tgz`);
    expect(index).toContain(`${plane.chartRepository}/hello-profile-1.1.0.tgz`);
    expect(index).toContain(`${plane.chartRepository}/team-config-0.1.0.tgz`);
  });

  it('installs the charts and applies the manifests when the virtual cluster starts', async () => {
    const manifests = [
      configMap('profile-a'),
      configMap('profile-b'),
      stringify({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'team' },
      }),
      configMap('profile-c', 'team'),
    ].join('---\n');
    const vcluster = { helm: [hello, team], manifests };
    const started = Date.now();
    await create(NS, NAME, VALUES(vcluster));
    await eventually(
      () => read(NS, NAME),
      v => v.status?.ready === true,
      { timeoutMs: 150_000 },
    );
    const { raw, status } = await statusUntil(s => s.phase === 'Success');
    seen.success = raw;
    // eslint-disable-next-line no-console
    console.log(`ready and deployed ${Date.now() - started} ms after create`);
    expect(status).toEqual({
      phase: 'Success',
      charts: [
        {
          name: 'hello',
          namespace: 'hello',
          phase: 'Success',
          lastAppliedChartConfigHash: hashOf(vcluster, 0),
        },
        {
          name: 'team-config',
          namespace: 'default',
          phase: 'Success',
          lastAppliedChartConfigHash: hashOf(vcluster, 1),
        },
      ],
      manifests: {
        phase: 'Success',
        lastAppliedManifests: expect.any(String),
      },
    });
    expect(uncompress(status.manifests.lastAppliedManifests!)).toBe(manifests);

    const { core: vCore, apps: vApps } = await virtual();
    const deployment = await vApps.readNamespacedDeployment({
      name: 'hello',
      namespace: 'hello',
    });
    expect(deployment.spec!.replicas).toBe(1);
    expect(deployment.spec!.template.spec!.containers[0].image).toBe(
      'registry.local/hello:1',
    );
    const greeting = await vCore.readNamespacedConfigMap({
      name: 'hello-greeting',
      namespace: 'hello',
    });
    expect(greeting.data).toEqual({ greeting: 'hi' });
    expect(greeting.metadata!.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'Helm',
      'helm.sh/chart': 'hello-profile-1.0.0',
    });
    const release = await vCore.readNamespacedSecret({
      name: 'sh.helm.release.v1.hello.v1',
      namespace: 'hello',
    });
    expect(release.type).toBe('helm.sh/release.v1');
    expect(release.metadata!.labels).toMatchObject({
      owner: 'helm',
      name: 'hello',
      status: 'deployed',
      version: '1',
    });
    await vCore.readNamespacedConfigMap({
      name: 'team-config',
      namespace: 'default',
    });
    // the manifests, applied client-side with field manager vcluster
    const a = await vCore.readNamespacedConfigMap({
      name: 'profile-a',
      namespace: 'default',
    });
    expect(a.metadata!.managedFields!.map(f => f.manager)).toContain(
      'vcluster',
    );
    expect(Object.keys(a.metadata!.annotations!)).toContain(
      'kubectl.kubernetes.io/last-applied-configuration',
    );
    await vCore.readNamespacedConfigMap({
      name: 'profile-c',
      namespace: 'team',
    });

    // the chart's pod, run by the virtual cluster's kwok, is synced to the host
    const pods = await eventually(
      () =>
        core.listNamespacedPod({
          namespace: NS,
          labelSelector: `vcluster.loft.sh/managed-by=${NAME}`,
        }),
      list =>
        list.items.some(p =>
          /^hello-[a-z0-9]+-[a-z0-9]+-x-hello-x-deploy$/.test(
            p.metadata!.name!,
          ),
        ),
    );
    const synced = pods.items.find(p =>
      p.metadata!.name!.startsWith('hello-'),
    )!;
    expect(synced.spec!.containers[0].resources!.requests).toEqual({
      cpu: '10m',
      memory: '16Mi',
    });
  });

  it('upgrades a chart whose entry changed, and deletes a manifest object no longer listed', async () => {
    const upgraded = { ...hello, chart: { ...hello.chart, version: '1.1.0' } };
    const manifests = [
      configMap('profile-a'),
      stringify({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'team' },
      }),
      configMap('profile-c', 'team'),
    ].join('---\n');
    const vcluster = { helm: [upgraded, team], manifests };
    await setValues(NS, NAME, VALUES(vcluster));
    const { raw, status } = await statusUntil(
      s =>
        s.phase === 'Success' &&
        s.charts?.[0]?.lastAppliedChartConfigHash === hashOf(vcluster, 0),
    );
    seen.upgraded = raw;
    // team-config's entry did not change: not upgraded, the same hash
    expect(status.charts![1].lastAppliedChartConfigHash).toBe(
      hashOf(vcluster, 1),
    );
    const { core: vCore } = await virtual();
    const release = await vCore.readNamespacedSecret({
      name: 'sh.helm.release.v1.hello.v2',
      namespace: 'hello',
    });
    expect(release.metadata!.labels).toMatchObject({
      status: 'deployed',
      version: '2',
    });
    const teamReleases = await vCore.listNamespacedSecret({
      namespace: 'default',
      labelSelector: 'owner=helm,name=team-config',
    });
    expect(teamReleases.items.map(s => s.metadata!.name)).toEqual([
      'sh.helm.release.v1.team-config.v1',
    ]);
    const greeting = await vCore.readNamespacedConfigMap({
      name: 'hello-greeting',
      namespace: 'hello',
    });
    expect(greeting.metadata!.annotations).toMatchObject({
      'hello-profile/chart-version': '1.1.0',
    });
    // profile-b left the manifests: deleted; the others stay
    await eventually(
      () =>
        vCore
          .readNamespacedConfigMap({ name: 'profile-b', namespace: 'default' })
          .then(
            () => 'present',
            (e: { code?: number }) => (e.code === 404 ? 'gone' : 'error'),
          ),
      state => state === 'gone',
    );
    await vCore.readNamespacedConfigMap({
      name: 'profile-a',
      namespace: 'default',
    });
    expect(uncompress(status.manifests.lastAppliedManifests!)).toBe(manifests);
  });

  it('reports a version the repository does not have as ChartPullFailed with helm’s message, the virtual cluster still serving', async () => {
    const missing = { ...hello, chart: { ...hello.chart, version: '9.9.9' } };
    await setValues(NS, NAME, VALUES({ helm: [missing, team] }));
    const { raw, status } = await statusUntil(
      s => s.phase === 'Failed' && s.reason === 'ChartPullFailed',
    );
    seen.failed = raw;
    const repo = plane.chartRepository;
    const message = `error executing helm pull hello-profile hello-profile --repo ${repo} --version 9.9.9: Error: chart "hello-profile" version "9.9.9" not found in ${repo} repository\n`;
    expect(status.message).toBe(message);
    expect(status.charts![0]).toEqual({
      name: 'hello',
      namespace: 'hello',
      phase: 'Failed',
      reason: 'ChartPullFailed',
      message,
      // the hash of what was last installed stays
      lastAppliedChartConfigHash: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    // the pass stopped at the first failure: team-config is as it was
    expect(status.charts![1]).toMatchObject({ phase: 'Success' });
    // the manifests are gone from the values: their objects were deleted, and the
    // empty string is what was last applied
    expect(status.manifests.phase).toBe('Success');
    expect(uncompress(status.manifests.lastAppliedManifests!)).toBe('');
    const { core: vCore } = await virtual();
    await eventually(
      () => vCore.listNamespacedConfigMap({ namespace: 'default' }),
      list => !list.items.some(c => c.metadata!.name === 'profile-a'),
    );
    // the virtual API server answers; the release is left at revision 2
    const ns = await vCore.readNamespace({ name: 'default' });
    expect(ns.status!.phase).toBe('Active');
    const releases = await vCore.listNamespacedSecret({
      namespace: 'hello',
      labelSelector: 'owner=helm,name=hello',
    });
    expect(releases.items.map(s => s.metadata!.name).sort()).toEqual([
      'sh.helm.release.v1.hello.v1',
      'sh.helm.release.v1.hello.v2',
    ]);
    // and the pass is retried (upstream every 10 s): the stand-in's log says so
    const log = join(planeStateDir(), 'logs', 'standin.log');
    await eventually(
      async () =>
        readFileSync(log, 'utf8').split(
          `${NS}-${NAME}: deploy: Error deploying experimental.deploy.vCluster.helm: error executing helm pull hello-profile hello-profile`,
        ).length - 1,
      count => count >= 2,
      { timeoutMs: 60_000 },
    );
  });

  it('uninstalls a release whose entry was removed', async () => {
    await setValues(NS, NAME, VALUES({ helm: [team] }));
    const { raw, status } = await statusUntil(
      s => s.phase === 'Success' && s.charts?.length === 1,
    );
    seen.uninstalled = raw;
    expect(status.charts![0]).toMatchObject({ name: 'team-config' });
    const { core: vCore, apps: vApps } = await virtual();
    const releases = await vCore.listNamespacedSecret({
      namespace: 'hello',
      labelSelector: 'owner=helm,name=hello',
    });
    expect(releases.items).toEqual([]);
    await expect(
      vApps.readNamespacedDeployment({ name: 'hello', namespace: 'hello' }),
    ).rejects.toMatchObject({ code: 404 });
  });

  it('a manifest that does not apply fails `vcluster start`: the syncer crash-loops until the values change', async () => {
    const log = join(planeStateDir(), 'logs', 'standin.log');
    await create(
      CRASH_NS,
      CRASH,
      VALUES({ manifests: configMap('orphan', 'no-such-namespace') }),
    );
    const pod = await eventually(
      () => core.readNamespacedPod({ name: `${CRASH}-0`, namespace: CRASH_NS }),
      p =>
        p.status?.containerStatuses?.[0]?.state?.waiting?.reason ===
        'CrashLoopBackOff',
      { timeoutMs: 150_000 },
    );
    expect(
      pod.status!.containerStatuses![0].lastState!.terminated,
    ).toMatchObject({ exitCode: 1 });
    expect(readFileSync(log, 'utf8')).toContain(
      `${CRASH_NS}-${CRASH}: container syncer of pod ${CRASH}-0 exited with code 1 (restart count 0, back-off 10s): start controllers: start controllers: error deploying experimental.deploy.vCluster.manifests: apply manifests: error when creating "manifests": namespaces "no-such-namespace" not found`,
    );
    expect((await read(CRASH_NS, CRASH)).status?.ready).not.toBe(true);
    // manifests that apply: a new pod, which starts
    await setValues(
      CRASH_NS,
      CRASH,
      VALUES({ manifests: configMap('orphan') }),
    );
    await eventually(
      () => read(CRASH_NS, CRASH),
      v => v.status?.ready === true,
      { timeoutMs: 150_000 },
    );
    const kc = await plane.virtualKubeConfig(CRASH_NS, CRASH);
    await eventually(
      () =>
        kc
          .makeApiClient(CoreV1Api)
          .readNamespacedConfigMap({ name: 'orphan', namespace: 'default' }),
      cm => cm.data?.owner === 'profile',
    );
  });
});
