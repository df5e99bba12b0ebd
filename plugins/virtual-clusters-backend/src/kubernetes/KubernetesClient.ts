import { KubeConfig } from '@kubernetes/client-node';
import fetch, { Headers, RequestInit } from 'node-fetch';
import { SERVER_SIDE_APPLY } from './apply';
import { discoverResourceTypes } from './discovery';
import { isNotFound, KubernetesRequestError } from './errors';
import { KubeObject, ResourceType } from './types';

const DEFAULT_TIMEOUT_MS = 30_000;
const PAGE_SIZE = 500;

/** What a request of {@link KubernetesClient} may carry. */
export interface KubernetesRequestOptions {
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  /** Aborts the request early; the client's own timeout applies too. */
  signal?: AbortSignal;
}

/**
 * A small JSON client for any resource type, on the connection settings of a
 * KubeConfig (`applyToFetchOptions`: TLS agent, auth headers, made once per client).
 * Unlike `KubernetesObjectApi` it hands objects over exactly as the API server sends
 * them (no typed models that drop unknown fields or turn timestamps into Dates),
 * which a backup needs, and it reaches non-resource paths such as `/readyz`.
 */
export class KubernetesClient {
  readonly #kc: KubeConfig;
  readonly #server: URL;
  readonly #timeoutMs: number;
  #init?: Promise<RequestInit>;

  /**
   * @param options.timeoutMs - longest wait for one answer (default 30 s)
   * @throws Error when the kubeconfig has no current cluster
   */
  static create(kc: KubeConfig, options: { timeoutMs?: number } = {}) {
    return new KubernetesClient(kc, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  private constructor(kc: KubeConfig, timeoutMs: number) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('The kubeconfig has no current cluster');
    this.#kc = kc;
    this.#server = new URL(cluster.server);
    this.#timeoutMs = timeoutMs;
  }

  /**
   * One request; the status and the text of the answer, whatever the status.
   *
   * @throws Error on a network failure or when no answer came within the timeout
   */
  async requestText(
    method: 'GET' | 'PATCH' | 'POST' | 'DELETE',
    path: string,
    options: KubernetesRequestOptions = {},
  ): Promise<{ status: number; text: string }> {
    const url = new URL(
      this.#server.pathname.replace(/\/$/, '') + path,
      this.#server,
    );
    for (const [k, v] of Object.entries(options.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, v);
    }
    const init = await (this.#init ??= this.#kc.applyToFetchOptions({
      headers: {},
    }));
    const headers = new Headers(init.headers);
    headers.set('Accept', 'application/json');
    const body =
      options.body === undefined ? undefined : JSON.stringify(options.body);
    if (body !== undefined) {
      headers.set('Content-Type', options.contentType ?? 'application/json');
    }
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const signal = options.signal
      ? AbortSignal.any([timeout, options.signal])
      : timeout;
    try {
      const response = await fetch(url.toString(), {
        agent: init.agent,
        method,
        headers,
        body,
        signal: signal as RequestInit['signal'],
      });
      return { status: response.status, text: await response.text() };
    } catch (error) {
      if (timeout.aborted && !options.signal?.aborted) {
        throw new Error(
          `${method} ${path} timed out: no answer within ${this.#timeoutMs} ms`,
        );
      }
      throw error;
    }
  }

  /**
   * One request whose answer is JSON.
   *
   * @throws KubernetesRequestError when the API server answers outside 2xx
   */
  async request<T>(
    method: 'GET' | 'PATCH' | 'POST' | 'DELETE',
    path: string,
    options: KubernetesRequestOptions = {},
  ): Promise<T> {
    const { status, text } = await this.requestText(method, path, options);
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = { message: text.slice(0, 200) };
    }
    if (status < 200 || status > 299) {
      throw new KubernetesRequestError(status, body, path);
    }
    return body as T;
  }

  /** The API server's version, e.g. `v1.36.3`. */
  async serverVersion(): Promise<string> {
    const v = await this.request<{ gitVersion?: string }>('GET', '/version');
    return v.gitVersion ?? 'unknown';
  }

  /** Every resource type the API server serves; see {@link discoverResourceTypes}. */
  resourceTypes(): Promise<{ types: ResourceType[]; warnings: string[] }> {
    return discoverResourceTypes(this);
  }

  /** Every object of a type, across namespaces, page by page; with apiVersion and kind set. */
  async listAll(type: ResourceType): Promise<KubeObject[]> {
    const base = type.group
      ? `/apis/${type.apiVersion}/${type.name}`
      : `/api/${type.version}/${type.name}`;
    const items: KubeObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.request<{
        items: KubeObject[];
        metadata?: { continue?: string };
      }>('GET', base, {
        query: { limit: String(PAGE_SIZE), continue: token },
      });
      for (const item of page.items ?? []) {
        items.push({ ...item, apiVersion: type.apiVersion, kind: type.kind });
      }
      token = page.metadata?.continue || undefined;
    } while (token);
    return items;
  }

  /** The path of one object of a type. */
  static objectPath(
    type: ResourceType,
    name: string,
    namespace?: string,
  ): string {
    const root = type.group
      ? `/apis/${type.apiVersion}`
      : `/api/${type.version}`;
    const ns =
      type.namespaced && namespace
        ? `/namespaces/${encodeURIComponent(namespace)}`
        : '';
    return `${root}${ns}/${type.name}/${encodeURIComponent(name)}`;
  }

  /**
   * Server-side apply of one object, as the plugin applies everything (see
   * SERVER_SIDE_APPLY); returns the object as stored.
   *
   * @param fieldManager - the manager to apply as; the plugin's own by default
   */
  async apply(
    type: ResourceType,
    object: KubeObject,
    fieldManager: string = SERVER_SIDE_APPLY.query.fieldManager,
  ): Promise<KubeObject> {
    return this.request<KubeObject>(
      'PATCH',
      KubernetesClient.objectPath(
        type,
        object.metadata.name,
        object.metadata.namespace,
      ),
      {
        query: { ...SERVER_SIDE_APPLY.query, fieldManager },
        body: object,
        contentType: SERVER_SIDE_APPLY.contentType,
      },
    );
  }

  /** Reads one object; undefined when it does not exist. */
  async read(
    type: ResourceType,
    name: string,
    namespace?: string,
  ): Promise<KubeObject | undefined> {
    try {
      return await this.request<KubeObject>(
        'GET',
        KubernetesClient.objectPath(type, name, namespace),
      );
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Closes the connections of the client's agent; the client may not be used after. */
  async close(): Promise<void> {
    const init = await this.#init?.catch(() => undefined);
    const agent = init?.agent as { destroy?: () => void } | undefined;
    agent?.destroy?.();
    this.#init = undefined;
  }
}
