import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readVirtualClustersConfig } from '../config';
import { HostClusterRegistry } from '../hosts/HostClusterRegistry';
import { DatabaseVirtualClusterStore } from '../store/DatabaseVirtualClusterStore';
import { VirtualClusterRecord } from '../store/types';
import { testRecord } from '../__testUtils__/records';
import { InsideActivityReader } from './InsideActivityReader';
import { SleepController } from './SleepController';

/*
 * The sleep pass on a real store (PostgreSQL and SQLite) with a clock the test moves:
 * idle clusters fall asleep as pause requests marked with their sleep state, wake-up
 * schedules wake only what the backend put to sleep, and two backends running the
 * pass at once never sleep a cluster twice.
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const MONDAY_10 = '2026-12-07T09:00:00.000Z'; // 10:00 in Berlin

const hosts = HostClusterRegistry.create(
  readVirtualClustersConfig(
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
  ).hostClusters,
);

async function setUp(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseVirtualClusterStore.create({
    database: mockServices.database({ knex }),
  });
  let now = new Date(MONDAY_10);
  const changed: string[] = [];
  const controller = (inside?: InsideActivityReader) =>
    SleepController.create({
      store,
      hosts,
      inside,
      logger: mockServices.logger.mock(),
      clock: () => now,
      onChange: id => changed.push(id),
    });
  return {
    store,
    controller,
    changed,
    advanceTo: (iso: string) => {
      now = new Date(iso);
    },
    insert: async (name: string, overrides: Partial<VirtualClusterRecord>) => {
      const record = testRecord(name, {
        phase: 'Running',
        phaseChangedAt: MONDAY_10,
        lastActivity: { at: MONDAY_10, kind: 'created' },
        ...overrides,
      });
      await store.insert(record);
      return record;
    },
  };
}

describe.each(databases.eachSupportedId())(
  'SleepController on %s',
  databaseId => {
    it('puts an idle cluster to sleep as a pause marked with why, and leaves an active one', async () => {
      const { store, controller, changed, advanceTo, insert } = await setUp(
        databaseId,
      );
      const idle = await insert('idle', {
        spec: { ...testRecord('x').spec, sleep: { afterInactivity: '2h' } },
      });
      const busy = await insert('busy', {
        spec: { ...testRecord('x').spec, sleep: { afterInactivity: '2h' } },
      });
      const never = await insert('never', {
        spec: {
          ...testRecord('x').spec,
          sleep: { afterInactivity: '2h', neverSleep: true },
        },
      });
      advanceTo('2026-12-07T10:30:00.000Z');
      await store.recordActivity(busy.id, {
        at: '2026-12-07T10:30:00.000Z',
        kind: 'kubeconfig',
      });

      advanceTo('2026-12-07T11:00:00.000Z');
      await expect(controller().runOnce()).resolves.toEqual({
        checked: 3,
        slept: 1,
        woken: 0,
      });
      expect(await store.get(idle.id)).toMatchObject({
        phase: 'Pausing',
        desiredState: 'paused',
        sleep: {
          since: '2026-12-07T11:00:00.000Z',
          type: 'inactivitySleep',
          message:
            'Idle since 2026-12-07T09:00:00.000Z: no kubeconfig, portal view or change inside for 2h',
        },
      });
      expect((await store.get(busy.id))?.phase).toBe('Running');
      expect((await store.get(never.id))?.phase).toBe('Running');
      expect(changed).toEqual([idle.id]);
      const [event] = await store.listEvents(idle.id);
      expect(event).toMatchObject({
        type: 'sleep-requested',
        phase: 'Pausing',
        reason: 'inactivitySleep',
        actor: 'plugin:virtual-clusters/sleep',
      });
    });

    it('asks inside for a later change before an idle cluster sleeps, and counts it', async () => {
      const { store, controller, advanceTo, insert } = await setUp(databaseId);
      const record = await insert('written', {
        spec: { ...testRecord('x').spec, sleep: { afterInactivity: '2h' } },
      });
      // a stand-in for the virtual API server's managedFields (read on the plane in
      // sleep.integration.test.ts): a user wrote an object at 10:45
      const inside = {
        latestChange: async () => new Date('2026-12-07T10:45:00.000Z'),
      } as unknown as InsideActivityReader;
      advanceTo('2026-12-07T11:30:00.000Z');
      await expect(controller(inside).runOnce()).resolves.toMatchObject({
        slept: 0,
      });
      expect(await store.get(record.id)).toMatchObject({
        phase: 'Running',
        lastActivity: { at: '2026-12-07T10:45:00.000Z', kind: 'change' },
      });
      advanceTo('2026-12-07T12:45:00.000Z');
      await expect(controller(inside).runOnce()).resolves.toMatchObject({
        slept: 1,
      });
    });

    it('wakes on the wake-up schedule what it put to sleep, never a pause a user asked for', async () => {
      const { store, controller, advanceTo, insert } = await setUp(databaseId);
      const policy = {
        schedule: '0 20 * * 1-5',
        wakeupSchedule: '0 8 * * 1-5',
        timezone: 'Europe/Berlin',
      };
      const spec = { ...testRecord('x').spec, sleep: policy };
      const scheduled = await insert('scheduled', { spec });
      const paused = await insert('paused', {
        spec,
        phase: 'Paused',
        desiredState: 'paused',
      });

      advanceTo('2026-12-07T19:00:30.000Z'); // 20:00:30 in Berlin
      await expect(controller().runOnce()).resolves.toMatchObject({
        slept: 1,
        woken: 0,
      });
      // the reconciler carries out the pause
      const pausing = (await store.get(scheduled.id))!;
      expect(pausing.sleep?.type).toBe('scheduledSleep');
      await store.update(pausing.id, pausing.version, { phase: 'Paused' });

      advanceTo('2026-12-08T06:59:00.000Z');
      await expect(controller().runOnce()).resolves.toMatchObject({ woken: 0 });
      advanceTo('2026-12-08T07:00:30.000Z'); // 08:00:30 in Berlin
      await expect(controller().runOnce()).resolves.toMatchObject({ woken: 1 });
      const woken = (await store.get(scheduled.id))!;
      expect(woken).toMatchObject({
        phase: 'Resuming',
        desiredState: 'running',
        lastActivity: { at: '2026-12-08T07:00:30.000Z', kind: 'woken' },
      });
      expect(woken.sleep).toBeUndefined();
      expect((await store.get(paused.id))?.phase).toBe('Paused');
    });

    it('sleeps a cluster once when two backends run the pass at the same time', async () => {
      const { store, controller, advanceTo, insert } = await setUp(databaseId);
      const records = await Promise.all(
        ['a', 'b', 'c', 'd'].map(name =>
          insert(name, {
            spec: { ...testRecord('x').spec, sleep: { afterInactivity: '1h' } },
          }),
        ),
      );
      advanceTo('2026-12-07T12:00:00.000Z');
      const [first, second] = await Promise.all([
        controller().runOnce(),
        controller().runOnce(),
      ]);
      expect(first.slept + second.slept).toBe(4);
      for (const record of records) {
        const events = await store.listEvents(record.id);
        expect(events.filter(e => e.type === 'sleep-requested')).toHaveLength(
          1,
        );
      }
    });
  },
);
