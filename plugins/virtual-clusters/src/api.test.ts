import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { VirtualClustersClient } from '@virtual-clusters/plugin-virtual-clusters-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';

// The backend is msw here; the fetch API is Backstage's own middleware stack (the
// plugin-protocol resolver and the identity injector the app installs), which builds
// a Request of its own from what it is given.
const BASE = 'http://localhost:7007/api/virtual-clusters';
const server = setupServer();
registerMswTestHooks(server);

const discoveryApi = { getBaseUrl: async () => BASE };

describe('VirtualClustersClient through the app fetch API', () => {
  it.each([
    ['with a signed-in user', 'guest-token', 'Bearer guest-token'],
    ['without a token', undefined, null],
  ])(
    'sends request bodies %s',
    async (_, token: string | undefined, authorization) => {
      const seen: unknown[] = [];
      server.use(
        http.patch(`${BASE}/clusters/:id`, async ({ request, params }) => {
          seen.push({
            id: params.id,
            body: await request.json(),
            authorization: request.headers.get('authorization'),
          });
          return HttpResponse.json({ id: params.id, phase: 'Pausing' });
        }),
      );
      const client = new VirtualClustersClient({
        discoveryApi,
        fetchApi: new MockFetchApi({
          resolvePluginProtocol: { discoveryApi },
          injectIdentityAuth: {
            identityApi: { getCredentials: async () => ({ token }) },
          },
        }),
      });

      await expect(
        client.updateCluster('c1', { action: 'pause' }),
      ).resolves.toEqual({ id: 'c1', phase: 'Pausing' });
      expect(seen).toEqual([
        { id: 'c1', body: { action: 'pause' }, authorization },
      ]);
    },
  );
});
