import { mockApis, registerMswTestHooks } from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  VirtualCluster,
  VirtualClusterProfilesResponse,
  VirtualClustersClient,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ProfilesCard } from './ProfilesCard';
import {
  testClusterProfiles,
  testProfiles,
  testProfilesCluster,
} from '../../__testUtils__/fixtures';
import { renderWithApis, testAlertApi } from '../../__testUtils__/render';

// The backend is msw here, so the PATCH bodies are what the real client sends; the
// real backend is exercised by its own tests and the end-to-end test in Chromium.
const BASE = 'http://localhost:7007/api/virtual-clusters';
const server = setupServer();
registerMswTestHooks(server);

const client = new VirtualClustersClient({
  discoveryApi: { getBaseUrl: async () => BASE },
});

// usePermission caches decisions by permission and resource across tests, so each
// test shows a cluster of its own
let clusterCount = 0;

const alertApi = testAlertApi();
const alerts = alertApi.messages;

const HELM_ERROR =
  'error executing helm pull hello-profile --repo http://127.0.88.1:8080 --version 9.9.9: Error: chart "hello-profile" version "9.9.9" not found';

/** Answers GET /profiles and GET /clusters/:id/profiles (one answer after another, the last kept); records PATCH bodies. */
function backend(...answers: VirtualClusterProfilesResponse[]) {
  const patches: Array<{ id: string; body: unknown }> = [];
  const reads: string[] = [];
  let next = 0;
  server.use(
    http.get(`${BASE}/profiles`, () =>
      HttpResponse.json({ items: testProfiles() }),
    ),
    http.get(`${BASE}/clusters/:id/profiles`, ({ params }) => {
      reads.push(String(params.id));
      const answer = answers[Math.min(next++, answers.length - 1)];
      return HttpResponse.json(answer);
    }),
    http.patch(`${BASE}/clusters/:id`, async ({ params, request }) => {
      patches.push({ id: String(params.id), body: await request.json() });
      return HttpResponse.json({
        ...testProfilesCluster(),
        id: String(params.id),
        phase: 'Upgrading',
      });
    }),
  );
  return { patches, reads };
}

async function render(
  cluster: VirtualCluster = testProfilesCluster(),
  permission = mockApis.permission(),
) {
  const id = `p${++clusterCount}`;
  const onChanged = jest.fn();
  await renderWithApis(
    <ProfilesCard cluster={{ ...cluster, id }} onChanged={onChanged} />,
    { api: client, permission, alertApi },
  );
  return { id, onChanged };
}

/** The section of the attached profile titled `title`. */
const profile = (title: string) =>
  within(screen.getByRole('region', { name: title }));

/** The row of layer `name` inside the section `title`. */
const layer = (title: string, name: string) =>
  within(profile(title).getByRole('row', { name }));

