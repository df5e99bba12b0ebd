import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { getTestPlane, TestPlane } from '@virtual-clusters/test-cluster';
import { randomBytes } from 'node:crypto';
import { testRecord } from '../__testUtils__/records';
import { TcpProxy } from '../__testUtils__/TcpProxy';
import { readVirtualClustersConfig } from '../config';
import { HostClusterRegistry } from '../hosts/HostClusterRegistry';
import { ClusterGroupAccess } from '../permissions/clusterGroupAccess';
import { parseQuantity } from '../services/quantities';
import { HostClusterService } from '../services/HostClusterService';
import { DatabaseVirtualClusterStore } from '../store/DatabaseVirtualClusterStore';
import { ClusterAdmitter, RecordFor } from './ClusterAdmitter';
import { ClusterGroupService } from './ClusterGroupService';

jest.setTimeout(120_000);

const RUN = randomBytes(3).toString('hex');
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** Allocatable CPU of a host's nodes, read here as an admin would. */
async function allocatableCpu(kc: KubeConfig): Promise<number> {
  const nodes = await kc.makeApiClient(CoreV1Api).listNode();
  return nodes.items.reduce(
    (sum, n) => sum + parseQuantity(n.status?.allocatable?.cpu),
    0,
  );
}

/**
 * Placement against the plane's two real host clusters (two kube-apiservers with
 * their own nodes): the first one reached through a proxy, so that its API server can
 * go away for the backend while the plane keeps running. Clusters are admitted, not
 * provisioned (no reconciler runs here): placement decides on the hosts' live
 * readiness and capacity and on what the store holds.
 */
describe('placement over the local control plane', () => {
  let plane: TestPlane;
  let proxy: TcpProxy;
  let admitter: ClusterAdmitter;
  let groups: ClusterGroupService;
  let cpuPerCluster: number;

  beforeAll(async () => {
    plane = await getTestPlane();
    const first = new URL(plane.server);
    proxy = await TcpProxy.start({
      host: first.hostname,
      port: Number(first.port),
    });
    // three clusters fit on each host at 120 %, a fourth does not: the quota is a
    // third of the smaller host's capacity, rounded up to whole cores
    const capacity = Math.min(
      await allocatableCpu(plane.hostKubeConfig),
      await allocatableCpu(plane.capiHost.kubeConfig),
    );
    cpuPerCluster = Math.ceil((capacity * 1.2) / 3.5);
    const settings = readVirtualClustersConfig(
      new ConfigReader({
        virtualClusters: {
          hostClusters: [
            {
              name: 'first',
              url: `https://127.0.0.1:${proxy.port}`,
              auth: {
                type: 'kubeconfig',
                kubeconfigPath: proxy.kubeconfigThrough(plane.kubeconfigPath),
              },
            },
            plane.hostClusterConfig('second', 'capi'),
          ],
          clusterGroups: [
            {
              name: 'spread',
              hostClusters: ['first', 'second'],
              defaults: {
                quota: { cpu: String(cpuPerCluster), memory: '1Gi' },
              },
            },
          ],
        },
      }),
    );
    const hosts = HostClusterRegistry.create(settings.hostClusters);
    const store = await DatabaseVirtualClusterStore.create({
      database: mockServices.database({
        knex: await databases.init('SQLITE_3'),
      }),
    });
    const permissions = mockServices.permissions({
      result: AuthorizeResult.ALLOW,
    });
    const access = new ClusterGroupAccess(permissions);
    const hostClusters = HostClusterService.create({
      hosts,
      store,
      permissions,
      access,
      // read the hosts on every placement, so an outage shows at once
      statusTtlMs: 1,
    });
    const statusOf = (name: string) => hostClusters.status(name);
    admitter = ClusterAdmitter.create({
      hosts,
      groups: settings.clusterGroups,
      store,
      statusOf,
      access,
    });
    groups = ClusterGroupService.create({
      groups: settings.clusterGroups,
      hosts,
      store,
      permissions,
      statusOf,
      access,
    });
  });

  afterAll(async () => {
    await proxy?.cut();
  });

  let count = 0;
  const recordFor: RecordFor = (settings, validated) =>
    testRecord(`pl-${RUN}-${++count}`, {
      id: `pl-${RUN}-${count}`,
      hostCluster: settings.name,
      owner: validated.owner,
      spec: validated.spec,
    });
  const admit = (owner = 'group:default/team-a') =>
    admitter.admit(
      { name: `pl-${RUN}-${count + 1}`, clusterGroup: 'spread', owner },
      recordFor,
      { credentials: mockCredentials.user() },
    );

  it('spreads clusters over both hosts by their real capacity, and no further', async () => {
    const placed: string[] = [];
    for (let i = 0; i < 6; i++) {
      placed.push((await admit()).record.hostCluster);
    }
    expect(placed).toEqual([
      'first',
      'second',
      'first',
      'second',
      'first',
      'second',
    ]);
    const full = await admit().catch(e => e);
    expect(full.message).toMatch(
      new RegExp(
        `^No host cluster of cluster group spread can take it: first: needs ${cpuPerCluster} CPU, .* free .*; second: needs ${cpuPerCluster} CPU, `,
      ),
    );

    const [spread] = await groups.list({ credentials: mockCredentials.user() });
    expect(
      spread.hostClusters.map(m => [m.name, m.ready, m.virtualClusters]),
    ).toEqual([
      ['first', true, 3],
      ['second', true, 3],
    ]);
    for (const member of spread.hostClusters) {
      expect(member.placed.cpuCores).toBe(3 * cpuPerCluster);
      expect(member.free!.cpuCores).toBeCloseTo(
        member.capacity!.cpuCores - 3 * cpuPerCluster,
        2,
      );
    }
  });

  it('places nothing on a host whose API server went away, and says why', async () => {
    await proxy.cut();
    try {
      const [spread] = await groups.list({
        credentials: mockCredentials.user(),
      });
      const first = spread.hostClusters.find(m => m.name === 'first')!;
      expect(first.ready).toBe(false);
      expect(first.checks[0]).toMatchObject({ name: 'api', ok: false });
      expect(first.checks[0].message).toMatch(/^API server unreachable/);

      // the second host is full from the test before: nothing can go anywhere
      const refused = await admit().catch(e => e);
      expect(refused.message).toMatch(
        /^No host cluster of cluster group spread can take it: first: not ready: API server unreachable.*; second: needs /,
      );
    } finally {
      await proxy.restore();
    }
    const [spread] = await groups.list({ credentials: mockCredentials.user() });
    expect(spread.hostClusters.map(m => m.ready)).toEqual([true, true]);
  });
});
