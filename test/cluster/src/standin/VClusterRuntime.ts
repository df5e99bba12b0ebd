import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  V1Pod,
  V1Service,
} from '@kubernetes/client-node';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { gitVersionOfImage, VersionedBinaries } from './binaries.ts';
import { ensureServingCertificate } from './certificates.ts';
import { get, type Values } from './chart/coalesce.ts';
import type { ContainerRuntime } from './ContainerRuntime.ts';
import { Deployer } from './deploy/Deployer.ts';
import { deployConfig } from './deploy/status.ts';
import { ignoreStatus } from './errors.ts';
import { FakeKubelet } from './FakeKubelet.ts';
import type { HostNetwork } from './network.ts';
import {
  configError,
  enforcePodSecurityStandard,
  podSecurityStandard,
} from './PodSecurity.ts';
import { Syncer } from './Syncer.ts';
import {
  KUBELET_PORT,
  type PlaneEnvironment,
  VirtualControlPlane,
} from './VirtualControlPlane.ts';

const log = (message: string) =>
  process.stdout.write(`[runtime ${new Date().toISOString()}] ${message}\n`);
const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** kubelet v1.36.3 pkg/kubelet/kubelet.go: initialCrashLoopBackOff 10 s, doubling up to MaxCrashLoopBackOff 5 min. */
const CRASH_BACKOFF_INITIAL_MS = 10_000;
const CRASH_BACKOFF_MAX_MS = 300_000;

/** A whole number of seconds as Go's time.Duration prints it: 10s, 1m20s, 5m0s. */
function goDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60
    ? `${seconds}s`
    : `${Math.floor(seconds / 60)}m${seconds % 60}s`;
}

/**
 * Plays what runs inside a vcluster control-plane pod (`<release>-0` of the chart's
 * StatefulSet) and the kubelet that runs it: while the pod is Running, a virtual
 * control plane serves with the config the chart mounted (Secret `vc-config-<release>`);
 * when the pod goes (pause, uninstall) it stops; a new pod (the `vClusterConfigHash`
 * rollout after a values change) restarts it with the new config. Inside, it does what
 * vcluster v0.32.3 does on start: the config check (an invalid config makes the syncer
 * container exit, and the kubelet restarts it in CrashLoopBackOff), the serving
 * certificate with its SANs, Secret `vc-<release>`, the syncer with its
 * pod-security controller, and the deploy controller (`experimental.deploy.vcluster`:
 * manifests, then helm charts in the background; see deploy/Deployer.ts).
 */
export class VClusterRuntime {
  readonly #core: CoreV1Api;
  readonly #apps: AppsV1Api;
  readonly #env: PlaneEnvironment;
  readonly #network: HostNetwork;
  readonly #binaries: VersionedBinaries;
  readonly #planes = new Map<string, VirtualControlPlane>();
  readonly #starting = new Set<string>();
  readonly #pulling = new Set<string>();
  /** Pods whose syncer container exits at start: restarts so far and when the next is due. */
  readonly #crashes = new Map<
    string,
    { podUid: string; restarts: number; next: number }
  >();
  /** Removed releases whose data (the etcd prefix) goes with their PVC. */
  readonly #orphanedData = new Map<
    string,
    { namespace: string; name: string }
  >();

  readonly #host: { name: string; keyPrefix: string };
  /** The deploy controller of each running syncer; it ends with its control plane. */
  readonly #deployers = new Map<string, Deployer>();
  readonly #deployRetryMs: number;
  readonly #hostConfig: KubeConfig;
  /** The container runtime of the host's node, where the syncer container's output goes. */
  readonly #containers?: ContainerRuntime;
  /** vcluster's fake kubelet of each running control plane; it ends with it. */
  readonly #kubelets = new Map<string, FakeKubelet>();

  constructor(
    host: KubeConfig,
    env: PlaneEnvironment,
    network: HostNetwork,
    hostName: { name: string; keyPrefix: string } = { name: '', keyPrefix: '' },
    options: { deployRetryMs?: number; containers?: ContainerRuntime } = {},
  ) {
    this.#deployRetryMs = options.deployRetryMs ?? 10_000;
    this.#hostConfig = host;
    this.#containers = options.containers;
    this.#core = host.makeApiClient(CoreV1Api);
    this.#apps = host.makeApiClient(AppsV1Api);
    this.#env = env;
    this.#network = network;
    this.#binaries = VersionedBinaries.shared(env.binDir);
    this.#host = hostName;
    // adopt what an earlier stand-in started, so that it is stopped when its release goes
    for (const { namespace, name } of VirtualControlPlane.known(
      env,
      hostName.name,
    )) {
      this.#plane(namespace, name);
    }
  }

