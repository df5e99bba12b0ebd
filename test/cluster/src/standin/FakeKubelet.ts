import {
  AuthenticationV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  KubeConfig,
  V1Pod,
} from '@kubernetes/client-node';
import { readFileSync, statSync } from 'node:fs';
import {
  createServer,
  request,
  type RequestOptions,
  type Server,
} from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { PlaneCertificates } from './certificates.ts';
import { statusOf } from './errors.ts';
import { hostName } from './names.ts';

// the kubelet subpaths as vcluster tells them apart (pkg/server/filters/metrics.go v0.32.3)
const isStats = (path: string) => path.endsWith('/stats/summary');
const isMetrics = (path: string) =>
  [
    '/metrics',
    '/metrics/cadvisor',
    '/metrics/probes',
    '/metrics/resource',
    '/metrics/resource/v1alpha1',
    '/metrics/resource/v1beta1',
  ].some(suffix => path.endsWith(suffix));
const isPods = (path: string) =>
  /\/(running)?pods$/.test(path.replace(/\/+$/, ''));

/** net/http/httputil's hopHeaders. */
const HOP_BY_HOP = [
  'connection',
  'proxy-connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

/** The caller of a request, as the apiserver's authenticators name it. */
interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** A metav1.Status failure, as responsewriters.ErrorNegotiated writes it (JSON). */
function writeStatus(
  res: ServerResponse,
  code: number,
  reason: string,
  message: string,
  details?: Record<string, string>,
) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(
    `${JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      ...(details ? { details } : {}),
      code,
    })}\n`,
  );
}

/** A client-node error's Status body passed on, as ErrorNegotiated does with an API error. */
function writeApiError(res: ServerResponse, error: unknown) {
  const body = (error as { body?: unknown }).body;
  const status =
    typeof body === 'string'
      ? (() => {
          try {
            return JSON.parse(body);
          } catch {
            return undefined;
          }
        })()
      : body;
  if (status && typeof status === 'object' && 'code' in status) {
    const s = status as {
      code: number;
      reason?: string;
      message?: string;
      details?: Record<string, string>;
    };
    writeStatus(res, s.code, s.reason ?? '', s.message ?? '', s.details);
    return;
  }
  writeStatus(
    res,
    500,
    'InternalError',
    `Internal error occurred: ${(error as Error).message ?? error}`,
  );
}

/** An error as the kubelet's go-restful WriteError writes it: the text, no Status. */
function writeKubeletError(res: ServerResponse, code: number, text: string) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** A host failure answer, its Status message (or the body as it is) as a kubelet error. */
function unwrapStatus(
  answer: IncomingMessage,
  code: number,
  res: ServerResponse,
) {
  let body = '';
  answer.setEncoding('utf8');
  answer.on('data', chunk => {
    body += chunk;
  });
  answer.on('error', () => res.destroy());
  answer.on('end', () => {
    let text = body;
    try {
      const status = JSON.parse(body) as { kind?: string; message?: string };
      if (status.kind === 'Status' && typeof status.message === 'string') {
        text = status.message;
      }
    } catch {
      // not a Status: passed on as it is
    }
    writeKubeletError(res, code, text);
  });
}

/** runtime.Convert_Slice_string_To_bool: only "0" and "false" (any case) are false. */
const queryBool = (value: string) => value !== '0' && !/^false$/i.test(value);

/** string_to_int64 (strconv.ParseInt base 10, 64 bits), else undefined. */
function queryInt64(value: string): string | undefined {
  if (!/^[+-]?\d+$/.test(value)) return undefined;
  const n = BigInt(value);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n.toString() : undefined;
}

/**
 * The kubelet's containerLogs query as PodLogOptions (v1.36.3 pkg/kubelet/server/
 * server.go getContainerLogs: `tail` for tailLines, `tail=all` for none; decoded by the
 * v1 parameter codec, the first value of each), encoded as the host's pods/log query, as
 * LogLocation encodes them for a kubelet (pkg/registry/core/pod/strategy.go); undefined
 * when the query does not decode.
 */
