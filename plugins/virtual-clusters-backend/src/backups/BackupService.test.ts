import {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { KubeConfig } from '@kubernetes/client-node';
import {
  CreateVirtualClusterRequest,
  VirtualClusterPhase,
  virtualClusterReadPermission,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { DatabaseVirtualClusterStore } from '../store/DatabaseVirtualClusterStore';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
import { VirtualClusterRecord } from '../store/types';
import { testRecord } from '../__testUtils__/records';
import * as fx from './__fixtures__/clusterObjects';
import { FakeObjectsApi } from './__fixtures__/FakeObjectsApi';
import {
  ClusterAccess,
  createBackupServices,
  DatabaseBackupStore,
  MAX_RESTORE_ATTEMPTS,
} from '.';
import { BACKUP_NOTE } from './objects';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const jane = { credentials: mockCredentials.user('user:default/jane') };
const bob = { credentials: mockCredentials.user('user:default/bob') };

function record(
  name: string,
  phase: VirtualClusterPhase = 'Running',
): VirtualClusterRecord {
  return testRecord(name, {
    owner: 'user:default/jane',
    relatedEntityRefs: [],
    phase,
    observedGeneration: 1,
  });
}

/**
 * The cluster service as the backups see it: everybody reads every cluster except
 * `secret`; only jane, the owner, may update.
 */
class FakeClusters implements ClusterAccess {
  readonly records = new Map<string, VirtualClusterRecord>();
  readonly events: Array<{ id: string; type: string; message: string }> = [];
  readonly created: CreateVirtualClusterRequest[] = [];

  constructor(private readonly store: VirtualClusterStore) {}

  /** Creates a Pending cluster, idempotent on requestId like the real service. */
  async create(request: CreateVirtualClusterRequest) {
    const existing = [...this.records.values()].find(
      r => r.requestId && r.requestId === request.requestId,
    );
    if (existing) return { cluster: existing, created: false };
    if ([...this.records.values()].some(r => r.name === request.name)) {
      throw new ConflictError(
        `A virtual cluster named '${request.name}' already exists`,
      );
    }
    this.created.push(request);
    const r = {
      ...record(request.name, 'Pending'),
      owner: request.owner!,
      requestId: request.requestId,
    };
    await this.store.insert(r);
    this.records.set(r.id, r);
    return { cluster: r, created: true };
  }

  async authorized(
    id: string,
    permission: ResourcePermission,
    credentials: { principal: unknown },
  ) {
    const r = this.records.get(id);
    const user = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    if (!r || (r.name === 'secret' && user !== r.owner)) {
      throw new NotFoundError(`No virtual cluster with id '${id}'`);
    }
    if (
      permission.name !== virtualClusterReadPermission.name &&
      user !== r.owner
    ) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return r;
  }

  async get(id: string, options: { credentials: { principal: unknown } }) {
    return this.authorized(
      id,
      virtualClusterReadPermission,
      options.credentials,
    );
  }

  async recordEvent(id: string, event: { type: string; message: string }) {
    this.events.push({ id, ...event });
  }
}

class RecordingAuditor implements AuditorService {
  readonly events: Array<{
    eventId: string;
    severityLevel?: string;
    meta?: object;
    result?: 'success' | 'fail';
    error?: string;
  }> = [];

  async createEvent(options: AuditorServiceCreateEventOptions) {
    const entry: RecordingAuditor['events'][number] = {
      eventId: options.eventId,
      severityLevel: options.severityLevel,
      meta: options.meta,
    };
    this.events.push(entry);
    return {
      success: async () => {
        entry.result = 'success';
      },
      fail: async ({ error }: { error: Error }) => {
        entry.result = 'fail';
        entry.error = error.message;
      },
    };
  }
}

async function setup(options: { maxBytes?: number } = {}) {
  const knex = await databases.init('SQLITE_3');
  const database = mockServices.database({ knex });
  const store = await DatabaseVirtualClusterStore.create({ database });
  const clusters = new FakeClusters(store);
  for (const r of [
    record('source'),
    record('target'),
    record('paused', 'Paused'),
    record('secret'),
    { ...record('bobs'), owner: 'user:default/bob' },
  ]) {
    await store.insert(r);
    clusters.records.set(r.id, r);
  }
  // each virtual cluster has its own API, found by the name in its kubeconfig
  const apis = new Map<string, FakeObjectsApi>();
  const source = new FakeObjectsApi();
  const database_ = source.addType(
    'example.com',
    'databases',
    'Database',
    true,
  );
  for (const o of fx.listed) {
    source.seed(o.kind === 'Database' ? database_ : o.kind, o);
  }
  apis.set('source', source);
  apis.set('target', new FakeObjectsApi());
  apis.set('bobs', new FakeObjectsApi());
  apis.set('copy', new FakeObjectsApi());
  const connected: string[] = [];
  const auditor = new RecordingAuditor();
  const notified: Array<{ to: string; title: string; severity?: string }> = [];
  const services = createBackupServices({
    store: await DatabaseBackupStore.create({ database }),
    clusters,
    records: { get: async id => clusters.records.get(id) },
    kubeconfigs: {
      async adminKubeConfig(cluster) {
        if (cluster.name === 'unreachable') {
          throw new ServiceUnavailableError(
            'The kubeconfig of unreachable is not available yet',
          );
        }
        const kc = new KubeConfig();
        kc.loadFromOptions({
          clusters: [{ name: cluster.name, server: 'https://127.0.0.1:1' }],
          users: [{ name: 'admin' }],
          contexts: [{ name: 'c', cluster: cluster.name, user: 'admin' }],
          currentContext: 'c',
        });
        return kc;
      },
    },
    auditor,
    logger: mockServices.logger.mock(),
    notifications: {
      async send({ recipients, payload }) {
        notified.push({
          to: (recipients as { entityRef: string }).entityRef,
          title: payload.title,
          severity: payload.severity,
        });
      },
    },
    maxBytes: options.maxBytes,
    connect: kc => {
      const name = kc.getCurrentCluster()!.name;
      connected.push(name);
      return apis.get(name)!;
    },
  });
  return { ...services, clusters, apis, auditor, connected, notified };
}

describe('BackupService', () => {
  it('backs up a running cluster, records it, and summarises it without contents', async () => {
    const { backups, clusters, auditor } = await setup();
    const backup = await backups.create('id-source', jane);
    expect(backup).toMatchObject({
      clusterId: 'id-source',
      status: 'completed',
      objectCount: 16,
      note: BACKUP_NOTE,
      createdBy: 'user:default/jane',
    });
    expect(backup.sizeBytes).toBeGreaterThan(3000);

    expect(await backups.list('id-source', bob)).toEqual([backup]);
    const details = await backups.get('id-source', backup.id, bob);
    expect(details.kinds).toEqual({
      ConfigMap: 2,
      CronJob: 1,
      CustomResourceDefinition: 1,
      Database: 1,
      Deployment: 1,
      Job: 1,
      Namespace: 1,
      PersistentVolumeClaim: 1,
      Pod: 1,
      Secret: 2,
      Service: 3,
      ServiceAccount: 1,
    });
    expect(details.namespaces).toEqual(['shop']);
    expect(details.objects).toContainEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: 'shop',
      name: 'db-credentials',
    });
    // readers see names, never Secret data
    expect(JSON.stringify(details)).not.toContain('czNjcjN0');
    expect(details.warnings).toEqual([]);

    expect(clusters.events).toEqual([
      expect.objectContaining({
        id: 'id-source',
        type: 'backup-completed',
        message: expect.stringMatching(
          /^Backup .+ by user:default\/jane: 16 objects in 1 namespaces \(13 resource types, .+\) in \d+ ms\. Volume data is not included\.$/,
        ),
      }),
    ]);
    expect(auditor.events).toEqual([
      {
        eventId: 'virtual-cluster-backup',
        severityLevel: 'medium',
        meta: { clusterId: 'id-source', name: 'source' },
        result: 'success',
      },
    ]);
  });

  it('refuses a backup without update permission, or of a cluster that is not Running', async () => {
    const { backups, connected } = await setup();
    await expect(backups.create('id-source', bob)).rejects.toThrow(
      NotAllowedError,
    );
    await expect(backups.create('id-paused', jane)).rejects.toMatchObject({
      name: 'ConflictError',
      message: 'paused is Paused: a backup needs a Running cluster',
    });
    await expect(backups.create('id-none', jane)).rejects.toThrow(
      NotFoundError,
    );
    expect(connected).toEqual([]);
  });

  it('records a failed backup with its reason and answers 503', async () => {
    const { backups, restores, apis, clusters, auditor } = await setup();
    apis.get('source')!.failLists.set('secrets', 403);
    const error = await backups.create('id-source', jane).catch(e => e);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toMatch(
      /^Backup of source failed \(recorded as .+\): Could not list secrets: 403: secrets is forbidden$/,
    );
    const [failed] = await backups.list('id-source', jane);
    expect(failed).toMatchObject({
      status: 'failed',
      objectCount: 0,
      sizeBytes: 0,
      error: 'Could not list secrets: 403: secrets is forbidden',
    });
    expect(clusters.events.map(e => e.type)).toEqual(['backup-failed']);
    expect(auditor.events[0]).toMatchObject({
      result: 'fail',
      error: 'Could not list secrets: 403: secrets is forbidden',
    });
    await expect(
      restores.restore('id-target', { backupId: failed.id }, jane),
    ).rejects.toMatchObject({ name: 'ConflictError' });
  });

  it('fails a backup larger than the limit', async () => {
    const { backups } = await setup({ maxBytes: 1000 });
    await expect(backups.create('id-source', jane)).rejects.toThrow(
      /the export is .+ KiB, more than the 1000 B a backup may hold/,
    );
  });

  it('restores into the same cluster and clones into another', async () => {
    const { backups, restores, apis, clusters, auditor } = await setup();
    const backup = await backups.create('id-source', jane);

    const clone = await restores.restore(
      'id-target',
      { backupId: backup.id },
      jane,
    );
    expect(clone).toMatchObject({
      backupId: backup.id,
      sourceClusterId: 'id-source',
      targetClusterId: 'id-target',
      clone: true,
      objectCount: 16,
      applied: 16,
      failed: 0,
      skipped: 0,
      failures: [],
      note: BACKUP_NOTE,
    });
    const target = apis.get('target')!;
    expect(target.names('Deployment')).toEqual(['shop/shop']);
    expect(target.names('Secret')).toEqual([
      'shop/db-credentials',
      'shop/orders-connection',
    ]);

    const same = await restores.restore(
      'id-source',
      { backupId: backup.id },
      jane,
    );
    expect(same).toMatchObject({ clone: false, applied: 15, skipped: 1 });
    expect(apis.get('source')!.names('Deployment')).toEqual(['shop/shop']);

    const restoreEvents = clusters.events.filter(e =>
      e.type.startsWith('restore'),
    );
    expect(restoreEvents).toEqual([
      expect.objectContaining({
        id: 'id-target',
        type: 'restore-completed',
        message: expect.stringMatching(
          /^Clone of source from backup .+ by user:default\/jane: 16 applied, 0 failed, 0 left as they were, of 16 objects in \d+ ms\. Volume data is not included\.$/,
        ),
      }),
      expect.objectContaining({
        id: 'id-source',
        type: 'restore-completed',
        message: expect.stringMatching(/^Restore of backup .+: 15 applied/),
      }),
    ]);
    expect(
      auditor.events.filter(e => e.eventId === 'virtual-cluster-restore'),
    ).toEqual([
      expect.objectContaining({
        severityLevel: 'high',
        meta: expect.objectContaining({
          clone: true,
          sourceClusterId: 'id-source',
        }),
        result: 'success',
      }),
      expect.objectContaining({
        meta: expect.objectContaining({ clone: false }),
        result: 'success',
      }),
    ]);
  });

  it('reports objects that failed to apply, on the timeline and in the audit log', async () => {
    const { backups, restores, apis, clusters, auditor } = await setup();
    const backup = await backups.create('id-source', jane);
    apis.get('target')!.failKinds.set('Deployment', 'spec.replicas: Invalid');
    const result = await restores.restore(
      'id-target',
      { backupId: backup.id },
      jane,
    );
    expect(result).toMatchObject({ applied: 15, failed: 1 });
    expect(result.failures).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'shop',
        message: '422: spec.replicas: Invalid',
      },
    ]);
    expect(clusters.events.at(-1)).toMatchObject({
      type: 'restore-completed',
      message: expect.stringContaining(
        '15 applied, 1 failed, 0 left as they were, of 16 objects',
      ),
    });
    expect(clusters.events.at(-1)!.message).toContain(
      '(first failure: Deployment shop/shop: 422: spec.replicas: Invalid)',
    );
    expect(auditor.events.at(-1)).toMatchObject({
      result: 'fail',
      error: '1 objects failed to apply',
    });
  });

  it('checks permissions and state on restore', async () => {
    const { backups, restores, connected } = await setup();
    const backup = await backups.create('id-source', jane);
    connected.length = 0;
    // bob may not write into jane's cluster
    await expect(
      restores.restore('id-target', { backupId: backup.id }, bob),
    ).rejects.toThrow(NotAllowedError);
    // a paused target is refused
    await expect(
      restores.restore('id-paused', { backupId: backup.id }, jane),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: 'paused is Paused: a restore needs a Running cluster',
    });
    // an unknown backup
    await expect(
      restores.restore('id-target', { backupId: 'nope' }, jane),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: "No backup 'nope'",
    });
    await expect(
      restores.restore('id-target', { backupId: '' }, jane),
    ).rejects.toMatchObject({ name: 'InputError' });
    // bob can read jane's cluster but may not clone it into his own: the backup holds
    // Secrets his read-only kubeconfig cannot see
    await expect(
      restores.restore('id-bobs', { backupId: backup.id }, bob),
    ).rejects.toThrow(NotAllowedError);
    expect(connected).toEqual([]);
  });

  it('does not reveal backups of clusters the caller cannot read', async () => {
    const { backups, restores, apis } = await setup();
    apis.set('secret', apis.get('source')!);
    const backup = await backups.create('id-secret', jane);
    await expect(
      restores.restore('id-bobs', { backupId: backup.id }, bob),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: `No backup '${backup.id}'`,
    });
    await expect(backups.list('id-secret', bob)).rejects.toThrow(NotFoundError);
    // a backup is only found under its own cluster
    await expect(
      backups.get('id-source', backup.id, jane),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(
      backups.get('id-secret', backup.id, jane),
    ).resolves.toMatchObject({ objectCount: 16 });
  });

  describe('clone', () => {
    it('creates the cluster now and restores the backup once it runs, once', async () => {
      const { backups, clones, pendingRestores, clusters, apis, notified } =
        await setup();
      const backup = await backups.create('id-source', jane);
      const copy = await clones.clone(
        'id-source',
        { backupId: backup.id, name: 'copy' },
        jane,
      );
      expect(copy).toMatchObject({
        name: 'copy',
        phase: 'Pending',
        owner: 'user:default/jane',
      });
      expect(clusters.created).toEqual([
        {
          name: 'copy',
          hostCluster: 'local',
          owner: 'user:default/jane',
          distro: 'k3s',
          kubernetesVersion: '1.33',
          relatedEntityRefs: [],
          requestId: `clone:${backup.id}:copy`,
        },
      ]);
      // asked again (a retried request): the same cluster, one pending restore
      await expect(
        clones.clone('id-source', { backupId: backup.id, name: 'copy' }, jane),
      ).resolves.toMatchObject({ id: copy.id });
      expect(clusters.events.filter(e => e.type === 'clone-requested')).toEqual(
        [
          expect.objectContaining({
            id: copy.id,
            type: 'clone-requested',
            message: `Clone of source requested by user:default/jane: backup ${backup.id} (16 objects) is restored into this cluster once it runs`,
          }),
        ],
      );
      expect(clusters.events.at(-1)).toMatchObject({
        id: 'id-source',
        type: 'cloned',
      });

      // not running yet: nothing happens
      expect(await pendingRestores.run()).toEqual({
        restored: 0,
        retried: 0,
        waiting: 1,
        abandoned: 0,
      });
      expect(apis.get('copy')!.names('Deployment')).toEqual([]);

      clusters.records.get(copy.id)!.phase = 'Running';
      // two passes at once (two instances): one restores
      const passes = await Promise.all([
        pendingRestores.run(),
        pendingRestores.run(),
      ]);
      expect(passes.map(p => p.restored).sort()).toEqual([0, 1]);
      expect(apis.get('copy')!.names('Deployment')).toEqual(['shop/shop']);
      expect(notified).toEqual([
        {
          to: 'user:default/jane',
          title: 'Clone copy is ready',
          severity: 'normal',
        },
      ]);
      expect(
        clusters.events.filter(
          e => e.id === copy.id && e.type === 'restore-completed',
        ),
      ).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(
            /^Clone of source from backup .+ by user:default\/jane: 16 applied, 0 failed/,
          ),
        }),
      ]);
      expect(await pendingRestores.run()).toEqual({
        restored: 0,
        retried: 0,
        waiting: 0,
        abandoned: 0,
      });
    });

    it(`tries a failing restore ${MAX_RESTORE_ATTEMPTS} times, then gives up`, async () => {
      const { backups, clones, pendingRestores, clusters, notified } =
        await setup();
      const backup = await backups.create('id-source', jane);
      const target = await clones.clone(
        'id-source',
        { backupId: backup.id, name: 'unreachable' },
        jane,
      );
      clusters.records.get(target.id)!.phase = 'Running';
      const outcomes = [];
      for (let i = 0; i < MAX_RESTORE_ATTEMPTS; i++) {
        outcomes.push(await pendingRestores.run());
      }
      expect(outcomes.map(o => [o.retried, o.abandoned])).toEqual([
        [1, 0],
        [1, 0],
        [1, 0],
        [1, 0],
        [0, 1],
      ]);
      const failures = clusters.events.filter(
        e => e.id === target.id && e.type === 'restore-failed',
      );
      expect(failures).toHaveLength(MAX_RESTORE_ATTEMPTS + 1);
      expect(failures.at(-1)!.message).toBe(
        `Clone given up after ${MAX_RESTORE_ATTEMPTS} attempts: The kubeconfig of unreachable is not available yet`,
      );
      expect((await pendingRestores.run()).abandoned).toBe(0);
      expect(notified).toEqual([
        {
          to: 'user:default/jane',
          title: 'Clone unreachable failed',
          severity: 'high',
        },
      ]);
    });

    it('gives up a clone whose cluster is deleted before it runs', async () => {
      const { backups, clones, pendingRestores, clusters } = await setup();
      const backup = await backups.create('id-source', jane);
      const copy = await clones.clone(
        'id-source',
        { backupId: backup.id, name: 'copy' },
        jane,
      );
      clusters.records.get(copy.id)!.desiredState = 'deleted';
      expect(await pendingRestores.run()).toMatchObject({ abandoned: 1 });
      expect(clusters.events.at(-1)).toMatchObject({
        id: copy.id,
        type: 'restore-failed',
        message: `Clone given up: copy is being deleted; backup ${backup.id} was not restored`,
      });
    });

    it('checks the request, the backup and permissions', async () => {
      const { backups, clones, clusters } = await setup();
      const backup = await backups.create('id-source', jane);
      const bobs = await backups.create('id-bobs', bob);
      await expect(
        clones.clone('id-source', { backupId: backup.id } as any, jane),
      ).rejects.toThrow(InputError);
      await expect(
        clones.clone('id-source', { name: 'x' } as any, jane),
      ).rejects.toThrow(InputError);
      // bob may read jane's cluster but not clone its Secrets
      await expect(
        clones.clone('id-source', { backupId: backup.id, name: 'x' }, bob),
      ).rejects.toThrow(NotAllowedError);
      await expect(
        clones.clone('id-source', { backupId: 'nope', name: 'x' }, jane),
      ).rejects.toThrow(NotFoundError);
      // a backup of another cluster is not this cluster's
      await expect(
        clones.clone('id-source', { backupId: bobs.id, name: 'x' }, jane),
      ).rejects.toThrow(NotFoundError);
      // a name that is taken
      await expect(
        clones.clone(
          'id-source',
          { backupId: backup.id, name: 'target' },
          jane,
        ),
      ).rejects.toThrow(ConflictError);
      expect(clusters.created).toEqual([]);
    });
  });
});
