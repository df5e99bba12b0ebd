import { mockApis, registerMswTestHooks } from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  VirtualCluster,
  virtualClusterKubeconfigReadPermission,
  VirtualClustersClient,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  testCluster,
  testSleepingCluster,
  testSleepSettings,
} from '../../__testUtils__/fixtures';
import { renderWithApis, testAlertApi } from '../../__testUtils__/render';
import { ClusterActions } from './ClusterActions';
import { ClusterDetails } from './ClusterDetails';

// The backend is msw here, so the requests are what the real client sends and the
// refusals are the ResponseErrors it makes of the backend's error bodies; the real
// backend is exercised by its own tests and the end-to-end test in Chromium.
const BASE = 'http://localhost:7007/api/virtual-clusters';
const server = setupServer();
registerMswTestHooks(server);

const client = new VirtualClustersClient({
  discoveryApi: { getBaseUrl: async () => BASE },
});

// usePermission caches decisions by permission and resource across tests, so each
// test shows a cluster of its own
let clusterCount = 0;

/** An error body as the backend's error handler writes it. */
const refusal = (status: number, name: string, message: string) =>
  HttpResponse.json(
    { error: { name, message }, response: { statusCode: status } },
    { status },
  );

/** Records PATCH bodies and answers with `answer` (by default the cluster Resuming). */
function backend(answer?: (body: any) => Response) {
  const patches: Array<{ id: string; body: any }> = [];
  server.use(
    http.patch(`${BASE}/clusters/:id`, async ({ params, request }) => {
      const body = await request.json();
      patches.push({ id: String(params.id), body });
      return (
        answer?.(body) ??
        HttpResponse.json({
          ...testSleepingCluster({ id: String(params.id) }),
          phase: 'Resuming',
          sleep: undefined,
        })
      );
    }),
  );
  return { patches };
}

async function render(
  cluster: VirtualCluster = testSleepingCluster(),
  permission = mockApis.permission(),
) {
  const id = `s${++clusterCount}`;
  const onChanged = jest.fn();
  const alertApi = testAlertApi();
  const posted = jest.spyOn(alertApi, 'post');
  await renderWithApis(
    <ClusterActions
      cluster={{ ...cluster, id }}
      kubernetesVersions={[]}
      sleepSettings={testSleepSettings}
      onChanged={onChanged}
    />,
    { api: client, permission, alertApi },
  );
  return { id, onChanged, posted };
}

describe('ClusterActions of a sleeping cluster', () => {
  it('offers Wake instead of Resume, which sends a resume', async () => {
    const { patches } = backend();
    const { id, onChanged, posted } = await render();
    fireEvent.click(await screen.findByRole('button', { name: 'Wake' }));
    expect(screen.queryByRole('button', { name: 'Resume' })).toBeNull();
    await waitFor(() =>
      expect(patches).toEqual([{ id, body: { action: 'resume' } }]),
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(posted).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'Waking shop-dev' }),
    );
  });

  it('offers Resume for a pause a user asked for', async () => {
    backend();
    await render(testCluster({ phase: 'Paused' }));
    expect(
      await screen.findByRole('button', { name: 'Resume' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Wake' })).toBeNull();
    // no kubeconfig for a paused cluster: it would not wake it
    expect(
      screen.getByRole('button', { name: 'Download kubeconfig' }),
    ).toBeDisabled();
  });

  it('lets an owner download a kubeconfig, which wakes it: the 503 is told as information and the cluster reloaded', async () => {
    const message =
      'shop-dev was asleep (Idle since …) and is waking up now; ask again in about a minute, when it runs';
    server.use(
      http.get(`${BASE}/clusters/:id/kubeconfig`, () =>
        refusal(503, 'ServiceUnavailableError', message),
      ),
    );
    const { onChanged, posted } = await render();
    const button = await screen.findByRole('button', {
      name: 'Download kubeconfig',
    });
    await waitFor(() => expect(button).toBeEnabled());
    fireEvent.click(button);
    await waitFor(() =>
      expect(posted).toHaveBeenCalledWith({
        message,
        severity: 'info',
        display: 'permanent',
      }),
    );
    expect(posted).not.toHaveBeenCalledWith(
      expect.objectContaining({ severity: 'error' }),
    );
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('shows others the kubeconfig download off and no Wake or Sleep policy', async () => {
    backend();
    await render(
      testSleepingCluster(),
      mockApis.permission({
        authorize: request =>
          request.permission.name ===
          virtualClusterKubeconfigReadPermission.name
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }),
    );
    const button = await screen.findByRole('button', {
      name: 'Download kubeconfig',
    });
    expect(button).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Wake' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sleep policy' })).toBeNull();
  });
});

