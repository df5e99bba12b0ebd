import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  VirtualCluster,
  VirtualClusterBackup,
  virtualClusterCreatePermission,
  VirtualClustersClient,
  virtualClusterUpdatePermission,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { virtualClustersApiRef } from '../../api';
import { BackupsCard, cloneBackup, formatBytes } from './BackupsCard';
import { testCluster } from '../../__testUtils__/fixtures';

// The backend is msw here; the real one is exercised by the backend's integration
// tests and the end-to-end test in Chromium.
const BASE = 'http://localhost:7007/api/virtual-clusters';
const server = setupServer();
registerMswTestHooks(server);

const cluster: VirtualCluster = testCluster();

const backup: VirtualClusterBackup = {
  id: 'b1',
  clusterId: 'c1',
  status: 'completed',
  objectCount: 12,
  sizeBytes: 20480,
  note: 'API objects only; volume data is not backed up',
  createdBy: 'user:default/guest',
  createdAt: '2026-11-24T11:00:00Z',
  completedAt: '2026-11-24T11:00:01Z',
};

const client = new VirtualClustersClient({
  discoveryApi: { getBaseUrl: async () => BASE },
});

// usePermission caches decisions by permission and resource across tests, so each
// test shows a cluster of its own
let clusterCount = 0;

function render(permission = mockApis.permission()) {
  const id = `c${++clusterCount}`;
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [virtualClustersApiRef, client],
        [permissionApiRef, permission],
      ]}
    >
      <BackupsCard cluster={{ ...cluster, id }} />
    </TestApiProvider>,
  );
}

