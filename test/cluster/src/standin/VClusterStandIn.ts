import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { HOST_NODE, mirrorPods, MANAGED_BY } from './PodMirror.ts';
import {
  type PlaneEnvironment,
  VirtualControlPlane,
} from './VirtualControlPlane.ts';

const GROUP = 'infrastructure.cluster.x-k8s.io';
const VERSION = 'v1alpha1';
const PLURAL = 'vclusters';
const FINALIZER = 'standin.virtual-clusters.dev/cleanup';
/** VClusters with this annotation set to "true" are left alone (benchmarks create many). */
export const IGNORE = 'standin.virtual-clusters.dev/ignore';
const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

interface VCluster {
  metadata: {
    name: string;
    namespace: string;
    generation?: number;
    deletionTimestamp?: string;
    finalizers?: string[];
  };
  spec?: { helmRelease?: { values?: string; chart?: { version?: string } } };
  status?: {
    ready?: boolean;
    phase?: string;
    conditions?: Array<{ type: string; status: string }>;
  };
}

interface Values {
  controlPlane?: {
    distro?: { k3s?: { enabled?: boolean }; k8s?: { enabled?: boolean } };
    proxy?: { extraSANs?: string[] };
  };
}

const log = (message: string) =>
  process.stdout.write(`[standin ${new Date().toISOString()}] ${message}\n`);

/**
 * Plays cluster-api-provider-vcluster and the vcluster syncer for each VCluster on the
 * host: creates what the chart would, runs a virtual control plane, exposes it on its
 * own loopback address, writes the kubeconfig Secret, sets the status, mirrors pods,
 * honours pause (StatefulSet scaled to 0) and deletion.
 */
export class VClusterStandIn {
  readonly #core: CoreV1Api;
  readonly #apps: AppsV1Api;
  readonly #custom: CustomObjectsApi;
  readonly #env: PlaneEnvironment;
  readonly #planes = new Map<string, VirtualControlPlane>();
  readonly #starting = new Set<string>();

  constructor(host: KubeConfig, env: PlaneEnvironment) {
    this.#core = host.makeApiClient(CoreV1Api);
    this.#apps = host.makeApiClient(AppsV1Api);
    this.#custom = host.makeApiClient(CustomObjectsApi);
    this.#env = env;
  }

