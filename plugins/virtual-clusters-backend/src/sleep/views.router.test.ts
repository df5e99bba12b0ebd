import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { startApiBackend } from '../__testUtils__/apiBackend';
import { permissionTestFeatures } from '../__testUtils__/permissionTestFeatures';

/*
 * GET /clusters/{id} by a user is a portal view, which keeps the cluster awake; a
 * page's own reloads (`refresh=true`) are not, so a page left open lets it sleep.
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const jane = mockCredentials.user.header('user:default/jane');

describe('portal views', () => {
  it('counts a read as a view, but not a refresh of a page that shows the cluster', async () => {
    const knex = await databases.init('SQLITE_3');
    const { api } = await startApiBackend({
      features: [
        ...permissionTestFeatures,
        mockServices.database.factory({ knex }),
      ],
    });
    const created = await api(jane).post('/clusters', {
      name: 'viewed',
      hostCluster: 'local',
      owner: 'user:default/jane',
    });
    expect(created.status).toBe(201);
    const { id } = created.body;
    // its last activity long enough ago for a view to count (views count once a minute)
    const earlier = { at: '2026-01-01T00:00:00.000Z', kind: 'kubeconfig' };
    await knex('virtual_clusters')
      .where({ id })
      .update({ last_activity: JSON.stringify(earlier) });

    // (an answer shows the cluster as it was read, before this read's own activity)
    expect((await api(jane).get(`/clusters/${id}?refresh=true`)).status).toBe(
      200,
    );
    const refreshed = await api(jane).get(`/clusters/${id}?refresh=true`);
    expect(refreshed.body.lastActivity).toEqual(earlier);

    await api(jane).get(`/clusters/${id}`);
    const viewed = (await api(jane).get(`/clusters/${id}?refresh=true`)).body
      .lastActivity;
    expect(viewed.kind).toBe('view');
    expect(Date.now() - Date.parse(viewed.at)).toBeLessThan(10_000);
  });
});
