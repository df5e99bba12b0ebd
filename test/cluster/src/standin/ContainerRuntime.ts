import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  V1Pod,
} from '@kubernetes/client-node';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  containerStartLines,
  containerTickLine,
  criLogLine,
  LOG_TICK_MS,
} from './containerLogs.ts';
import { apiErrorMessage, ignoreStatus } from './errors.ts';
import { MANAGED_BY, HOST_NODE } from './Syncer.ts';

const log = (message: string) =>
  process.stdout.write(`[runtime ${new Date().toISOString()}] ${message}\n`);

const KWOK = { group: 'kwok.x-k8s.io', version: 'v1alpha1', plural: 'logs' };

/** One entry of a `Logs` object's spec.logs (its keys in the order the API server returns them). */
interface LogSpec {
  containers: string[];
  follow: boolean;
  logsFile: string;
  previousLogsFile?: string;
}

/** A container whose log file the runtime appends its periodic line to. */
interface RunningContainer {
  file: string;
  name: string;
  startedAt: number;
}

/**
 * Plays the container runtime of a host's node (`kwok-node-0`) for the pods of virtual
 * clusters that kwok runs there: the synced pods (`vcluster.loft.sh/managed-by`) and the
 * vcluster control-plane pods (`app=vcluster`). For each container it writes the output
 * of containerLogs.ts's rule into a CRI log file where the kubelet keeps them
 * (kubelet v1.36.3 pkg/kubelet/kuberuntime/helpers.go BuildContainerLogsDirectory and
 * buildContainerLogsPath: `<pods dir>/<namespace>_<pod>_<uid>/<container>/<restart
 * count>.log`; the pods dir is `$VC_PLANE_STATE/pod-logs/<host>` here), and points the
 * host's kwok at them with a `Logs` object of the pod's name and namespace (kwok v0.8.0
 * pkg/apis/v1alpha1/logs_types.go; served by pkg/kwok/server/debugging_logs.go from
 * `logsFile`, or `previousLogsFile` for `previous=true`), owned by the pod so that the
 * host's garbage collector deletes it with the pod. A pod's folder goes with the pod
 * (the kubelet's container garbage collection).
 */
export class ContainerRuntime {
  readonly #core: CoreV1Api;
  readonly #custom: CustomObjectsApi;
  readonly #dir: string;
  /** `Logs` specs as last written, by pod uid. */
  readonly #written = new Map<string, string>();
  readonly #running = new Map<string, RunningContainer>();
  readonly #timer: NodeJS.Timeout;
  readonly #reported = new Set<string>();
  /** Log files of runs that ended (a restarted container writes the next file). */
  readonly #exited = new Set<string>();