describe('ProfilesCard', () => {
  it('shows each attached profile with its version and layers, a Success as Deployed', async () => {
    backend(testClusterProfiles());
    await render();
    expect(await screen.findByText('Hello service')).toBeInTheDocument();
    expect(
      profile('Hello service').getByText('version 1.0.0'),
    ).toBeInTheDocument();
    expect(
      profile('Hello service').getByText('A greeting service and its settings'),
    ).toBeInTheDocument();
    expect(
      layer('Hello service', 'hello').getByText(
        'Helm chart hello-profile 1.0.0 · release hello in namespace apps',
      ),
    ).toBeInTheDocument();
    expect(
      layer('Hello service', 'hello').getByText('Deployed'),
    ).toBeInTheDocument();
    expect(
      layer('Team base', 'ns').getByText('Manifests ns: 1 Namespace'),
    ).toBeInTheDocument();
    expect(layer('Team base', 'ns').getByText('Deployed')).toBeInTheDocument();
  });

  it("shows a Failed layer with vcluster's reason and helm's message, a Pending one with its message, releases being removed and a profile's problem", async () => {
    const base = testClusterProfiles();
    backend({
      phase: 'Failed',
      profiles: [
        {
          ...base.profiles[0],
          version: '0.0.9',
          problem: 'Profile base has no version 0.0.9 any more',
          layers: [],
        },
        {
          ...base.profiles[1],
          layers: [
            {
              ...base.profiles[1].layers[0],
              phase: 'Failed',
              reason: 'ChartPullFailed',
              message: HELM_ERROR,
            },
            {
              type: 'manifests',
              name: 'settings',
              kinds: { ConfigMap: 2 },
              phase: 'Pending',
              message: 'vcluster has not applied these manifests yet',
            },
          ],
        },
      ],
      removing: [
        {
          type: 'helm',
          name: 'metrics',
          namespace: 'monitoring',
          phase: 'Removing',
        },
      ],
    });
    await render();
    const hello = await screen.findByRole('row', { name: 'hello' });
    expect(within(hello).getByText('Failed')).toBeInTheDocument();
    expect(
      within(hello).getByText(`ChartPullFailed: ${HELM_ERROR}`),
    ).toBeInTheDocument();
    expect(
      layer('Hello service', 'settings').getByText('Pending'),
    ).toBeInTheDocument();
    expect(
      layer('Hello service', 'settings').getByText(
        'vcluster has not applied these manifests yet',
      ),
    ).toBeInTheDocument();
    expect(
      profile('Team base').getByText(
        'Profile base has no version 0.0.9 any more',
      ),
    ).toBeInTheDocument();
    const removing = within(
      screen.getByRole('region', { name: 'Being uninstalled' }),
    );
    expect(
      removing.getByText('Helm release metrics in namespace monitoring'),
    ).toBeInTheDocument();
    expect(removing.getByText('Removing')).toBeInTheDocument();
  });

  it("shows layers as Unknown with the response's message, and no actions on a cluster that is not Running", async () => {
    const known = testClusterProfiles();
    const message =
      "shop-dev is Paused: the layers' state is read while it runs";
    backend({
      profiles: known.profiles.map(p => ({
        ...p,
        layers: p.layers.map(l => ({ ...l, phase: 'Unknown' as const })),
      })),
      removing: [],
      message,
    });
    await render(testProfilesCluster({ phase: 'Paused' }));
    expect(
      await screen.findByRole('row', { name: 'hello' }),
    ).toBeInTheDocument();
    expect(
      layer('Hello service', 'hello').getByText('Unknown'),
    ).toBeInTheDocument();
    expect(
      layer('Hello service', 'hello').getByText(message),
    ).toBeInTheDocument();
    expect(layer('Team base', 'ns').getByText('Unknown')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Attach profile' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Detach' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Change version' })).toBeNull();
  });

  it('offers no actions to users who may not change the cluster', async () => {
    backend(testClusterProfiles());
    await render(
      testProfilesCluster(),
      mockApis.permission({ authorize: AuthorizeResult.DENY }),
    );
    expect(
      await screen.findByRole('row', { name: 'hello' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Attach profile' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Detach' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Change version' })).toBeNull();
  });

  it('attaches a profile that is not attached yet, at the version chosen', async () => {
    const only = testClusterProfiles();
    const { patches } = backend({ ...only, profiles: [only.profiles[0]] });
    const cluster = testProfilesCluster();
    const { id, onChanged } = await render(
      testProfilesCluster({
        spec: { ...cluster.spec, profiles: [cluster.spec.profiles![0]] },
      }),
    );
    const attach = await screen.findByRole('button', {
      name: 'Attach profile',
    });
    await waitFor(() => expect(attach).toBeEnabled());
    fireEvent.click(attach);
    const dialog = within(await screen.findByRole('dialog'));
    // only the profile not attached is offered, at its newest version
    fireEvent.mouseDown(dialog.getByRole('button', { name: /Profile/ }));
    expect(
      within(await screen.findByRole('listbox'))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['Hello service']);
    fireEvent.click(screen.getByRole('option', { name: 'Hello service' }));
    expect(
      dialog.getByText(
        'Helm chart hello-profile 1.1.0 · release hello in namespace apps',
      ),
    ).toBeInTheDocument();
    fireEvent.mouseDown(dialog.getByRole('button', { name: /Version/ }));
    fireEvent.click(await screen.findByRole('option', { name: '1.0.0' }));
    fireEvent.click(dialog.getByRole('button', { name: 'Attach' }));
    await waitFor(() =>
      expect(patches).toEqual([
        {
          id,
          body: {
            action: 'attach-profile',
            profile: 'hello',
            version: '1.0.0',
          },
        },
      ]),
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(alerts).toContain('Attaching Hello service 1.0.0 to shop-dev');
  });

  it('moves a profile to another of its versions, and offers it only where there is one', async () => {
    const { patches } = backend(testClusterProfiles());
    const { id, onChanged } = await render();
    const change = await profile('Hello service').findByRole('button', {
      name: 'Change version',
    });
    // base has one version only
    expect(
      profile('Team base').queryByRole('button', { name: 'Change version' }),
    ).toBeNull();
    fireEvent.click(change);
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText(/From version 1\.0\.0/)).toBeInTheDocument();
    fireEvent.mouseDown(dialog.getByRole('button', { name: /Version/ }));
    expect(
      within(await screen.findByRole('listbox'))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['1.1.0 (newest)']);
    fireEvent.click(screen.getByRole('option', { name: '1.1.0 (newest)' }));
    fireEvent.click(dialog.getByRole('button', { name: 'Change version' }));
    await waitFor(() =>
      expect(patches).toEqual([
        {
          id,
          body: { action: 'move-profile', profile: 'hello', version: '1.1.0' },
        },
      ]),
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
  });

  it('detaches a profile after asking', async () => {
    const { patches } = backend(testClusterProfiles());
    const { id } = await render();
    fireEvent.click(
      await profile('Team base').findByRole('button', { name: 'Detach' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    expect(
      dialog.getByText('Detach Team base from shop-dev?'),
    ).toBeInTheDocument();
    fireEvent.click(dialog.getByRole('button', { name: 'Detach' }));
    await waitFor(() =>
      expect(patches).toEqual([
        { id, body: { action: 'detach-profile', profile: 'base' } },
      ]),
    );
  });

  it("shows the API's message when the backend refuses", async () => {
    backend(testClusterProfiles());
    server.use(
      http.patch(`${BASE}/clusters/:id`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ConflictError',
              message: 'Resume shop-dev before changing the profiles of it',
            },
            response: { statusCode: 409 },
          },
          { status: 409 },
        ),
      ),
    );
    await render();
    fireEvent.click(
      await profile('Team base').findByRole('button', { name: 'Detach' }),
    );
    fireEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Detach',
      }),
    );
    await waitFor(() =>
      expect(alerts).toContain(
        'Resume shop-dev before changing the profiles of it',
      ),
    );
  });

  it('follows a Pending layer until it is Deployed, then stops', async () => {
    const done = testClusterProfiles();
    const pending: VirtualClusterProfilesResponse = {
      ...done,
      profiles: done.profiles.map(p =>
        p.name === 'hello'
          ? {
              ...p,
              layers: p.layers.map(l => ({
                ...l,
                phase: 'Pending' as const,
                message:
                  'vcluster has not installed chart hello-profile 1.0.0 yet',
              })),
            }
          : p,
      ),
    };
    const { reads } = backend(pending, done);
    await render();
    await screen.findByRole('row', { name: 'hello' });
    expect(
      layer('Hello service', 'hello').getByText('Pending'),
    ).toBeInTheDocument();
    expect(
      await layer('Hello service', 'hello').findByText('Deployed'),
    ).toBeInTheDocument();
    const count = reads.length;
    await new Promise(resolve => setTimeout(resolve, 3500));
    expect(reads).toHaveLength(count);
  });
});
