import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockApis } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import {
  virtualClusterLogsReadPermission,
  VirtualClustersApi,
  WorkloadEvent,
  WorkloadsResponse,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import {
  renderWithApis,
  testAlertApi,
  testApi,
} from '../../__testUtils__/render';
import { WorkloadsTable } from './WorkloadsTable';

/** A Deployment and its crash-looping pod in namespace shop of cluster c1. */
const workloads: WorkloadsResponse = {
  namespaces: [
    {
      name: 'shop',
      workloads: [
        {
          kind: 'Deployment',
          name: 'web',
          namespace: 'shop',
          status: 'Available',
          ready: '1/1',
          images: ['nginx:1.27'],
          errors: [],
        },
        {
          kind: 'Pod',
          name: 'web-1',
          namespace: 'shop',
          status: 'CrashLoopBackOff',
          ready: '0/1',
          restarts: 7,
          images: ['nginx:1.27'],
          errors: [{ severity: 8, message: 'container web is crash looping' }],
        },
      ],
    },
  ],
  errors: [],
  summary: { workloads: 2, withErrors: 1, pods: 1, runningPods: 0 },
  fetchedAt: '2026-11-24T10:00:00Z',
};

const event = (
  e: Partial<WorkloadEvent> & Pick<WorkloadEvent, 'reason' | 'lastSeen'>,
): WorkloadEvent => ({
  type: 'Normal',
  message: `${e.reason} happened`,
  count: 1,
  involvedObject: { kind: 'Pod', name: 'web-1' },
  ...e,
});

async function render(
  api: Partial<VirtualClustersApi> = {},
  permission = mockApis.permission(),
) {
  const onChanged = jest.fn();
  const alertApi = testAlertApi();
  await renderWithApis(
    <WorkloadsTable
      clusterId="c1"
      workloads={workloads}
      refreshSeconds={10}
      onChanged={onChanged}
    />,
    { api: testApi(api), permission, alertApi },
  );
  return { onChanged, alerts: alertApi.messages };
}

/** The table row showing `name`. */
const rowOf = (name: string) =>
  screen.getByText(name, { selector: 'td, td *' }).closest('tr')!;

describe('WorkloadsTable', () => {
  it("still highlights a workload's problems", async () => {
    await render();
    expect(
      await screen.findByText('container web is crash looping'),
    ).toBeInTheDocument();
    expect(
      within(rowOf('web-1')).getByText('CrashLoopBackOff'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Workloads (0/1 pods running, 1 with problems)'),
    ).toBeInTheDocument();
  });

  it("opens a row to the object's events, newest first, a Warning marked", async () => {
    const getWorkloadEvents = jest.fn(async () => [
      event({ reason: 'Pulled', lastSeen: '2026-11-24T09:50:00Z' }),
      event({
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container web',
        count: 12,
        source: 'kubelet',
        lastSeen: '2026-11-24T09:59:00Z',
      }),
      event({
        reason: 'Scheduled',
        source: 'default-scheduler',
        lastSeen: '2026-11-24T09:40:00Z',
      }),
    ]);
    await render({ getWorkloadEvents });
    await screen.findByText('web-1');
    const button = within(rowOf('web-1')).getByRole('button', {
      name: 'Events',
    });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(button);

    const events = await screen.findByRole('table', {
      name: 'Events of Pod web-1',
    });
    expect(getWorkloadEvents).toHaveBeenCalledWith('c1', {
      namespace: 'shop',
      kind: 'Pod',
      name: 'web-1',
    });
    const rows = within(events).getAllByRole('row').slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('cell')[1].textContent),
    ).toEqual(['BackOff', 'Pulled', 'Scheduled']);
    expect(rows[0]).toHaveAttribute('data-event-type', 'Warning');
    expect(within(rows[0]).getByText('Warning')).toBeInTheDocument();
    expect(within(rows[0]).getByTestId('status-warning')).toBeInTheDocument();
    expect(
      within(rows[0]).getByText('Back-off restarting failed container web'),
    ).toBeInTheDocument();
    expect(within(rows[0]).getByText('12')).toBeInTheDocument();
    expect(within(rows[0]).getByText('kubelet')).toBeInTheDocument();
    expect(within(rows[1]).queryByTestId('status-warning')).toBeNull();
    await waitFor(() =>
      expect(
        within(rowOf('web-1')).getByRole('button', { name: 'Events' }),
      ).toHaveAttribute('aria-expanded', 'true'),
    );
  });

  it('keeps a row open across refreshes of the table, its events loaded again', async () => {
    const getWorkloadEvents = jest.fn(async () => [
      event({ reason: 'Pulled', lastSeen: '2026-11-24T09:50:00Z' }),
    ]);
    // the details reload the workloads every few seconds: a new response each time
    function Refreshing() {
      const [fetchedAt, setFetchedAt] = useState(workloads.fetchedAt);
      return (
        <>
          <button onClick={() => setFetchedAt('2026-11-24T10:00:10Z')}>
            refresh
          </button>
          <WorkloadsTable
            clusterId="c1"
            workloads={{ ...workloads, fetchedAt }}
          />
        </>
      );
    }
    await renderWithApis(<Refreshing />, {
      api: testApi({ getWorkloadEvents }),
    });
    await screen.findByText('web-1');
    fireEvent.click(
      within(rowOf('web-1')).getByRole('button', { name: 'Events' }),
    );
    await screen.findByRole('table', { name: 'Events of Pod web-1' });
    expect(getWorkloadEvents).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByRole('button', { name: 'refresh' }));
    await waitFor(() => expect(getWorkloadEvents).toHaveBeenCalledTimes(2));
    expect(
      screen.getByRole('table', { name: 'Events of Pod web-1' }),
    ).toBeInTheDocument();
  });

  it('offers only YAML to a user who may neither update the cluster nor read logs', async () => {
    await render({}, mockApis.permission({ authorize: AuthorizeResult.DENY }));
    await screen.findByText('web-1');
    expect(screen.getAllByRole('button', { name: 'YAML' })).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Restart' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete pod' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Logs' })).toBeNull();
  });

  it('offers Logs for pods to a reader the policy lets read logs', async () => {
    await render(
      {},
      mockApis.permission({
        authorize: request =>
          request.permission.name === virtualClusterLogsReadPermission.name
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }),
    );
    await waitFor(() =>
      expect(
        within(rowOf('web-1')).getByRole('button', { name: 'Logs' }),
      ).toBeInTheDocument(),
    );
    expect(
      within(rowOf('web')).queryByRole('button', { name: 'Logs' }),
    ).toBeNull();
    expect(screen.queryByRole('button', { name: 'Restart' })).toBeNull();
  });

  it('restarts a Deployment after a confirmation, then reloads the table', async () => {
    const restartWorkload = jest.fn(async () => ({
      kind: 'Deployment' as const,
      namespace: 'shop',
      name: 'web',
      restartedAt: '2026-11-24T10:01:00Z',
    }));
    const { onChanged, alerts } = await render({ restartWorkload });
    await screen.findByText('web-1');
    // a pod has no Restart, a Deployment no Delete pod
    expect(
      within(rowOf('web-1')).queryByRole('button', { name: 'Restart' }),
    ).toBeNull();
    expect(
      within(rowOf('web')).queryByRole('button', { name: 'Delete pod' }),
    ).toBeNull();
    fireEvent.click(
      await within(rowOf('web')).findByRole('button', { name: 'Restart' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Restart Deployment web?'),
    ).toBeInTheDocument();
    expect(restartWorkload).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Restart' }));

    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(restartWorkload).toHaveBeenCalledWith('c1', {
      namespace: 'shop',
      kind: 'Deployment',
      name: 'web',
    });
    expect(alerts).toEqual([
      'Restarted Deployment web: its pods are being replaced',
    ]);
    // opening the confirmation did not open the row's events
    expect(screen.queryByRole('table', { name: /^Events of/ })).toBeNull();
  });

  it("deletes a pod after a confirmation and tells the backend's refusal", async () => {
    const deletePod = jest.fn(async () => {
      throw new Error('pods "web-1" is forbidden');
    });
    const { onChanged, alerts } = await render({ deletePod });
    fireEvent.click(
      await within(rowOf('web-1')).findByRole('button', { name: 'Delete pod' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Delete pod web-1?')).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete pod' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(deletePod).toHaveBeenCalledWith('c1', {
      namespace: 'shop',
      name: 'web-1',
    });
    expect(alerts).toEqual(['pods "web-1" is forbidden']);
  });

  it('shows the YAML of a row, with what is left out', async () => {
    const getWorkloadYaml = jest.fn(
      async () =>
        'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 2\n',
    );
    await render({ getWorkloadYaml });
    fireEvent.click(
      await within(rowOf('web')).findByRole('button', { name: 'YAML' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'YAML of Deployment web',
    });
    expect(
      within(dialog).getByText(/a Secret's data are left out/),
    ).toBeInTheDocument();
    const yaml = await within(dialog).findByTestId('workload-yaml');
    // the snippet is loaded lazily
    await waitFor(() => expect(yaml).toHaveTextContent('replicas: 2'));
    expect(getWorkloadYaml).toHaveBeenCalledWith('c1', {
      namespace: 'shop',
      kind: 'Deployment',
      name: 'web',
    });
    expect(
      await within(dialog).findByRole('button', { name: 'Copy text' }),
    ).toBeInTheDocument();
  });
});
