import { ConfigReader } from '@backstage/config';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { readVirtualClustersConfig } from '../config';
import { HostClusterRegistry } from '../hosts/HostClusterRegistry';
import { ClusterGroupAccess } from '../permissions/clusterGroupAccess';
import { ClusterAdmitter } from '../placement/ClusterAdmitter';
import { DatabaseVirtualClusterStore } from '../store/DatabaseVirtualClusterStore';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
import { testRecord } from '../__testUtils__/records';
import { VirtualClusterService } from './VirtualClusterService';

/*
 * A Day-2 request that loses the race with the reconciler: between the request's
 * read and its write, the reconciler saves the cluster (here: its pause completes).
 * The request is decided again on the fresh record instead of failing with a 409.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const settings = readVirtualClustersConfig(
  new ConfigReader({
    virtualClusters: {
      hostClusters: [
        {
          name: 'local',
          url: 'https://127.0.0.1:2',
          auth: { type: 'serviceAccountToken', serviceAccountToken: 'x' },
        },
      ],
    },
  }),
);

/** The store, except that its first update lets `meanwhile` write first. */
function racingStore(
  inner: VirtualClusterStore,
  meanwhile: () => Promise<void>,
): VirtualClusterStore {
  let raced = false;
  return new Proxy(inner, {
    get(target, property) {
      if (property === 'update') {
        return async (...args: Parameters<VirtualClusterStore['update']>) => {
          if (!raced) {
            raced = true;
            await meanwhile();
          }
          return target.update(...args);
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('VirtualClusterService', () => {
  it('decides a resume again when the reconciler saved the cluster meanwhile (Pausing → Paused)', async () => {
    const knex = await databases.init('SQLITE_3');
    const inner = await DatabaseVirtualClusterStore.create({
      database: mockServices.database({ knex }),
    });
    const record = testRecord('dev', {
      owner: 'user:default/jane',
      phase: 'Pausing',
      desiredState: 'paused',
    });
    await inner.insert(record);
    const store = racingStore(inner, async () => {
      const saved = await inner.update(record.id, record.version, {
        phase: 'Paused',
        message: 'Control plane scaled to zero; workloads stopped',
      });
      expect(saved?.phase).toBe('Paused');
    });
    const hosts = HostClusterRegistry.create(settings.hostClusters);
    const service = VirtualClusterService.create({
      store,
      hosts,
      // this test creates nothing: no host status is asked for
      admitter: ClusterAdmitter.create({
        hosts,
        groups: [],
        store,
        statusOf: () => Promise.reject(new Error('no placement here')),
        access: new ClusterGroupAccess(mockServices.permissions()),
      }),
      permissions: mockServices.permissions(),
      // conditional decisions are not asked for: the mock permissions allow all
      permissionsRegistry: mockServices.permissionsRegistry.mock({
        getPermissionRuleset: jest.fn().mockReturnValue({}),
      }),
      auditor: mockServices.auditor.mock(),
      logger: mockServices.logger.mock(),
    });

    const resumed = await service.update(
      record.id,
      { action: 'resume' },
      { credentials: mockCredentials.user('user:default/jane') },
    );

    expect(resumed.phase).toBe('Resuming');
    const stored = await inner.get(record.id);
    expect(stored).toMatchObject({
      phase: 'Resuming',
      desiredState: 'running',
      // the reconciler's save, then the resume
      version: record.version + 2,
    });
    const events = await inner.listEvents(record.id);
    expect(events.map(e => e.type)).toEqual(['resume-requested']);
  });
});
