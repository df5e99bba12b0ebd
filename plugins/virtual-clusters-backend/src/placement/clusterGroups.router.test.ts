import { mockCredentials } from '@backstage/backend-test-utils';
import { startApiBackend, unreachableHost } from '../__testUtils__/apiBackend';

jest.setTimeout(60_000);

const jane = mockCredentials.user.header('user:default/jane');

/** A group of two hosts nobody listens at, beside a host in no group. */
async function startBackend() {
  const { api } = await startApiBackend({
    hostClusters: [
      unreachableHost('east', { distros: ['k3s'] }),
      unreachableHost('west', {
        kubernetesVersions: { k3s: ['1.32'], k8s: ['1.34'] },
      }),
      unreachableHost('alone'),
    ],
    clusterGroups: [
      {
        name: 'dev',
        title: 'Development',
        description: 'Feature branches',
        hostClusters: ['east', 'west'],
        defaults: { quota: { cpu: '1', memory: '2Gi' } },
        maxQuota: { cpu: '4' },
        oversubscriptionPercent: 150,
        isolation: { networkPolicy: true, podSecurityStandard: 'restricted' },
        limits: { perOwner: 2, ownerQuota: { cpu: '6' } },
      },
    ],
  });
  return api(jane);
}

describe('cluster groups in the API', () => {
  it('lists each group with what its members offer and their state', async () => {
    const api = await startBackend();
    const response = await api.get('/cluster-groups');
    expect(response.status).toBe(200);
    const [dev] = response.body.items;
    expect(dev).toMatchObject({
      name: 'dev',
      title: 'Development',
      description: 'Feature branches',
      distros: ['k3s', 'k8s'],
      // k8s only from west, the member that offers it
      kubernetesVersions: { k3s: ['1.33', '1.32', '1.31'], k8s: ['1.34'] },
      defaults: {
        distro: 'k3s',
        kubernetesVersion: '1.33',
        quota: { cpu: '1', memory: '2Gi' },
      },
      maxQuota: { cpu: '4' },
      limits: { perOwner: 2, ownerQuota: { cpu: '6' } },
      virtualClusters: 0,
    });
    expect(
      dev.hostClusters.map((m: Record<string, unknown>) => [
        m.name,
        m.ready,
        m.oversubscriptionPercent,
        m.placed,
        m.capacity,
      ]),
    ).toEqual([
      [
        'east',
        false,
        150,
        { cpuCores: 0, memoryGiB: 0, storageGiB: 0 },
        undefined,
      ],
      [
        'west',
        false,
        150,
        { cpuCores: 0, memoryGiB: 0, storageGiB: 0 },
        undefined,
      ],
    ]);
    expect(dev.hostClusters[0].checks[0]).toMatchObject({
      name: 'api',
      ok: false,
    });
    // the host list says which group a host belongs to
    const hosts = await api.get('/host-clusters');
    expect(
      hosts.body.items.map((h: { name: string; clusterGroup?: string }) => [
        h.name,
        h.clusterGroup,
      ]),
    ).toEqual([
      ['east', 'dev'],
      ['west', 'dev'],
      ['alone', undefined],
    ]);
  });

  it('refuses a create no member can take with 409, saying why per host', async () => {
    const api = await startBackend();
    const response = await api.post('/clusters', {
      name: 'feature-1',
      clusterGroup: 'dev',
      owner: 'user:default/jane',
    });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(
      /^No host cluster of cluster group dev can take it: east: not ready: API server unreachable: .*; west: not ready: API server unreachable: /,
    );
    // nothing was created
    expect((await api.get('/clusters')).body.items).toEqual([]);
  });

  it.each([
    [
      { clusterGroup: 'prod' },
      "Unknown cluster group 'prod'; choose one of dev",
    ],
    [
      { clusterGroup: 'dev', hostCluster: 'east' },
      'Name either clusterGroup or hostCluster: a group picks the host itself',
    ],
    [{}, 'hostCluster or clusterGroup is required'],
    [
      { clusterGroup: 'dev', quota: { cpu: '8', memory: '2Gi' } },
      'quota asks for more than one virtual cluster may have in cluster group dev: cpu 8 > 4',
    ],
  ])('answers 400 to a create with %j', async (target, message) => {
    const api = await startBackend();
    const response = await api.post('/clusters', {
      name: 'feature-2',
      owner: 'user:default/jane',
      ...target,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(message);
  });

  it("records the group's isolation and default quota in a new cluster's spec", async () => {
    const api = await startBackend();
    const response = await api.post('/clusters?dryRun=true', {
      name: 'feature-3',
      owner: 'user:default/jane',
      hostCluster: 'east',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      hostCluster: 'east',
      clusterGroup: 'dev',
      spec: {
        quota: { cpu: '1', memory: '2Gi' },
        isolation: { networkPolicy: true, podSecurityStandard: 'restricted' },
      },
    });
  });
});
