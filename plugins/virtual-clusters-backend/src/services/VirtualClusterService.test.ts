import { ConfigReader } from '@backstage/config';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { readVirtualClustersConfig } from '../config';
import { DatabaseVirtualClusterStore } from '../store/DatabaseVirtualClusterStore';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
import { testClusterService } from '../__testUtils__/clusterService';
import { testRecord } from '../__testUtils__/records';

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
    // this test creates nothing: no host status is asked for
    const service = testClusterService({
      store,
      hostClusters: settings.hostClusters,
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
