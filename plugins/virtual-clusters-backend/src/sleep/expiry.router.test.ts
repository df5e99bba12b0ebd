import { mockCredentials } from '@backstage/backend-test-utils';
import { startApiBackend, unreachableHost } from '../__testUtils__/apiBackend';

jest.setTimeout(60_000);

const jane = mockCredentials.user.header('user:default/jane');
const bob = mockCredentials.user.header('user:default/bob');
const DAY = 86_400_000;

describe('expiry API', () => {
  it('sets a time to live at create within the host maximum, and lets owners extend it', async () => {
    const { api } = await startApiBackend({
      hostClusters: [
        unreachableHost('local', {
          expiry: { defaultTtlDays: 7, maxTtlDays: 30 },
        }),
      ],
    });
    const create = (name: string, extra: object = {}) =>
      api(jane).post('/clusters', {
        name,
        hostCluster: 'local',
        owner: 'user:default/jane',
        ...extra,
      });

    const started = Date.now();
    const byDefault = await create('week');
    expect(byDefault.status).toBe(201);
    const weekLeft = Date.parse(byDefault.body.expiresAt) - started;
    expect(weekLeft).toBeGreaterThan(7 * DAY - 60_000);
    expect(weekLeft).toBeLessThan(7 * DAY + 60_000);

    const short = await create('short', { ttlDays: 2 });
    expect(short.status).toBe(201);
    const tooLong = await create('long', { ttlDays: 40 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toBe(
      'ttlDays 40 is more than this host allows (30 days)',
    );

    const extended = await api(jane).patch(`/clusters/${short.body.id}`, {
      action: 'extend',
      days: 3,
    });
    expect(extended.status).toBe(200);
    expect(Date.parse(extended.body.expiresAt)).toBe(
      Date.parse(short.body.expiresAt) + 3 * DAY,
    );
    expect(extended.body.phase).toBe('Pending');

    const beyond = await api(jane).patch(`/clusters/${short.body.id}`, {
      action: 'extend',
      days: 29,
    });
    expect(beyond.status).toBe(400);
    expect(beyond.body.error.message).toMatch(
      /^short may live at most 30 days from now \(until .*\); extend it by 25 days at most$/,
    );
    const notOwner = await api(bob).patch(`/clusters/${short.body.id}`, {
      action: 'extend',
      days: 1,
    });
    expect(notOwner.status).toBe(403);
  });
});
