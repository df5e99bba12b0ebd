import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import request from 'supertest';
import { unreachableHost } from '../__testUtils__/apiBackend';
import { permissionTestFeatures } from '../__testUtils__/permissionTestFeatures';
import { virtualClustersPlugin } from '../plugin';

jest.setTimeout(60_000);

const jane = mockCredentials.user.header('user:default/jane');
const bob = mockCredentials.user.header('user:default/bob');

type ToolResult = {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: any;
};

/**
 * The plugin next to the MCP actions plugin, with the real permission backend and
 * the owners-manage policy, the host nobody listens at, and the actions service
 * told to list this plugin's actions. MCP clients connect over HTTP as a caller.
 */
async function startBackend() {
  const backend = await startTestBackend({
    features: [
      virtualClustersPlugin,
      mcpActionsPlugin,
      ...permissionTestFeatures,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          backend: { actions: { pluginSources: ['virtual-clusters'] } },
          virtualClusters: {
            hostClusters: [unreachableHost()],
            reconcile: {
              schedule: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
            },
          },
        },
      }),
    ],
  });
  const { server } = backend;
  const clients: Client[] = [];
  /** Every tool result of the test, to check none carries a credential. */
  const outputs: ToolResult[] = [];

  const mcpAs = async (who: string) => {
    const client = new Client({
      name: 'virtual-clusters-test',
      version: '1.0.0',
    });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`http://localhost:${server.port()}/api/mcp-actions/v1`),
        { requestInit: { headers: { Authorization: who } } },
      ),
    );
    clients.push(client);
    return {
      listTools: () => client.listTools(),
      call: async (name: string, args: Record<string, unknown>) => {
        const result = (await client.callTool({
          name: `virtual-clusters.${name}`,
          arguments: args,
        })) as ToolResult;
        outputs.push(result);
        return result;
      },
    };
  };
  const rest = (who: string) => ({
    get: (path: string) =>
      request(server)
        .get(`/api/virtual-clusters${path}`)
        .set('Authorization', who),
    post: (path: string, body?: object) =>
      request(server)
        .post(`/api/virtual-clusters${path}`)
        .set('Authorization', who)
        .send(body),
    patch: (path: string, body: object) =>
      request(server)
        .patch(`/api/virtual-clusters${path}`)
        .set('Authorization', who)
        .send(body),
  });
  const stop = async () => {
    await Promise.all(clients.map(c => c.close()));
  };
  return { mcpAs, rest, outputs, stop };
}

const text = (result: ToolResult) =>
  result.content.map(c => c.text ?? '').join('\n');