  constructor(
    host: KubeConfig,
    options: {
      stateDir: string;
      hostName: string;
    },
  ) {
    this.#core = host.makeApiClient(CoreV1Api);
    this.#custom = host.makeApiClient(CustomObjectsApi);
    this.#dir = join(options.stateDir, 'pod-logs', options.hostName || 'local');
    mkdirSync(this.#dir, { recursive: true });
    this.#timer = setInterval(() => this.#tick(), LOG_TICK_MS);
    this.#timer.unref();
  }

  shutdown() {
    clearInterval(this.#timer);
  }

  /** The log file of run `restartCount` of a container, made with its start lines if new. */
  containerStarted(
    pod: V1Pod,
    containerName: string,
    restartCount: number,
  ): string {
    const meta = pod.metadata!;
    const dir = join(
      this.#dir,
      `${meta.namespace}_${meta.name}_${meta.uid}`,
      containerName,
    );
    const file = join(dir, `${restartCount}.log`);
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      const container = (pod.spec?.containers ?? []).find(
        c => c.name === containerName,
      ) ?? { name: containerName };
      writeFileSync(
        file,
        containerStartLines(container)
          .map(line => criLogLine(line))
          .join(''),
      );
    }
    return file;
  }

  /** A line the container prints (e.g. the error it exits with). */
  print(file: string, text: string) {
    appendFileSync(file, criLogLine(text));
  }

  /** The run of a container that wrote `file` ended: it prints nothing more. */
  exited(file: string) {
    this.#exited.add(file);
    for (const [key, c] of this.#running) {
      if (c.file === file) this.#running.delete(key);
    }
  }

  #tick() {
    const now = Date.now();
    for (const [key, c] of this.#running) {
      if (this.#exited.has(c.file)) continue;
      try {
        this.print(
          c.file,
          containerTickLine(c.name, Math.round((now - c.startedAt) / 1000)),
        );
      } catch {
        this.#running.delete(key); // the pod's folder is gone
      }
    }
  }

  /** One pass over the pods on the host's node. */
  async reconcileAll(): Promise<void> {
    const pods = await this.#core.listPodForAllNamespaces({
      fieldSelector: `spec.nodeName=${HOST_NODE}`,
    });
    const live = new Set<string>();
    const running = new Map<string, RunningContainer>();
    for (const pod of pods.items) {
      const labels = pod.metadata?.labels ?? {};
      const ours = MANAGED_BY in labels || labels.app === 'vcluster';
      if (!ours || pod.metadata?.deletionTimestamp) continue;
      if (pod.status?.phase !== 'Running') continue;
      const uid = pod.metadata!.uid!;
      live.add(`${pod.metadata!.namespace}_${pod.metadata!.name}_${uid}`);
      const logs: LogSpec[] = [];
      for (const container of pod.spec?.containers ?? []) {
        const status = pod.status?.containerStatuses?.find(
          s => s.name === container.name,
        );
        const restarts = status?.restartCount ?? 0;
        const file = this.containerStarted(pod, container.name, restarts);
        const previous = join(file, '..', `${restarts - 1}.log`);
        logs.push({
          containers: [container.name],
          follow: true,
          logsFile: file,
          ...(restarts > 0 && existsSync(previous)
            ? { previousLogsFile: previous }
            : {}),
        });
        const startedAt = status?.state?.running?.startedAt;
        if (startedAt && !this.#exited.has(file)) {
          running.set(`${uid}/${container.name}/${restarts}`, {
            file,
            name: container.name,
            startedAt: new Date(startedAt).getTime(),
          });
        }
      }
      // a pod's trouble (e.g. kwok's Logs CRD not installed) is that pod's alone
      await this.#ensureLogs(pod, logs).catch(error => {
        const message = `${pod.metadata!.namespace}/${
          pod.metadata!.name
        }: Logs: ${apiErrorMessage(error)}`;
        if (!this.#reported.has(message)) log(message);
        this.#reported.add(message);
      });
    }
    this.#running.clear();
    for (const [key, c] of running) this.#running.set(key, c);
    // what is left of pods that are gone
    for (const dir of readdirSync(this.#dir)) {
      if (live.has(dir)) continue;
      rmSync(join(this.#dir, dir), { recursive: true, force: true });
      for (const file of this.#exited) {
        if (file.startsWith(join(this.#dir, dir, '/')))
          this.#exited.delete(file);
      }
      const uid = dir.slice(dir.lastIndexOf('_') + 1);
      this.#written.delete(uid);
    }
  }

  async #ensureLogs(pod: V1Pod, logs: LogSpec[]) {
    const meta = pod.metadata!;
    const spec = JSON.stringify({ logs });
    if (this.#written.get(meta.uid!) === spec) return;
    const body = {
      apiVersion: `${KWOK.group}/${KWOK.version}`,
      kind: 'Logs',
      metadata: {
        name: meta.name,
        namespace: meta.namespace,
        ownerReferences: [
          { apiVersion: 'v1', kind: 'Pod', name: meta.name, uid: meta.uid },
        ],
      },
      spec: { logs },
    };
    const existing = (await this.#custom
      .getNamespacedCustomObject({
        ...KWOK,
        namespace: meta.namespace!,
        name: meta.name!,
      })
      .catch(ignoreStatus(404))) as
      | {
          metadata: {
            resourceVersion?: string;
            ownerReferences?: Array<{ uid: string }>;
          };
          spec?: unknown;
        }
      | undefined;
    if (!existing) {
      await this.#custom.createNamespacedCustomObject({
        ...KWOK,
        namespace: meta.namespace!,
        body,
      });
    } else if (
      JSON.stringify(existing.spec) !== spec ||
      existing.metadata.ownerReferences?.[0]?.uid !== meta.uid
    ) {
      await this.#custom.replaceNamespacedCustomObject({
        ...KWOK,
        namespace: meta.namespace!,
        name: meta.name!,
        body: {
          ...body,
          metadata: {
            ...body.metadata,
            resourceVersion: existing.metadata.resourceVersion,
          },
        },
      });
    }
    this.#written.set(meta.uid!, spec);
  }
}
