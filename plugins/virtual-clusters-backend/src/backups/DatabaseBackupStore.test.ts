import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseVirtualClusterStore } from '../store/DatabaseVirtualClusterStore';
import { testRecord } from '../__testUtils__/records';
import { BackupCipher } from './BackupCipher';
import { DatabaseBackupStore } from './DatabaseBackupStore';
import { BACKUP_NOTE } from './objects';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'DatabaseBackupStore on %s',
  databaseId => {
    async function createStores() {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      const clusters = await DatabaseVirtualClusterStore.create({ database });
      for (const name of ['a', 'b']) {
        await clusters.insert(
          testRecord(name, {
            relatedEntityRefs: [],
            phase: 'Running',
            observedGeneration: 1,
          }),
        );
      }
      return {
        knex,
        database,
        backups: await DatabaseBackupStore.create({ database }),
      };
    }

    it('stores backups and lists them newest first without their content', async () => {
      const { backups } = await createStores();
      const content = JSON.stringify({ objects: ['x'.repeat(10_000)] });
      await backups.insert({
        id: 'b1',
        clusterId: 'id-a',
        status: 'completed',
        objectCount: 12,
        sizeBytes: Buffer.byteLength(content),
        content,
        createdBy: 'user:default/jane',
        createdAt: '2026-11-24T10:00:00.000Z',
        completedAt: '2026-11-24T10:00:02.500Z',
      });
      await backups.insert({
        id: 'b2',
        clusterId: 'id-a',
        status: 'failed',
        objectCount: 0,
        sizeBytes: 0,
        error: 'Could not list secrets: 403: forbidden',
        createdBy: 'user:default/jane',
        createdAt: '2026-11-24T11:00:00.000Z',
        completedAt: '2026-11-24T11:00:01.000Z',
      });
      await backups.insert({
        id: 'b3',
        clusterId: 'id-b',
        status: 'completed',
        objectCount: 1,
        sizeBytes: 2,
        content: '[]',
        createdBy: 'user:default/bob',
        createdAt: '2026-11-24T12:00:00.000Z',
      });

      const list = await backups.list('id-a');
      expect(list).toEqual([
        {
          id: 'b2',
          clusterId: 'id-a',
          status: 'failed',
          objectCount: 0,
          sizeBytes: 0,
          error: 'Could not list secrets: 403: forbidden',
          note: BACKUP_NOTE,
          createdBy: 'user:default/jane',
          createdAt: '2026-11-24T11:00:00.000Z',
          completedAt: '2026-11-24T11:00:01.000Z',
        },
        {
          id: 'b1',
          clusterId: 'id-a',
          status: 'completed',
          objectCount: 12,
          sizeBytes: content.length,
          note: BACKUP_NOTE,
          createdBy: 'user:default/jane',
          createdAt: '2026-11-24T10:00:00.000Z',
          completedAt: '2026-11-24T10:00:02.500Z',
        },
      ]);
      expect(list[0]).not.toHaveProperty('content');
      expect(await backups.get('b3')).toMatchObject({
        clusterId: 'id-b',
        objectCount: 1,
      });
      expect(await backups.get('b3')).not.toHaveProperty('completedAt');
      expect(await backups.get('nope')).toBeUndefined();
      expect(await backups.content('b1')).toBe(content);
      expect(await backups.content('b2')).toBeUndefined();
      expect(await backups.content('nope')).toBeUndefined();
    });

    it('keeps one pending restore per cluster and lets one caller claim it at a time', async () => {
      const { backups } = await createStores();
      await backups.insert({
        id: 'b1',
        clusterId: 'id-a',
        status: 'completed',
        objectCount: 1,
        sizeBytes: 2,
        content: '[]',
        createdBy: 'user:default/jane',
        createdAt: '2026-11-24T10:00:00.000Z',
      });
      const pending = {
        clusterId: 'id-b',
        backupId: 'b1',
        requestedBy: 'user:default/jane',
      };
      await backups.addPendingRestore(pending);
      await backups.addPendingRestore(pending);
      expect(await backups.listPendingRestores()).toEqual([
        { ...pending, requestedAt: expect.any(String), attempts: 0 },
      ]);

      const claims = await Promise.all([
        backups.claimPendingRestore('id-b', 60_000),
        backups.claimPendingRestore('id-b', 60_000),
      ]);
      expect(claims.filter(Boolean)).toEqual([
        expect.objectContaining({ clusterId: 'id-b', attempts: 1 }),
      ]);
      await backups.releasePendingRestore('id-b', 'API server away');
      expect(await backups.claimPendingRestore('id-b', 60_000)).toMatchObject({
        attempts: 2,
        lastError: 'API server away',
      });
      // an expired lease may be taken again
      await backups.releasePendingRestore('id-b', 'again');
      expect(await backups.claimPendingRestore('id-b', -1)).toBeDefined();
      expect(await backups.claimPendingRestore('id-b', 60_000)).toMatchObject({
        attempts: 4,
      });

      await backups.removePendingRestore('id-b');
      expect(await backups.listPendingRestores()).toEqual([]);
      expect(await backups.pendingRestoreOf('id-b')).toBeUndefined();
    });

    it('encrypts contents at rest when it has a cipher, and says when it cannot read them', async () => {
      const { knex, database, backups: plain } = await createStores();
      const cipher = BackupCipher.fromPassphrase('a passphrase of 24 chars');
      const encrypted = await DatabaseBackupStore.create({ database, cipher });
      const content = JSON.stringify({ objects: [{ data: 'czNjcjN0' }] });
      const backup = {
        status: 'completed' as const,
        objectCount: 1,
        sizeBytes: content.length,
        content,
        createdBy: 'user:default/jane',
        createdAt: '2026-11-24T10:00:00.000Z',
      };
      await encrypted.insert({ ...backup, id: 'sealed', clusterId: 'id-a' });
      await plain.insert({ ...backup, id: 'open', clusterId: 'id-a' });

      const raw = await knex('virtual_cluster_backups')
        .where({ id: 'sealed' })
        .first();
      expect(raw.content).toMatch(/^vcenc:v1:/);
      expect(raw.content).not.toContain('czNjcjN0');
      expect(await encrypted.content('sealed')).toBe(content);
      // backups from before the key was set are still read
      expect(await encrypted.content('open')).toBe(content);
      await expect(plain.content('sealed')).rejects.toThrow(
        'Backup sealed is encrypted; set virtualClusters.backups.encryptionKey to the key it was taken with',
      );
      const otherKey = await DatabaseBackupStore.create({
        database,
        cipher: BackupCipher.fromPassphrase('another passphrase here'),
      });
      await expect(otherKey.content('sealed')).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
      });
    });
  },
);
