import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  V1Deployment,
} from '@kubernetes/client-node';
import {
  CONTAINER_TICK_LINE,
  containerStartLines,
  eventually,
  getTestPlane,
  TestPlane,
} from '@virtual-clusters/test-cluster';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  PlaneBackend,
  PlaneBackendApi,
  startPlaneBackend,
  users,
} from '../../__testUtils__/planeBackend';
import { RecordingAuditor } from '../../__testUtils__/recordingAuditor';
import { KubernetesClient } from '../../kubernetes/KubernetesClient';

/*
 * The developer's daily loop inside a real virtual cluster of the local plane (a real
 * kube-apiserver and controller-manager, pods run by kwok): events, YAML, restart, pod
 * deletion, pod logs and revoking kubeconfigs, through the plugin's HTTP API.
 */

jest.setTimeout(300_000);

const run = Date.now().toString(36).slice(-5);
const { jane, bob } = users;
const NS = 'shop';

const deployment = (name: string, extra: object = {}): V1Deployment => ({
  metadata: { name, namespace: NS },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'registry.local/hello:1',
            args: ['--port=8080'],
          },
        ],
      },
    },
    ...extra,
  },
});

describe('inside a virtual cluster of the local control plane', () => {
  let plane: TestPlane;
  let api: (who: string) => PlaneBackendApi;
  let deleteAndWait: PlaneBackend['deleteAndWait'];
  let server: PlaneBackend['server'];
  const auditor = new RecordingAuditor();
  let id: string;
  let admin: KubeConfig;
  let apps: AppsV1Api;
  let core: CoreV1Api;
  const path = (p: string) => `/clusters/${id}${p}`;

  const replicaSetsOf = async (name: string) =>
    (await apps.listNamespacedReplicaSet({ namespace: NS })).items.filter(rs =>
      rs.metadata?.ownerReferences?.some(o => o.name === name),
    );
  const podsOf = async (app: string) =>
    (
      await core.listNamespacedPod({
        namespace: NS,
        labelSelector: `app=${app}`,
      })
    ).items.filter(p => !p.metadata?.deletionTimestamp);
  /** Log requests the virtual API server is serving now (its own metric). */
  const openLogStreams = async () => {
    const metrics = await KubernetesClient.create(admin).requestText(
      'GET',
      '/metrics',
    );
    return metrics.text
      .split('\n')
      .filter(
        l =>
          l.startsWith('apiserver_longrunning_requests{') &&
          l.includes('subresource="log"'),
      )
      .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
  };
  const timeline = async () =>
    (await api(jane).get(path('/events'))).body.items as Array<{
      type: string;
      message: string;
      actor?: string;
    }>;

  beforeAll(async () => {
    plane = await getTestPlane();
    let clusterWhen: PlaneBackend['clusterWhen'];
    ({ api, clusterWhen, deleteAndWait, server } = await startPlaneBackend(
      { hostClusters: [plane.hostClusterConfig('local')] },
      [auditor.factory()],
    ));
    const created = await api(jane).post('/clusters', {
      name: `inside-${run}`,
      hostCluster: 'local',
      owner: 'user:default/jane',
    });
    if (created.status !== 201) throw new Error(created.text);
    id = created.body.id;
    await clusterWhen(id, c => c.phase === 'Running', 180_000);
    admin = await plane.virtualKubeConfig(
      created.body.namespace,
      created.body.name,
    );
    apps = admin.makeApiClient(AppsV1Api);
    core = admin.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: NS } } });
    await apps.createNamespacedDeployment({
      namespace: NS,
      body: deployment('web'),
    });
    await eventually(
      () => podsOf('web'),
      pods => pods.length === 1,
    );
  });

  afterAll(async () => {
    if (id) await deleteAndWait(id);
  });

  it("lists a Deployment's events with its ReplicaSets', Normal and Warning, newest first", async () => {
    const web = await apps.readNamespacedDeployment({
      name: 'web',
      namespace: NS,
    });
    // a Warning of our own, as a controller would report one, a minute from now
    const at = new Date(Date.now() + 60_000);
    await core.createNamespacedEvent({
      namespace: NS,
      body: {
        metadata: { name: `web.${run}`, namespace: NS },
        involvedObject: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'web',
          namespace: NS,
          uid: web.metadata!.uid,
        },
        type: 'Warning',
        reason: 'ProbeFailed',
        message: 'readiness probe failed: connection refused',
        count: 3,
        firstTimestamp: new Date(Date.now() - 60_000),
        lastTimestamp: at,
        source: { component: 'it-test' },
      },
    });
    const events = await eventually(
      async () =>
        (
          await api(bob).get(path(`/workloads/${NS}/Deployment/web/events`))
        ).body.items as Array<{
          type: string;
          reason: string;
          lastSeen: string;
          count: number;
          involvedObject: { kind: string; name: string };
        }>,
      items =>
        items.some(e => e.involvedObject.kind === 'ReplicaSet') &&
        items.some(e => e.reason === 'ScalingReplicaSet'),
    );
    expect(events[0]).toMatchObject({
      type: 'Warning',
      reason: 'ProbeFailed',
      count: 3,
      source: 'it-test',
      involvedObject: { kind: 'Deployment', name: 'web' },
    });
    expect(events.map(e => e.type)).toEqual(
      expect.arrayContaining(['Normal', 'Warning']),
    );
    expect(events.map(e => e.reason)).toEqual(
      expect.arrayContaining(['ScalingReplicaSet', 'SuccessfulCreate']),
    );
    const times = events.map(e => Date.parse(e.lastSeen));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const missing = await api(bob).get(
      path(`/workloads/${NS}/Deployment/nope/events`),
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      `Deployment ${NS}/nope not found in inside-${run}`,
    );
  });

  it('shows YAML without managed fields, and a Secret without its data', async () => {
    const yaml = await api(bob).get(
      path(`/workloads/${NS}/Deployment/web/yaml`),
    );
    expect(yaml.status).toBe(200);
    expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
    const shown = parse(yaml.text);
    expect(shown).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: NS },
      spec: { replicas: 1 },
    });
    expect(shown.metadata.managedFields).toBeUndefined();
    expect(yaml.text).not.toContain('managedFields');

    // as `kubectl apply` leaves a Secret: data, and all of it again in an annotation
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: NS },
      stringData: { password: 'hunter2-secret' },
    };
    await core.createNamespacedSecret({
      namespace: NS,
      body: {
        ...secret,
        metadata: {
          ...secret.metadata,
          annotations: {
            'kubectl.kubernetes.io/last-applied-configuration':
              JSON.stringify(secret),
            team: 'payments',
          },
        },
      },
    });
    const read = await api(bob).get(path(`/workloads/${NS}/Secret/db/yaml`));
    expect(read.status).toBe(200);
    expect(read.text).not.toContain('hunter2');
    expect(read.text).not.toContain(
      Buffer.from('hunter2-secret').toString('base64'),
    );
    const shownSecret = parse(read.text);
    expect(shownSecret.data).toBeUndefined();
    expect(shownSecret.metadata.annotations).toEqual({ team: 'payments' });
    expect(shownSecret.type).toBe('Opaque');
  });

  it('restarts a Deployment as kubectl rollout restart does: a new ReplicaSet rolls out', async () => {
    expect(await replicaSetsOf('web')).toHaveLength(1);
    const refused = await api(bob).post(
      path(`/workloads/${NS}/Deployment/web/restart`),
    );
    expect(refused.status).toBe(403);

    const res = await api(jane).post(
      path(`/workloads/${NS}/Deployment/web/restart`),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      kind: 'Deployment',
      namespace: NS,
      name: 'web',
      restartedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    const web = await apps.readNamespacedDeployment({
      name: 'web',
      namespace: NS,
    });
    expect(
      web.spec!.template.metadata!.annotations![
        'kubectl.kubernetes.io/restartedAt'
      ],
    ).toBe(res.body.restartedAt);
    await eventually(
      () => replicaSetsOf('web'),
      sets => sets.length === 2,
    );

    expect(await timeline()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'workload-restarted',
          actor: 'user:default/jane',
          message: expect.stringContaining(`Deployment ${NS}/web restarted`),
        }),
      ]),
    );
    expect(
      auditor.events.filter(e => e.eventId === 'workload-restart'),
    ).toEqual([
      expect.objectContaining({
        severityLevel: 'medium',
        result: 'success',
        meta: expect.objectContaining({
          clusterId: id,
          kind: 'Deployment',
          namespace: NS,
          name: 'web',
        }),
      }),
    ]);
  });

  it("refuses to restart a paused Deployment, with kubectl's message", async () => {
    await apps.createNamespacedDeployment({
      namespace: NS,
      body: deployment('paused', { paused: true }),
    });
    const res = await api(jane).post(
      path(`/workloads/${NS}/Deployment/paused/restart`),
    );
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      "can't restart paused deployment (run rollout resume first)",
    );
    const missing = await api(jane).post(
      path(`/workloads/${NS}/StatefulSet/nope/restart`),
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      `StatefulSet ${NS}/nope not found in inside-${run}`,
    );
  });

  it('deletes a pod, which its ReplicaSet replaces', async () => {
    const [before] = await eventually(
      () => podsOf('web'),
      pods => pods.length === 1,
    );
    const name = before.metadata!.name!;
    expect(
      (await api(bob).delete(path(`/workloads/${NS}/pods/${name}`))).status,
    ).toBe(403);
    const res = await api(jane).delete(path(`/workloads/${NS}/pods/${name}`));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ namespace: NS, name });
    const after = await eventually(
      () => podsOf('web'),
      pods => pods.length === 1 && pods[0].metadata!.name !== name,
    );
    expect(after[0].metadata!.name).not.toBe(name);
    expect(
      (await api(jane).delete(path(`/workloads/${NS}/pods/${name}`))).status,
    ).toBe(404);
    expect((await timeline()).map(e => e.type)).toContain('pod-deleted');
    expect(auditor.events.filter(e => e.eventId === 'pod-delete')).toEqual([
      expect.objectContaining({ result: 'success' }),
      expect.objectContaining({ result: 'fail' }),
    ]);
  });

  it("revokes a principal's kubeconfigs: refused at once, and no longer authenticated once the API server's token cache forgets them", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vc-revoke-'));
    const download = await api(bob).get(path('/kubeconfig'));
    expect(download.status).toBe(200);
    const kubeconfig = join(dir, 'bob.yaml');
    writeFileSync(kubeconfig, download.text);
    expect(
      plane.kubectl(['get', 'namespaces', '-o', 'name'], { kubeconfig }),
    ).toContain(`namespace/${NS}`);

    expect((await api(bob).get(path('/access'))).status).toBe(403);
    const grants = await api(jane).get(path('/access'));
    expect(grants.status).toBe(200);
    expect(grants.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          principal: 'user:default/bob',
          level: 'read',
          serviceAccount: expect.stringMatching(
            /^backstage-access\/user-default-bob-r-/,
          ),
        }),
        // jane's, made for her restart and pod deletion
        expect.objectContaining({
          principal: 'user:default/jane',
          level: 'manage',
        }),
      ]),
    );

    const revoked = await api(jane).post(path('/access/revoke'), {
      principal: 'user:default/bob',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({
      principal: 'user:default/bob',
      revoked: [
        grants.body.items.find(
          (g: { principal: string }) => g.principal === 'user:default/bob',
        ).serviceAccount,
      ],
    });
    // refused at once: the binding is gone (403); once kube-apiserver's cache of
    // successful token authentications forgets it (10 s, TokenSuccessCacheTTL in
    // k8s.io/kubernetes v1.36.3 pkg/kubeapiserver/options/authentication.go), the token
    // no longer authenticates either: its ServiceAccount is gone (401)
    const started = Date.now();
    expect(() =>
      plane.kubectl(['get', 'namespaces', '-o', 'name'], { kubeconfig }),
    ).toThrow(/Forbidden|Unauthorized/);
    const unauthorized = await eventually(
      async () => {
        try {
          plane.kubectl(['get', 'namespaces', '-o', 'name'], { kubeconfig });
          return 'allowed';
        } catch (error) {
          return String(error);
        }
      },
      outcome => /Unauthorized/.test(outcome),
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(unauthorized).toContain('You must be logged in to the server');
    console.log(
      `revoked token: 403 at once, 401 ${
        Date.now() - started
      } ms after the revoke answered`,
    );
    expect(
      (
        await core.listNamespacedServiceAccount({
          namespace: 'backstage-access',
        })
      ).items
        .map(sa => sa.metadata!.annotations?.['virtual-clusters.dev/principal'])
        .filter(p => p === 'user:default/bob'),
    ).toEqual([]);

    // nothing left to revoke is no error
    const again = await api(jane).post(path('/access/revoke'), {
      principal: 'user:default/bob',
    });
    expect(again.body).toEqual({ principal: 'user:default/bob', revoked: [] });
    expect(
      (await timeline()).filter(e => e.type === 'access-revoked'),
    ).toHaveLength(2);
    expect(auditor.events.filter(e => e.eventId === 'access-revoke')).toEqual([
      expect.objectContaining({
        severityLevel: 'high',
        result: 'success',
        meta: expect.objectContaining({ principal: 'user:default/bob' }),
      }),
      expect.objectContaining({ result: 'success' }),
    ]);

    // bob may ask for a new kubeconfig, which works again
    writeFileSync(kubeconfig, (await api(bob).get(path('/kubeconfig'))).text);
    expect(
      plane.kubectl(['get', 'namespaces', '-o', 'name'], { kubeconfig }),
    ).toContain(`namespace/${NS}`);
  });

  describe('pod logs', () => {
    const image = 'registry.local/hello:1';
    let web: string;

    beforeAll(async () => {
      await core.createNamespacedPod({
        namespace: NS,
        body: {
          metadata: { name: 'two', namespace: NS },
          spec: {
            containers: [
              { name: 'web', image, args: ['--listen=:80'] },
              { name: 'sidecar', image, command: ['/bin/proxy', '-v'] },
            ],
          },
        },
      });
      [web] = (await podsOf('web')).map(p => p.metadata!.name!);
    });

    it("returns a pod's log lines to its owner, with the caller's manage ServiceAccount", async () => {
      // the owner's ServiceAccounts gone: the read sets hers up again
      await api(jane).post(path('/access/revoke'), {
        principal: 'user:default/jane',
      });
      const started = Date.now();
      const res = await eventually(
        () => api(jane).get(path(`/workloads/${NS}/pods/${web}/logs`)),
        r => r.status === 200 && r.text.includes('running for'),
      );
      console.log(
        `first log lines in ${
          Date.now() - started
        } ms (pod running, log read through the virtual API server)`,
      );
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      const lines = res.text.trimEnd().split('\n');
      expect(lines.slice(0, 2)).toEqual(
        containerStartLines({ name: 'app', image, args: ['--port=8080'] }),
      );
      expect(lines.slice(2).every(l => CONTAINER_TICK_LINE.test(l))).toBe(true);
      expect(res.headers['content-disposition']).toBeUndefined();

      const timed = Date.now();
      const again = await api(jane).get(
        path(`/workloads/${NS}/pods/${web}/logs?tailLines=1`),
      );
      console.log(`a log read (tailLines=1) in ${Date.now() - timed} ms`);
      expect(again.text.trimEnd().split('\n')).toHaveLength(1);

      const grants = (await api(jane).get(path('/access'))).body.items;
      expect(
        grants.filter(
          (g: { principal: string }) => g.principal === 'user:default/jane',
        ),
      ).toEqual([
        expect.objectContaining({
          level: 'manage',
          serviceAccount: expect.stringMatching(/-m-[0-9a-f]{8}$/),
        }),
      ]);
    });

    it('names a download after the pod and container, and reads the container asked for', async () => {
      const res = await eventually(
        () =>
          api(jane).get(
            path(
              `/workloads/${NS}/pods/two/logs?container=sidecar&download=true&timestamps=true`,
            ),
          ),
        r => r.status === 200,
      );
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="two-sidecar.log"',
      );
      const lines = res.text.trimEnd().split('\n');
      // each line after its RFC 3339 timestamp
      expect(lines[0]).toMatch(
        /^\d{4}-\d\d-\d\dT\S+Z container sidecar started \(image registry\.local\/hello:1\)$/,
      );
      expect(lines.slice(1, 3).map(l => l.replace(/^\S+ /, ''))).toEqual([
        '/bin/proxy',
        '-v',
      ]);

      const single = await api(jane).get(
        path(`/workloads/${NS}/pods/${web}/logs?download=true&tailLines=1`),
      );
      expect(single.headers['content-disposition']).toBe(
        `attachment; filename="${web}-app.log"`,
      );
    });

    it("answers Kubernetes' refusals with a 4xx and its message", async () => {
      const which = await api(jane).get(path(`/workloads/${NS}/pods/two/logs`));
      expect(which.status).toBe(400);
      expect(which.body.error.name).toBe('InputError');
      expect(which.body.error.message).toMatch(
        /a container name must be specified for pod two, choose one of: \[web sidecar\]/,
      );
      const nope = await api(jane).get(
        path(`/workloads/${NS}/pods/two/logs?container=nope`),
      );
      expect(nope.status).toBe(400);
      expect(nope.body.error.message).toBe(
        'container nope is not valid for pod two',
      );
      const previous = await api(jane).get(
        path(`/workloads/${NS}/pods/two/logs?container=web&previous=true`),
      );
      expect(previous.status).toBe(400);
      // kwok's message: the pod has no previous container
      expect(previous.body.error.message).toMatch(
        /^failed to tail 500 lines of log file/,
      );
      const missing = await api(jane).get(
        path(`/workloads/${NS}/pods/nope/logs`),
      );
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toBe(
        `Pod ${NS}/nope not found in inside-${run}`,
      );
    });

    it('refuses a reader without the logs permission', async () => {
      const res = await api(bob).get(path(`/workloads/${NS}/pods/${web}/logs`));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        `Not allowed: virtual-clusters.logs.read on virtual cluster inside-${run}`,
      );
    });

    it('follows a log: new lines arrive as they are written, and the answer ends after followSeconds', async () => {
      const { port } = server.address() as AddressInfo;
      const started = Date.now();
      const res = await fetch(
        `http://127.0.0.1:${port}/api/virtual-clusters${path(
          `/workloads/${NS}/pods/${web}/logs?follow=true&followSeconds=8&tailLines=1`,
        )}`,
        { headers: { Authorization: jane, 'Accept-Encoding': 'gzip' } },
      );
      expect(res.status).toBe(200);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      const arrivals: Array<{ at: number; text: string }> = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        arrivals.push({ at: Date.now() - started, text: value });
      }
      const ended = Date.now() - started;
      console.log(
        `follow: first piece after ${arrivals[0]?.at} ms, pieces at ${arrivals
          .map(a => a.at)
          .join(', ')} ms, ended after ${ended} ms`,
      );
      const lines = arrivals
        .map(a => a.text)
        .join('')
        .trimEnd()
        .split('\n');
      const ticks = lines.map(l => Number(CONTAINER_TICK_LINE.exec(l)?.[2]));
      // the last line at once, then at least one new one while following
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(ticks.at(-1)).toBeGreaterThan(ticks[0]);
      expect(arrivals.length).toBeGreaterThanOrEqual(2);
      expect(ended).toBeGreaterThanOrEqual(8_000);
      expect(ended).toBeLessThan(12_000);
    });

    it('stops following when the client goes away', async () => {
      const { port } = server.address() as AddressInfo;
      const controller = new AbortController();
      const res = await fetch(
        `http://127.0.0.1:${port}/api/virtual-clusters${path(
          `/workloads/${NS}/pods/${web}/logs?follow=true&tailLines=1`,
        )}`,
        { headers: { Authorization: jane }, signal: controller.signal },
      );
      const reader = res.body!.getReader();
      await reader.read();
      expect(await openLogStreams()).toBe(1);
      controller.abort();
      await expect(reader.read()).rejects.toThrow();
      // the backend's request to the virtual API server ends with it
      const started = Date.now();
      await eventually(openLogStreams, open => open === 0, {
        timeoutMs: 10_000,
        intervalMs: 100,
      });
      console.log(
        `follow stopped inside the cluster ${
          Date.now() - started
        } ms after the client went`,
      );
      // the backend still answers (nothing crashed on the aborted upstream)
      const after = await api(jane).get(
        path(`/workloads/${NS}/pods/${web}/logs?tailLines=1`),
      );
      expect(after.status).toBe(200);
    });
  });
});