describe('Sleep policy', () => {
  const dialog = async () => {
    fireEvent.click(
      await screen.findByRole('button', { name: 'Sleep policy' }),
    );
    return within(await screen.findByRole('dialog'));
  };

  it("starts from the cluster's policy, checks the shapes and sends set-sleep-policy without the keys left empty", async () => {
    const { patches } = backend(body =>
      HttpResponse.json(
        testCluster({ spec: { ...testCluster().spec, sleep: body.sleep } }),
      ),
    );
    const { id, onChanged, posted } = await render(testCluster());
    const d = await dialog();
    expect(d.getByText('Sleep policy of shop-dev')).toBeInTheDocument();
    const after = d.getByLabelText('Sleep after inactivity');
    // the host's default is the placeholder, with its limit
    expect(after).toHaveAttribute('placeholder', '2h');
    expect(d.getByText(/default 2h on local; at most 8h$/)).toBeInTheDocument();
    // never sleep is not allowed on this host
    expect(d.getByRole('checkbox', { name: 'Never sleep' })).toBeDisabled();
    expect(
      d.getByText('local does not allow clusters that never sleep'),
    ).toBeInTheDocument();

    fireEvent.change(after, { target: { value: '1 day' } });
    expect(
      d.getByText(
        'A duration such as 2h, 90m or 1h30m (units h, m, s; no days)',
      ),
    ).toBeInTheDocument();
    const schedule = d.getByLabelText('Sleep schedule');
    fireEvent.change(schedule, { target: { value: '0 20 * *' } });
    expect(
      d.getByText(
        'Five fields: minute hour day-of-month month day-of-week, e.g. 0 20 * * 1-5',
      ),
    ).toBeInTheDocument();
    expect(d.getByRole('button', { name: 'Save' })).toBeDisabled();

    fireEvent.change(after, { target: { value: '90m' } });
    fireEvent.change(schedule, { target: { value: '0 20 * * 1-5' } });
    fireEvent.change(d.getByLabelText('Wake-up schedule'), {
      target: { value: '0 8 * * 1-5' },
    });
    fireEvent.change(d.getByLabelText('Time zone'), {
      target: { value: 'Europe/Berlin' },
    });
    fireEvent.click(d.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(patches).toEqual([
        {
          id,
          body: {
            action: 'set-sleep-policy',
            sleep: {
              afterInactivity: '90m',
              schedule: '0 20 * * 1-5',
              wakeupSchedule: '0 8 * * 1-5',
              timezone: 'Europe/Berlin',
            },
          },
        },
      ]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(posted).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'Sleep policy of shop-dev saved' }),
    );
    expect(onChanged).toHaveBeenCalled();
  });

  it("shows the backend's message on a 400 and stays open", async () => {
    const message = 'sleep.afterInactivity must be at most 8h here';
    const { patches } = backend(() => refusal(400, 'InputError', message));
    const { onChanged } = await render(testSleepingCluster());
    const d = await dialog();
    // the current policy, as the cluster has it
    expect(d.getByLabelText('Sleep after inactivity')).toHaveValue('2h');
    expect(d.getByLabelText('Time zone')).toHaveValue('Europe/Berlin');
    fireEvent.change(d.getByLabelText('Sleep after inactivity'), {
      target: { value: '12h' },
    });
    fireEvent.click(d.getByRole('button', { name: 'Save' }));
    expect(await d.findByText(message)).toBeInTheDocument();
    expect(patches[0].body.sleep.afterInactivity).toBe('12h');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('turns never sleep on, where the host allows it, as neverSleep alone', async () => {
    const { patches } = backend(() => HttpResponse.json(testCluster()));
    const id = `s${++clusterCount}`;
    await renderWithApis(
      <ClusterActions
        cluster={testSleepingCluster({ id })}
        kubernetesVersions={[]}
        sleepSettings={{ ...testSleepSettings, allowNeverSleep: true }}
        onChanged={() => {}}
      />,
      { api: client, alertApi: testAlertApi() },
    );
    const d = await dialog();
    fireEvent.click(d.getByRole('checkbox', { name: 'Never sleep' }));
    expect(d.getByLabelText('Sleep after inactivity')).toBeDisabled();
    fireEvent.click(d.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(patches).toEqual([
        {
          id,
          body: { action: 'set-sleep-policy', sleep: { neverSleep: true } },
        },
      ]),
    );
  });
});

describe('Extend', () => {
  const DAY = 24 * 3600_000;
  const inDays = (days: number) => new Date(Date.now() + days * DAY);
  const expiring = (days: number) =>
    testCluster({ expiresAt: inDays(days).toISOString() });

  /** The Extend dialog of `cluster`, for an owner, with the host's `maxTtlDays` if given. */
  async function open(cluster: VirtualCluster, maxTtlDays?: number) {
    const id = `s${++clusterCount}`;
    const onChanged = jest.fn();
    const alertApi = testAlertApi();
    const posted = jest.spyOn(alertApi, 'post');
    await renderWithApis(
      <ClusterActions
        cluster={{ ...cluster, id }}
        kubernetesVersions={[]}
        expirySettings={
          maxTtlDays === undefined
            ? undefined
            : { maxTtlDays, noticeDays: [7, 1] }
        }
        onChanged={onChanged}
      />,
      { api: client, alertApi },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Extend' }));
    const d = within(await screen.findByRole('dialog'));
    return { id, onChanged, posted, d };
  }

  it('sends extend with 7 days by default and tells the new expiry', async () => {
    const moved = inDays(13);
    const { patches } = backend(() => HttpResponse.json(expiring(13)));
    const { id, onChanged, posted, d } = await open(expiring(6));
    expect(d.getByText('Extend shop-dev')).toBeInTheDocument();
    expect(d.getByText(/^shop-dev expires in 5 days \(/)).toBeInTheDocument();
    expect(d.getByLabelText('Days')).toHaveValue(7);
    fireEvent.click(d.getByRole('button', { name: 'Extend' }));
    await waitFor(() =>
      expect(patches).toEqual([{ id, body: { action: 'extend', days: 7 } }]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const date = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(moved);
    expect(posted).toHaveBeenCalledWith(
      expect.objectContaining({
        message: `Expiry of shop-dev moved to ${date}`,
        severity: 'success',
      }),
    );
    expect(onChanged).toHaveBeenCalled();
  });

  it("shows the host's maximum and checks the days against it", async () => {
    const { patches } = backend();
    const { d } = await open(expiring(5.5), 30);
    expect(
      d.getByText(
        /local lets a cluster live at most 30 days from now, so 24 more days at most\.$/,
      ),
    ).toBeInTheDocument();
    expect(
      d.getByText(
        'Days added to the expiry; at most 30 days from now on local',
      ),
    ).toBeInTheDocument();
    const days = d.getByLabelText('Days');
    fireEvent.change(days, { target: { value: '25' } });
    expect(d.getByText('At most 24 days on local')).toBeInTheDocument();
    expect(d.getByRole('button', { name: 'Extend' })).toBeDisabled();
    fireEvent.change(days, { target: { value: '0' } });
    expect(
      d.getByText('A whole number of days, at least 1'),
    ).toBeInTheDocument();
    fireEvent.change(days, { target: { value: '' } });
    expect(d.getByRole('button', { name: 'Extend' })).toBeDisabled();
    fireEvent.change(days, { target: { value: '24' } });
    expect(d.getByRole('button', { name: 'Extend' })).toBeEnabled();
    expect(patches).toEqual([]);
  });

  it("shows the backend's 400 message in the dialog and stays open", async () => {
    const message =
      'shop-dev may live at most 30 days from now (until 2027-01-02T12:00:00.000Z); extend it by 24 days at most';
    const { patches } = backend(() => refusal(400, 'InputError', message));
    // the host's maximum is not known here (no host read permission): the backend says it
    const { onChanged, posted, d } = await open(expiring(6));
    fireEvent.change(d.getByLabelText('Days'), { target: { value: '25' } });
    fireEvent.click(d.getByRole('button', { name: 'Extend' }));
    expect(await d.findByText(message)).toBeInTheDocument();
    expect(patches[0].body).toEqual({ action: 'extend', days: 25 });
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(onChanged).not.toHaveBeenCalled();
    expect(posted).not.toHaveBeenCalled();
  });

  it('is not offered for a cluster without an expiry', async () => {
    backend();
    await render(testCluster());
    expect(
      await screen.findByRole('button', { name: 'Sleep policy' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Extend' })).toBeNull();
  });

  it('is not offered to users who may not change the cluster', async () => {
    backend();
    await render(
      expiring(3),
      mockApis.permission({
        authorize: request =>
          request.permission.name ===
          virtualClusterKubeconfigReadPermission.name
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }),
    );
    expect(
      await screen.findByRole('button', { name: 'Download kubeconfig' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Extend' })).toBeNull();
  });
});

describe('ClusterDetails of a sleeping cluster', () => {
  it('shows Sleeping with why, the sleep policy and the last activity', async () => {
    const id = `s${++clusterCount}`;
    const cluster = testSleepingCluster({ id });
    server.use(
      http.get(`${BASE}/clusters/:id`, () => HttpResponse.json(cluster)),
      http.get(`${BASE}/clusters/:id/events`, () =>
        HttpResponse.json({ items: [] }),
      ),
      http.get(`${BASE}/clusters/:id/cost`, () =>
        HttpResponse.json({
          currency: 'USD',
          source: 'rates',
          hourlyRate: 0,
          monthToDate: 1,
          projectedMonth: 2,
          daily: [],
          byResource: { cpu: 0, memory: 0, storage: 0, loadBalancer: 0 },
          byNamespace: [],
          current: {
            cpuCores: 0,
            memoryGiB: 0,
            storageGiB: 0,
            loadBalancers: 0,
          },
        }),
      ),
      http.get(`${BASE}/clusters/:id/backups`, () =>
        HttpResponse.json({ items: [] }),
      ),
      http.get(`${BASE}/clusters/:id/profiles`, () =>
        HttpResponse.json({ profiles: [], removing: [] }),
      ),
      http.get(`${BASE}/host-clusters`, () => HttpResponse.json({ items: [] })),
      http.get(`${BASE}/profiles`, () => HttpResponse.json({ items: [] })),
    );
    await renderWithApis(<ClusterDetails clusterId={id} />, {
      api: client,
      alertApi: testAlertApi(),
    });
    const row = (title: string) =>
      within(screen.getByText(title).closest('tr')!);
    expect(await screen.findByText('Sleeping')).toBeInTheDocument();
    expect(
      row('Phase').getByText(
        /^Went to sleep 2 hours ago: Idle since .*: no kubeconfig, portal view or change inside for 2h$/,
      ),
    ).toBeInTheDocument();
    expect(
      row('Sleep Policy').getByText(
        'Sleeps after 2h idle; sleeps at 0 20 * * 1-5, wakes at 0 8 * * 1-5 (Europe/Berlin)',
      ),
    ).toBeInTheDocument();
    expect(
      row('Last Activity').getByText('kubeconfig issued 4 hours ago'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Wake' }),
    ).toBeInTheDocument();
  });
});