  #plane(namespace: string, name: string): VirtualControlPlane {
    const key = `${this.#host.keyPrefix}${namespace}-${name}`;
    let plane = this.#planes.get(key);
    if (!plane) {
      plane = new VirtualControlPlane({
        namespace,
        name,
        address: this.#network.address(namespace, name),
        env: this.#env,
        host: this.#host.name,
        keyPrefix: this.#host.keyPrefix,
      });
      this.#planes.set(key, plane);
    }
    return plane;
  }

  /** The stand-in stops: the deploy controllers end (their running helm is killed). */
  shutdown(): void {
    for (const deployer of this.#deployers.values()) deployer.stop();
    this.#deployers.clear();
    for (const kubelet of this.#kubelets.values()) void kubelet.stop();
    this.#kubelets.clear();
  }

  /** One pass over every vcluster StatefulSet on the host. */
  async reconcileAll(): Promise<void> {
    const [sets, pods, services] = await Promise.all([
      this.#apps.listStatefulSetForAllNamespaces({
        labelSelector: 'app=vcluster',
      }),
      this.#core.listPodForAllNamespaces({ labelSelector: 'app=vcluster' }),
      this.#core.listServiceForAllNamespaces({ labelSelector: 'app=vcluster' }),
    ]);
    const live = new Set<string>();
    await Promise.all(
      sets.items.map(async sts => {
        const namespace = sts.metadata!.namespace!;
        const name = sts.metadata!.name!;
        live.add(`${this.#host.keyPrefix}${namespace}-${name}`);
        const pod = pods.items.find(
          p =>
            p.metadata?.namespace === namespace &&
            p.metadata?.name === `${name}-0`,
        );
        const service = services.items.find(
          s => s.metadata?.namespace === namespace && s.metadata?.name === name,
        );
        await this.#reconcile(namespace, name, pod, service).catch(error =>
          log(
            `${namespace}/${name}: ${
              (error as { body?: unknown }).body ?? error
            }`,
          ),
        );
      }),
    );
    // releases that were uninstalled: nothing runs them any more
    for (const [key, plane] of this.#planes) {
      if (live.has(key)) continue;
      log(`${key}: StatefulSet gone, removing the virtual control plane`);
      await this.#stopPlane(plane);
      plane.removeFiles();
      this.#planes.delete(key);
      this.#crashes.delete(key);
      this.#network.release(plane.namespace, plane.name);
      this.#orphanedData.set(key, {
        namespace: plane.namespace,
        name: plane.name,
      });
    }
    await this.#purgeDeletedData(live);
  }

  /**
   * The virtual cluster's data lives on its PVC `data-<release>-0` (embedded SQLite in
   * vcluster; here an etcd prefix): once that PVC is deleted, so is the data, and a new
   * release of the same name starts empty.
   */
  async #purgeDeletedData(live: Set<string>) {
    for (const [key, { namespace, name }] of this.#orphanedData) {
      if (live.has(key)) {
        this.#orphanedData.delete(key);
        continue;
      }
      const pvc = await this.#core
        .readNamespacedPersistentVolumeClaim({
          name: `data-${name}-0`,
          namespace,
        })
        .catch(ignoreStatus(404));
      if (pvc) continue;
      const prefix = `/vcluster/${key}/`;
      const b64 = (s: string) => Buffer.from(s).toString('base64');
      const res = await fetch(`${this.#env.etcdUrl}/v3/kv/deleterange`, {
        method: 'POST',
        body: JSON.stringify({
          key: b64(prefix),
          range_end: b64(`/vcluster/${key}0`),
        }),
      });
      if (!res.ok) throw new Error(`etcd deleterange ${res.status}`);
      log(`${key}: PVC data-${name}-0 deleted, its data is gone`);
      this.#orphanedData.delete(key);
    }
  }

  async #reconcile(
    namespace: string,
    name: string,
    pod: V1Pod | undefined,
    service: V1Service | undefined,
  ) {
    const plane = this.#plane(namespace, name);
    const running =
      pod &&
      !pod.metadata?.deletionTimestamp &&
      pod.status?.phase === 'Running';
    if (!running) {
      if (plane.running()) {
        log(`${plane.key}: pod ${name}-0 is gone, the control plane stops`);
      }
      // a paused (scaled to 0) or removed pod: nothing of the syncer runs, nor deploys
      await this.#stopPlane(plane);
      return;
    }
    if (plane.running() && plane.podUid && plane.podUid !== pod.metadata!.uid) {
      log(
        `${plane.key}: new pod ${
          pod.metadata!.uid
        } (config changed), restarting`,
      );
      await this.#stopPlane(plane);
    }
    const values = await this.#config(namespace, name);
    if (!values) return;
    const certificateChanged = ensureServingCertificate(
      plane.certs,
      this.#sans(namespace, name, values, plane, pod, service),
    );
    if (certificateChanged) {
      log(`${plane.key}: serving certificate issued for new names`);
      this.#kubelets.get(plane.key)?.refreshCertificate();
    }
    if (!plane.running()) {
      await this.#start(plane, values, pod);
      return;
    }
    if (!this.#deployers.has(plane.key) && !this.#starting.has(plane.key)) {
      // a control plane an earlier stand-in started: its deploy controller runs again
      // (idempotent: applied manifests and charts with their hash are left alone)
      if (!(await this.#deploy(plane, values, pod))) return;
    }
    await this.#writeKubeConfigSecret(namespace, name, values, plane, service);
    const virtual = new KubeConfig();
    virtual.loadFromString(plane.kubeconfig());
    await this.#ensureKubelet(plane, virtual);
    // pkg/controllers/register.go (v0.32.3): the pod-security controller runs when a level is set
    const standard = podSecurityStandard(values);
    if (standard) {
      await enforcePodSecurityStandard(
        virtual.makeApiClient(CoreV1Api),
        standard,
        message => log(`${plane.key}: ${message}`),
      );
    }
    await new Syncer({
      host: this.#core,
      virtual,
      namespace,
      vcluster: name,
      owner: service?.metadata?.uid
        ? { apiVersion: 'v1', kind: 'Service', name, uid: service.metadata.uid }
        : undefined,
    }).sync({
      pvcs:
        get(values, 'sync', 'toHost', 'persistentVolumeClaims', 'enabled') !==
        false,
    });
  }

  /** The config the chart mounts at /var/lib/vcluster/config.yaml. */
  async #config(namespace: string, name: string): Promise<Values | undefined> {
    const secret = await this.#core
      .readNamespacedSecret({ name: `vc-config-${name}`, namespace })
      .catch(ignoreStatus(404));
    const data = secret?.data?.['config.yaml'];
    return data
      ? (parse(Buffer.from(data, 'base64').toString('utf8')) as Values)
      : undefined;
  }

  async #start(plane: VirtualControlPlane, values: Values, pod: V1Pod) {
    if (this.#starting.has(plane.key)) return;
    const distro =
      get(values, 'controlPlane', 'distro', 'k3s', 'enabled') === true
        ? 'k3s'
        : 'k8s';
    const tag = String(
      get(values, 'controlPlane', 'distro', distro, 'image', 'tag') ?? '',
    );
    const version = gitVersionOfImage(tag);
    if (!version) {
      log(
        `${plane.key}: image tag '${tag}' of ${distro} names no version; the pod cannot start`,
      );
      return;
    }
    // the image "pull": control-plane binaries stamped with that version, linked once
    const binary = this.#binaries.ready(version);
    if (!binary) {
      if (!this.#pulling.has(plane.key)) {
        log(
          `${plane.key}: preparing the ${version} control plane binaries (the image pull)`,
        );
      }
      this.#pulling.add(plane.key);
      return;
    }
    this.#pulling.delete(plane.key);
    // cmd/vcluster/cmd/start.go (v0.32.3) StartInCluster: the config is parsed and
    // validated first; an error ends `vcluster start` (exit code 1) before the control
    // plane or the syncer start
    const failure = configError(values);
    if (failure) {
      await this.#crashLoop(plane, pod, failure);
      return;
    }
    // a container that exited waits out the kubelet's back-off before it runs again
    const crash = this.#crashes.get(plane.key);
    const crashed = crash?.podUid === pod.metadata!.uid;
    if (crash && crashed && Date.now() < crash.next) return;
    this.#starting.add(plane.key);
    try {
      log(
        `${plane.key}: starting ${distro} ${version} on ${plane.address}:443`,
      );
      await this.#stopPlane(plane); // whatever is left of an earlier pod
      await plane.start(binary, version);
      plane.podUid = pod.metadata!.uid;
      await this.#ensureVirtualNode(plane);
      log(`${plane.key}: virtual control plane ready`);
      if (!(await this.#deploy(plane, values, pod))) return;
      this.#crashes.delete(plane.key);
      if (crash && crashed) await this.#recovered(pod, crash.restarts);
    } finally {
      this.#starting.delete(plane.key);
    }
  }

  /**
   * The syncer's server answers as the virtual nodes' kubelet (pkg/server/server.go
   * v0.32.3, WithFakeKubelet): started with the control plane, and again for one an
   * earlier stand-in started.
   */
  async #ensureKubelet(plane: VirtualControlPlane, virtual: KubeConfig) {
    if (this.#kubelets.get(plane.key)?.listening) return;
    const kubelet = new FakeKubelet({
      address: plane.address,
      port: KUBELET_PORT,
      certs: plane.certs,
      virtual,
      host: this.#hostConfig,
      hostNamespace: plane.namespace,
      vcluster: plane.name,
      log: message => log(`${plane.key}: ${message}`),
    });
    await kubelet.start();
    this.#kubelets.set(plane.key, kubelet);
  }

  /** The control plane stopped, and the deploy controller and fake kubelet of its syncer with it. */
  async #stopPlane(plane: VirtualControlPlane) {
    const deployer = this.#deployers.get(plane.key);
    if (deployer) {
      deployer.stop();
      this.#deployers.delete(plane.key);
    }
    const kubelet = this.#kubelets.get(plane.key);
    if (kubelet) {
      this.#kubelets.delete(plane.key);
      await kubelet.stop();
    }
    await plane.stop(); // also whatever a partial start left
  }

  /**
   * pkg/setup/controllers.go StartControllers (v0.32.3): the deploy controller is
   * registered (start.go RegisterInitManifestsController): the manifests are applied
   * first, and an error there ends `vcluster start` (`start controllers: start
   * controllers: …`, start.go and StartLeaderElection wrapping it): the container
   * exits, taking the control plane with it, and the kubelet restarts it with back-off.
   * Then the helm charts, in the background. False when the start failed.
   */
  async #deploy(
    plane: VirtualControlPlane,
    values: Values,
    pod: V1Pod,
  ): Promise<boolean> {
    const config = deployConfig(values);
    // the container's /tmp and HOME: empty in a new container
    const tmp = join(plane.workDir, 'syncer-tmp');
    const home = join(plane.workDir, 'syncer-home');
    rmSync(tmp, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
    const deployer = new Deployer({
      kubeconfig: plane.kubeconfig(),
      kubeconfigFile: plane.kubeconfigFile,
      kubectl: join(this.#env.binDir, 'kubectl'),
      helm: join(this.#env.binDir, 'helm'),
      workDir: tmp,
      home,
      retryMs: this.#deployRetryMs,
      log: message => log(`${plane.key}: deploy: ${message}`),
    });
    this.#deployers.set(plane.key, deployer);
    await this.#waitForSystemNamespace(plane);
    try {
      await deployer.deployInitManifests(config);
    } catch (error) {
      if (deployer.stopped) return false;
      await this.#stopPlane(plane);
      await this.#crashLoop(
        plane,
        pod,
        `start controllers: start controllers: ${(error as Error).message}`,
      );
      return false;
    }
    deployer.startHelmCharts(config);
    return true;
  }

  /** The virtual API server's kube-system namespace (its bootstrap creates it soon after /readyz). */
  async #waitForSystemNamespace(plane: VirtualControlPlane) {
    const kc = new KubeConfig();
    kc.loadFromString(plane.kubeconfig());
    const core = kc.makeApiClient(CoreV1Api);
    for (let i = 0; i < 100; i++) {
      const ns = await core
        .readNamespace({ name: 'kube-system' })
        .catch(() => undefined);
      if (ns) return;
      await new Promise(r => setTimeout(r, 100));
    }
  }

  /** The restarted container runs: the pod's status as the kubelet shows it then (Ready, restarts counted). */
  async #recovered(pod: V1Pod, restarts: number) {
    const at = new Date().toISOString();
    const ready = (type: string) => ({
      type,
      status: 'True',
      lastTransitionTime: at,
    });
    const conditions = (pod.status?.conditions ?? []).map(c =>
      c.type === 'Ready' || c.type === 'ContainersReady' ? ready(c.type) : c,
    );
    const podName = pod.metadata!.name!;
    await this.#core.patchNamespacedPodStatus(
      {
        name: podName,
        namespace: pod.metadata!.namespace!,
        body: {
          status: {
            conditions,
            containerStatuses: [
              {
                name: 'syncer',
                image: pod.spec?.containers?.[0]?.image ?? '',
                imageID: '',
                ready: true,
                started: true,
                restartCount: restarts,
                state: { running: { startedAt: at } },
                lastState: {
                  terminated: {
                    exitCode: 1,
                    reason: 'Error',
                    startedAt: at,
                    finishedAt: at,
                  },
                },
              },
            ],
          },
        },
      },
      merge,
    );
  }

  /**
   * The syncer container exited with code 1: what the kubelet does about it (restart
   * with CrashLoopBackOff's back-off; the pod stays Running, not Ready) and what
   * `kubectl get pod` then shows in its status. The container's error goes to the
   * stand-in's log, where `kubectl logs` would show it.
   */
  async #crashLoop(plane: VirtualControlPlane, pod: V1Pod, message: string) {
    const uid = pod.metadata!.uid!;
    let crash = this.#crashes.get(plane.key);
    if (!crash || crash.podUid !== uid) {
      crash = { podUid: uid, restarts: 0, next: 0 };
      this.#crashes.set(plane.key, crash);
    }
    const now = Date.now();
    if (now < crash.next) return;
    const backoff = Math.min(
      CRASH_BACKOFF_INITIAL_MS * 2 ** crash.restarts,
      CRASH_BACKOFF_MAX_MS,
    );
    const podName = pod.metadata!.name!;
    log(
      `${
        plane.key
      }: container syncer of pod ${podName} exited with code 1 (restart count ${
        crash.restarts
      }, back-off ${goDuration(backoff)}): ${message}`,
    );
    const at = new Date(now).toISOString();
    const notReady = (type: string) => ({
      type,
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [syncer]',
      lastTransitionTime: at,
    });
    const conditions = (pod.status?.conditions ?? []).map(c =>
      (c.type === 'Ready' || c.type === 'ContainersReady') &&
      c.status !== 'False'
        ? notReady(c.type)
        : c,
    );
    const image = pod.spec?.containers?.[0]?.image ?? '';
    await this.#core.patchNamespacedPodStatus(
      {
        name: podName,
        namespace: pod.metadata!.namespace!,
        body: {
          status: {
            conditions,
            containerStatuses: [
              {
                name: 'syncer',
                image,
                imageID: '',
                ready: false,
                started: false,
                restartCount: crash.restarts,
                state: {
                  // kubelet v1.36.3 pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff
                  waiting: {
                    reason: 'CrashLoopBackOff',
                    message: `back-off ${goDuration(
                      backoff,
                    )} restarting failed container=syncer pod=${podName}_${
                      pod.metadata!.namespace
                    }(${uid})`,
                  },
                },
                lastState: {
                  terminated: {
                    exitCode: 1,
                    reason: 'Error',
                    startedAt: at,
                    finishedAt: at,
                  },
                },
              },
            ],
          },
        },
      },
      merge,
    );
    // what `kubectl logs` of the container shows: vcluster's RunRoot logs the error it
    // exits with (cmd/vcluster/cmd/root.go v0.32.3)
    if (this.#containers) {
      const file = this.#containers.containerStarted(
        pod,
        'syncer',
        crash.restarts,
      );
      this.#containers.print(file, `error: ${message}`);
      this.#containers.exited(file);
    }
    crash.restarts++;
    crash.next = now + backoff;
  }

  /** pkg/server/cert/cert.go getExtraSANs (v0.32.3), for a non-standalone vcluster. */
  #sans(
    namespace: string,
    name: string,
    values: Values,
    plane: VirtualControlPlane,
    pod: V1Pod,
    service: V1Service | undefined,
  ) {
    const dns = [
      'kubernetes.default.svc.cluster.local',
      'kubernetes.default.svc',
      'kubernetes.default',
      'kubernetes',
      'localhost',
    ];
    const ips = ['127.0.0.1', plane.address];
    const add = (value: string | undefined) => {
      if (!value) return;
      if (/^[\d.]+$/.test(value) || value.includes(':')) ips.push(value);
      else dns.push(value);
    };
    add(String(get(values, 'controlPlane', 'ingress', 'host') ?? ''));
    for (const san of get<string[]>(
      values,
      'controlPlane',
      'proxy',
      'extraSANs',
    ) ?? [])
      add(san);
    add(get<string>(values, 'controlPlane', 'endpoint'));
    add(name);
    add(`${name}.${namespace}`);
    const clusterIP = service?.spec?.clusterIP;
    if (clusterIP && clusterIP !== 'None') add(clusterIP);
    for (const ingress of service?.status?.loadBalancer?.ingress ?? []) {
      add(ingress.ip);
      add(ingress.hostname);
    }
    add(pod.status?.podIP);
    return { ips: [...new Set(ips)], dns: [...new Set(dns)] };
  }

  /**
   * Secret `vc-<release>`, as pkg/util/kubeconfig/kubeconfig.go WriteKubeConfig writes it
   * (v0.32.3): the admin kubeconfig with its server `https://localhost:8443` unless
   * `exportKubeConfig.server` is set, the context renamed by `exportKubeConfig.context`,
   * owned by the vcluster Service (experimental.syncSettings.setOwner).
   */
  async #writeKubeConfigSecret(
    namespace: string,
    name: string,
    values: Values,
    plane: VirtualControlPlane,
    service: V1Service | undefined,
  ) {
    const server =
      (get<string>(values, 'exportKubeConfig', 'server') || undefined) ??
      `https://localhost:${
        get<number>(values, 'controlPlane', 'proxy', 'port') ?? 8443
      }`;
    const k3s =
      get(values, 'controlPlane', 'distro', 'k3s', 'enabled') === true;
    const context =
      get<string>(values, 'exportKubeConfig', 'context') ||
      (k3s ? 'default' : 'kubernetes-super-admin@kubernetes');
    const b64 = (file: string) => readFileSync(file).toString('base64');
    const kubeconfig = stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: context,
          cluster: {
            server,
            'certificate-authority-data': b64(plane.certs.caCert),
          },
        },
      ],
      users: [
        {
          name: context,
          user: {
            'client-certificate-data': b64(plane.certs.adminCert),
            'client-key-data': b64(plane.certs.adminKey),
          },
        },
      ],
      contexts: [
        { name: context, context: { cluster: context, user: context } },
      ],
      'current-context': context,
    });
    const data = {
      config: Buffer.from(kubeconfig).toString('base64'),
      'certificate-authority': b64(plane.certs.caCert),
      'client-certificate': b64(plane.certs.adminCert),
      'client-key': b64(plane.certs.adminKey),
      token: '',
    };
    const secretName = `vc-${name}`;
    const existing = await this.#core
      .readNamespacedSecret({ name: secretName, namespace })
      .catch(ignoreStatus(404));
    if (existing && existing.data?.config === data.config) return;
    const body = {
      metadata: {
        name: secretName,
        namespace,
        labels: { app: 'vcluster', 'vcluster-name': name },
        ...(service?.metadata?.uid
          ? {
              ownerReferences: [
                {
                  apiVersion: 'v1',
                  kind: 'Service',
                  name,
                  uid: service.metadata.uid,
                },
              ],
            }
          : {}),
      },
      type: 'Opaque',
      data,
    };
    if (existing) {
      await this.#core.replaceNamespacedSecret({
        name: secretName,
        namespace,
        body: {
          ...body,
          metadata: {
            ...body.metadata,
            resourceVersion: existing.metadata?.resourceVersion,
          },
        },
      });
    } else {
      await this.#core.createNamespacedSecret({ namespace, body });
    }
  }

  async #ensureVirtualNode(plane: VirtualControlPlane) {
    const kc = new KubeConfig();
    kc.loadFromString(plane.kubeconfig());
    await kc
      .makeApiClient(CoreV1Api)
      .createNode({
        body: {
          metadata: {
            name: 'kwok-node-0',
            annotations: { 'kwok.x-k8s.io/node': 'fake' },
            labels: { 'kubernetes.io/hostname': 'kwok-node-0', type: 'kwok' },
          },
          status: {
            allocatable: { cpu: '32', memory: '128Gi', pods: '250' },
            capacity: { cpu: '32', memory: '128Gi', pods: '250' },
          },
        },
      })
      .catch(ignoreStatus(409));
  }
}
