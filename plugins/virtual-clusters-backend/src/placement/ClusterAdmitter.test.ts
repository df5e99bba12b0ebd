import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import { ConfigReader } from '@backstage/config';
import {
  CreateVirtualClusterRequest,
  HostClusterStatus,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { testRecord } from '../__testUtils__/records';
import { readVirtualClustersConfig } from '../config';
import { HostClusterRegistry } from '../hosts/HostClusterRegistry';
import { DatabaseVirtualClusterStore } from '../store/DatabaseVirtualClusterStore';
import { ClusterGroupAccess } from '../permissions/clusterGroupAccess';
import { Admitted, ClusterAdmitter, RecordFor } from './ClusterAdmitter';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const host = (name: string, extra: object = {}) => ({
  name,
  url: 'https://127.0.0.1:1',
  auth: { type: 'serviceAccountToken', serviceAccountToken: 'x' },
  ...extra,
});

/**
 * The members' live readiness and capacity are an input here (HostClusterService reads
 * them from real hosts in the integration tests): each host has 4 CPU and 8 GiB.
 */
function statusOf(notReady: Record<string, string> = {}) {
  return async (name: string): Promise<HostClusterStatus> =>
    ({
      name,
      title: name,
      ready: !notReady[name],
      checks: notReady[name]
        ? [{ name: 'api', ok: false, message: notReady[name] }]
        : [{ name: 'api', ok: true, message: 'reachable' }],
      capacity: {
        allocatable: { cpuCores: 4, memoryGiB: 8, pods: 110 },
        requested: { cpuCores: 0, memoryGiB: 0, pods: 0 },
        virtualClusters: 0,
      },
    } as HostClusterStatus);
}

let count = 0;
const recordFor: RecordFor = (settings, validated) =>
  testRecord(`c${++count}`, {
    id: `id-${count}-${Math.random()}`,
    hostCluster: settings.name,
    owner: validated.owner,
    spec: validated.spec,
  });

const request = (
  name: string,
  extra: Partial<CreateVirtualClusterRequest> = {},
): CreateVirtualClusterRequest => ({
  name,
  clusterGroup: 'dev',
  owner: 'group:default/team-a',
  ...extra,
});

describe.each(databases.eachSupportedId())('ClusterAdmitter on %s', id => {
  async function setUp(
    groupExtra: object = {},
    hostExtra: Record<string, object> = {},
    notReady: Record<string, string> = {},
    permissions = mockServices.permissions(),
  ) {
    const settings = readVirtualClustersConfig(
      new ConfigReader({
        virtualClusters: {
          hostClusters: [
            host('east', hostExtra.east),
            host('west', hostExtra.west),
            host('alone', hostExtra.alone),
          ],
          clusterGroups: [
            {
              name: 'dev',
              hostClusters: ['east', 'west'],
              // 1 CPU each: 4.8 CPU of room per host at 120 %
              defaults: { quota: { cpu: '1', memory: '1Gi', storage: '5Gi' } },
              ...groupExtra,
            },
          ],
        },
      }),
    );
    const store = await DatabaseVirtualClusterStore.create({
      database: mockServices.database({ knex: await databases.init(id) }),
    });
    const admitter = ClusterAdmitter.create({
      hosts: HostClusterRegistry.create(settings.hostClusters),
      groups: settings.clusterGroups,
      store,
      statusOf: statusOf(notReady),
      access: new ClusterGroupAccess(permissions),
    });
    const admit = (
      r: CreateVirtualClusterRequest,
      options: { dryRun?: boolean } = {},
    ) =>
      admitter.admit(r, recordFor, {
        credentials: mockCredentials.user(),
        ...options,
      });
    return { store, admit };
  }

  /** Host of each admitted cluster, and the messages of the refused ones. */
  async function admitAll(
    admit: (r: CreateVirtualClusterRequest) => Promise<Admitted>,
    requests: CreateVirtualClusterRequest[],
  ) {
    const results = await Promise.allSettled(requests.map(r => admit(r)));
    const placed: string[] = [];
    const refused: string[] = [];
    for (const result of results) {
      if (result.status === 'fulfilled') {
        placed.push(result.value.record.hostCluster);
      } else {
        expect(result.reason).toBeInstanceOf(ConflictError);
        refused.push(result.reason.message);
      }
    }
    return { placed: placed.sort(), refused };
  }

  it('spreads clusters over the members, the freer first, ties to the first listed', async () => {
    const { admit } = await setUp();
    const admitted = [];
    for (let i = 0; i < 4; i++) admitted.push(await admit(request(`s${i}`)));
    expect(admitted.map(a => a.record.hostCluster)).toEqual([
      'east',
      'west',
      'east',
      'west',
    ]);
    expect(admitted.map(a => a.record.clusterGroup)).toEqual(
      Array(4).fill('dev'),
    );
    expect(admitted[0].placement?.reason).toBe(
      // (4.8 − 1) / 4.8 CPU and (9.6 − 1) / 9.6 GiB left
      'Placed on east in cluster group dev: the most free capacity after placing it, 79 % of its CPU and 90 % of its memory (1 other host had less)',
    );
  });

  it('never goes past a host limit under 20 concurrent creates over two hosts', async () => {
    const { store, admit } = await setUp(
      {},
      {
        east: { limits: { maxVirtualClusters: 4 } },
        west: { limits: { maxVirtualClusters: 4 } },
      },
    );
    const { placed, refused } = await admitAll(
      admit,
      Array.from({ length: 20 }, (_, i) => request(`p${i}`)),
    );
    expect(placed).toEqual([
      ...Array(4).fill('east'),
      ...Array(4).fill('west'),
    ]);
    expect(refused).toHaveLength(12);
    expect(refused[0]).toBe(
      'No host cluster of cluster group dev can take it: east: full: 4 of at most 4 virtual clusters; west: full: 4 of at most 4 virtual clusters',
    );
    const live = await store.liveClusters(['east', 'west']);
    expect(live).toHaveLength(8);
  });

  it("never goes past an owner's total quota in the group under concurrent creates", async () => {
    const { store, admit } = await setUp({
      limits: { ownerQuota: { cpu: '3' } },
    });
    const { placed, refused } = await admitAll(admit, [
      ...Array.from({ length: 10 }, (_, i) => request(`a${i}`)),
      ...Array.from({ length: 10 }, (_, i) =>
        request(`b${i}`, { owner: 'group:default/team-b' }),
      ),
    ]);
    // 1 CPU each: three per owner, well within the two hosts' 9.6 CPU
    expect(placed).toHaveLength(6);
    expect(refused).toHaveLength(14);
    const live = await store.liveClusters(['east', 'west']);
    const cpuOf = (owner: string) =>
      live
        .filter(c => c.owner === owner)
        .reduce((sum, c) => sum + Number(c.quota!.cpu), 0);
    expect(cpuOf('group:default/team-a')).toBe(3);
    expect(cpuOf('group:default/team-b')).toBe(3);
    expect(refused).toContain(
      "group:default/team-b's clusters in cluster group dev would ask for 4 CPU in all, more than the 3 CPU an owner may have there (3 CPU already)",
    );
  });

  it('never goes past the capacity: allocatable × oversubscription, per host', async () => {
    const { admit } = await setUp();
    // 2 CPU each: 2 fit into 4.8 CPU per host, a third would need 6
    const { placed, refused } = await admitAll(
      admit,
      Array.from({ length: 10 }, (_, i) =>
        request(`q${i}`, {
          quota: { cpu: '2', memory: '1Gi', storage: '5Gi' },
        }),
      ),
    );
    expect(placed).toEqual(['east', 'east', 'west', 'west']);
    expect(refused[0]).toBe(
      'No host cluster of cluster group dev can take it: east: needs 2 CPU, 0.8 CPU free of 4.8 CPU (4 CPU allocatable × 120 %); west: needs 2 CPU, 0.8 CPU free of 4.8 CPU (4 CPU allocatable × 120 %)',
    );
  });

  it("counts a quota key left out with the chart's default, as the host enforces it", async () => {
    const { admit } = await setUp();
    const refused = await admit(request('m1', { quota: { cpu: '1' } })).catch(
      e => e,
    );
    expect(refused.message).toBe(
      'No host cluster of cluster group dev can take it: east: needs 20 GiB memory, 9.6 GiB memory free of 9.6 GiB memory (8 GiB memory allocatable × 120 %); west: needs 20 GiB memory, 9.6 GiB memory free of 9.6 GiB memory (8 GiB memory allocatable × 120 %)',
    );
  });

  it('skips a member that is not ready, and one that does not offer what is asked', async () => {
    const { admit } = await setUp(
      {},
      { west: { kubernetesVersions: { k3s: ['1.31'] } } },
      { east: 'API server unreachable: connect ECONNREFUSED' },
    );
    const refused = await admit(
      request('v1', { kubernetesVersion: '1.33' }),
    ).catch(e => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused.message).toBe(
      'No host cluster of cluster group dev can take it: east: not ready: API server unreachable: connect ECONNREFUSED; west: kubernetesVersion 1.33 is not offered for k3s on west; choose one of 1.31',
    );
    const { record, placement } = await admit(
      request('v2', { kubernetesVersion: '1.31' }),
    );
    expect(record.hostCluster).toBe('west');
    expect(placement?.refusals).toEqual([
      {
        host: 'east',
        reason: 'not ready: API server unreachable: connect ECONNREFUSED',
      },
    ]);
  });

  it('answers a request no member could take as asked with 400, and bad targets too', async () => {
    const { admit } = await setUp();
    const bad = (r: CreateVirtualClusterRequest) => admit(r).catch(e => e);
    const version = await bad(request('x', { kubernetesVersion: '1.20' }));
    expect(version).toBeInstanceOf(InputError);
    expect(version.message).toBe(
      'kubernetesVersion 1.20 is not offered for k3s in cluster group dev; choose one of 1.33, 1.32, 1.31',
    );
    expect((await bad(request('x', { clusterGroup: 'prod' }))).message).toBe(
      "Unknown cluster group 'prod'; choose one of dev",
    );
    expect((await bad(request('x', { hostCluster: 'east' }))).message).toBe(
      'Name either clusterGroup or hostCluster: a group picks the host itself',
    );
  });

  it('counts a create onto a member by name against the group limits too', async () => {
    const { admit } = await setUp({ limits: { perOwner: 1 } });
    await admit(request('g1'));
    const direct = await admit(
      request('g2', { clusterGroup: undefined, hostCluster: 'west' }),
    ).catch(e => e);
    expect(direct).toBeInstanceOf(ConflictError);
    expect(direct.message).toBe(
      'group:default/team-a already has 1 of at most 1 virtual clusters in cluster group dev',
    );
    // a host outside the group is not
    const alone = await admit(
      request('g3', { clusterGroup: undefined, hostCluster: 'alone' }),
    );
    expect(alone.record.hostCluster).toBe('alone');
  });

  it('decides a dry run without inserting', async () => {
    const { store, admit } = await setUp();
    const { record } = await admit(request('d1'), { dryRun: true });
    expect(record.hostCluster).toBe('east');
    expect(await store.liveClusters(['east', 'west'])).toEqual([]);
  });
});
