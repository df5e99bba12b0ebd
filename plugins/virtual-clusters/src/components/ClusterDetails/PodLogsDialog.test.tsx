import { registerMswTestHooks } from '@backstage/test-utils';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  PodLogsRequest,
  VirtualClustersApi,
  VirtualClustersClient,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { useState } from 'react';
import { renderWithApis, testApi } from '../../__testUtils__/render';
import { PodLogsDialog } from './PodLogsDialog';

/** Pod web-1 as the workloads API lists it: two containers and an init container. */
const pod = {
  namespace: 'shop',
  name: 'web-1',
  containers: [
    { name: 'web' },
    { name: 'sidecar' },
    { name: 'migrate', init: true },
  ],
};
/** The pod as the dialog names it to the API. */
const podRef = { namespace: 'shop', name: 'web-1' };

/** The dialog as the workloads table opens it, with a way to close it. */
function Opened() {
  const [open, setOpen] = useState(true);
  return (
    <PodLogsDialog
      clusterId="c1"
      pod={open ? pod : undefined}
      onClose={() => setOpen(false)}
    />
  );
}

function render(api: Partial<VirtualClustersApi> | VirtualClustersApi) {
  return renderWithApis(<Opened />, { api });
}

/** A fake logs backend: each answer names what was asked. */
function logsApi(overrides: Partial<VirtualClustersApi> = {}) {
  const getPodLogs = jest.fn(
    async (_id: string, _pod: unknown, request?: PodLogsRequest) =>
      `log of ${request?.container} tail ${request?.tailLines}${
        request?.previous ? ' previous' : ''
      }\n`,
  );
  const api = testApi({
    getPodLogs,
    ...overrides,
  });
  return { api, getPodLogs };
}

const logText = () => screen.getByTestId('pod-logs').textContent;

/** Chooses `option` in the select labelled `label`. */
async function choose(label: RegExp, option: string) {
  const dialog = screen.getByRole('dialog');
  fireEvent.mouseDown(within(dialog).getByRole('button', { name: label }));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

describe('PodLogsDialog', () => {
  it("shows the first container's last 500 lines, then what the user picks", async () => {
    const { api, getPodLogs } = logsApi();
    await render(api);
    expect(
      screen.getByRole('dialog', { name: 'Logs of web-1' }),
    ).toBeInTheDocument();
    await waitFor(() => expect(logText()).toBe('log of web tail 500\n'));
    expect(getPodLogs).toHaveBeenLastCalledWith('c1', podRef, {
      container: 'web',
      tailLines: 500,
      previous: false,
    });
    expect(screen.getByRole('log', { name: 'Log of web-1' })).toBe(
      screen.getByTestId('pod-logs'),
    );

    await choose(/Container/, 'sidecar');
    await waitFor(() => expect(logText()).toBe('log of sidecar tail 500\n'));

    await choose(/Lines/, 'All');
    await waitFor(() => expect(logText()).toBe('log of sidecar tail 100000\n'));

    fireEvent.click(
      screen.getByRole('checkbox', { name: 'Previous container' }),
    );
    await waitFor(() =>
      expect(logText()).toBe('log of sidecar tail 100000 previous\n'),
    );
    expect(getPodLogs).toHaveBeenLastCalledWith('c1', podRef, {
      container: 'sidecar',
      tailLines: 100000,
      previous: true,
    });

    // the init container can be read too
    fireEvent.mouseDown(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: /Container/,
      }),
    );
    expect(
      await screen.findByRole('option', { name: 'migrate (init)' }),
    ).toBeInTheDocument();
  });

  it('follows the log, appending what comes, and stops when the dialog closes', async () => {
    let onText: (text: string) => void = () => {};
    let signal: AbortSignal | undefined;
    const followPodLogs = jest.fn(
      (
        _id: string,
        _pod: unknown,
        _request: unknown,
        callback: (text: string) => void,
        options?: { signal?: AbortSignal },
      ) => {
        onText = callback;
        signal = options?.signal;
        // the stream ends when the caller aborts
        return new Promise<void>(resolve =>
          signal?.addEventListener('abort', () => resolve()),
        );
      },
    );
    const { api } = logsApi({ followPodLogs });
    await render(api);
    await waitFor(() => expect(logText()).toBe('log of web tail 500\n'));

    fireEvent.click(screen.getByRole('checkbox', { name: 'Follow' }));
    expect(
      await screen.findByText('following… (stops after 5 minutes)'),
    ).toBeInTheDocument();
    expect(followPodLogs).toHaveBeenCalledWith(
      'c1',
      podRef,
      { container: 'web', tailLines: 500, previous: false, followSeconds: 300 },
      expect.any(Function),
      { signal: expect.any(AbortSignal) },
    );
    // the previous container's log cannot be followed
    expect(
      screen.getByRole('checkbox', { name: 'Previous container' }),
    ).toBeDisabled();

    act(() => onText('one\n'));
    act(() => onText('two\n'));
    expect(logText()).toBe('one\ntwo\n');
    expect(signal?.aborted).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(signal?.aborted).toBe(true));
  });

  it('stops following when Follow is turned off, and the log is read again', async () => {
    const signals: AbortSignal[] = [];
    const { api, getPodLogs } = logsApi({
      followPodLogs: (_id, _pod, _request, _onText, options) => {
        signals.push(options!.signal!);
        return new Promise(() => {});
      },
    });
    await render(api);
    await waitFor(() => expect(getPodLogs).toHaveBeenCalledTimes(1));
    const follow = screen.getByRole('checkbox', { name: 'Follow' });
    fireEvent.click(follow);
    await waitFor(() => expect(signals).toHaveLength(1));
    fireEvent.click(follow);
    await waitFor(() => expect(signals[0].aborted).toBe(true));
    expect(screen.queryByText(/^following…/)).toBeNull();
    await waitFor(() => expect(getPodLogs).toHaveBeenCalledTimes(2));
  });

  it('downloads the log as <pod>-<container>.log', async () => {
    const { api, getPodLogs } = logsApi();
    const blobs: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:logs';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const saved: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function save(this: HTMLAnchorElement) {
        saved.push(this.download);
      });
    try {
      await render(api);
      await waitFor(() => expect(logText()).toBe('log of web tail 500\n'));
      await choose(/Lines/, '2000');
      await waitFor(() => expect(logText()).toBe('log of web tail 2000\n'));

      fireEvent.click(screen.getByRole('button', { name: 'Download' }));
      await waitFor(() => expect(saved).toEqual(['web-1-web.log']));
      expect(getPodLogs).toHaveBeenLastCalledWith('c1', podRef, {
        container: 'web',
        tailLines: 2000,
        previous: false,
      });
      expect(await blobs[0].text()).toBe('log of web tail 2000\n');
    } finally {
      click.mockRestore();
    }
  });

  it('leaves the container to the backend for a pod listed without its containers', async () => {
    const { api, getPodLogs } = logsApi();
    await renderWithApis(
      <PodLogsDialog clusterId="c1" pod={podRef} onClose={() => {}} />,
      { api },
    );
    await waitFor(() => expect(getPodLogs).toHaveBeenCalled());
    expect(getPodLogs).toHaveBeenLastCalledWith('c1', podRef, {
      tailLines: 500,
      previous: false,
    });
  });
});

