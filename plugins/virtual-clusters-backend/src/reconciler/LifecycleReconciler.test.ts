import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { KubeConfig } from '@kubernetes/client-node';
import {
  HostClusterConnection,
  ObservedVirtualCluster,
  ProvisionTarget,
  VirtualClusterProvisioner,
} from '@virtual-clusters/plugin-virtual-clusters-node';
import { readVirtualClustersConfig } from '../config';
import { ConfigReader } from '@backstage/config';
import { HostClusterRegistry } from '../hosts/HostClusterRegistry';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
import { testRecord } from '../__testUtils__/records';
import { LifecycleChange, LifecycleReconciler } from './LifecycleReconciler';

jest.setTimeout(60_000);

/**
 * A provisioner whose host is a map in memory: it lets these tests inject failures
 * and drift that a real host cannot be made to show on demand. The real provisioner
 * runs against the local control plane in the integration tests.
 */
class InMemoryProvisioner implements VirtualClusterProvisioner {
  readonly id = 'cluster-api';
  objects = new Map<string, ObservedVirtualCluster>();
  /** Errors to throw on the next calls of an operation (`create`, `observe`, ...). */
  failNext = new Map<string, Array<Error & { code?: number }>>();
  calls: string[] = [];

  fail(operation: string, error: Error & { code?: number }) {
    const list = this.failNext.get(operation) ?? [];
    list.push(error);
    this.failNext.set(operation, list);
  }