export function podLogQuery(
  container: string,
  query: URLSearchParams,
): string | undefined {
  const get = (key: string) => query.getAll(key)[0];
  const options = new URLSearchParams({ container });
  const tail = get('tail');
  let tailLines: string | undefined = get('tailLines');
  if (tail) tailLines = tail === 'all' ? undefined : tail;
  for (const key of ['follow', 'previous', 'timestamps']) {
    const value = get(key);
    if (value !== undefined && queryBool(value)) options.set(key, 'true');
  }
  const sinceSeconds = get('sinceSeconds');
  if (sinceSeconds !== undefined) {
    const n = queryInt64(sinceSeconds);
    if (n === undefined) return undefined;
    options.set('sinceSeconds', n);
  }
  const sinceTime = get('sinceTime');
  if (sinceTime !== undefined && sinceTime !== '' && sinceTime !== 'null') {
    // metav1.Time.UnmarshalQueryParameter: time.RFC3339; LogLocation formats it again
    // with second precision
    if (
      !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(
        sinceTime,
      )
    ) {
      return undefined;
    }
    const ms = Date.parse(sinceTime.replace(/(\.\d{3})\d+/, '$1'));
    if (Number.isNaN(ms)) return undefined;
    options.set(
      'sinceTime',
      new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    );
  }
  for (const [key, value] of [
    ['tailLines', tailLines],
    ['limitBytes', get('limitBytes')],
  ] as const) {
    if (value === undefined) continue;
    const n = queryInt64(value);
    if (n === undefined) return undefined;
    options.set(key, n);
  }
  return options.toString();
}

/**
 * vcluster's fake kubelet for one virtual cluster (loft-sh/vcluster v0.32.3): the HTTPS
 * endpoint the virtual nodes' kubelet endpoint (InternalIP, port 10250) points at, where
 * the virtual API server sends pods/log. In vcluster it is the syncer's own server
 * (pkg/server/server.go), reached through the node Service; here a listener of the
 * stand-in on `<address>:10250` with the virtual cluster's serving certificate. It does
 * what that server's chain does for a kubelet request:
 *
 * - authenticates the caller: a client certificate of the virtual cluster's CA, a bearer
 *   token by TokenReview, else anonymous (pkg/server/server.go ServeOnListenerTLS);
 * - finds the virtual node the request is addressed to (pkg/server/filters/nodename.go:
 *   by the Host header; here the node's InternalIP) and authorizes with a
 *   SubjectAccessReview inside the virtual cluster (pkg/authorization/kubeletauthorizer/
 *   authorizer.go: `get nodes/proxy` for /containerLogs/ and /pods, `nodes/stats`,
 *   `nodes/metrics`, else the path);
 * - rewrites the path to the host's `/api/v1/nodes/<node>/proxy/<path>`
 *   (pkg/server/filters/kubelet.go WithFakeKubelet) and applies the subpath allowlist
 *   (pkg/server/filters/metrics.go enforceKubeletSubpathAllowlist): for
 *   containerLogs, the container must be one of the virtual pod's (else Forbidden
 *   "access denied: pod does not belong to this virtual cluster").
 *
 * containerLogs then goes where vcluster's proxy sends a pods/log request (pkg/server/
 * filters/redirect.go WithRedirect, v0.32.3): to the host API server's pods/log of the
 * host pod (the syncer's namespace and name), the kubelet's query turned into
 * PodLogOptions, streamed back unbuffered with the host credentials (streamNodeRequest),
 * so `-f` follows. Not upstream's nodes/proxy: the host's nodes are on loopback, which
 * the host refuses to proxy to (isProxyableHostname), while its pods/log dials any node.
 *
 * /metrics, /stats/summary and /pods, which vcluster rewrites to the virtual cluster's
 * names, answer 501 here (not modelled); other subpaths are forwarded as they are to the
 * host's nodes/proxy, as vcluster does for nodes that are not shared host nodes (the host
 * refuses them: "address not allowed").
 */
export class FakeKubelet {
  readonly #address: string;
  readonly #port: number;
  readonly #certs: PlaneCertificates;
  readonly #virtualCore: CoreV1Api;
  readonly #authentication: AuthenticationV1Api;
  readonly #authorization: AuthorizationV1Api;
  readonly #host: KubeConfig;
  readonly #hostNamespace: string;
  readonly #vcluster: string;
  readonly #log: (message: string) => void;
  #server?: Server;
  #certificateStamp = '';

  constructor(options: {
    address: string;
    port: number;
    certs: PlaneCertificates;
    virtual: KubeConfig;
    host: KubeConfig;
    hostNamespace: string;
    vcluster: string;
    log: (message: string) => void;
  }) {
    this.#address = options.address;
    this.#port = options.port;
    this.#certs = options.certs;
    this.#virtualCore = options.virtual.makeApiClient(CoreV1Api);
    this.#authentication = options.virtual.makeApiClient(AuthenticationV1Api);
    this.#authorization = options.virtual.makeApiClient(AuthorizationV1Api);
    this.#host = options.host;
    this.#hostNamespace = options.hostNamespace;
    this.#vcluster = options.vcluster;
    this.#log = options.log;
  }

  get listening(): boolean {
    return this.#server?.listening ?? false;
  }

  #stamp(): string {
    return [this.#certs.serverCert, this.#certs.serverKey]
      .map(f => statSync(f).mtimeMs)
      .join('/');
  }

