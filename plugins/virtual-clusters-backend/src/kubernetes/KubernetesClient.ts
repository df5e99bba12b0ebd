import { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import https from 'node:https';
import { KubeObject, ResourceType } from './objects';

/** An API server answer outside 2xx; `code` and `body` as @kubernetes/client-node has them. */
export class KubernetesRequestError extends Error {
  readonly code: number;
  readonly body: unknown;

  constructor(code: number, body: unknown, path: string) {
    const message = (body as { message?: string } | undefined)?.message;
    super(`${code} from ${path}${message ? `: ${message}` : ''}`);
    this.name = 'KubernetesRequestError';
    this.code = code;
    this.body = body;
  }
}

const TIMEOUT_MS = 30_000;
const PAGE_SIZE = 500;

type Discovery = {
  groups: Array<{ group: string; version: string }>;
  warnings: string[];
};

/**
 * A small JSON client for any resource type, on the connection settings of a
 * KubeConfig. Unlike `KubernetesObjectApi` it hands objects over exactly as the API
 * server sends them (no typed models that drop unknown fields or turn timestamps into
 * Dates), which a backup needs.
 */
export class KubernetesJsonClient {
  readonly #kc: KubeConfig;
  readonly #server: URL;
  /** Connection options (TLS agent, auth headers), made once per client. */
  #options?: Promise<https.RequestOptions>;

  constructor(kc: KubeConfig) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('The kubeconfig has no current cluster');
    this.#kc = kc;
    this.#server = new URL(cluster.server);
  }

  async request<T>(
    method: 'GET' | 'PATCH' | 'POST' | 'DELETE',
    path: string,
    options: {
      query?: Record<string, string | undefined>;
      body?: unknown;
      contentType?: string;
    } = {},
  ): Promise<T> {
    const url = new URL(
      this.#server.pathname.replace(/\/$/, '') + path,
      this.#server,
    );
    for (const [k, v] of Object.entries(options.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, v);
    }
    const opts = await (this.#options ??= this.#connectionOptions());
    const payload =
      options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string | number> = {
      ...(opts.headers as Record<string, string>),
      Accept: 'application/json',
    };
    if (payload !== undefined) {
      headers['Content-Type'] = options.contentType ?? 'application/json';
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    const send = url.protocol === 'https:' ? https.request : http.request;
    const { status, text } = await new Promise<{
      status: number;
      text: string;
    }>((resolve, reject) => {
      const req = send(
        url,
        { ...opts, method, headers, timeout: TIMEOUT_MS },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', chunk => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`${method} ${path} timed out`)),
      );
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
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

  async #connectionOptions(): Promise<https.RequestOptions> {
    const opts: https.RequestOptions = { headers: {} };
    await this.#kc.applyToHTTPSOptions(opts);
    return opts;
  }

  /** The API server's version, e.g. `v1.36.3`. */
  async serverVersion(): Promise<string> {
    const v = await this.request<{ gitVersion?: string }>('GET', '/version');
    return v.gitVersion ?? 'unknown';
  }

  /**
   * Every resource type the API server serves, in each group's preferred version.
   * A group whose discovery fails (an unavailable aggregated API) is reported in
   * `warnings`; the rest is returned.
   */
  async resourceTypes(): Promise<{
    types: ResourceType[];
    warnings: string[];
  }> {
    const { groups, warnings } = await this.#groups();
    const lists = await Promise.all(
      groups.map(async ({ group, version }) => {
        const apiVersion = group ? `${group}/${version}` : version;
        const path = group ? `/apis/${apiVersion}` : `/api/${version}`;
        try {
          const list = await this.request<{
            resources: Array<{
              name: string;
              kind: string;
              namespaced: boolean;
              verbs?: string[];
            }>;
          }>('GET', path);
          return list.resources.map(
            (r): ResourceType => ({
              group,
              version,
              apiVersion,
              kind: r.kind,
              name: r.name,
              namespaced: r.namespaced,
              verbs: r.verbs ?? [],
            }),
          );
        } catch (error) {
          warnings.push(
            `API ${apiVersion} is unavailable: ${(error as Error).message}`,
          );
          return [];
        }
      }),
    );
    return { types: lists.flat(), warnings };
  }

  async #groups(): Promise<Discovery> {
    const core = await this.request<{ versions: string[] }>('GET', '/api');
    const apis = await this.request<{
      groups: Array<{ name: string; preferredVersion?: { version: string } }>;
    }>('GET', '/apis');
    return {
      groups: [
        ...core.versions.slice(0, 1).map(version => ({ group: '', version })),
        ...apis.groups
          .filter(g => g.preferredVersion)
          .map(g => ({ group: g.name, version: g.preferredVersion!.version })),
      ],
      warnings: [],
    };
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

  /** Server-side apply of one object; returns the object as stored. */
  async apply(
    type: ResourceType,
    object: KubeObject,
    fieldManager: string,
  ): Promise<KubeObject> {
    return this.request<KubeObject>(
      'PATCH',
      KubernetesJsonClient.objectPath(
        type,
        object.metadata.name,
        object.metadata.namespace,
      ),
      {
        query: { fieldManager, force: 'true' },
        body: object,
        contentType: 'application/apply-patch+yaml',
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
        KubernetesJsonClient.objectPath(type, name, namespace),
      );
    } catch (error) {
      if (error instanceof KubernetesRequestError && error.code === 404) {
        return undefined;
      }
      throw error;
    }
  }
}
