import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import {
  eventually,
  getTestPlane,
  TestPlane,
} from '@virtual-clusters/test-cluster';
import {
  PlaneBackend,
  PlaneBackendApi,
  startPlaneBackend,
  users,
} from '../__testUtils__/planeBackend';

/*
 * Sleep on the local plane, in real seconds (the rules with hours and schedules run on
 * an advanced clock in SleepController.test.ts): a write inside keeps a cluster awake,
 * an idle one is paused as a sleep and marked on its control plane as vcluster's
 * platform marks one, and its owner's kubeconfig download wakes it.
 */

jest.setTimeout(300_000);

const run = Date.now().toString(36).slice(-5);
const { jane } = users;

describe('sleep against the local control plane', () => {
  let plane: TestPlane;
  let api: (who: string) => PlaneBackendApi;
  let clusterWhen: PlaneBackend['clusterWhen'];
  let deleteAndWait: PlaneBackend['deleteAndWait'];

  beforeAll(async () => {
    plane = await getTestPlane();
    ({ api, clusterWhen, deleteAndWait } = await startPlaneBackend({
      hostClusters: [
        {
          ...plane.hostClusterConfig('local'),
          sleep: { afterInactivity: '20s', maxAfterInactivity: '1h' },
        },
      ],
    }));
  });

  it('keeps a cluster awake while it is written to, sleeps it when idle, and wakes it for a kubeconfig', async () => {
    const created = await api(jane).post('/clusters', {
      name: `sleepy-${run}`,
      hostCluster: 'local',
      owner: 'user:default/jane',
    });
    expect(created.status).toBe(201);
    expect(created.body.spec.sleep).toEqual({ afterInactivity: '20s' });
    const { id, name, namespace } = created.body;
    await clusterWhen(id, c => c.phase === 'Running', 180_000);

    // a kubeconfig, then a write inside 15 s later: idle counts from the write
    const download = await api(jane).get(`/clusters/${id}/kubeconfig`);
    expect(download.status).toBe(200);
    const kc = new KubeConfig();
    kc.loadFromString(download.text);
    await new Promise(r => setTimeout(r, 15_000));
    const written = Date.now();
    await kc.makeApiClient(CoreV1Api).createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'keep-awake' }, data: { a: '1' } },
    });

    const asleep = await clusterWhen(
      id,
      c => c.phase === 'Paused' && c.sleep,
      120_000,
    );
    expect(asleep.sleep).toMatchObject({ type: 'inactivitySleep' });
    expect(asleep.sleep.message).toMatch(
      /^Idle since .*: no kubeconfig, portal view or change inside for 20s$/,
    );
    expect(Date.parse(asleep.sleep.since) - written).toBeGreaterThanOrEqual(
      19_000,
    );
    expect(asleep.lastActivity).toMatchObject({ kind: 'change' });

    // marked on the control plane as vcluster's platform marks a sleep
    const apps = plane.hostKubeConfig.makeApiClient(AppsV1Api);
    const sts = await apps.readNamespacedStatefulSet({ name, namespace });
    expect(sts.spec?.replicas).toBe(0);
    expect(sts.metadata?.labels?.['loft.sh/sleep-mode']).toBe('true');
    expect(sts.metadata?.annotations).toMatchObject({
      'loft.sh/paused': 'true',
      'sleepmode.loft.sh/sleep-type': 'inactivitySleep',
      'sleepmode.loft.sh/sleeping-since': String(
        Math.floor(Date.parse(asleep.sleep.since) / 1000),
      ),
    });

    // the owner's kubeconfig download wakes it and says so at once
    const waking = await api(jane).get(`/clusters/${id}/kubeconfig`);
    expect(waking.status).toBe(503);
    expect(waking.body.error.message).toMatch(
      new RegExp(
        `^${name} was asleep \\(Idle since .*\\) and is waking up now`,
      ),
    );
    const started = Date.now();
    const awake = await clusterWhen(id, c => c.phase === 'Running', 120_000);
    // eslint-disable-next-line no-console
    console.log(`woken by a kubeconfig download in ${Date.now() - started} ms`);
    expect(awake.sleep).toBeUndefined();
    expect(awake.lastActivity).toMatchObject({ kind: 'woken' });
    const woke = await apps.readNamespacedStatefulSet({ name, namespace });
    expect(woke.metadata?.labels?.['loft.sh/sleep-mode']).toBeUndefined();
    expect(
      woke.metadata?.annotations?.['sleepmode.loft.sh/sleeping-since'],
    ).toBeUndefined();
    expect((await api(jane).get(`/clusters/${id}/kubeconfig`)).status).toBe(
      200,
    );
    const events = await eventually(
      async () =>
        (
          await api(jane).get(`/clusters/${id}/events`)
        ).body.items as Array<{
          type: string;
        }>,
      items => items.some(e => e.type === 'wake-requested'),
    );
    expect(events.map(e => e.type)).toEqual(
      expect.arrayContaining(['sleep-requested', 'wake-requested']),
    );

    await deleteAndWait(id);
  });
});