  #tls() {
    return {
      cert: readFileSync(this.#certs.serverCert),
      key: readFileSync(this.#certs.serverKey),
      ca: readFileSync(this.#certs.caCert),
    };
  }

  /** Listens on `<address>:<port>`; resolves once it does. */
  async start(): Promise<void> {
    if (this.#server) return;
    this.#certificateStamp = this.#stamp();
    const server = createServer(
      { ...this.#tls(), requestCert: true, rejectUnauthorized: false },
      (req, res) => {
        this.#handle(req, res).catch(error => {
          this.#log(`fake kubelet: ${error}`);
          writeApiError(res, error);
        });
      },
    );
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, this.#address, () => {
        server.off('error', reject);
        resolve();
      });
    }).catch(error => {
      this.#server = undefined;
      throw error;
    });
  }

  /** Serves a reissued serving certificate (the cert syncer's new SANs) from now on. */
  refreshCertificate() {
    if (!this.#server) return;
    const stamp = this.#stamp();
    if (stamp === this.#certificateStamp) return;
    this.#certificateStamp = stamp;
    this.#server.setSecureContext(this.#tls());
  }

  /** Stops listening and ends the open streams (the syncer's container ends). */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    await new Promise<void>(resolve => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  async #authenticate(
    req: IncomingMessage,
  ): Promise<UserInfo | 'unauthorized'> {
    const socket = req.socket as TLSSocket;
    const cert = socket.getPeerCertificate();
    if (cert && Object.keys(cert).length > 0) {
      // the x509 authenticator: CN is the user, O the groups
      if (!socket.authorized) return 'unauthorized';
      const o = cert.subject.O;
      const organizations = o === undefined ? [] : ([] as string[]).concat(o);
      return {
        username: String(cert.subject.CN),
        groups: [...organizations, 'system:authenticated'],
      };
    }
    const authorization = req.headers.authorization ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (bearer) {
      const review = await this.#authentication.createTokenReview({
        body: { spec: { token: bearer[1] } },
      });
      const user = review.status?.user;
      if (!review.status?.authenticated || !user?.username) {
        return 'unauthorized';
      }
      return {
        username: user.username,
        uid: user.uid,
        groups: user.groups ?? [],
        extra: user.extra,
      };
    }
    return { username: 'system:anonymous', groups: ['system:unauthenticated'] };
  }

  /** nodename.go nodeNameFromHost: the virtual node whose address the request was sent to. */
  async #nodeName(req: IncomingMessage): Promise<string | undefined> {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const nodes = await this.#virtualCore.listNode();
    const matching = nodes.items.filter(n =>
      (n.status?.addresses ?? []).some(a => a.address === host),
    );
    return matching.length === 1 ? matching[0].metadata!.name : undefined;
  }

  async #handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'https://kubelet.invalid');
    const user = await this.#authenticate(req);
    if (user === 'unauthorized') {
      writeStatus(res, 401, 'Unauthorized', 'Unauthorized');
      return;
    }
    const nodeName = await this.#nodeName(req);
    if (!nodeName) {
      // no fake kubelet is addressed: the request is the API server's, which serves
      // no such path
      writeStatus(
        res,
        404,
        'NotFound',
        'the server could not find the requested resource',
        {},
      );
      return;
    }
    const path = url.pathname;
    const verb = (req.method ?? 'GET').toLowerCase();
    if (!(await this.#authorize(user, nodeName, path, verb))) {
      writeStatus(
        res,
        403,
        'Forbidden',
        `forbidden: User ${JSON.stringify(
          user.username,
        )} cannot ${verb} path ${JSON.stringify(path)}`,
        {},
      );
      return;
    }
    const proxied = `/api/v1/nodes/${nodeName}/proxy${
      path.startsWith('/') ? path : `/${path}`
    }`;
    if (isStats(proxied) || isMetrics(proxied) || isPods(proxied)) {
      writeStatus(
        res,
        501,
        'NotImplemented',
        `${path}: the fake kubelet's rewriting of ${path} to the virtual cluster's names is not modelled by the plane's stand-in`,
      );
      return;
    }
    if (path.startsWith('/containerLogs/')) {
      const target = await this.#containerLogsTarget(proxied, res);
      if (!target) return;
      const query = podLogQuery(target.container, url.searchParams);
      if (query === undefined) {
        writeKubeletError(res, 400, '{"message": "Unable to decode query."}');
        return;
      }
      this.#stream(
        req,
        res,
        `/api/v1/namespaces/${encodeURIComponent(
          target.namespace,
        )}/pods/${encodeURIComponent(target.pod)}/log?${query}`,
        { asKubelet: true },
      );
      return;
    }
    this.#stream(req, res, `${proxied}${url.search}`);
  }

  /** kubeletauthorizer.Authorize: a SubjectAccessReview in the virtual cluster. */
  async #authorize(
    user: UserInfo,
    nodeName: string,
    path: string,
    verb: string,
  ): Promise<boolean> {
    const node = (subresource: string) => ({
      verb: 'get',
      group: '',
      version: 'v1',
      resource: 'nodes',
      subresource,
      name: nodeName,
    });
    let attributes;
    if (isStats(path)) attributes = { resourceAttributes: node('stats') };
    else if (isMetrics(path))
      attributes = { resourceAttributes: node('metrics') };
    else if (isPods(path) || path.startsWith('/containerLogs/'))
      attributes = { resourceAttributes: node('proxy') };
    else attributes = { nonResourceAttributes: { path, verb } };
    const review = await this.#authorization.createSubjectAccessReview({
      body: {
        spec: {
          user: user.username,
          uid: user.uid,
          groups: user.groups,
          extra: user.extra,
          ...attributes,
        },
      },
    });
    return review.status?.allowed === true && review.status.denied !== true;
  }

  /**
   * enforceKubeletSubpathAllowlist's containerLogs case: the host namespace and pod of a
   * container of one of this virtual cluster's pods, or undefined when the response
   * (Forbidden, or the virtual API server's error) was written.
   */
  async #containerLogsTarget(
    path: string,
    res: ServerResponse,
  ): Promise<
    { namespace: string; pod: string; container: string } | undefined
  > {
    const parts = path.split('/');
    const i = parts.indexOf('containerLogs');
    if (i >= 0 && i + 3 < parts.length) {
      const [namespace, podName, container] = parts
        .slice(i + 1, i + 4)
        .map(decodeURIComponent);
      if (namespace && podName && container) {
        let pod: V1Pod | undefined;
        try {
          pod = await this.#virtualCore.readNamespacedPod({
            name: podName,
            namespace,
          });
        } catch (error) {
          if (statusOf(error) !== 404) {
            writeApiError(res, error);
            return undefined;
          }
        }
        const spec = pod?.spec;
        const allowed = [
          ...(spec?.containers ?? []),
          ...(spec?.initContainers ?? []),
          ...(spec?.ephemeralContainers ?? []),
        ].some(c => c.name === container);
        if (allowed) {
          // redirect.go: mappings.VirtualToHost exchanges namespace and name
          return {
            namespace: this.#hostNamespace,
            pod: hostName(podName, namespace, this.#vcluster),
            container,
          };
        }
      }
    }
    writeStatus(
      res,
      403,
      'Forbidden',
      'nodes is forbidden: access denied: pod does not belong to this virtual cluster',
      { kind: 'nodes' },
    );
    return undefined;
  }

  /**
   * streamNodeRequest: the request goes on to the host API server with the host's
   * credentials (the caller's Authorization removed); its answer is copied back as it
   * arrives, so that `kubectl logs -f` streams. With `asKubelet` (pods/log standing in
   * for the host kubelet's containerLogs) a failure Status of the host is answered as a
   * kubelet answers an error, its message as plain text, so that the virtual API server
   * makes of it the error it would make of the host kubelet's (kwok's) own.
   */
  #stream(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    options: { asKubelet?: boolean } = {},
  ) {
    const cluster = this.#host.getCurrentCluster()!;
    const server = new URL(cluster.server);
    const headers = { ...req.headers };
    delete headers.authorization;
    delete headers.host;
    for (const h of HOP_BY_HOP) delete headers[h];
    const upstreamOptions: RequestOptions = {
      host: server.hostname,
      port: server.port || 443,
      method: req.method,
      path,
      headers,
    };
    this.#host
      .applyToHTTPSOptions(upstreamOptions)
      .then(() => {
        const upstream = request(upstreamOptions, answer => {
          const code = answer.statusCode ?? 502;
          if (options.asKubelet && (code < 200 || code > 206)) {
            unwrapStatus(answer, code, res);
            return;
          }
          // hop-by-hop headers stay on their hop, as Go's reverse proxy drops them
          const answerHeaders = { ...answer.headers };
          for (const h of HOP_BY_HOP) delete answerHeaders[h];
          res.writeHead(code, answerHeaders);
          res.flushHeaders();
          answer.pipe(res);
        });
        upstream.on('error', error => {
          if (!res.headersSent) {
            writeStatus(
              res,
              503,
              'ServiceUnavailable',
              `error trying to reach service: ${error.message}`,
            );
          } else {
            res.destroy();
          }
        });
        // the caller went away (`kubectl logs -f` interrupted): so does the host stream
        res.on('close', () => upstream.destroy());
        req.pipe(upstream);
      })
      .catch(error => writeApiError(res, error));
  }
}
