import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { DatabaseVirtualClusterStore } from './DatabaseVirtualClusterStore';
import { testRecord } from '../__testUtils__/records';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const record = testRecord;

describe.each(databases.eachSupportedId())(
  'DatabaseVirtualClusterStore on %s',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseVirtualClusterStore.create({
        database: mockServices.database({ knex }),
      });
      return { store, knex };
    }

    it('stores, reads and lists clusters with filters and pages', async () => {
      const { store } = await createStore();
      await store.insert(
        record('a', { createdAt: '2026-11-24T10:00:00.000Z' }),
      );
      await store.insert(
        record('b', {
          owner: 'group:default/team-b',
          relatedEntityRefs: [],
          createdAt: '2026-11-24T11:00:00.000Z',
        }),
      );
      await store.insert(
        record('c', {
          hostCluster: 'other',
          createdAt: '2026-11-24T12:00:00.000Z',
        }),
      );

      const a = await store.get('id-a');
      expect(a).toMatchObject({
        name: 'a',
        spec: { distro: 'k3s' },
        phase: 'Pending',
      });
      expect(a?.createdAt).toBe('2026-11-24T10:00:00.000Z');

      const all = await store.list({ limit: 2, offset: 0 });
      expect(all.totalItems).toBe(3);
      expect(all.items.map(i => i.name)).toEqual(['c', 'b']);
      expect(all.nextCursor).toBeDefined();
      const rest = await store.list({ limit: 2, offset: 2 });
      expect(rest.items.map(i => i.name)).toEqual(['a']);
      expect(rest.nextCursor).toBeUndefined();

      const byEntity = await store.list({
        filter: { entityRef: 'component:default/shop' },
        limit: 10,
        offset: 0,
      });
      expect(byEntity.items.map(i => i.name).sort()).toEqual(['a', 'c']);
      const byOwnerEntity = await store.list({
        filter: { entityRef: 'group:default/team-b' },
        limit: 10,
        offset: 0,
      });
      expect(byOwnerEntity.items.map(i => i.name)).toEqual(['b']);

      const conditional = await store.list({
        conditions: {
          anyOf: [
            { property: 'owner', values: ['group:default/team-b'] },
            { property: 'hostCluster', values: ['other'] },
          ],
        },
        limit: 10,
        offset: 0,
      });
      expect(conditional.items.map(i => i.name).sort()).toEqual(['b', 'c']);
      const negated = await store.list({
        conditions: { not: { property: 'hostCluster', values: ['local'] } },
        limit: 10,
        offset: 0,
      });
      expect(negated.items.map(i => i.name)).toEqual(['c']);
    });

    it('refuses a second live cluster of the same name, allows one after deletion', async () => {
      const { store } = await createStore();
      await store.insert(record('dup'));
      await expect(
        store.insert(record('dup', { id: 'id-dup-2' })),
      ).rejects.toThrow(ConflictError);
      const current = (await store.get('id-dup'))!;
      await store.update(current.id, current.version, {
        phase: 'Deleted',
        deletedAt: new Date().toISOString(),
      });
      await expect(
        store.insert(record('dup', { id: 'id-dup-3' })),
      ).resolves.toBeUndefined();
      expect(await store.countLive({ hostCluster: 'local' })).toBe(1);
    });

    it('updates optimistically and keeps a timeline', async () => {
      const { store } = await createStore();
      await store.insert(record('x', { requestId: 'req-1' }));
      const before = (await store.getByRequestId('req-1'))!;
      const updated = await store.update(before.id, before.version, {
        phase: 'Provisioning',
        message: 'applied',
      });
      expect(updated).toMatchObject({
        phase: 'Provisioning',
        version: 2,
        message: 'applied',
      });
      // a writer holding the old version loses
      await expect(
        store.update(before.id, before.version, { phase: 'Failed' }),
      ).resolves.toBeUndefined();
      expect((await store.get(before.id))!.phase).toBe('Provisioning');

      await store.addEvent({
        clusterId: before.id,
        type: 'created',
        message: 'one',
      });
      await store.addEvent({
        clusterId: before.id,
        type: 'phase-changed',
        phase: 'Provisioning',
        message: 'two',
      });
      const events = await store.listEvents(before.id);
      expect(events.map(e => [e.type, e.message, e.phase])).toEqual([
        ['created', 'one', undefined],
        ['phase-changed', 'two', 'Provisioning'],
      ]);
    });

    it('stores the effective quota the host enforces, and clears it', async () => {
      const { store } = await createStore();
      await store.insert(record('q'));
      expect((await store.get('id-q'))!.effectiveQuota).toBeUndefined();
      const effectiveQuota = {
        hard: { 'count/pods': '50', 'requests.cpu': '4' },
        used: { 'count/pods': '3', 'requests.cpu': '300m' },
      };
      const before = (await store.get('id-q'))!;
      await store.update('id-q', before.version, { effectiveQuota });
      const stored = (await store.get('id-q'))!;
      expect(stored.effectiveQuota).toEqual(effectiveQuota);
      await store.update('id-q', stored.version, {
        effectiveQuota: undefined,
      });
      expect((await store.get('id-q'))!.effectiveQuota).toBeUndefined();
      await store.insert(
        record('r', {
          effectiveQuota: { hard: { 'count/pods': '20' }, used: {} },
        }),
      );
      expect((await store.get('id-r'))!.effectiveQuota).toEqual({
        hard: { 'count/pods': '20' },
        used: {},
      });
    });

    it('migrates the effective quota column down and up again', async () => {
      const { knex } = await createStore();
      const directory = require('node:path').resolve(
        __dirname,
        '../../migrations',
      );
      expect(
        await knex.schema.hasColumn('virtual_clusters', 'effective_quota'),
      ).toBe(true);
      await knex.migrate.down({
        directory,
        name: '20261201100000_effective_quota.js',
      });
      expect(
        await knex.schema.hasColumn('virtual_clusters', 'effective_quota'),
      ).toBe(false);
      await knex.migrate.latest({ directory });
      expect(
        await knex.schema.hasColumn('virtual_clusters', 'effective_quota'),
      ).toBe(true);
    });

    it('migrates the cluster group column and the admission locks down and up again', async () => {
      const { knex } = await createStore();
      const directory = require('node:path').resolve(
        __dirname,
        '../../migrations',
      );
      const state = async () => [
        await knex.schema.hasColumn('virtual_clusters', 'cluster_group'),
        await knex.schema.hasTable('virtual_cluster_admission_locks'),
      ];
      expect(await state()).toEqual([true, true]);
      await knex.migrate.down({
        directory,
        name: '20261203100000_cluster_groups.js',
      });
      expect(await state()).toEqual([false, false]);
      await knex.migrate.latest({ directory });
      expect(await state()).toEqual([true, true]);
    });

    it('migrates the sleep and expiry columns down and up again', async () => {
      const { knex } = await createStore();
      const directory = require('node:path').resolve(
        __dirname,
        '../../migrations',
      );
      const columns = async () =>
        Promise.all(
          [
            'sleep',
            'last_activity',
            'expires_at',
            'expiry_notice_days',
            'expiry_attempted_at',
          ].map(c => knex.schema.hasColumn('virtual_clusters', c)),
        );
      expect(await columns()).toEqual([true, true, true, true, true]);
      await knex.migrate.down({ directory, name: '20261203130000_expiry.js' });
      await knex.migrate.down({ directory, name: '20261203120000_sleep.js' });
      expect(await columns()).toEqual([false, false, false, false, false]);
      await knex.migrate.latest({ directory });
      expect(await columns()).toEqual([true, true, true, true, true]);
    });

    it('migrates down cleanly', async () => {
      const { knex } = await createStore();
      await knex.migrate.rollback(
        {
          directory: require('node:path').resolve(
            __dirname,
            '../../migrations',
          ),
        },
        true,
      );
      expect(await knex.schema.hasTable('virtual_clusters')).toBe(false);
    });
  },
);
