import { mockApis, registerMswTestHooks } from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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
import { BackupsCard } from './BackupsCard';
import { testCluster } from '../../__testUtils__/fixtures';
import { renderWithApis, testAlertApi } from '../../__testUtils__/render';

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

/** The alert API the card posts to; `alerts` its messages. */
const alertApi = testAlertApi();
const alerts = alertApi.messages;

async function render(permission = mockApis.permission()) {
  const id = `c${++clusterCount}`;
  const rendered = await renderWithApis(
    <BackupsCard cluster={{ ...cluster, id }} />,
    { api: client, permission, alertApi },
  );
  return { ...rendered, id };
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

  it('asks the backend to clone, which creates the cluster and restores later', async () => {
    const clones: Array<{ id: string; body: unknown }> = [];
    server.use(
      http.get(`${BASE}/clusters/:id/backups`, () =>
        HttpResponse.json({ items: [backup] }),
      ),
      http.post(`${BASE}/clusters/:id/clone`, async ({ params, request }) => {
        clones.push({ id: String(params.id), body: await request.json() });
        return HttpResponse.json(
          { ...cluster, id: 'c-copy', name: 'shop-copy', phase: 'Pending' },
          { status: 202 },
        );
      }),
    );
    const { id } = await render(
      mockApis.permission({
        authorize: () => AuthorizeResult.ALLOW,
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Clone' }));
    fireEvent.change(await screen.findByLabelText('Name of the new cluster'), {
      target: { value: 'shop-copy' },
    });
    fireEvent.click(screen.getAllByRole('button', { name: 'Clone' }).at(-1)!);
    await waitFor(() =>
      expect(alerts).toContain(
        'Creating shop-copy on local: the backend restores the 12 objects of this backup into it once it runs. Its timeline shows the outcome.',
      ),
    );
    expect(clones).toEqual([
      { id, body: { backupId: 'b1', name: 'shop-copy' } },
    ]);
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
