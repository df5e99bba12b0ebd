import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { KubeConfig, Log } from '@kubernetes/client-node';
import { virtualClusterLogsReadPermission } from '@virtual-clusters/plugin-virtual-clusters-common';
import { principalName } from '@virtual-clusters/plugin-virtual-clusters-node';
import { PassThrough, Readable } from 'node:stream';
import { CallerKubeConfigs } from '../../kubeconfig/CallerKubeConfigs';
import { toApiError } from '../../kubernetes/errors';
import { KubernetesClient } from '../../kubernetes/KubernetesClient';
import {
  toApi,
  VirtualClusterService,
} from '../../services/VirtualClusterService';
import { requireRunning } from './requireRunning';

/** Lines from the end when the caller does not say. */
export const DEFAULT_TAIL_LINES = 500;
/** How long a followed log streams when the caller does not say. */
export const DEFAULT_FOLLOW_SECONDS = 300;

/** Which log, and how much of it. */
export interface PodLogRequest {
  container?: string;
  tailLines?: number;
  previous?: boolean;
  timestamps?: boolean;
  follow?: boolean;
  /** With `follow`, when to end (default {@link DEFAULT_FOLLOW_SECONDS}). */
  followSeconds?: number;
}

/** An open log: its text as it comes, until it ends or is stopped. */
export interface PodLogStream {
  /** The container read; '' when Kubernetes was left to choose. */
  container: string;
  text: Readable;
  /** Stops reading (the request to Kubernetes is aborted) and ends `text`. */
  stop(): void;
}

/**
 * Reads container logs through the virtual cluster's API with the caller's own rights
 * inside it (CallerKubeConfigs: their ServiceAccount, manage or read), so Kubernetes'
 * RBAC has the last word; needs `virtualClusterLogsReadPermission` on the cluster.
 * Streams with client-node's `Log`, which answers a refusal with its status only; the
 * message is then read once more as JSON.
 */
export class PodLogService {
  readonly #clusters: VirtualClusterService;
  readonly #callers: CallerKubeConfigs;
  readonly #logger: LoggerService;

  static create(options: {
    clusters: VirtualClusterService;
    callers: CallerKubeConfigs;
    logger: LoggerService;
  }) {
    return new PodLogService(options);
  }

  private constructor(options: Parameters<typeof PodLogService.create>[0]) {
    this.#clusters = options.clusters;
    this.#callers = options.callers;
    this.#logger = options.logger;
  }

  /**
   * Opens a container's log. Without `follow` the stream ends with the log; with it,
   * new lines come until `followSeconds` passed or {@link PodLogStream.stop}.
   *
   * @throws NotFoundError when the pod does not exist
   * @throws InputError with Kubernetes' message, e.g. a container the pod lacks
   * @throws NotAllowedError when the caller's role inside refuses
   */
  async open(
    id: string,
    pod: { namespace: string; name: string },
    request: PodLogRequest,
    options: { credentials: BackstageCredentials },
  ): Promise<PodLogStream> {
    const { credentials } = options;
    const record = await this.#clusters.authorized(
      id,
      virtualClusterLogsReadPermission,
      credentials,
    );
    const cluster = toApi(record);
    requireRunning(cluster, 'logs can be read');
    if ((credentials.principal as { type?: string }).type === 'user') {
      await this.#clusters.noteActivity(record, 'view');
    }
    const caller = await this.#callers.forCaller(cluster, credentials);
    const errorOptions = {
      notFound: `Pod ${pod.namespace}/${pod.name} not found in ${cluster.name}`,
      failed: `Could not read the log of ${pod.namespace}/${pod.name} in ${cluster.name}`,
    };
    const container =
      request.container ??
      (await onlyContainer(caller.kubeConfig, pod).catch(error => {
        throw toApiError(error, errorOptions);
      }));
    const query = {
      previous: request.previous ?? false,
      timestamps: request.timestamps ?? false,
      tailLines: request.tailLines ?? DEFAULT_TAIL_LINES,
    };
    const text = new PassThrough();
    // Log pipes the answer into `text`; when aborted, node-fetch fails the answer's
    // body, which Log does not listen to: that ends the text
    text.on('pipe', source => source.on('error', () => text.end()));
    let controller: AbortController;
    try {
      controller = await new Log(caller.kubeConfig).log(
        pod.namespace,
        pod.name,
        container,
        text,
        { ...query, follow: request.follow ?? false },
      );
    } catch (error) {
      throw toApiError(
        await refusal(caller.kubeConfig, pod, container, query, error),
        errorOptions,
      );
    }
    let timer: NodeJS.Timeout | undefined;
    const stop = () => {
      clearTimeout(timer);
      controller.abort();
      text.end();
    };
    if (request.follow) {
      const seconds = request.followSeconds ?? DEFAULT_FOLLOW_SECONDS;
      timer = setTimeout(stop, seconds * 1000);
    }
    text.on('end', () => clearTimeout(timer));
    this.#logger.info('Pod log read', {
      clusterId: id,
      cluster: cluster.name,
      namespace: pod.namespace,
      pod: pod.name,
      container,
      follow: Boolean(request.follow),
      actor: principalName(credentials),
      serviceAccount: caller.serviceAccount,
    });
    return { container, text, stop };
  }
}

/** The pod's container when it has one only; else '' (Kubernetes answers which to choose). */
async function onlyContainer(
  kc: KubeConfig,
  pod: { namespace: string; name: string },
): Promise<string> {
  const client = KubernetesClient.create(kc);
  try {
    const read = await client.request<{
      spec?: { containers?: Array<{ name: string }> };
    }>(
      'GET',
      `/api/v1/namespaces/${encodeURIComponent(
        pod.namespace,
      )}/pods/${encodeURIComponent(pod.name)}`,
    );
    const containers = read.spec?.containers ?? [];
    return containers.length === 1 ? containers[0].name : '';
  } finally {
    await client.close();
  }
}

/**
 * Why Kubernetes refused a log: `Log` keeps the status only, so the same log is asked
 * for once more, without following, for the answer's message.
 */
async function refusal(
  kc: KubeConfig,
  pod: { namespace: string; name: string },
  container: string,
  query: { previous: boolean; timestamps: boolean; tailLines: number },
  error: unknown,
): Promise<unknown> {
  const client = KubernetesClient.create(kc);
  try {
    await client.request(
      'GET',
      `/api/v1/namespaces/${encodeURIComponent(
        pod.namespace,
      )}/pods/${encodeURIComponent(pod.name)}/log`,
      {
        query: {
          container: container || undefined,
          previous: String(query.previous),
          timestamps: String(query.timestamps),
          tailLines: String(query.tailLines),
        },
      },
    );
    return error;
  } catch (detailed) {
    return detailed;
  } finally {
    await client.close();
  }
}
