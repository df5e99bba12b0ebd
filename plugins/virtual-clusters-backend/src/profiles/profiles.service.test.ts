import { ConfigReader } from '@backstage/config';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { readVirtualClustersConfig } from '../config';
import type { VirtualClusterService } from '../services/VirtualClusterService';
import { DatabaseVirtualClusterStore } from '../store/DatabaseVirtualClusterStore';
import { testClusterService } from '../__testUtils__/clusterService';
import { testRecord } from '../__testUtils__/records';
import { ProfileCatalog } from './ProfileCatalog';

/*
 * Day-2 profile changes through the service on a real store (SQLite): attach, move
 * and detach on a Running cluster, each through Upgrading with a new generation, and
 * the refusals a user gets.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const chart = (version: string, release = 'hello') => ({
  helm: {
    repository: 'http://127.0.88.1:8080',
    chart: 'hello-profile',
    version,
    release: { name: release },
  },
});

const config = (profiles: object[]) =>
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
        profiles,
      },
    }),
  );

const configured = [
  { name: 'hello', version: '1.0.0', layers: [chart('1.0.0')] },
  { name: 'hello', version: '1.1.0', layers: [chart('1.1.0')] },
  { name: 'copy', version: '1.0.0', layers: [chart('1.0.0')] },
];

async function setUp(phase: 'Running' | 'Paused' = 'Running') {
  const settings = config(configured);
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseVirtualClusterStore.create({
    database: mockServices.database({ knex }),
  });
  const record = testRecord('dev', {
    owner: 'user:default/jane',
    phase,
    desiredState: phase === 'Paused' ? 'paused' : 'running',
    generation: 3,
    observedGeneration: 3,
  });
  await store.insert(record);
  const profiles = ProfileCatalog.create(settings.profiles);
  const service = testClusterService({
    store,
    hostClusters: settings.hostClusters,
    profiles,
  });
  const credentials = mockCredentials.user('user:default/jane');
  return {
    store,
    id: record.id,
    update: (body: Parameters<VirtualClusterService['update']>[1]) =>
      service.update(record.id, body, { credentials }),
    run: async () => {
      const current = (await store.get(record.id))!;
      await store.update(current.id, current.version, {
        phase: 'Running',
        observedGeneration: current.generation,
      });
    },
  };
}

describe('profile changes on Day 2', () => {
  it('attaches the newest version, moves it, and detaches it, each through Upgrading', async () => {
    const { update, run, store, id } = await setUp();

    const attached = await update({
      action: 'attach-profile',
      profile: 'hello',
    });
    expect(attached).toMatchObject({
      phase: 'Upgrading',
      generation: 4,
      message: 'Attaching profile hello 1.1.0',
      spec: { profiles: [{ name: 'hello', version: '1.1.0' }] },
    });
    await run();

    const moved = await update({
      action: 'move-profile',
      profile: 'hello',
      version: '1.0.0',
    });
    expect(moved).toMatchObject({
      phase: 'Upgrading',
      generation: 5,
      message: 'Moving profile hello from 1.1.0 to 1.0.0',
      spec: { profiles: [{ name: 'hello', version: '1.0.0' }] },
    });
    await run();

    // asked again: nothing to do, no new generation
    const again = await update({
      action: 'attach-profile',
      profile: 'hello',
      version: '1.0.0',
    });
    expect(again).toMatchObject({ phase: 'Running', generation: 5 });

    const detached = await update({
      action: 'detach-profile',
      profile: 'hello',
    });
    expect(detached).toMatchObject({
      phase: 'Upgrading',
      generation: 6,
      spec: { profiles: [] },
    });
    const events = await store.listEvents(id);
    expect(events.map(e => e.message)).toEqual([
      'Attaching profile hello 1.1.0 requested by user:default/jane',
      'Moving profile hello from 1.1.0 to 1.0.0 requested by user:default/jane',
      'Detaching profile hello 1.0.0 requested by user:default/jane',
    ]);
  });

  it('refuses with messages that say what to do', async () => {
    const { update, run } = await setUp();
    await expect(
      update({ action: 'move-profile', profile: 'hello', version: '1.0.0' }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message:
        'dev has no profile hello to move (its profiles: none); use attach-profile',
    });
    await expect(
      update({ action: 'attach-profile', profile: 'nope' }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: "No application profile 'nope'; the profiles are copy, hello",
    });
    await update({ action: 'attach-profile', profile: 'hello' });
    await run();
    await expect(
      update({ action: 'attach-profile', profile: 'hello', version: '1.0.0' }),
    ).rejects.toMatchObject({
      message:
        'dev has profile hello at 1.1.0; use move-profile to move it to 1.0.0',
    });
    await expect(
      update({ action: 'attach-profile', profile: 'copy' }),
    ).rejects.toMatchObject({
      message:
        'Profiles hello and copy both install Helm release default/hello; a cluster can have only one of them',
    });
  });

  it('asks a paused cluster to be resumed first', async () => {
    const { update } = await setUp('Paused');
    await expect(
      update({ action: 'attach-profile', profile: 'hello' }),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: 'Resume dev before changing the profiles of it',
    });
  });
});
