import { mockCredentials } from '@backstage/backend-test-utils';
import { startApiBackend, unreachableHost } from '../__testUtils__/apiBackend';

jest.setTimeout(60_000);

const jane = mockCredentials.user.header('user:default/jane');

const hello = (version: string) => ({
  name: 'hello',
  title: 'Hello service',
  description: 'A greeting service and its settings',
  version,
  layers: [
    {
      helm: {
        repository: 'http://127.0.88.1:8080',
        chart: 'hello-profile',
        version,
        values: { token: 'a-secret-value' },
        release: { name: 'hello', namespace: 'apps' },
      },
    },
    {
      name: 'settings',
      manifests:
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n',
    },
  ],
});

const base = {
  name: 'base',
  version: '0.1.0',
  layers: [
    {
      name: 'ns',
      manifests: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n',
    },
  ],
};

async function startBackend() {
  const { api } = await startApiBackend({
    hostClusters: [
      unreachableHost('local', { defaults: { profiles: ['base'] } }),
    ],
    profiles: [hello('1.0.0'), hello('1.1.0'), base],
  });
  return api(jane);
}

describe('profiles API', () => {
  it('lists each profile with its versions and what they install, never the values', async () => {
    const api = await startBackend();
    const res = await api.get('/profiles');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        name: 'base',
        title: 'base',
        versions: [
          {
            version: '0.1.0',
            title: 'base',
            layers: [
              { type: 'manifests', name: 'ns', kinds: { Namespace: 1 } },
            ],
          },
        ],
      },
      expect.objectContaining({
        name: 'hello',
        title: 'Hello service',
        versions: [
          expect.objectContaining({ version: '1.1.0' }),
          {
            version: '1.0.0',
            title: 'Hello service',
            description: 'A greeting service and its settings',
            layers: [
              {
                type: 'helm',
                name: 'hello',
                namespace: 'apps',
                chart: 'hello-profile',
                chartVersion: '1.0.0',
                repository: 'http://127.0.88.1:8080',
              },
              { type: 'manifests', name: 'settings', kinds: { ConfigMap: 2 } },
            ],
          },
        ],
      }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain('a-secret-value');
  });

  it("creates a cluster with the host's default profiles and those asked for", async () => {
    const api = await startBackend();
    const created = await api.post('/clusters', {
      name: 'dev',
      hostCluster: 'local',
      owner: 'user:default/jane',
      profiles: [{ name: 'hello', version: '1.0.0' }],
    });
    expect(created.status).toBe(201);
    expect(created.body.spec.profiles).toEqual([
      { name: 'base', version: '0.1.0', digest: expect.any(String) },
      { name: 'hello', version: '1.0.0', digest: expect.any(String) },
    ]);

    // not running yet: the profiles are shown, their state is not known
    const status = await api.get(`/clusters/${created.body.id}/profiles`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      message: "dev is Pending: the layers' state is read while it runs",
      removing: [],
      profiles: [
        { name: 'base', layers: [{ name: 'ns', phase: 'Unknown' }] },
        {
          name: 'hello',
          version: '1.0.0',
          title: 'Hello service',
          layers: [
            { type: 'helm', name: 'hello', phase: 'Unknown' },
            { type: 'manifests', name: 'settings', phase: 'Unknown' },
          ],
        },
      ],
    });
  });

  it('refuses unknown profiles and versions with 400 and what exists', async () => {
    const api = await startBackend();
    const create = (profiles: object[]) =>
      api.post('/clusters', {
        name: 'dev',
        hostCluster: 'local',
        owner: 'user:default/jane',
        profiles,
      });
    const unknown = await create([{ name: 'nope' }]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe(
      "No application profile 'nope'; the profiles are base, hello",
    );
    const version = await create([{ name: 'hello', version: '9.0.0' }]);
    expect(version.status).toBe(400);
    expect(version.body.error.message).toBe(
      'Profile hello has no version 9.0.0; its versions are 1.1.0, 1.0.0',
    );
    const malformed = await create([{ version: '1.0.0' }]);
    expect(malformed.status).toBe(400);
  });
});
