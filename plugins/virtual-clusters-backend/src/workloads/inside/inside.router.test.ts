import { mockCredentials } from '@backstage/backend-test-utils';
import {
  startApiBackend,
  unreachableHost,
} from '../../__testUtils__/apiBackend';

jest.setTimeout(60_000);

const jane = mockCredentials.user.header('user:default/jane');
const bob = mockCredentials.user.header('user:default/bob');

/**
 * The routes inside a cluster, up to the point where they would reach it: the
 * permission policy (owners manage), the spec's validation and the phase check, with
 * the real permission backend; the cluster's host is unreachable, so it stays Pending.
 */
describe('routes inside a virtual cluster', () => {
  let api: Awaited<ReturnType<typeof startApiBackend>>['api'];
  let id: string;
  const pod = '/workloads/shop/pods/web-1';

  beforeAll(async () => {
    ({ api } = await startApiBackend({ hostClusters: [unreachableHost()] }));
    const created = await api(jane).post('/clusters', {
      name: 'inside',
      hostCluster: 'local',
      owner: 'user:default/jane',
    });
    if (created.status !== 201) throw new Error(created.text);
    id = created.body.id;
  });

  it('lets only those who may update the cluster restart, delete pods, read logs and manage access', async () => {
    const refused = await Promise.all([
      api(bob).post(`/clusters/${id}/workloads/shop/Deployment/web/restart`),
      api(bob).delete(`/clusters/${id}${pod}`),
      api(bob).get(`/clusters/${id}${pod}/logs`),
      api(bob).get(`/clusters/${id}/access`),
      api(bob).post(`/clusters/${id}/access/revoke`, {
        principal: 'user:default/jane',
      }),
    ]);
    expect(refused.map(r => r.status)).toEqual([403, 403, 403, 403, 403]);
    expect(refused[0].body.error).toMatchObject({
      name: 'NotAllowedError',
      message:
        'Not allowed: virtual-clusters.cluster.update on virtual cluster inside',
    });
    expect(refused[2].body.error.message).toBe(
      'Not allowed: virtual-clusters.logs.read on virtual cluster inside',
    );
  });

  it('answers 409 while the cluster does not run, naming its phase', async () => {
    const answers = await Promise.all([
      api(bob).get(`/clusters/${id}/workloads/shop/Deployment/web/events`),
      api(bob).get(`/clusters/${id}/workloads/shop/Secret/db/yaml`),
      api(jane).post(`/clusters/${id}/workloads/shop/StatefulSet/db/restart`),
      api(jane).delete(`/clusters/${id}${pod}`),
      api(jane).get(`/clusters/${id}${pod}/logs?tailLines=10`),
      api(jane).get(`/clusters/${id}/access`),
    ]);
    expect(answers.map(r => r.status)).toEqual([409, 409, 409, 409, 409, 409]);
    expect(answers[0].body.error.message).toBe(
      'inside is Pending: events can be read while it runs',
    );
  });

  it('refuses what the spec does not allow with a 400 that says what is wrong', async () => {
    const pods = await api(jane).post(
      `/clusters/${id}/workloads/shop/Pod/web/restart`,
    );
    expect(pods.status).toBe(400);
    expect(pods.body.error.message).toMatch(/kind/);
    const kind = await api(jane).get(
      `/clusters/${id}/workloads/shop/Ingress/web/events`,
    );
    expect(kind.status).toBe(400);
    const tail = await api(jane).get(`/clusters/${id}${pod}/logs?tailLines=0`);
    expect(tail.status).toBe(400);
    expect(tail.body.error.message).toMatch(/tailLines/);

    const principal = await api(jane).post(`/clusters/${id}/access/revoke`, {
      principal: 'jane smith',
    });
    expect(principal.status).toBe(400);
    expect(principal.body.error).toMatchObject({
      name: 'InputError',
      message:
        "Invalid principal 'jane smith': expected an entity ref such as user:default/alice or a service such as plugin:scaffolder",
    });
  });

  it('does not find clusters that do not exist', async () => {
    const res = await api(jane).get(
      '/clusters/no-such-id/workloads/shop/Deployment/web/events',
    );
    expect(res.status).toBe(404);
  });
});