  /** One pass over every VCluster on the host. */
  async reconcileAll(): Promise<void> {
    const list = (await this.#custom.listClusterCustomObject({
      group: GROUP,
      version: VERSION,
      plural: PLURAL,
    })) as { items: VCluster[] };
    const served = list.items.filter(
      vc =>
        (vc.metadata as { annotations?: Record<string, string> }).annotations?.[
          IGNORE
        ] !== 'true',
    );
    await Promise.all(
      served.map(vc =>
        this.#reconcile(vc).catch(error =>
          log(
            `${vc.metadata.namespace}/${vc.metadata.name}: ${
              error?.body ?? error
            }`,
          ),
        ),
      ),
    );
  }

  #addressFor(key: string): string {
    const file = join(this.#env.stateDir, 'addresses.json');
    const table: Record<string, number> = existsSync(file)
      ? JSON.parse(readFileSync(file, 'utf8'))
      : {};
    if (!table[key]) {
      const used = new Set(Object.values(table));
      let n = 2;
      while (used.has(n)) n++;
      table[key] = n;
      writeFileSync(file, JSON.stringify(table, null, 2));
    }
    return `127.0.0.${table[key]}`;
  }

  #releaseAddress(key: string) {
    const file = join(this.#env.stateDir, 'addresses.json');
    if (!existsSync(file)) return;
    const table = JSON.parse(readFileSync(file, 'utf8'));
    delete table[key];
    writeFileSync(file, JSON.stringify(table, null, 2));
  }

  #plane(vc: VCluster, values: Values): VirtualControlPlane {
    const key = `${vc.metadata.namespace}-${vc.metadata.name}`;
    let plane = this.#planes.get(key);
    if (!plane) {
      plane = new VirtualControlPlane({
        namespace: vc.metadata.namespace,
        name: vc.metadata.name,
        address: this.#addressFor(key),
        extraSANs: values.controlPlane?.proxy?.extraSANs ?? [],
        env: this.#env,
      });
      this.#planes.set(key, plane);
    }
    return plane;
  }

  async #reconcile(vc: VCluster) {
    const { name, namespace } = vc.metadata;
    const values: Values = parse(vc.spec?.helmRelease?.values ?? '') ?? {};
    if (vc.metadata.deletionTimestamp) {
      await this.#cleanup(vc, values);
      return;
    }
    if (!vc.metadata.finalizers?.includes(FINALIZER)) {
      await this.#custom.patchNamespacedCustomObject(
        {
          group: GROUP,
          version: VERSION,
          plural: PLURAL,
          namespace,
          name,
          body: {
            metadata: {
              finalizers: [...(vc.metadata.finalizers ?? []), FINALIZER],
            },
          },
        },
        merge,
      );
    }
    const distro = values.controlPlane?.distro?.k8s?.enabled ? 'k8s' : 'k3s';
    const sts = await this.#ensureHostObjects(name, namespace, distro);
    const plane = this.#plane(vc, values);
    const key = plane.key;
    const wanted = (sts.spec?.replicas ?? 1) > 0;

    if (!wanted) {
      if (plane.running()) {
        log(`${key}: paused, stopping the virtual control plane`);
        await plane.stop();
      }
      await this.#deleteMirrors(name, namespace);
      await this.#status(vc, {
        ready: false,
        phase: 'Paused',
        initialized: true,
      });
      return;
    }
    if (!plane.running()) {
      if (this.#starting.has(key)) return;
      this.#starting.add(key);
      try {
        log(
          `${key}: starting the virtual control plane on ${plane.address}:443`,
        );
        await this.#status(vc, {
          ready: false,
          phase: 'Provisioning',
          initialized: false,
        });
        await plane.start();
        await this.#ensureVirtualNode(plane);
        log(`${key}: virtual control plane ready`);
      } finally {
        this.#starting.delete(key);
      }
    }
    await this.#expose(name, namespace, plane);
    await this.#status(vc, {
      ready: true,
      phase: 'Deployed',
      initialized: true,
    });
    const virtual = new KubeConfig();
    virtual.loadFromString(plane.kubeconfig());
    await mirrorPods({ host: this.#core, virtual, namespace, vcluster: name });
  }

  async #ensureHostObjects(
    name: string,
    namespace: string,
    distro: string,
  ): Promise<V1StatefulSet> {
    const labels = { app: 'vcluster', release: name };
    const ignoreConflict = (error: { code?: number }) => {
      if (error.code !== 409) throw error;
    };
    let sts: V1StatefulSet | undefined;
    try {
      sts = await this.#apps.readNamespacedStatefulSet({ name, namespace });
    } catch (error) {
      if ((error as { code?: number }).code !== 404) throw error;
    }
    if (!sts) {
      sts = await this.#apps.createNamespacedStatefulSet({
        namespace,
        body: {
          metadata: {
            name,
            namespace,
            labels: { ...labels, 'vcluster.loft.sh/distro': distro },
          },
          spec: {
            replicas: 1,
            serviceName: `${name}-headless`,
            selector: { matchLabels: labels },
            template: {
              metadata: { labels },
              spec: {
                // placed directly on the fake node: kwok's volume stages bind the PVC
                // without the PV the scheduler would wait for
                nodeName: HOST_NODE,
                automountServiceAccountToken: false,
                containers: [
                  {
                    name: 'syncer',
                    image:
                      distro === 'k3s'
                        ? 'rancher/k3s:standin'
                        : 'registry.k8s.io/kube-apiserver:standin',
                    resources: { requests: { cpu: '200m', memory: '256Mi' } },
                  },
                ],
              },
            },
            volumeClaimTemplates: [
              {
                metadata: { name: 'data' },
                spec: {
                  accessModes: ['ReadWriteOnce'],
                  resources: { requests: { storage: '5Gi' } },
                },
              },
            ],
          },
        },
      });
      await this.#core
        .createNamespacedService({
          namespace,
          body: {
            metadata: { name, namespace, labels },
            spec: {
              type: 'LoadBalancer',
              selector: labels,
              ports: [{ name: 'https', port: 443, targetPort: 8443 }],
            },
          },
        })
        .catch(ignoreConflict);
      await this.#core
        .createNamespacedService({
          namespace,
          body: {
            metadata: { name: `${name}-headless`, namespace, labels },
            spec: {
              clusterIP: 'None',
              selector: labels,
              ports: [{ name: 'https', port: 443, targetPort: 8443 }],
            },
          },
        })
        .catch(ignoreConflict);
      await this.#core
        .createNamespacedSecret({
          namespace,
          body: {
            metadata: { name: `vc-config-${name}`, namespace, labels },
            stringData: { 'config.yaml': `distro: ${distro}\n` },
          },
        })
        .catch(ignoreConflict);
    }
    return sts;
  }

  async #expose(name: string, namespace: string, plane: VirtualControlPlane) {
    const svc = await this.#core.readNamespacedService({ name, namespace });
    if (svc.status?.loadBalancer?.ingress?.[0]?.ip !== plane.address) {
      await this.#core.patchNamespacedServiceStatus(
        {
          name,
          namespace,
          body: {
            status: { loadBalancer: { ingress: [{ ip: plane.address }] } },
          },
        },
        merge,
      );
    }
    const config = Buffer.from(plane.kubeconfig()).toString('base64');
    const data = {
      config,
      'certificate-authority': readFileSync(plane.certs.caCert).toString(
        'base64',
      ),
      'client-certificate': readFileSync(plane.certs.adminCert).toString(
        'base64',
      ),
      'client-key': readFileSync(plane.certs.adminKey).toString('base64'),
    };
    try {
      const secret = await this.#core.readNamespacedSecret({
        name: `vc-${name}`,
        namespace,
      });
      if (secret.data?.config !== config) {
        await this.#core.replaceNamespacedSecret({
          name: `vc-${name}`,
          namespace,
          body: { ...secret, data },
        });
      }
    } catch (error) {
      if ((error as { code?: number }).code !== 404) throw error;
      await this.#core.createNamespacedSecret({
        namespace,
        body: {
          metadata: {
            name: `vc-${name}`,
            namespace,
            labels: { app: 'vcluster', release: name },
          },
          data,
        },
      });
    }
  }

  async #ensureVirtualNode(plane: VirtualControlPlane) {
    const kc = new KubeConfig();
    kc.loadFromString(plane.kubeconfig());
    const core = kc.makeApiClient(CoreV1Api);
    await core
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
      .catch(error => {
        if ((error as { code?: number }).code !== 409) throw error;
      });
  }

  async #status(
    vc: VCluster,
    s: { ready: boolean; phase: string; initialized: boolean },
  ) {
    if (vc.status?.ready === s.ready && vc.status?.phase === s.phase) return;
    const now = new Date().toISOString();
    await this.#custom.patchNamespacedCustomObjectStatus(
      {
        group: GROUP,
        version: VERSION,
        plural: PLURAL,
        namespace: vc.metadata.namespace,
        name: vc.metadata.name,
        body: {
          status: {
            ready: s.ready,
            initialized: s.initialized,
            phase: s.phase,
            observedGeneration: vc.metadata.generation,
            conditions: [
              {
                type: 'Ready',
                status: s.ready ? 'True' : 'False',
                reason: s.phase,
                lastTransitionTime: now,
              },
              {
                type: 'ControlPlaneInitialized',
                status: s.initialized ? 'True' : 'False',
                lastTransitionTime: now,
              },
            ],
          },
        },
      },
      merge,
    );
    vc.status = { ...(vc.status ?? {}), ready: s.ready, phase: s.phase };
  }

  async #deleteMirrors(name: string, namespace: string) {
    await this.#core.deleteCollectionNamespacedPod({
      namespace,
      labelSelector: `${MANAGED_BY}=${name}`,
      gracePeriodSeconds: 0,
    });
  }

  async #cleanup(vc: VCluster, values: Values) {
    const { name, namespace } = vc.metadata;
    const plane = this.#plane(vc, values);
    log(`${plane.key}: deleting`);
    await plane.stop();
    plane.removeFiles();
    const ignoreMissing = (error: { code?: number }) => {
      if (error.code !== 404) throw error;
    };
    await this.#apps
      .deleteNamespacedStatefulSet({ name, namespace })
      .catch(ignoreMissing);
    for (const svc of [name, `${name}-headless`]) {
      await this.#core
        .deleteNamespacedService({ name: svc, namespace })
        .catch(ignoreMissing);
    }
    for (const secret of [`vc-${name}`, `vc-config-${name}`]) {
      await this.#core
        .deleteNamespacedSecret({ name: secret, namespace })
        .catch(ignoreMissing);
    }
    await this.#deleteMirrors(name, namespace).catch(ignoreMissing);
    this.#planes.delete(plane.key);
    this.#releaseAddress(plane.key);
    await this.#custom
      .patchNamespacedCustomObject(
        {
          group: GROUP,
          version: VERSION,
          plural: PLURAL,
          namespace,
          name,
          body: {
            metadata: {
              finalizers: (vc.metadata.finalizers ?? []).filter(
                f => f !== FINALIZER,
              ),
            },
          },
        },
        merge,
      )
      .catch(ignoreMissing);
  }
}
