import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { VirtualClustersClient } from './VirtualClustersClient';

const baseUrl = 'http://backstage.test/api/virtual-clusters';
const server = setupServer();

describe('VirtualClustersClient', () => {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const client = new VirtualClustersClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
  });

  it('lists clusters with filters and sends the token', async () => {
    let seen: { url?: string; auth?: string | null } = {};
    server.use(
      http.get(`${baseUrl}/clusters`, ({ request }) => {
        seen = {
          url: request.url,
          auth: request.headers.get('authorization'),
        };
        return HttpResponse.json({ items: [], totalItems: 0 });
      }),
    );
    const page = await client.listClusters(
      {
        owner: 'group:default/a',
        phase: ['Running', 'Paused'],
        limit: 5,
        include: 'cost',
      },
      { token: 't0k' },
    );
    expect(page).toEqual({ items: [], totalItems: 0 });
    const url = new URL(seen.url!);
    expect(url.searchParams.get('owner')).toBe('group:default/a');
    expect(url.searchParams.getAll('phase')).toEqual(['Running', 'Paused']);
    expect(url.searchParams.get('limit')).toBe('5');
    expect(url.searchParams.get('include')).toBe('cost');
    expect(seen.auth).toBe('Bearer t0k');
  });

  it('posts a create request, with dry run', async () => {
    server.use(
      http.post(`${baseUrl}/clusters`, async ({ request }) =>
        HttpResponse.json(
          {
            name: ((await request.json()) as { name: string }).name,
            dryRun: new URL(request.url).searchParams.get('dryRun'),
          },
          { status: 201 },
        ),
      ),
    );
    const created = await client.createCluster(
      { name: 'team-a', hostCluster: 'local', owner: 'group:default/a' },
      { dryRun: true },
    );
    expect(created).toEqual({ name: 'team-a', dryRun: 'true' });
  });

  it('turns error responses into ResponseError with the backend message', async () => {
    server.use(
      http.get(`${baseUrl}/clusters/missing`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: 'No virtual cluster missing',
            },
            request: { method: 'GET', url: '/clusters/missing' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    const error = await client.getCluster('missing').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.body.error.message).toBe('No virtual cluster missing');
  });

  it('returns the kubeconfig as text', async () => {
    server.use(
      http.get(`${baseUrl}/clusters/abc/kubeconfig`, () =>
        HttpResponse.text('apiVersion: v1\nkind: Config\n'),
      ),
    );
    await expect(client.getKubeconfig('abc')).resolves.toContain(
      'kind: Config',
    );
  });

  it('creates, lists and restores backups', async () => {
    const backup = {
      id: 'b1',
      clusterId: 'abc',
      status: 'completed',
      objectCount: 7,
      sizeBytes: 5120,
      note: 'Volume data is not included',
      createdBy: 'user:default/jane',
      createdAt: '2026-11-24T10:00:00.000Z',
    };
    let restoreBody: unknown;
    let cloneBody: unknown;
    server.use(
      http.post(`${baseUrl}/clusters/abc/backups`, () =>
        HttpResponse.json(backup, { status: 201 }),
      ),
      http.get(`${baseUrl}/clusters/abc/backups`, () =>
        HttpResponse.json({ items: [backup] }),
      ),
      http.get(`${baseUrl}/clusters/abc/backups/b1`, () =>
        HttpResponse.json({ ...backup, kinds: { ConfigMap: 7 } }),
      ),
      http.post(`${baseUrl}/clusters/def/restore`, async ({ request }) => {
        restoreBody = await request.json();
        return HttpResponse.json({ backupId: 'b1', applied: 7, failed: 0 });
      }),
      http.post(`${baseUrl}/clusters/abc/clone`, async ({ request }) => {
        cloneBody = await request.json();
        return HttpResponse.json(
          { id: 'new', name: 'abc-copy', phase: 'Pending' },
          { status: 202 },
        );
      }),
    );
    await expect(client.createBackup('abc')).resolves.toEqual(backup);
    await expect(client.listBackups('abc')).resolves.toEqual([backup]);
    await expect(client.getBackup('abc', 'b1')).resolves.toMatchObject({
      kinds: { ConfigMap: 7 },
    });
    await expect(
      client.restoreBackup('def', { backupId: 'b1' }),
    ).resolves.toMatchObject({ applied: 7, failed: 0 });
    expect(restoreBody).toEqual({ backupId: 'b1' });
    await expect(
      client.cloneBackup('abc', { backupId: 'b1', name: 'abc-copy' }),
    ).resolves.toMatchObject({ id: 'new', phase: 'Pending' });
    expect(cloneBody).toEqual({ backupId: 'b1', name: 'abc-copy' });
  });
});
