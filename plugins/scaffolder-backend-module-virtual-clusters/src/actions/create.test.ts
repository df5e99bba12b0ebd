import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  CreateVirtualClusterRequest,
  VirtualCluster,
  VirtualClusterPhase,
  VirtualClustersApi,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { mockVirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common/testUtils';
import { createVirtualClusterAction } from './create';

function clusterIn(
  phase: VirtualClusterPhase,
  name = 'team-a',
): VirtualCluster {
  return mockVirtualCluster({
    name,
    phase,
    relatedEntityRefs: [],
    reason: phase === 'Failed' ? 'ChartFailed' : undefined,
    endpoint: phase === 'Running' ? 'https://127.0.0.2:443' : undefined,
  });
}

/** An in-memory stand-in for the backend API; the real one is exercised in the integration test. */
function fakeApi(phases: VirtualClusterPhase[]) {
  const created: Array<{
    request: CreateVirtualClusterRequest;
    dryRun?: boolean;
  }> = [];
  let reads = 0;
  const api: Partial<VirtualClustersApi> = {
    createCluster: async (request, options) => {
      created.push({ request, dryRun: options?.dryRun });
      return clusterIn('Pending', request.name);
    },
    getCluster: async () =>
      clusterIn(phases[Math.min(reads++, phases.length - 1)]),
  };
  return { api: api as VirtualClustersApi, created };
}

const discovery = mockServices.discovery.mock({
  getExternalBaseUrl: async () => 'http://localhost:7007/api/virtual-clusters',
});

const input = {
  name: 'team-a',
  hostCluster: 'local',
  owner: 'group:default/team-a',
  waitForReady: true,
  timeoutSeconds: 30,
};

describe('virtual-clusters:create', () => {
  it('creates the cluster once, waits for Running and sets outputs', async () => {
    const { api, created } = fakeApi(['Pending', 'Provisioning', 'Running']);
    const action = createVirtualClusterAction({
      api,
      auth: mockServices.auth(),
      discovery,
      pollMs: 10,
    });
    const ctx = createMockActionContext({ input });
    await action.handler({ ...ctx, input: { ...input } } as any);

    expect(created).toHaveLength(1);
    expect(created[0].request).toMatchObject({
      name: 'team-a',
      hostCluster: 'local',
      requestId: expect.stringContaining(':team-a'),
    });
    expect(ctx.output).toHaveBeenCalledWith(
      'endpoint',
      'https://127.0.0.2:443',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'kubeconfigUrl',
      'http://localhost:7007/api/virtual-clusters/clusters/c1/kubeconfig',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/vc-team-a',
    );
  }, 20_000);

  it('creates in a cluster group, leaving out the host a template passes on empty', async () => {
    const { api, created } = fakeApi(['Running']);
    const action = createVirtualClusterAction({
      api,
      auth: mockServices.auth(),
      discovery,
      pollMs: 10,
    });
    const inGroup = {
      name: 'team-a',
      clusterGroup: 'dev',
      hostCluster: '',
      owner: 'group:default/team-a',
    };
    const ctx = createMockActionContext({ input: inGroup });
    await action.handler({ ...ctx, input: { ...inGroup } } as any);
    expect(created).toHaveLength(1);
    expect(created[0].request).toMatchObject({ clusterGroup: 'dev' });
    expect(created[0].request).not.toHaveProperty('hostCluster');
    // the host the backend answers with (the group's choice) is an output
    expect(ctx.output).toHaveBeenCalledWith('hostCluster', 'local');
  });

  it('passes profiles on, the newest version where the template left it empty, none when the list is empty', async () => {
    const { api, created } = fakeApi(['Running']);
    const action = createVirtualClusterAction({
      api,
      auth: mockServices.auth(),
      discovery,
      pollMs: 10,
    });
    const withProfiles = (profiles: object[]) => ({
      name: 'team-a',
      clusterGroup: 'dev',
      owner: 'group:default/team-a',
      profiles,
    });
    for (const profiles of [
      [
        { name: 'hello', version: '1.1.0' },
        { name: 'base', version: '' },
      ],
      [],
    ]) {
      const ctx = createMockActionContext({ input: withProfiles(profiles) });
      await action.handler({ ...ctx, input: withProfiles(profiles) } as any);
    }
    expect(created[0].request.profiles).toEqual([
      { name: 'hello', version: '1.1.0' },
      { name: 'base' },
    ]);
    expect(created[1].request).not.toHaveProperty('profiles');
  });

  it('passes a sleep policy on without the fields a template left empty, and a time to live', async () => {
    const { api, created } = fakeApi(['Running']);
    const action = createVirtualClusterAction({
      api,
      auth: mockServices.auth(),
      discovery,
      pollMs: 10,
    });
    const withSleep = {
      name: 'team-a',
      clusterGroup: 'dev',
      owner: 'group:default/team-a',
      sleep: { afterInactivity: '2h', schedule: '', timezone: 'Europe/Berlin' },
      ttlDays: 14,
    };
    const ctx = createMockActionContext({ input: withSleep });
    await action.handler({ ...ctx, input: { ...withSleep } } as any);
    expect(created[0].request.sleep).toEqual({
      afterInactivity: '2h',
      timezone: 'Europe/Berlin',
    });
    expect(created[0].request.ttlDays).toBe(14);
  });

  it('validates against the backend on dry run without creating', async () => {
    const { api, created } = fakeApi(['Pending']);
    const action = createVirtualClusterAction({
      api,
      auth: mockServices.auth(),
      discovery,
      pollMs: 10,
    });
    const ctx = { ...createMockActionContext({ input }), isDryRun: true };
    await action.handler(ctx as any);
    expect(created).toEqual([
      { request: expect.objectContaining({ name: 'team-a' }), dryRun: true },
    ]);
  });

  it('waits for Running when the input leaves waitForReady out, as the scaffolder passes it', async () => {
    // the scaffolder validates input with JSON Schema and does not apply zod defaults
    const { api } = fakeApi(['Pending', 'Provisioning', 'Running']);
    const action = createVirtualClusterAction({
      api,
      auth: mockServices.auth(),
      discovery,
      pollMs: 10,
    });
    const bare = {
      name: 'team-a',
      hostCluster: 'local',
      owner: 'group:default/team-a',
    };
    const ctx = createMockActionContext({ input: bare });
    await action.handler({ ...ctx, input: { ...bare } } as any);
    expect(ctx.output).toHaveBeenCalledWith('phase', 'Running');
  });

  it('fails with the reason when the cluster fails', async () => {
    const { api } = fakeApi(['Provisioning', 'Failed']);
    const action = createVirtualClusterAction({
      api,
      auth: mockServices.auth(),
      discovery,
      pollMs: 10,
    });
    await expect(
      action.handler(createMockActionContext({ input }) as any),
    ).rejects.toThrow('Virtual cluster team-a failed: ChartFailed');
  }, 20_000);

  it('stops waiting when the task is cancelled', async () => {
    const { api } = fakeApi(['Provisioning']);
    const action = createVirtualClusterAction({
      api,
      auth: mockServices.auth(),
      discovery,
      pollMs: 10,
    });
    const controller = new AbortController();
    const ctx = {
      ...createMockActionContext({ input }),
      signal: controller.signal,
    };
    const run = action.handler(ctx as any);
    setTimeout(() => controller.abort(), 100);
    await expect(run).rejects.toThrow('Cancelled');
  });
});
