import { ApiException, KubeConfig } from '@kubernetes/client-node';
import { once } from 'node:events';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { KubernetesClient } from './KubernetesClient';
import { KubernetesRequestError } from './errors';
import { ResourceType } from './types';

/*
 * The client's requests as an HTTP server on loopback sees them (a plain HTTP server
 * stands in for kube-apiserver here; the integration tests talk to a real one).
 */

type Seen = {
  method?: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
};

let server: Server;
let baseUrl: string;
let seen: Seen[] = [];
let answer: (req: Seen, res: ServerResponse) => void = () => {};

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: Seen = {
      method: req.method,
      url: new URL(req.url ?? '/', 'http://server'),
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    };
    seen.push(request);
    answer(request, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

beforeEach(() => {
  seen = [];
});

function client(options: { timeoutMs?: number } = {}) {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: baseUrl, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't0ken' }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
    currentContext: 'ctx',
  });
  return KubernetesClient.create(kc, options);
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

const configMaps: ResourceType = {
  group: '',
  version: 'v1',
  apiVersion: 'v1',
  kind: 'ConfigMap',
  name: 'configmaps',
  namespaced: true,
  verbs: ['list', 'patch'],
};

const deployments: ResourceType = {
  group: 'apps',
  version: 'v1',
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  name: 'deployments',
  namespaced: true,
  verbs: ['list', 'patch'],
};

describe('KubernetesClient', () => {
  it('lists a type page by page, following continue tokens, and sets apiVersion and kind', async () => {
    answer = (req, res) =>
      req.url.searchParams.get('continue') === 'page-2'
        ? json(res, 200, { items: [{ metadata: { name: 'b' } }] })
        : json(res, 200, {
            items: [{ metadata: { name: 'a' } }],
            metadata: { continue: 'page-2' },
          });
    const items = await client().listAll(deployments);
    expect(items).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'b' } },
    ]);
    expect(
      seen.map(r => `${r.method} ${r.url.pathname}${r.url.search}`),
    ).toEqual([
      'GET /apis/apps/v1/deployments?limit=500',
      'GET /apis/apps/v1/deployments?limit=500&continue=page-2',
    ]);
    expect(seen[0].headers.authorization).toBe('Bearer t0ken');
  });

  it('applies server-side to the object path with the apply content type and field manager', async () => {
    answer = (req, res) => json(res, 200, JSON.parse(req.body));
    const object = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app config', namespace: 'shop' },
      data: { a: '1' },
    };
    await expect(client().apply(configMaps, object)).resolves.toEqual(object);
    const [patch] = seen;
    expect(patch.method).toBe('PATCH');
    expect(patch.url.pathname).toBe(
      '/api/v1/namespaces/shop/configmaps/app%20config',
    );
    expect(patch.headers['content-type']).toBe('application/apply-patch+yaml');
    expect(patch.url.searchParams.get('fieldManager')).toBe(
      'backstage-virtual-clusters',
    );
    expect(patch.url.searchParams.get('force')).toBe('true');
    expect(JSON.parse(patch.body)).toEqual(object);
  });

  it('turns an answer outside 2xx into a KubernetesRequestError (an ApiException) with the status and message', async () => {
    answer = (_req, res) =>
      json(res, 409, { kind: 'Status', message: 'the object was modified' });
    const error = await client()
      .request<never>('GET', '/api/v1/namespaces/shop/configmaps/x')
      .catch((e: KubernetesRequestError) => e);
    expect(error).toBeInstanceOf(KubernetesRequestError);
    expect(error).toBeInstanceOf(ApiException);
    expect(error.code).toBe(409);
    expect(error.message).toBe(
      '409 from /api/v1/namespaces/shop/configmaps/x: the object was modified',
    );
  });

  it('reads a missing object as undefined', async () => {
    answer = (_req, res) =>
      json(res, 404, { kind: 'Status', reason: 'NotFound' });
    await expect(
      client().read(configMaps, 'gone', 'shop'),
    ).resolves.toBeUndefined();
    expect(seen[0].url.pathname).toBe(
      '/api/v1/namespaces/shop/configmaps/gone',
    );
  });

  it('gives up on a server that does not answer, saying how long it waited', async () => {
    answer = () => {}; // never answers
    await expect(
      client({ timeoutMs: 100 }).request('GET', '/version'),
    ).rejects.toThrow('GET /version timed out: no answer within 100 ms');
  });
});