describe('BackupsCard', () => {
  it('lists backups with size and objects, backs up and restores', async () => {
    const backups: VirtualClusterBackup[] = [backup];
    const restored: unknown[] = [];
    server.use(
      http.get(`${BASE}/clusters/:id/backups`, () =>
        HttpResponse.json({ items: backups }),
      ),
      http.post(`${BASE}/clusters/:id/backups`, () => {
        const made = { ...backup, id: 'b2', objectCount: 14 };
        backups.unshift(made);
        return HttpResponse.json(made, { status: 201 });
      }),
      http.post(`${BASE}/clusters/:id/restore`, async ({ request }) => {
        restored.push(await request.json());
        return HttpResponse.json({
          backupId: 'b1',
          sourceClusterId: 'c1',
          targetClusterId: 'c1',
          clone: false,
          objectCount: 12,
          applied: 12,
          failed: 0,
          skipped: 0,
          failures: [],
          durationMs: 40,
          note: '',
        });
      }),
    );
    await render();
    expect(await screen.findByText('20.0 KiB')).toBeInTheDocument();
    expect(screen.getByText('12')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Back up now' }));
    expect(await screen.findByText('14')).toBeInTheDocument();

    fireEvent.click(screen.getAllByRole('button', { name: 'Restore' })[1]);
    expect(
      await screen.findByText('Restore into shop-dev?'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getAllByRole('button', { name: 'Restore' }).at(-1)!);
    await waitFor(() => expect(restored).toEqual([{ backupId: 'b1' }]));
  });

  it('tells owners how to start when there are no backups', async () => {
    server.use(
      http.get(`${BASE}/clusters/:id/backups`, () =>
        HttpResponse.json({ items: [] }),
      ),
    );
    await render();
    expect(await screen.findByText('No backups yet')).toBeInTheDocument();
    expect(screen.getByText(/Back up now to keep a copy/)).toBeInTheDocument();
  });

  it('shows no actions to users who may not change the cluster', async () => {
    server.use(
      http.get(`${BASE}/clusters/:id/backups`, () =>
        HttpResponse.json({ items: [backup] }),
      ),
    );
    await render(mockApis.permission({ authorize: AuthorizeResult.DENY }));
    expect(await screen.findByText('20.0 KiB')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Back up now' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Restore' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Clone' })).toBeNull();
  });

  it('validates the clone name as the backend does', async () => {
    server.use(
      http.get(`${BASE}/clusters/:id/backups`, () =>
        HttpResponse.json({ items: [backup] }),
      ),
    );
    await render(
      mockApis.permission({
        authorize: request =>
          request.permission.name === virtualClusterCreatePermission.name ||
          request.permission.name === virtualClusterUpdatePermission.name
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Clone' }));
    const input = await screen.findByLabelText('Name of the new cluster');
    expect(input).toHaveValue('shop-dev-clone');
    fireEvent.change(input, { target: { value: 'Shop_Clone' } });
    expect(
      await screen.findByText(/lower case letters, digits and dashes, and/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('button', { name: 'Clone' }).at(-1),
    ).toBeDisabled();
  });

  it('shows the backend error when backups cannot be listed', async () => {
    server.use(
      http.get(`${BASE}/clusters/:id/backups`, () =>
        HttpResponse.json(
          { error: { name: 'NotAllowedError', message: 'not yours' } },
          { status: 403 },
        ),
      ),
    );
    await render();
    expect(await screen.findAllByText(/not yours/)).not.toHaveLength(0);
  });
});

describe('cloneBackup', () => {
  it('creates the cluster like the source, waits until it runs, then restores', async () => {
    const phases = ['Pending', 'Provisioning', 'Running'] as const;
    let reads = 0;
    const created: unknown[] = [];
    const restores: Array<{ id: string; body: unknown }> = [];
    server.use(
      http.post(`${BASE}/clusters`, async ({ request }) => {
        created.push(await request.json());
        return HttpResponse.json(
          { ...cluster, id: 'c2', name: 'shop-copy', phase: 'Pending' },
          { status: 201 },
        );
      }),
      http.get(`${BASE}/clusters/c2`, () =>
        HttpResponse.json({
          ...cluster,
          id: 'c2',
          name: 'shop-copy',
          phase: phases[Math.min(reads++, phases.length - 1)],
        }),
      ),
      http.post(`${BASE}/clusters/:id/restore`, async ({ params, request }) => {
        restores.push({ id: String(params.id), body: await request.json() });
        return HttpResponse.json({
          backupId: 'b1',
          sourceClusterId: 'c1',
          targetClusterId: 'c2',
          clone: true,
          objectCount: 12,
          applied: 12,
          failed: 0,
          skipped: 0,
          failures: [],
          durationMs: 40,
          note: '',
        });
      }),
    );
    const progress: string[] = [];
    const { result } = await cloneBackup({
      api: client,
      source: cluster,
      backup,
      name: 'shop-copy',
      progress: m => progress.push(m),
      pollMs: 1,
    });
    expect(created).toEqual([
      {
        name: 'shop-copy',
        hostCluster: 'local',
        owner: 'group:default/team-a',
        distro: 'k3s',
        kubernetesVersion: '1.33',
        relatedEntityRefs: ['component:default/shop'],
        requestId: 'clone:b1:shop-copy',
      },
    ]);
    expect(restores).toEqual([{ id: 'c2', body: { backupId: 'b1' } }]);
    expect(result.clone).toBe(true);
    expect(progress[0]).toBe('Creating shop-copy on local');
    expect(progress.some(m => m.startsWith('Waiting for shop-copy'))).toBe(
      true,
    );
    expect(progress.at(-1)).toBe('Restoring 12 objects into shop-copy');
  });

  it('restores nothing into a cluster that failed', async () => {
    server.use(
      http.post(`${BASE}/clusters`, () =>
        HttpResponse.json(
          {
            ...cluster,
            id: 'c3',
            name: 'bad',
            phase: 'Failed',
            message: 'quota exceeded',
          },
          { status: 201 },
        ),
      ),
    );
    await expect(
      cloneBackup({
        api: client,
        source: cluster,
        backup,
        name: 'bad',
        progress: () => {},
      }),
    ).rejects.toThrow('bad is Failed: quota exceeded; nothing was restored');
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MiB');
  });
});