describe('PodLogsDialog against the HTTP API', () => {
  // msw plays the backend, so the refusals are the ResponseErrors the real client
  // makes of the backend's error bodies
  const BASE = 'http://localhost:7007/api/virtual-clusters';
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new VirtualClustersClient({
    discoveryApi: { getBaseUrl: async () => BASE },
  });
  const refusal = (status: number, name: string, message: string) =>
    HttpResponse.json(
      { error: { name, message }, response: { statusCode: status } },
      { status },
    );

  it("shows the backend's refusal in the dialog", async () => {
    const asked: string[] = [];
    server.use(
      http.get(
        `${BASE}/clusters/c1/workloads/shop/pods/web-1/logs`,
        ({ request }) => {
          asked.push(new URL(request.url).search);
          return refusal(
            403,
            'NotAllowedError',
            'You are not allowed to read the logs of shop-dev',
          );
        },
      ),
    );
    await render(client);
    expect(
      await screen.findByText(
        'You are not allowed to read the logs of shop-dev',
      ),
    ).toBeInTheDocument();
    expect(asked).toEqual(['?container=web&tailLines=500&previous=false']);
    expect(logText()).toBe('');
  });

  it('tells that there is no previous container', async () => {
    server.use(
      http.get(
        `${BASE}/clusters/c1/workloads/shop/pods/web-1/logs`,
        ({ request }) =>
          new URL(request.url).searchParams.get('previous') === 'true'
            ? refusal(
                400,
                'InputError',
                'previous terminated container "web" in pod "web-1" not found',
              )
            : HttpResponse.text('started\n'),
      ),
    );
    await render(client);
    await waitFor(() => expect(logText()).toBe('started\n'));
    fireEvent.click(
      screen.getByRole('checkbox', { name: 'Previous container' }),
    );
    expect(
      await screen.findByText(
        'previous terminated container "web" in pod "web-1" not found',
      ),
    ).toBeInTheDocument();
  });
});
