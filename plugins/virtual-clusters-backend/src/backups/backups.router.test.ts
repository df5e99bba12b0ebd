import { mockCredentials } from '@backstage/backend-test-utils';
import { startApiBackend } from '../__testUtils__/apiBackend';

jest.setTimeout(60_000);

const jane = mockCredentials.user.header('user:default/jane');
const bob = mockCredentials.user.header('user:default/bob');

/** The API without a reachable host: permissions, validation and states. */
async function startBackend() {
  const { api } = await startApiBackend();
  const created = await api(jane).post('/clusters', {
    name: 'team-a',
    hostCluster: 'local',
    owner: 'user:default/jane',
  });
  expect(created.status).toBe(201);
  return { api, id: created.body.id as string };
}

describe('backup and restore API', () => {
  it('lists no backups of a new cluster and finds no unknown backup', async () => {
    const { api, id } = await startBackend();
    const list = await api(bob).get(`/clusters/${id}/backups`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [] });
    const one = await api(jane).get(
      `/clusters/${id}/backups/6b0f8c2e-0000-4000-8000-000000000000`,
    );
    expect(one.status).toBe(404);
    expect((await api(jane).get('/clusters/nope/backups')).status).toBe(404);
  });

  it('needs update permission for a backup, and a Running cluster', async () => {
    const { api, id } = await startBackend();
    const denied = await api(bob).post(`/clusters/${id}/backups`);
    expect(denied.status).toBe(403);
    const pending = await api(jane).post(`/clusters/${id}/backups`);
    expect(pending.status).toBe(409);
    expect(pending.body.error.message).toBe(
      'team-a is Pending: a backup needs a Running cluster',
    );
    // nothing was attempted, so nothing was recorded
    expect((await api(jane).get(`/clusters/${id}/backups`)).body.items).toEqual(
      [],
    );
  });

  it('validates restore requests, checks permission, and refuses a cluster that is not Running', async () => {
    const { api, id } = await startBackend();
    expect((await api(jane).post(`/clusters/${id}/restore`, {})).status).toBe(
      400,
    );
    expect(
      (
        await api(jane).post(`/clusters/${id}/restore`, {
          backupId: 'b1',
          namespaces: ['x'],
        })
      ).status,
    ).toBe(400);
    expect(
      (await api(bob).post(`/clusters/${id}/restore`, { backupId: 'b1' }))
        .status,
    ).toBe(403);
    const refused = await api(jane).post(`/clusters/${id}/restore`, {
      backupId: 'b1',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      'team-a is Pending: a restore needs a Running cluster',
    );
  });

  it('validates clone requests and checks permission and the backup', async () => {
    const { api, id } = await startBackend();
    const clone = (who: string, body: object) =>
      api(who).post(`/clusters/${id}/clone`, body);
    expect((await clone(jane, { name: 'copy' })).status).toBe(400);
    expect((await clone(jane, { backupId: 'b1' })).status).toBe(400);
    expect(
      (await clone(jane, { backupId: 'b1', name: 'copy', owner: 'x' })).status,
    ).toBe(400);
    expect((await clone(bob, { backupId: 'b1', name: 'copy' })).status).toBe(
      403,
    );
    const unknown = await clone(jane, { backupId: 'b1', name: 'copy' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      `No backup 'b1' of virtual cluster '${id}'`,
    );
    expect(
      (
        await api(jane).post('/clusters/does-not-exist/clone', {
          backupId: 'b1',
          name: 'copy',
        })
      ).status,
    ).toBe(404);
  });
});
