import { ConfigReader } from '@backstage/config';
import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { readVirtualClustersConfig } from '../config';
import { HostClusterRegistry } from '../hosts/HostClusterRegistry';
import { DatabaseVirtualClusterStore } from '../store/DatabaseVirtualClusterStore';
import { VirtualClusterRecord } from '../store/types';
import { testRecord } from '../__testUtils__/records';
import { extendedExpiry } from './expiry';
import { ExpiryController } from './ExpiryController';

/*
 * Expiry passes on a real store (PostgreSQL and SQLite) with a clock the test moves.
 * The final backup and the notifications are recorded by the test (the backup itself
 * runs against a virtual API server in backups.integration.test.ts).
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const DAY = 86_400_000;
const EXPIRES = '2026-12-10T12:00:00.000Z';
const before = (days: number, extraMs = 0) =>
  new Date(Date.parse(EXPIRES) - days * DAY + extraMs).toISOString();

const settings = readVirtualClustersConfig(
  new ConfigReader({
    virtualClusters: {
      hostClusters: [
        {
          name: 'local',
          url: 'https://127.0.0.1:2',
          auth: { type: 'serviceAccountToken', serviceAccountToken: 'x' },
          expiry: {
            maxTtlDays: 30,
            noticeDays: [7, 1],
            expireAfterSleepingDays: 14,
          },
        },
      ],
    },
  }),
);

async function setUp(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseVirtualClusterStore.create({
    database: mockServices.database({ knex }),
  });
  let now = new Date(before(10));
  const backups: string[] = [];
  const notices: string[] = [];
  let backupFails = false;
  let whileBackingUp: (
    cluster: VirtualClusterRecord,
  ) => Promise<void> = async () => {};
  const controller = () =>
    ExpiryController.create({
      store,
      hosts: HostClusterRegistry.create(settings.hostClusters),
      backup: async cluster => {
        if (backupFails) throw new Error('the API server did not answer');
        await whileBackingUp(cluster);
        backups.push(cluster.name);
        return { id: `b-${cluster.name}`, objectCount: 12 };
      },
      notify: async (cluster, payload) => {
        notices.push(`${cluster.name}: ${payload.title}`);
      },
      logger: mockServices.logger.mock(),
      clock: () => now,
    });
  return {
    store,
    controller,
    backups,
    notices,
    failBackups: (fail: boolean) => {
      backupFails = fail;
    },
    duringBackups: (fn: typeof whileBackingUp) => {
      whileBackingUp = fn;
    },
    at: (iso: string) => {
      now = new Date(iso);
    },
    insert: async (name: string, overrides: Partial<VirtualClusterRecord>) => {
      const record = testRecord(name, {
        phase: 'Running',
        expiresAt: EXPIRES,
        ...overrides,
      });
      await store.insert(record);
      return record;
    },
  };
}

describe('extendedExpiry', () => {
  const expiry = settings.hostClusters[0].expiry;
  it('moves the expiry later from itself, or from now once it passed, within the maximum', () => {
    const now = new Date(before(2));
    expect(
      extendedExpiry({ name: 'dev', expiresAt: EXPIRES }, 5, now, expiry),
    ).toBe('2026-12-15T12:00:00.000Z');
    expect(
      extendedExpiry(
        { name: 'dev', expiresAt: EXPIRES },
        1,
        new Date('2026-12-12T00:00:00.000Z'),
        expiry,
      ),
    ).toBe('2026-12-13T00:00:00.000Z');
    expect(() =>
      extendedExpiry({ name: 'dev', expiresAt: EXPIRES }, 29, now, expiry),
    ).toThrow(
      'dev may live at most 30 days from now (until 2027-01-07T12:00:00.000Z); extend it by 28 days at most',
    );
    expect(() => extendedExpiry({ name: 'dev' }, 1, now, expiry)).toThrow(
      'dev does not expire: there is nothing to extend',
    );
  });
});

describe.each(databases.eachSupportedId())(
  'ExpiryController on %s',
  databaseId => {
    it('tells the owners 7 days and 1 day before, once each', async () => {
      const { controller, notices, at, insert, store } = await setUp(
        databaseId,
      );
      const record = await insert('soon', {});
      await controller().runOnce();
      expect(notices).toEqual([]);
      at(before(7, 1000));
      await expect(controller().runOnce()).resolves.toEqual({
        noticed: 1,
        expired: 0,
      });
      await controller().runOnce();
      at(before(1, 1000));
      await controller().runOnce();
      await controller().runOnce();
      expect(notices).toEqual([
        'soon: Virtual cluster soon expires in 7 days',
        'soon: Virtual cluster soon expires tomorrow',
      ]);
      const events = await store.listEvents(record.id);
      expect(events.map(e => e.type)).toEqual([
        'expiry-notice',
        'expiry-notice',
      ]);
    });

    it('sends only the nearest notice when a pass comes late', async () => {
      const { controller, notices, at, insert } = await setUp(databaseId);
      await insert('late', {});
      at(before(0.5));
      await controller().runOnce();
      expect(notices).toEqual(['late: Virtual cluster late expires tomorrow']);
    });

    it('at the expiry takes a final backup, then deletes; a failed backup keeps the cluster', async () => {
      const { controller, backups, failBackups, at, insert, store } =
        await setUp(databaseId);
      const record = await insert('done', { expiryNoticeDays: 1 });
      at(EXPIRES);
      failBackups(true);
      await expect(controller().runOnce()).resolves.toMatchObject({
        expired: 0,
      });
      expect((await store.get(record.id))?.phase).toBe('Running');
      // not tried again right away
      at(before(0, 5 * 60_000));
      failBackups(false);
      await controller().runOnce();
      expect(backups).toEqual([]);
      at(before(0, 11 * 60_000));
      await expect(controller().runOnce()).resolves.toMatchObject({
        expired: 1,
      });
      expect(backups).toEqual(['done']);
      expect(await store.get(record.id)).toMatchObject({
        phase: 'Deleting',
        desiredState: 'deleted',
      });
      const events = await store.listEvents(record.id);
      expect(events.map(e => e.type)).toEqual(['expiry-postponed', 'expired']);
      expect(events[1].message).toBe(
        `Expired at ${EXPIRES} and is being deleted; final backup b-done (12 objects) stays restorable into a new cluster`,
      );
    });

    it('deletes after the final backup though the reconciler saved the cluster meanwhile', async () => {
      const { controller, backups, duringBackups, at, insert, store } =
        await setUp(databaseId);
      const record = await insert('busy', { expiryNoticeDays: 1 });
      at(EXPIRES);
      // the reconciler's write while the backup runs: a new version
      duringBackups(async cluster => {
        const saved = await store.update(cluster.id, cluster.version, {
          message: 'Control plane ready',
        });
        expect(saved).toBeDefined();
      });
      await expect(controller().runOnce()).resolves.toMatchObject({
        expired: 1,
      });
      expect(backups).toEqual(['busy']);
      expect(await store.get(record.id)).toMatchObject({
        phase: 'Deleting',
        desiredState: 'deleted',
      });
    });

    it('wakes a sleeping or paused cluster for its final backup, and deletes one that never ran without one', async () => {
      const { controller, backups, at, insert, store } = await setUp(
        databaseId,
      );
      const asleep = await insert('asleep', {
        phase: 'Paused',
        desiredState: 'paused',
        sleep: {
          since: before(3),
          type: 'inactivitySleep',
          message: 'Idle',
        },
      });
      const failed = await insert('broken', { phase: 'Failed' });
      at(EXPIRES);
      await controller().runOnce();
      expect(await store.get(asleep.id)).toMatchObject({
        phase: 'Resuming',
        desiredState: 'running',
      });
      expect((await store.get(asleep.id))?.sleep).toBeUndefined();
      expect((await store.get(failed.id))?.phase).toBe('Deleting');
      const [event] = await store.listEvents(failed.id);
      expect(event.message).toMatch(/no final backup: it was Failed/);
      expect(backups).toEqual([]);
    });

    it('gives a long-sleeping cluster an expiry 14 days after it fell asleep', async () => {
      const { controller, at, insert, store } = await setUp(databaseId);
      const record = await insert('forgotten', {
        expiresAt: undefined,
        phase: 'Paused',
        desiredState: 'paused',
        sleep: {
          since: '2026-12-01T00:00:00.000Z',
          type: 'inactivitySleep',
          message: 'Idle',
        },
      });
      at('2026-12-05T00:00:00.000Z');
      await controller().runOnce();
      expect((await store.get(record.id))?.expiresAt).toBe(
        '2026-12-15T00:00:00.000Z',
      );
    });

    it('backs up and deletes an expired cluster once when two backends run the pass at once', async () => {
      const { controller, backups, at, insert, store } = await setUp(
        databaseId,
      );
      const record = await insert('twice', { expiryNoticeDays: 1 });
      at(EXPIRES);
      await Promise.all([controller().runOnce(), controller().runOnce()]);
      expect(backups).toEqual(['twice']);
      const events = await store.listEvents(record.id);
      expect(events.filter(e => e.type === 'expired')).toHaveLength(1);
    });
  },
);
