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
 * Application profiles end to end on the local plane: the backend renders them into
 * the VCluster's values, the stand-in does what vcluster's deploy controller does
 * (a real helm against the virtual API server, charts from the plane's loopback chart
 * repository), and the backend reads the layers' state from vcluster-deploy inside.
 */

jest.setTimeout(600_000);

const run = Date.now().toString(36).slice(-5);
const { jane } = users;

describe('application profiles against the local control plane', () => {
  let plane: TestPlane;
  let api: (who: string) => PlaneBackendApi;
  let clusterWhen: PlaneBackend['clusterWhen'];
  let deleteAndWait: PlaneBackend['deleteAndWait'];
  const measured: string[] = [];

  beforeAll(async () => {
    plane = await getTestPlane();
    const hello = (version: string) => ({
      name: 'hello',
      title: 'Hello service',
      version,
      layers: [
        {
          helm: {
            repository: plane.chartRepository,
            chart: 'hello-profile',
            version,
            values: { greeting: 'hello {{ cluster.name }}' },
            release: { name: 'hello', namespace: 'apps' },
          },
        },
      ],
    });
    const backend = await startPlaneBackend({
      hostClusters: [plane.hostClusterConfig('local')],
      profiles: [
        hello('1.0.0'),
        hello('1.1.0'),
        {
          name: 'team-config',
          version: '0.1.0',
          layers: [
            {
              name: 'settings',
              manifests: [
                'apiVersion: v1',
                'kind: ConfigMap',
                'metadata:',
                '  name: team-settings',
                '  namespace: default',
                'data:',
                '  owner: "{{ cluster.owner }}"',
                '',
              ].join('\n'),
            },
          ],
        },
        {
          // a chart version the repository does not have
          name: 'broken',
          version: '1.0.0',
          layers: [
            {
              helm: {
                repository: plane.chartRepository,
                chart: 'hello-profile',
                version: '9.9.9',
                release: { name: 'broken' },
              },
            },
          ],
        },
      ],
    });
    ({ api, clusterWhen, deleteAndWait } = backend);
  });

  afterAll(() => {
    // eslint-disable-next-line no-console
    console.log(`profile measurements:\n  ${measured.join('\n  ')}`);
  });

  const profilesWhen = (
    id: string,
    check: (body: any) => boolean,
    timeoutMs = 120_000,
  ) =>
    eventually(
      async () => (await api(jane).get(`/clusters/${id}/profiles`)).body,
      check,
      { timeoutMs },
    );
  const layer = (body: any, profile: string) =>
    body.profiles.find((p: { name: string }) => p.name === profile)?.layers[0];

  async function virtualClients(id: string) {
    const res = await api(jane).get(`/clusters/${id}/kubeconfig`);
    expect(res.status).toBe(200);
    const kc = new KubeConfig();
    kc.loadFromString(res.text);
    return {
      core: kc.makeApiClient(CoreV1Api),
      apps: kc.makeApiClient(AppsV1Api),
    };
  }

  async function change(id: string, body: object) {
    const res = await api(jane).patch(`/clusters/${id}`, body);
    expect(res.status).toBe(200);
    expect(res.body.phase).toBe('Upgrading');
    const started = Date.now();
    await clusterWhen(id, c => c.phase === 'Running', 240_000);
    return Date.now() - started;
  }

  it('installs, upgrades, reports a failure, uninstalls, and keeps profiles through a restore and in a clone', async () => {
    const name = `prof-${run}`;
    const started = Date.now();
    const created = await api(jane).post('/clusters', {
      name,
      hostCluster: 'local',
      owner: 'user:default/jane',
      profiles: [{ name: 'hello', version: '1.0.0' }, { name: 'team-config' }],
    });
    expect(created.status).toBe(201);
    const { id } = created.body;
    await clusterWhen(id, c => c.phase === 'Running', 240_000);
    const installed = await profilesWhen(id, b => b.phase === 'Success');
    measured.push(
      `create with 2 profiles to layers Success: ${Date.now() - started} ms`,
    );
    expect(installed.profiles).toEqual([
      expect.objectContaining({
        name: 'hello',
        version: '1.0.0',
        layers: [
          expect.objectContaining({
            type: 'helm',
            name: 'hello',
            namespace: 'apps',
            chartVersion: '1.0.0',
            phase: 'Success',
          }),
        ],
      }),
      expect.objectContaining({
        name: 'team-config',
        layers: [
          expect.objectContaining({ name: 'settings', phase: 'Success' }),
        ],
      }),
    ]);

    // what the layers made, inside the virtual cluster, variables put in
    const inside = await virtualClients(id);
    const deployment = await inside.apps.readNamespacedDeployment({
      name: 'hello',
      namespace: 'apps',
    });
    expect(deployment.metadata?.annotations).toMatchObject({
      'hello-profile/chart-version': '1.0.0',
    });
    const greeting = await inside.core.readNamespacedConfigMap({
      name: 'hello-greeting',
      namespace: 'apps',
    });
    expect(greeting.data).toEqual({ greeting: `hello ${name}` });
    const settings = await inside.core.readNamespacedConfigMap({
      name: 'team-settings',
      namespace: 'default',
    });
    expect(settings.data).toEqual({ owner: 'user:default/jane' });

    // the next version: helm upgrades the release (revision 2)
    const movedIn = await change(id, {
      action: 'move-profile',
      profile: 'hello',
      version: '1.1.0',
    });
    const upgraded = await profilesWhen(
      id,
      b => layer(b, 'hello')?.phase === 'Success',
    );
    expect(layer(upgraded, 'hello')).toMatchObject({ chartVersion: '1.1.0' });
    measured.push(`move to 1.1.0 until Running again: ${movedIn} ms`);
    const secrets = await eventually(
      async () =>
        (
          await (
            await virtualClients(id)
          ).core.listNamespacedSecret({
            namespace: 'apps',
            labelSelector: 'owner=helm,name=hello',
          })
        ).items.map(s => s.metadata?.name),
      names => names.includes('sh.helm.release.v1.hello.v2'),
    );
    expect(secrets).toContain('sh.helm.release.v1.hello.v2');

    // a chart version that does not exist: Failed with helm's message, cluster usable
    await change(id, { action: 'attach-profile', profile: 'broken' });
    const failed = await profilesWhen(
      id,
      b => layer(b, 'broken')?.phase === 'Failed',
    );
    expect(layer(failed, 'broken')).toMatchObject({
      reason: 'ChartPullFailed',
      message: expect.stringContaining('not found'),
    });
    expect(failed.phase).toBe('Failed');
    expect(layer(failed, 'hello').phase).toBe('Success');
    const namespaces = await (await virtualClients(id)).core.listNamespace();
    expect(namespaces.items.map(n => n.metadata?.name)).toContain('apps');

    // detaching the failed one and then hello: helm uninstalls the release
    await change(id, { action: 'detach-profile', profile: 'broken' });
    await change(id, { action: 'detach-profile', profile: 'hello' });
    const afterDetach = await profilesWhen(
      id,
      b => b.removing.length === 0 && b.phase === 'Success',
    );
    expect(afterDetach.profiles.map((p: { name: string }) => p.name)).toEqual([
      'team-config',
    ]);
    await eventually(
      async () =>
        (
          await (
            await virtualClients(id)
          ).apps.listNamespacedDeployment({ namespace: 'apps' })
        ).items.length,
      count => count === 0,
    );

    // a restore after a loss brings the objects back and leaves the profiles as they are
    const backup = await api(jane).post(`/clusters/${id}/backups`);
    expect(backup.status).toBe(201);
    await (
      await virtualClients(id)
    ).core.deleteNamespacedConfigMap({
      name: 'team-settings',
      namespace: 'default',
    });
    const restored = await api(jane).post(`/clusters/${id}/restore`, {
      backupId: backup.body.id,
    });
    expect(restored.status).toBe(200);
    expect(restored.body.failed).toBe(0);
    expect(
      (
        await (
          await virtualClients(id)
        ).core.readNamespacedConfigMap({
          name: 'team-settings',
          namespace: 'default',
        })
      ).data,
    ).toEqual({ owner: 'user:default/jane' });
    const afterRestore = (await api(jane).get(`/clusters/${id}`)).body;
    expect(afterRestore.spec.profiles).toEqual([
      expect.objectContaining({ name: 'team-config', version: '0.1.0' }),
    ]);
    expect((await api(jane).get(`/clusters/${id}/profiles`)).body.phase).toBe(
      'Success',
    );

    // a clone of a backup gets the same profiles, installed by its own vcluster
    const clone = await api(jane).post(`/clusters/${id}/clone`, {
      backupId: backup.body.id,
      name: `${name}-copy`,
    });
    expect(clone.status).toBe(202);
    const copyId = clone.body.id;
    const copy = await clusterWhen(copyId, c => c.phase === 'Running', 240_000);
    expect(copy.spec.profiles).toEqual([
      expect.objectContaining({ name: 'team-config', version: '0.1.0' }),
    ]);
    await profilesWhen(copyId, b => b.phase === 'Success');

    await deleteAndWait(copyId);
    await deleteAndWait(id);
  });
});
