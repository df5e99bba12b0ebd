import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  NetworkingV1Api,
  PatchStrategy,
  setHeaderOptions,
  type V1Pod,
} from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, getTestPlane, planeStateDir, TestPlane } from './index';

jest.setTimeout(240_000);

const GROUP = 'infrastructure.cluster.x-k8s.io';
const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const NS = 'vc-plane-policies';
const NAME = 'policies';
const INVALID_NS = 'vc-plane-pss-invalid';
const INVALID = 'pss-invalid';

/** k3s behind a LoadBalancer (as plane.test.ts), with the given `policies:` block. */
const VALUES = (policies: string[]) =>
  [
    'controlPlane:',
    '  distro:',
    '    k3s: { enabled: true, image: { tag: v1.32.5-k3s1 } }',
    '  service:',
    '    spec: { type: LoadBalancer }',
    'policies:',
    ...policies.map(line => `  ${line}`),
    '',
  ].join('\n');

const POLICIES_ON = VALUES([
  'podSecurityStandard: restricted',
  'networkPolicy:',
  '  enabled: true',
  '  labels: { team: shop }',
  '  workload:',
  '    publicEgress: { except: [10.0.0.0/8] }',
  '    egress:',
  '      - to: [{ ipBlock: { cidr: 10.20.0.0/16 } }]',
  '        ports: [{ port: 5432, protocol: TCP }]',
]);

const PSS_LABELS = (level: string) => ({
  'pod-security.kubernetes.io/enforce': level,
  'pod-security.kubernetes.io/enforce-version': 'latest',
  'pod-security.kubernetes.io/warn': level,
  'pod-security.kubernetes.io/warn-version': 'latest',
});

/** A pod the restricted level admits (runs as non-root, no escalation, no capabilities, RuntimeDefault seccomp). */
const restrictedPod = (name: string): V1Pod => ({
  metadata: { name },
  spec: {
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 1000,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: [
      {
        name: 'app',
        image: 'nginx:1.27',
        securityContext: {
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        },
      },
    ],
  },
});
const privilegedPod = (name: string): V1Pod => ({
  metadata: { name },
  spec: {
    containers: [
      {
        name: 'app',
        image: 'nginx:1.27',
        securityContext: { privileged: true },
      },
    ],
  },
});
/** No security settings at all: baseline admits it, restricted does not. */
const plainPod = (name: string): V1Pod => ({
  metadata: { name },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
});

/** The API server's message refusing a request (its Status body). */
async function refusal(request: Promise<unknown>): Promise<string> {
  try {
    await request;
  } catch (error) {
    const body = (error as { body?: unknown }).body;
    return typeof body === 'string'
      ? JSON.parse(body).message
      : (body as { message: string }).message;
  }
  throw new Error('the request was admitted');
}

type VCluster = {
  metadata: { generation: number };
  status?: {
    ready?: boolean;
    phase?: string;
    observedGeneration?: number;
    conditions?: Array<{ type: string; status: string; reason?: string }>;
  };
};