describe('virtual-clusters actions through the MCP endpoint', () => {
  it('lists the tools, creates (dry run and real), lists, gets, and refuses as REST does', async () => {
    const { mcpAs, rest, outputs, stop } = await startBackend();
    const asJane = await mcpAs(jane);
    const asBob = await mcpAs(bob);

    // the tools, with what they may do
    const { tools } = await asJane.listTools();
    const ours = tools.filter(t => t.name.startsWith('virtual-clusters.'));
    expect(ours.map(t => t.name).sort()).toEqual([
      'virtual-clusters.backup-virtual-cluster',
      'virtual-clusters.create-virtual-cluster',
      'virtual-clusters.get-virtual-cluster',
      'virtual-clusters.list-virtual-clusters',
      'virtual-clusters.pause-virtual-cluster',
      'virtual-clusters.resume-virtual-cluster',
    ]);
    const hints = Object.fromEntries(
      ours.map(t => [t.name.split('.')[1], t.annotations]),
    );
    expect(hints['list-virtual-clusters']).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
    });
    expect(hints['get-virtual-cluster']).toMatchObject({ readOnlyHint: true });
    expect(hints['pause-virtual-cluster']).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
    });
    expect(hints['create-virtual-cluster']).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
    });
    const create = ours.find(t => t.name.endsWith('create-virtual-cluster'))!;
    expect(create.inputSchema.properties).toHaveProperty('dryRun');
    expect(create.inputSchema.required).toEqual(['name', 'owner']);

    // a dry run checks and shows, creates nothing
    const dry = await asJane.call('create-virtual-cluster', {
      name: 'team-a',
      hostCluster: 'local',
      owner: 'user:default/jane',
      dryRun: true,
    });
    expect(dry.isError).toBeFalsy();
    expect(dry.structuredContent).toMatchObject({
      created: false,
      dryRun: true,
      cluster: {
        id: 'dry-run',
        name: 'team-a',
        namespace: 'vc-team-a',
        phase: 'Pending',
        distro: 'k3s',
      },
    });
    expect((await rest(jane).get('/clusters')).body.items).toEqual([]);
    // the dry run refuses what the real request would, as REST does
    const badDry = await asJane.call('create-virtual-cluster', {
      name: 'x',
      hostCluster: 'nope',
      owner: 'user:default/jane',
      dryRun: true,
    });
    const badRest = await rest(jane).post('/clusters?dryRun=true', {
      name: 'x',
      hostCluster: 'nope',
      owner: 'user:default/jane',
    });
    expect(badRest.status).toBe(400);
    expect(badDry.isError).toBe(true);
    expect(text(badDry)).toBe(`InputError: ${badRest.body.error.message}`);

    // for real
    const created = await asJane.call('create-virtual-cluster', {
      name: 'team-a',
      hostCluster: 'local',
      owner: 'user:default/jane',
      relatedEntityRefs: ['component:default/shop'],
    });
    expect(created.isError).toBeFalsy();
    expect(created.structuredContent).toMatchObject({
      created: true,
      dryRun: false,
      cluster: {
        name: 'team-a',
        owner: 'user:default/jane',
        hostCluster: 'local',
        phase: 'Pending',
        createdBy: 'user:default/jane',
      },
    });
    const { id } = created.structuredContent.cluster;
    const viaRest = await rest(jane).get(`/clusters/${id}`);
    expect(viaRest.status).toBe(200);
    expect(viaRest.body.name).toBe('team-a');

    // list, with the filters of GET /clusters
    const listed = await asBob.call('list-virtual-clusters', {});
    expect(listed.structuredContent).toMatchObject({
      totalItems: 1,
      items: [
        {
          id,
          name: 'team-a',
          phase: 'Pending',
          cost: { currency: 'USD', monthToDate: 0 },
        },
      ],
    });
    const byEntity = await asJane.call('list-virtual-clusters', {
      entityRef: 'component:default/shop',
      phase: ['Pending', 'Running'],
      limit: 5,
    });
    expect(byEntity.structuredContent.items.map((c: any) => c.id)).toEqual([
      id,
    ]);
    const byOwner = await asJane.call('list-virtual-clusters', {
      owner: 'user:default/bob',
    });
    expect(byOwner.structuredContent).toEqual({ items: [], totalItems: 0 });
    const running = await asJane.call('list-virtual-clusters', {
      phase: ['Running'],
    });
    expect(running.structuredContent.totalItems).toBe(0);

    // get: phase, endpoint (none yet), cost, problems; the host cannot be reached,
    // so the provisioning step is retried and that is the problem
    let got: ToolResult;
    for (let i = 0; ; i++) {
      got = await asBob.call('get-virtual-cluster', { id });
      if (got.structuredContent?.problems?.length || i > 50) break;
      await new Promise(r => setTimeout(r, 200));
    }
    expect(got.isError).toBeFalsy();
    expect(got.structuredContent).toMatchObject({
      cluster: { id, name: 'team-a', phase: 'Pending', conditions: [] },
      cost: { currency: 'USD', source: 'rates', monthToDate: 0 },
    });
    expect(got.structuredContent.cluster.endpoint).toBeUndefined();
    expect(got.structuredContent.workloads).toBeUndefined();
    expect(got.structuredContent.problems).toEqual([
      {
        source: 'phase',
        message: expect.stringMatching(
          /^create failed \(attempt \d+ of \d+, retrying\): .*ECONNREFUSED/,
        ),
      },
    ]);
    const missing = await asJane.call('get-virtual-cluster', { id: 'nope' });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toBe(
      "NotFoundError: No virtual cluster with id 'nope'",
    );

    // bob may read jane's cluster but not pause it, nor back it up: refused with
    // the words of the REST API
    const bobPause = await asBob.call('pause-virtual-cluster', { id });
    const bobPauseRest = await rest(bob).patch(`/clusters/${id}`, {
      action: 'pause',
    });
    expect(bobPauseRest.status).toBe(403);
    expect(bobPause.isError).toBe(true);
    expect(text(bobPause)).toBe(
      `NotAllowedError: ${bobPauseRest.body.error.message}`,
    );
    expect(text(bobPause)).toBe(
      'NotAllowedError: Not allowed: virtual-clusters.cluster.update on virtual cluster team-a',
    );
    const bobBackup = await asBob.call('backup-virtual-cluster', { id });
    const bobBackupRest = await rest(bob).post(`/clusters/${id}/backups`);
    expect(bobBackupRest.status).toBe(403);
    expect(text(bobBackup)).toBe(
      `NotAllowedError: ${bobBackupRest.body.error.message}`,
    );

    // jane may, but the lifecycle refuses a Pending cluster as REST does
    for (const [tool, path, body, message] of [
      [
        'pause-virtual-cluster',
        `/clusters/${id}`,
        { action: 'pause' },
        'Only a Running cluster can be paused; team-a is Pending',
      ],
      [
        'resume-virtual-cluster',
        `/clusters/${id}`,
        { action: 'resume' },
        'Only a Paused cluster can be resumed; team-a is Pending',
      ],
      [
        'backup-virtual-cluster',
        `/clusters/${id}/backups`,
        undefined,
        'team-a is Pending: a backup needs a Running cluster',
      ],
    ] as const) {
      const viaMcp = await asJane.call(tool, { id });
      const viaApi = body
        ? await rest(jane).patch(path, body)
        : await rest(jane).post(path);
      expect(viaApi.status).toBe(409);
      expect(viaApi.body.error.message).toBe(message);
      expect(viaMcp.isError).toBe(true);
      expect(text(viaMcp)).toBe(`ConflictError: ${message}`);
    }
    // still Pending, nothing changed
    expect((await rest(jane).get(`/clusters/${id}`)).body.phase).toBe(
      'Pending',
    );

    // an unknown field is refused, as the REST API's validation does
    const unknown = await asJane.call('create-virtual-cluster', {
      name: 'team-b',
      hostCluster: 'local',
      owner: 'user:default/jane',
      color: 'blue',
    });
    expect(unknown.isError).toBe(true);
    expect(text(unknown)).toMatch(/InputError: Invalid input/);

    // no answer carries a kubeconfig or a credential
    expect(outputs.length).toBeGreaterThan(10);
    for (const output of outputs) {
      const all = JSON.stringify(output);
      expect(all).not.toMatch(
        /kubeconfig|token|certificate|client-key|BEGIN |apiVersion/i,
      );
      expect(all).not.toContain(jane);
      expect(all).not.toContain(bob);
    }
    await stop();
  });
});