  #maybeFail(what: string) {
    this.calls.push(what);
    const error = this.failNext.get(what.split(' ')[0])?.shift();
    if (error) throw error;
  }
  async create(t: ProvisionTarget) {
    this.#maybeFail(`create ${t.cluster.name}`);
    this.objects.set(t.cluster.name, {
      name: t.cluster.name,
      namespace: t.cluster.namespace,
      clusterId: t.cluster.id,
      ready: false,
      paused: false,
      conditions: [],
      kubeconfigReady: false,
      kubernetesVersion: t.cluster.spec.kubernetesVersion,
      chartVersion: t.cluster.spec.chartVersion,
    });
  }
  async update(t: ProvisionTarget) {
    this.calls.push(`update ${t.cluster.name}`);
  }
  async upgrade(t: ProvisionTarget) {
    this.#maybeFail(`upgrade ${t.cluster.name}`);
    const o = this.objects.get(t.cluster.name)!;
    o.kubernetesVersion = t.cluster.spec.kubernetesVersion;
    o.chartVersion = t.cluster.spec.chartVersion;
  }
  async pause(t: ProvisionTarget) {
    this.#maybeFail(`pause ${t.cluster.name}`);
    const o = this.objects.get(t.cluster.name)!;
    Object.assign(o, {
      paused: true,
      ready: false,
      replicas: { desired: 0, ready: 0 },
    });
  }
  async resume(t: ProvisionTarget) {
    this.#maybeFail(`resume ${t.cluster.name}`);
    const o = this.objects.get(t.cluster.name)!;
    Object.assign(o, { paused: false, replicas: { desired: 1, ready: 0 } });
  }
  async delete(t: ProvisionTarget) {
    this.#maybeFail(`delete ${t.cluster.name}`);
    return this.objects.delete(t.cluster.name) || true;
  }
  async observe(_host: HostClusterConnection) {
    this.#maybeFail('observe');
    return [...this.objects.values()].map(o => ({ ...o }));
  }
  /** The host brings a cluster up. */
  becomeReady(name: string) {
    Object.assign(this.objects.get(name)!, {
      ready: true,
      kubeconfigReady: true,
      endpoint: 'https://127.0.0.9:443',
      replicas: { desired: 1, ready: 1 },
    });
  }
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'LifecycleReconciler on %s',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const store = await VirtualClusterStore.create({
        database: mockServices.database({ knex }),
      });
      const settings = readVirtualClustersConfig(
        new ConfigReader({
          virtualClusters: {
            hostClusters: [
              {
                name: 'local',
                url: 'https://127.0.0.1:1',
                auth: { type: 'serviceAccountToken', serviceAccountToken: 'x' },
              },
            ],
          },
        }),
      );
      const hosts = HostClusterRegistry.fromHosts([
        {
          settings: settings.hostClusters[0],
          connection: {
            name: 'local',
            kubeConfig: new KubeConfig(),
            exposure: { type: 'LoadBalancer' },
          },
        },
      ]);
      const provisioner = new InMemoryProvisioner();
      const changes: LifecycleChange[] = [];
      const make = () =>
        LifecycleReconciler.create({
          store,
          hosts,
          provisioners: new Map([['cluster-api', provisioner]]),
          logger: mockServices.logger.mock(),
          onChange: async c => {
            changes.push(c);
          },
        });
      const insert = async (name: string) => {
        const record = testRecord(name, {
          owner: 'group:default/a',
          relatedEntityRefs: [],
          spec: {
            distro: 'k3s',
            kubernetesVersion: '1.32',
            chartVersion: '0.32.0',
            exposure: { type: 'LoadBalancer' },
          },
        });
        await store.insert(record);
        return record.id;
      };
      const phase = async (id: string) => (await store.get(id))!.phase;
      return { store, provisioner, changes, make, insert, phase };
    }

    it('takes a cluster from Pending to Running, and survives a restart in between', async () => {
      const { provisioner, make, insert, phase, changes, store } =
        await setup();
      const id = await insert('a');
      await make().reconcileAll();
      expect(await phase(id)).toBe('Provisioning');
      // a new reconciler (a restarted backend) carries on from the store
      const restarted = make();
      await restarted.reconcileAll();
      expect(await phase(id)).toBe('Provisioning');
      provisioner.becomeReady('a');
      const stats = await restarted.reconcileAll();
      expect(await phase(id)).toBe('Running');
      expect(stats).toMatchObject({
        hostClusters: 1,
        clusters: 1,
        transitions: 1,
        errors: 0,
      });
      expect((await store.get(id))!.endpoint).toBe('https://127.0.0.9:443');
      expect(changes.map(c => `${c.from}->${c.to}`)).toEqual([
        'Pending->Provisioning',
        'Provisioning->Running',
      ]);
      // one observe per host per cycle, whatever the number of clusters
      expect(provisioner.calls.filter(c => c === 'observe')).toHaveLength(3);
    });

    it('retries transient errors with backoff and fails with a reason on a refusal', async () => {
      const { provisioner, make, insert, phase, store } = await setup();
      const transient = Object.assign(new Error('connect ECONNREFUSED'), {});
      provisioner.fail('create', transient);
      const id = await insert('b');
      await make().reconcileAll();
      let record = (await store.get(id))!;
      expect(record.phase).toBe('Pending');
      expect(record.attempts).toBe(1);
      expect(record.message).toContain('retrying');
      expect(Date.parse(record.nextAttemptAt!)).toBeGreaterThan(Date.now());
      // the backoff holds further attempts back
      await make().reconcileAll();
      expect(provisioner.calls.filter(c => c === 'create b')).toHaveLength(1);

      const refused = Object.assign(new Error('forbidden'), { code: 403 });
      await store.update(id, record.version, { nextAttemptAt: undefined });
      provisioner.fail('create', refused);
      await make().reconcileAll();
      record = (await store.get(id))!;
      expect(record.phase).toBe('Failed');
      expect(record.reason).toBe('HostRefused');
      expect(record.message).toContain('403');
      const events = await store.listEvents(id);
      expect(events.map(e => e.type)).toEqual(['retry', 'failed']);
      expect(await phase(id)).toBe('Failed');
    });

    it('pauses, resumes, upgrades and deletes', async () => {
      const { provisioner, make, insert, phase, store } = await setup();
      const id = await insert('c');
      const reconciler = make();
      await reconciler.reconcileAll();
      provisioner.becomeReady('c');
      await reconciler.reconcileAll();
      expect(await phase(id)).toBe('Running');

      let r = (await store.get(id))!;
      await store.update(id, r.version, {
        desiredState: 'paused',
        phase: 'Pausing',
      });
      await reconciler.reconcileAll(); // acts
      expect(await phase(id)).toBe('Pausing');
      await reconciler.reconcileAll(); // observes the result
      expect(await phase(id)).toBe('Paused');

      r = (await store.get(id))!;
      await store.update(id, r.version, {
        desiredState: 'running',
        phase: 'Resuming',
      });
      await reconciler.reconcileAll();
      expect(await phase(id)).toBe('Resuming');
      provisioner.becomeReady('c');
      await reconciler.reconcileAll();
      expect(await phase(id)).toBe('Running');

      r = (await store.get(id))!;
      await store.update(id, r.version, {
        spec: { ...r.spec, kubernetesVersion: '1.33' },
        generation: r.generation + 1,
        phase: 'Upgrading',
      });
      await reconciler.reconcileAll();
      await reconciler.reconcileAll();
      r = (await store.get(id))!;
      expect(r.phase).toBe('Running');
      expect(r.observedGeneration).toBe(r.generation);
      expect(provisioner.objects.get('c')!.kubernetesVersion).toBe('1.33');

      await store.update(id, r.version, {
        desiredState: 'deleted',
        phase: 'Deleting',
      });
      await reconciler.reconcileAll();
      r = (await store.get(id))!;
      expect(r.phase).toBe('Deleted');
      expect(r.deletedAt).toBeDefined();
      expect(provisioner.objects.has('c')).toBe(false);
    });

    it('repairs drift and reports orphans', async () => {
      const { provisioner, make, insert, phase, store } = await setup();
      const id = await insert('d');
      const reconciler = make();
      await reconciler.reconcileAll();
      provisioner.becomeReady('d');
      await reconciler.reconcileAll();
      expect(await phase(id)).toBe('Running');

      // someone deletes the VCluster on the host
      provisioner.objects.delete('d');
      await reconciler.reconcileAll();
      expect(await phase(id)).toBe('Provisioning');
      expect(provisioner.objects.has('d')).toBe(true);
      expect((await store.listEvents(id)).map(e => e.type)).toContain('drift');

      // an object labelled as ours with no cluster in the store
      provisioner.objects.set('stray', {
        name: 'stray',
        namespace: 'vc-stray',
        clusterId: 'gone',
        ready: true,
        paused: false,
        conditions: [],
        kubeconfigReady: true,
      });
      const stats = await reconciler.reconcileAll();
      expect(stats.orphans).toBe(1);
      expect(reconciler.orphans.get('local')!.map(o => o.name)).toEqual([
        'stray',
      ]);
    });

    it('counts an unreachable host as an error and keeps state', async () => {
      const { provisioner, make, insert, phase } = await setup();
      const id = await insert('e');
      await make().reconcileAll();
      provisioner.fail(
        'observe',
        new Error('connect ECONNREFUSED 127.0.0.1:16443'),
      );
      const stats = await make().reconcileAll();
      expect(stats.errors).toBe(1);
      expect(await phase(id)).toBe('Provisioning');
    });
  },
);