describe('policies.networkPolicy and policies.podSecurityStandard through the stand-in', () => {
  let plane: TestPlane;
  let core: CoreV1Api;
  let custom: CustomObjectsApi;
  let networking: NetworkingV1Api;

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
  const setValues = async (namespace: string, name: string, values: string) => {
    const before = await read(namespace, name);
    await custom.patchNamespacedCustomObject(
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
    return before.metadata.generation;
  };
  /** Deployed, ready, and the latest generation observed. */
  const deployed = (namespace: string, name: string, afterGeneration = 0) =>
    eventually(
      () => read(namespace, name),
      v =>
        v.metadata.generation > afterGeneration &&
        v.status?.phase === 'Deployed' &&
        v.status.ready === true &&
        v.status.observedGeneration === v.metadata.generation,
      { timeoutMs: 150_000 },
    );
  const policyNames = async () =>
    (await networking.listNamespacedNetworkPolicy({ namespace: NS })).items
      .map(p => p.metadata!.name!)
      .sort();
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

  beforeAll(async () => {
    plane = await getTestPlane();
    core = plane.hostKubeConfig.makeApiClient(CoreV1Api);
    custom = plane.hostKubeConfig.makeApiClient(CustomObjectsApi);
    networking = plane.hostKubeConfig.makeApiClient(NetworkingV1Api);
    await create(NS, NAME, POLICIES_ON);
  });

  afterAll(async () => {
    await removeAll(NS, NAME);
    await removeAll(INVALID_NS, INVALID);
  });

  it('applies the chart’s NetworkPolicies on the host, selecting the control plane and the synced workloads', async () => {
    await deployed(NS, NAME);
    expect(await policyNames()).toEqual([
      `vc-cp-${NAME}`,
      `vc-kube-dns-${NAME}`,
      `vc-snapshot-${NAME}`,
      `vc-work-${NAME}`,
    ]);
    const work = await networking.readNamespacedNetworkPolicy({
      name: `vc-work-${NAME}`,
      namespace: NS,
    });
    // the chart's labels, with ours merged in
    expect(work.metadata!.labels).toEqual({
      app: 'vcluster',
      chart: 'vcluster-0.32.3',
      release: NAME,
      heritage: 'Helm',
      team: 'shop',
    });
    expect(work.spec!.podSelector).toEqual({
      matchLabels: { 'vcluster.loft.sh/managed-by': NAME },
    });
    expect(work.spec!.policyTypes).toEqual(['Egress', 'Ingress']);
    // the public egress with our `except` list, then our extra rule
    expect(work.spec!.egress![2].to).toEqual([
      { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } },
    ]);
    expect(work.spec!.egress![3]).toEqual({
      to: [{ ipBlock: { cidr: '10.20.0.0/16' } }],
      ports: [{ port: 5432, protocol: 'TCP' }],
    });
    const cp = await networking.readNamespacedNetworkPolicy({
      name: `vc-cp-${NAME}`,
      namespace: NS,
    });
    expect(cp.spec!.podSelector).toEqual({ matchLabels: { release: NAME } });
    // the control-plane pod the StatefulSet made is the one vc-cp selects
    const pod = await core.readNamespacedPod({
      name: `${NAME}-0`,
      namespace: NS,
    });
    expect(pod.metadata!.labels).toMatchObject(
      cp.spec!.podSelector!.matchLabels!,
    );
    // applied by helm, like the chart's other objects
    expect(work.metadata!.managedFields!.map(f => f.manager)).toContain('helm');
  });

  it('labels every namespace of the virtual cluster with the level, and its kube-apiserver then enforces it', async () => {
    const virtual = await plane.virtualKubeConfig(NS, NAME);
    const vCore = virtual.makeApiClient(CoreV1Api);
    for (const name of [
      'default',
      'kube-system',
      'kube-public',
      'kube-node-lease',
    ]) {
      const ns = await eventually(
        () => vCore.readNamespace({ name }),
        n =>
          n.metadata?.labels?.['pod-security.kubernetes.io/enforce'] ===
          'restricted',
      );
      expect(ns.metadata!.labels).toMatchObject(PSS_LABELS('restricted'));
    }
    // a new namespace is labelled too
    await vCore.createNamespace({ body: { metadata: { name: 'shop' } } });
    const shop = await eventually(
      () => vCore.readNamespace({ name: 'shop' }),
      n =>
        n.metadata?.labels?.['pod-security.kubernetes.io/enforce'] ===
        'restricted',
    );
    expect(shop.metadata!.labels).toMatchObject({
      ...PSS_LABELS('restricted'),
      'kubernetes.io/metadata.name': 'shop',
    });

    // the virtual API server's PodSecurity admission refuses what restricted forbids
    expect(
      await refusal(
        vCore.createNamespacedPod({
          namespace: 'shop',
          body: privilegedPod('privileged'),
        }),
      ),
    ).toMatch(
      /^pods "privileged" is forbidden: violates PodSecurity "restricted:latest": privileged \(container "app" must not set securityContext.privileged=true\)/,
    );
    expect(
      await refusal(
        vCore.createNamespacedPod({
          namespace: 'shop',
          body: plainPod('plain'),
        }),
      ),
    ).toMatch(
      /^pods "plain" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false/,
    );
    // and admits a pod that meets it, which is synced to the host, where vc-work selects it
    await vCore.createNamespacedPod({
      namespace: 'shop',
      body: restrictedPod('restricted'),
    });
    const synced = await eventually(
      () =>
        core.listNamespacedPod({
          namespace: NS,
          labelSelector: `vcluster.loft.sh/managed-by=${NAME}`,
        }),
      list => list.items.length === 1,
    );
    expect(synced.items[0].metadata!.name).toBe(`restricted-x-shop-x-${NAME}`);

    // a label changed inside is put back (the controller reconciles the enforce label)
    await vCore.patchNamespace(
      {
        name: 'shop',
        body: {
          metadata: {
            labels: { 'pod-security.kubernetes.io/enforce': 'privileged' },
          },
        },
      },
      merge,
    );
    await eventually(
      () => vCore.readNamespace({ name: 'shop' }),
      n =>
        n.metadata?.labels?.['pod-security.kubernetes.io/enforce'] ===
        'restricted',
    );
  });

  it('removes the NetworkPolicies when an upgrade turns them off, and relabels the namespaces with a new level', async () => {
    const generation = await setValues(
      NS,
      NAME,
      VALUES(['podSecurityStandard: baseline']),
    );
    await deployed(NS, NAME, generation);
    await eventually(policyNames, names => names.length === 0);
    // the release record no longer lists them either: a later upgrade or uninstall
    // leaves nothing behind
    const release = (
      await core.listNamespacedSecret({
        namespace: NS,
        labelSelector: `owner=helm,name=${NAME}`,
      })
    ).items;
    expect(release).toHaveLength(1);
    expect(
      Buffer.from(release[0].data!.release, 'base64').toString('utf8'),
    ).not.toContain('NetworkPolicy');

    const virtual = await plane.virtualKubeConfig(NS, NAME);
    const vCore = virtual.makeApiClient(CoreV1Api);
    const shop = await eventually(
      () => vCore.readNamespace({ name: 'shop' }),
      n =>
        n.metadata?.labels?.['pod-security.kubernetes.io/enforce'] ===
        'baseline',
    );
    expect(shop.metadata!.labels).toMatchObject(PSS_LABELS('baseline'));
    // baseline admits the plain pod, and still refuses a privileged one
    await vCore.createNamespacedPod({
      namespace: 'shop',
      body: plainPod('plain'),
    });
    expect(
      await refusal(
        vCore.createNamespacedPod({
          namespace: 'shop',
          body: privilegedPod('privileged'),
        }),
      ),
    ).toMatch(
      /^pods "privileged" is forbidden: violates PodSecurity "baseline:latest": privileged/,
    );
  });

  it('an invalid level makes the syncer exit at start: the pod crash-loops and the VCluster never gets ready', async () => {
    const log = join(planeStateDir(), 'logs', 'standin.log');
    await create(INVALID_NS, INVALID, VALUES(['podSecurityStandard: strict']));
    // helm installs it: the chart's schema only asks for a string
    const vc = await eventually(
      () => read(INVALID_NS, INVALID),
      v =>
        v.status?.conditions?.some(
          c => c.type === 'HelmChartDeployed' && c.status === 'True',
        ) === true &&
        v.status.conditions.some(
          c => c.type === 'KubeconfigReady' && c.status === 'False',
        ),
    );
    expect(vc.status!.ready).not.toBe(true);
    expect(vc.status!.phase).toBe('Pending');
    // the host shows the container restarting with back-off, as the kubelet reports it
    const pod = await eventually(
      () =>
        core.readNamespacedPod({ name: `${INVALID}-0`, namespace: INVALID_NS }),
      p => (p.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1,
      { timeoutMs: 60_000 },
    );
    expect(pod.status!.phase).toBe('Running');
    const [syncer] = pod.status!.containerStatuses!;
    expect(syncer).toMatchObject({
      name: 'syncer',
      ready: false,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error' } },
    });
    expect(syncer.state!.waiting!.message).toMatch(/^back-off 20s restarting/);
    expect(pod.status!.conditions!.find(c => c.type === 'Ready')!.status).toBe(
      'False',
    );
    // the container's error, in the stand-in's log
    expect(readFileSync(log, 'utf8')).toContain(
      `${INVALID_NS}-${INVALID}: container syncer of pod ${INVALID}-0 exited with code 1 (restart count 1, back-off 20s): parsing config bytes: invalid argument enforce-pod-security-standard=strict, must be one of: privileged, baseline, restricted`,
    );
    // and in the container's log, as `kubectl logs` shows it on the host: the run that
    // failed now, and with --previous the one before (each run its own CRI file)
    const error =
      'error: parsing config bytes: invalid argument enforce-pod-security-standard=strict, must be one of: privileged, baseline, restricted';
    const hostCore = core;
    const lastLine = (previous: boolean) =>
      hostCore
        .readNamespacedPodLog({
          name: `${INVALID}-0`,
          namespace: INVALID_NS,
          container: 'syncer',
          previous,
        })
        .then(text => text.trim().split('\n').slice(-1)[0]);
    await eventually(
      () => lastLine(false),
      line => line === error,
      { timeoutMs: 10_000 },
    );
    await eventually(
      () => lastLine(true),
      line => line === error,
      { timeoutMs: 10_000 },
    );
    // nothing started inside: no Secret vc-<name>
    await expect(
      core.readNamespacedSecret({
        name: `vc-${INVALID}`,
        namespace: INVALID_NS,
      }),
    ).rejects.toMatchObject({ code: 404 });
    const sts = await plane.hostKubeConfig
      .makeApiClient(AppsV1Api)
      .readNamespacedStatefulSet({ name: INVALID, namespace: INVALID_NS });
    expect(sts.status?.readyReplicas ?? 0).toBe(0);

    // a valid level rolls a new pod, which starts
    const generation = await setValues(
      INVALID_NS,
      INVALID,
      VALUES(['podSecurityStandard: privileged']),
    );
    await deployed(INVALID_NS, INVALID, generation);
    const virtual = await plane.virtualKubeConfig(INVALID_NS, INVALID);
    await eventually(
      () => virtual.makeApiClient(CoreV1Api).readNamespace({ name: 'default' }),
      n =>
        n.metadata?.labels?.['pod-security.kubernetes.io/enforce'] ===
        'privileged',
    );
  });
});
