import { mockCredentials } from '@backstage/backend-test-utils';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { eventually, getTestPlane } from '@virtual-clusters/test-cluster';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemplateBackendOptions } from './__testUtils__/templateBackend';
import { TemplateBackendProcess } from './__testUtils__/TemplateBackendProcess';

jest.setTimeout(300_000);

// unique per run, so a plane left running by an earlier run does not get in the way
const run = Date.now().toString(36).slice(-5);
const jane = mockCredentials.user.header('user:default/jane');

type Task = { id: string; status: string };
type TaskEvent = {
  type: string;
  body: { message?: string; stepId?: string; status?: string };
};

/** The backend's REST APIs as jane. */
function client(backend: TemplateBackendProcess) {
  async function call(method: string, path: string, body?: object) {
    const res = await fetch(`${backend.baseUrl}/api${path}`, {
      method,
      headers: { authorization: jane, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: object) => call('POST', path, body),
    delete: (path: string) => call('DELETE', path),
  };
}

async function waitForTemplate(backend: TemplateBackendProcess, name: string) {
  await eventually(
    () =>
      client(backend).get(`/catalog/entities/by-name/template/default/${name}`),
    res => res.status === 200,
    { timeoutMs: 120_000 },
  );
}

async function taskEvents(backend: TemplateBackendProcess, taskId: string) {
  const res = await client(backend).get(
    `/scaffolder/v2/tasks/${taskId}/events`,
  );
  return res.body as TaskEvent[];
}

/** Waits until the task ends; on timeout the error tells the task's log and the backend's. */
async function waitForTask(backend: TemplateBackendProcess, taskId: string) {
  const until = Date.now() + 180_000;
  for (;;) {
    const task = (await client(backend).get(`/scaffolder/v2/tasks/${taskId}`))
      .body as Task;
    if (task.status !== 'open' && task.status !== 'processing') return task;
    if (Date.now() > until) {
      throw new Error(
        `task ${taskId} still ${task.status}; its log:\n${logOf(
          await taskEvents(backend, taskId),
        )}\nthe backend's:\n${backend.tail()}`,
      );
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

function logOf(events: TaskEvent[]) {
  return events
    .filter(e => e.type === 'log')
    .map(e => e.body.message ?? '')
    .join('\n');
}

describe('the example templates through the real scaffolder backend', () => {
  let options: TemplateBackendOptions;
  const backends: TemplateBackendProcess[] = [];

  async function startBackend(databaseDirectory: string) {
    const backend = await TemplateBackendProcess.start({
      ...options,
      databaseDirectory: join(options.databaseDirectory, databaseDirectory),
    });
    backends.push(backend);
    return backend;
  }

  beforeAll(async () => {
    const plane = await getTestPlane();
    const dir = mkdtempSync(join(tmpdir(), 'vc-templates-'));
    options = {
      databaseDirectory: join(dir, 'db'),
      publishDirectory: join(dir, 'published'),
      hostCluster: { url: plane.server, kubeconfigPath: plane.kubeconfigPath },
    };
  });

  afterAll(async () => {
    await Promise.all(backends.map(b => b.stop('SIGKILL')));
  });

  it('runs "Service with its own virtual cluster" to Running, component and cluster related in the catalog', async () => {
    const backend = await startBackend('service');
    const api = client(backend);
    await waitForTemplate(backend, 'service-with-virtual-cluster');
    const name = `svc-${run}`;

    const created = await api.post('/scaffolder/v2/tasks', {
      templateRef: 'template:default/service-with-virtual-cluster',
      values: {
        name,
        description: 'Checkout service',
        owner: 'user:default/jane',
        clusterGroup: 'dev',
        cpu: '2',
        memory: '4Gi',
      },
    });
    expect(created.status).toBe(201);
    const task = await waitForTask(backend, created.body.id);
    const events = await taskEvents(backend, task.id);
    expect({ status: task.status, log: logOf(events) }).toMatchObject({
      status: 'completed',
    });
    const completion = events.find(e => e.type === 'completion');
    expect(completion?.body.message).toMatch(/completed/);
    expect(logOf(events)).toContain(`Created virtual cluster ${name}`);
    expect(logOf(events)).toMatch(new RegExp(`${name}: phase Running`));

    // the cluster runs, related to the new component
    const clusters = (await api.get(`/virtual-clusters/clusters`)).body.items;
    const cluster = clusters.find((c: { name: string }) => c.name === name);
    expect(cluster).toMatchObject({
      phase: 'Running',
      clusterGroup: 'dev',
      hostCluster: 'local',
      owner: 'user:default/jane',
      relatedEntityRefs: [`component:default/${name}`],
    });

    // the component was published and is in the catalog, with the cluster beside it
    expect(
      existsSync(
        join(options.publishDirectory, name, 'kubernetes', 'deployment.yaml'),
      ),
    ).toBe(true);
    const component = await eventually(
      () => api.get(`/catalog/entities/by-name/component/default/${name}`),
      res => res.status === 200,
      { timeoutMs: 60_000 },
    );
    expect(component.body.spec).toMatchObject({
      type: 'service',
      owner: 'user:default/jane',
    });
    expect(component.body.relations).toEqual(
      expect.arrayContaining([
        { type: 'dependsOn', targetRef: `resource:default/vc-${name}` },
      ]),
    );
    const resource = await eventually(
      () => api.get(`/catalog/entities/by-name/resource/default/vc-${name}`),
      res =>
        res.status === 200 &&
        res.body.relations.some(
          (r: { type: string; targetRef: string }) =>
            r.type === 'dependencyOf' &&
            r.targetRef === `component:default/${name}`,
        ),
      { timeoutMs: 60_000 },
    );
    expect(resource.body.spec.type).toBe('virtual-cluster');

    expect(
      (await api.delete(`/virtual-clusters/clusters/${cluster.id}`)).status,
    ).toBe(202);
    await eventually(
      async () =>
        (
          await api.get(`/virtual-clusters/clusters/${cluster.id}`)
        ).body,
      c => c.phase === 'Deleted',
    );
    await backend.stop();
  });

  it('a task cut off by a backend crash starts over on the next backend without creating twice', async () => {
    const first = await startBackend('recovery');
    await waitForTemplate(first, 'virtual-cluster');
    const name = `rec-${run}`;
    const created = await client(first).post('/scaffolder/v2/tasks', {
      templateRef: 'template:default/virtual-cluster',
      values: { name, owner: 'user:default/jane', clusterGroup: 'dev' },
    });
    expect(created.status).toBe(201);
    const taskId = created.body.id;

    // crash once the cluster is created and the task waits for it to run
    await eventually(
      async () => logOf(await taskEvents(first, taskId)),
      log => log.includes(`Created virtual cluster ${name}`),
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    // the checkpoint is stored right after the log line; the cluster runs seconds later
    await new Promise(r => setTimeout(r, 300));
    const before = (await client(first).get(`/scaffolder/v2/tasks/${taskId}`))
      .body as Task;
    expect(before.status).toBe('processing');
    await first.stop('SIGKILL');

    const second = await startBackend('recovery');
    const api = client(second);
    const task = await waitForTask(second, taskId);
    const events = await taskEvents(second, taskId);
    expect({ status: task.status, log: logOf(events) }).toMatchObject({
      status: 'completed',
    });
    const recovered = events.findIndex(e => e.type === 'recovered');
    expect(recovered).toBeGreaterThanOrEqual(0);
    // the run after the crash took the cluster from its checkpoint instead of creating
    const afterCrash = logOf(events.slice(recovered));
    expect(afterCrash).toContain(`${name}: phase Running`);
    expect(afterCrash).not.toContain(`Created virtual cluster`);

    const clusters = (await api.get('/virtual-clusters/clusters')).body.items;
    const mine = clusters.filter((c: { name: string }) => c.name === name);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      phase: 'Running',
      clusterGroup: 'dev',
      hostCluster: 'local',
    });
    const plane = await getTestPlane();
    const vclusters = (await plane.hostKubeConfig
      .makeApiClient(CustomObjectsApi)
      .listClusterCustomObject({
        group: 'infrastructure.cluster.x-k8s.io',
        version: 'v1alpha1',
        plural: 'vclusters',
      })) as { items: { metadata: { name: string } }[] };
    expect(vclusters.items.filter(v => v.metadata.name === name)).toHaveLength(
      1,
    );

    expect(
      (await api.delete(`/virtual-clusters/clusters/${mine[0].id}`)).status,
    ).toBe(202);
    await eventually(
      async () =>
        (
          await api.get(`/virtual-clusters/clusters/${mine[0].id}`)
        ).body,
      c => c.phase === 'Deleted',
    );
    await second.stop();
  });
});
