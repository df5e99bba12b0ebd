import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { KubeConfig } from '@kubernetes/client-node';
import {
  HostClusterConnection,
  ObservedVirtualCluster,
  ProvisionTarget,
  VirtualClusterProbe,
  VirtualClusterProvisioner,
} from '@virtual-clusters/plugin-virtual-clusters-node';
import { readVirtualClustersConfig } from '../config';
import { ConfigReader } from '@backstage/config';
import { HostClusterRegistry } from '../hosts/HostClusterRegistry';
import { DatabaseVirtualClusterStore } from '../store/DatabaseVirtualClusterStore';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
import { testRecord } from '../__testUtils__/records';
import { VirtualClusterRecord } from '../store/types';
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
  /** What each virtual API server answers to `probe`, by cluster name. */
  servers = new Map<string, VirtualClusterProbe>();
  /** Kubernetes version each host object's values ask for (the stand-in serves it). */
  versions = new Map<string, string>();
  /** Errors to throw on the next calls of an operation (`create`, `observe`, ...). */
  failNext = new Map<string, Array<Error & { code?: number }>>();
  /** When set, the provider does not act on applied specs (helm is slow). */
  providerIdle = false;
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
  /** An apply of the VCluster: a spec change bumps metadata.generation. */
  #apply(t: ProvisionTarget) {
    const o = this.objects.get(t.cluster.name)!;
    o.generation = (o.generation ?? 0) + 1;
    o.specGeneration = t.cluster.generation;
    o.chartVersion = t.cluster.spec.chartVersion;
    o.specApplied = false;
    this.versions.set(t.cluster.name, t.cluster.spec.kubernetesVersion);
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
      specApplied: false,
      generation: 0,
    });
    this.#apply(t);
  }
  async update(t: ProvisionTarget) {
    this.calls.push(`update ${t.cluster.name}`);
  }
  async upgrade(t: ProvisionTarget) {
    this.#maybeFail(`upgrade ${t.cluster.name}`);
    this.#apply(t);
  }
  async pause(t: ProvisionTarget) {
    this.#maybeFail(`pause ${t.cluster.name}`);
    const o = this.objects.get(t.cluster.name)!;
    Object.assign(o, {
      paused: true,
      ready: false,
      replicas: { desired: 0, ready: 0 },
    });
    this.servers.delete(t.cluster.name);
  }
  async resume(t: ProvisionTarget) {
    this.#maybeFail(`resume ${t.cluster.name}`);
    const o = this.objects.get(t.cluster.name)!;
    Object.assign(o, { paused: false, replicas: { desired: 1, ready: 0 } });
  }
  async delete(t: ProvisionTarget): Promise<boolean> {
    this.#maybeFail(`delete ${t.cluster.name}`);
    return this.objects.delete(t.cluster.name) || true;
  }
  async observe(_host: HostClusterConnection) {
    this.#maybeFail('observe');
    const listed = [...this.objects.values()].map(o => ({ ...o }));
    // the provider reconciles what was applied (after this listing)
    if (!this.providerIdle) {
      for (const o of this.objects.values()) {
        if (!o.failure) {
          o.providerObservedGeneration = o.generation;
          o.specApplied = true;
        }
      }
    }
    return listed;
  }
  async probe(t: ProvisionTarget): Promise<VirtualClusterProbe> {
    this.calls.push(`probe ${t.cluster.name}`);
    return (
      this.servers.get(t.cluster.name) ?? {
        ready: false,
        message: 'connect ECONNREFUSED',
      }
    );
  }
  /** The host brings a cluster up: the provider says ready, the API server answers. */
  becomeReady(name: string) {
    Object.assign(this.objects.get(name)!, {
      ready: true,
      kubeconfigReady: true,
      endpoint: 'https://127.0.0.9:443',
      replicas: { desired: 1, ready: 1 },
      rolledOut: true,
    });
    this.serve(name);
  }
  /** The virtual API server answers, with the version its values ask for. */
  serve(name: string) {
    this.servers.set(name, {
      ready: true,
      version: `v${this.versions.get(name)}.5+k3s1`,
    });
  }
  /** The provider says ready (possibly stale), but the API server does not answer. */
  staleReady(name: string) {
    Object.assign(this.objects.get(name)!, {
      ready: true,
      kubeconfigReady: true,
      endpoint: 'https://127.0.0.9:443',
      replicas: { desired: 1, ready: 1 },
    });
    this.servers.delete(name);
  }
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'LifecycleReconciler on %s',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseVirtualClusterStore.create({
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
      const make = (
        phaseTimeoutsMs?: Parameters<
          typeof LifecycleReconciler.create
        >[0]['phaseTimeoutsMs'],
      ) =>
        LifecycleReconciler.create({
          store,
          hosts,
          provisioners: new Map([['cluster-api', provisioner]]),
          logger: mockServices.logger.mock(),
          onChange: async c => {
            changes.push(c);
          },
          phaseTimeoutsMs,
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
      await reconciler.reconcileAll(); // applies
      expect(provisioner.versions.get('c')).toBe('1.33');
      provisioner.serve('c'); // the control plane restarts on the new version
      await reconciler.reconcileAll(); // the provider applies it after this listing
      await reconciler.reconcileAll(); // observes it applied
      r = (await store.get(id))!;
      expect(r.phase).toBe('Running');
      expect(r.observedGeneration).toBe(r.generation);

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
        specApplied: true,
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

    /** A Running cluster `name` (k3s 1.32, chart 0.32.0) and its id. */
    async function running(
      env: Awaited<ReturnType<typeof setup>>,
      name: string,
    ) {
      const id = await env.insert(name);
      const reconciler = env.make();
      await reconciler.reconcileAll();
      env.provisioner.becomeReady(name);
      await reconciler.reconcileAll();
      expect(await env.phase(id)).toBe('Running');
      return { id, reconciler };
    }

    async function requestUpgrade(
      store: VirtualClusterStore,
      id: string,
      spec: Partial<VirtualClusterRecord['spec']>,
    ) {
      const r = (await store.get(id))!;
      await store.update(id, r.version, {
        spec: { ...r.spec, ...spec },
        generation: r.generation + 1,
        phase: 'Upgrading',
      });
    }

    it('does not take the observation listed before an apply for its outcome', async () => {
      const env = await setup();
      const { id, reconciler } = await running(env, 'u1');
      await requestUpgrade(env.store, id, { chartVersion: '0.32.3' });
      // the old spec is applied and the server answers: that must not finish it
      await reconciler.reconcileAll();
      expect(await env.phase(id)).toBe('Upgrading');
      expect(env.provisioner.calls).toContain('upgrade u1');
      // the provider has not yet reconciled the new generation
      env.provisioner.providerIdle = true;
      await reconciler.reconcileAll();
      await reconciler.reconcileAll();
      let r = (await env.store.get(id))!;
      expect(r.phase).toBe('Upgrading');
      expect(r.message).toContain(
        'the provider has not applied generation 2 yet',
      );
      env.provisioner.providerIdle = false;
      await reconciler.reconcileAll(); // applied after this listing
      await reconciler.reconcileAll();
      r = (await env.store.get(id))!;
      expect(r.phase).toBe('Running');
      expect(r.message).toBe('Changes applied: k3s 1.32, chart 0.32.3');
    });

    it('finishes an upgrade only when the virtual API server reports the new minor', async () => {
      const env = await setup();
      const { id, reconciler } = await running(env, 'u2');
      await requestUpgrade(env.store, id, { kubernetesVersion: '1.33' });
      await reconciler.reconcileAll(); // applies
      await reconciler.reconcileAll(); // provider applies after this listing
      // applied, and the API server answers, but still the old version
      await reconciler.reconcileAll();
      await reconciler.reconcileAll();
      let r = (await env.store.get(id))!;
      expect(r.phase).toBe('Upgrading');
      expect(r.message).toContain(
        'the virtual API server reports v1.32.5+k3s1, not 1.33',
      );
      env.provisioner.serve('u2');
      await reconciler.reconcileAll();
      r = (await env.store.get(id))!;
      expect(r.phase).toBe('Running');
      expect(r.conditions.find(c => c.type === 'Ready')?.message).toBe(
        'The virtual API server answers (v1.33.5+k3s1)',
      );
    });

    it('does not trust a ready status the virtual API server does not confirm', async () => {
      const env = await setup();
      const id = await env.insert('p1');
      const reconciler = env.make();
      await reconciler.reconcileAll();
      env.provisioner.staleReady('p1');
      await reconciler.reconcileAll();
      await reconciler.reconcileAll();
      let r = (await env.store.get(id))!;
      expect(r.phase).toBe('Provisioning');
      expect(r.message).toContain(
        'the virtual API server is not ready: connect ECONNREFUSED',
      );
      env.provisioner.serve('p1');
      await reconciler.reconcileAll();
      expect(await env.phase(id)).toBe('Running');

      // after a resume the provider's status.ready can still say true for a minute
      r = (await env.store.get(id))!;
      await env.store.update(id, r.version, {
        desiredState: 'paused',
        phase: 'Pausing',
      });
      await reconciler.reconcileAll();
      await reconciler.reconcileAll();
      expect(await env.phase(id)).toBe('Paused');
      r = (await env.store.get(id))!;
      await env.store.update(id, r.version, {
        desiredState: 'running',
        phase: 'Resuming',
      });
      await reconciler.reconcileAll();
      env.provisioner.staleReady('p1');
      await reconciler.reconcileAll();
      await reconciler.reconcileAll();
      expect(await env.phase(id)).toBe('Resuming');
      env.provisioner.serve('p1');
      await reconciler.reconcileAll();
      expect(await env.phase(id)).toBe('Running');
    });

    it('never changes values after Running (no update with the address)', async () => {
      const env = await setup();
      await running(env, 'n1');
      await env.make().reconcileAll();
      expect(env.provisioner.calls.filter(c => c.startsWith('update'))).toEqual(
        [],
      );
    });

    it('fails with the provider reason when helm fails during an upgrade or provisioning', async () => {
      const env = await setup();
      const { id, reconciler } = await running(env, 'f1');
      // a failure the provider reported for the spec before the upgrade, listed in the
      // same cycle that applies the upgrade, is not the upgrade's outcome
      Object.assign(env.provisioner.objects.get('f1')!, {
        failure: { reason: 'HelmDeployFailed', message: 'an earlier error' },
        providerPhase: 'Failed',
      });
      await requestUpgrade(env.store, id, { chartVersion: '0.32.3' });
      await reconciler.reconcileAll(); // applies
      expect(await env.phase(id)).toBe('Upgrading');
      const failure = {
        reason: 'HelmDeployFailed',
        message:
          'error installing / upgrading vcluster: looks like "https://charts.invalid" is not a valid chart repository',
      };
      Object.assign(env.provisioner.objects.get('f1')!, {
        failure,
        providerPhase: 'Failed',
        specApplied: false,
      });
      await reconciler.reconcileAll();
      let r = (await env.store.get(id))!;
      expect(r.phase).toBe('Failed');
      expect(r.reason).toBe('HelmDeployFailed');
      expect(r.message).toBe(failure.message);
      expect(env.changes.map(c => `${c.from}->${c.to}`)).toContain(
        'Upgrading->Failed',
      );

      const id2 = await env.insert('f2');
      await reconciler.reconcileAll();
      Object.assign(env.provisioner.objects.get('f2')!, {
        failure,
        providerPhase: 'Failed',
      });
      await reconciler.reconcileAll();
      r = (await env.store.get(id2))!;
      expect(r.phase).toBe('Failed');
      expect(r.reason).toBe('HelmDeployFailed');

      // a Failed cluster can still be deleted
      await env.store.update(id2, r.version, {
        desiredState: 'deleted',
        phase: 'Deleting',
      });
      await reconciler.reconcileAll();
      expect(await env.phase(id2)).toBe('Deleted');
    });

    it.each([
      ['Provisioning', 'ProvisioningTimeout'],
      ['Upgrading', 'UpgradeTimeout'],
      ['Resuming', 'ResumeTimeout'],
      ['Pausing', 'PauseTimeout'],
      ['Deleting', 'DeleteTimeout'],
    ] as const)(
      'fails a cluster stuck in %s with %s',
      async (stuck, reason) => {
        const env = await setup();
        const { id } = await running(env, 't1');
        // the host stops answering in every way that would end the phase
        env.provisioner.servers.clear();
        env.provisioner.providerIdle = true;
        env.provisioner.delete = async () => false;
        env.provisioner.pause = async () => {};
        const r = (await env.store.get(id))!;
        await env.store.update(id, r.version, {
          phase: stuck,
          ...(stuck === 'Upgrading'
            ? {
                generation: r.generation + 1,
                spec: { ...r.spec, chartVersion: '0.32.3' },
              }
            : {}),
          ...(stuck === 'Deleting' ? { desiredState: 'deleted' as const } : {}),
        });
        await env.make().reconcileAll();
        expect(await env.phase(id)).toBe(stuck);
        await new Promise(resolve => setTimeout(resolve, 20));
        await env.make({ [stuck]: 10 }).reconcileAll();
        const failed = (await env.store.get(id))!;
        expect(failed.phase).toBe('Failed');
        expect(failed.reason).toBe(reason);
        expect(failed.message).toMatch(
          new RegExp(`^${stuck} did not finish within 0 minutes; last: `),
        );
      },
    );

    it('stores the quota the host enforces when it changes', async () => {
      const env = await setup();
      const { id, reconciler } = await running(env, 'q1');
      const effectiveQuota = {
        hard: { 'count/pods': '20', 'services.nodeports': '1' },
        used: { 'count/pods': '1', 'services.nodeports': '1' },
      };
      env.provisioner.objects.get('q1')!.effectiveQuota = effectiveQuota;
      await reconciler.reconcileAll();
      let r = (await env.store.get(id))!;
      expect(r.effectiveQuota).toEqual(effectiveQuota);
      const version = r.version;
      await reconciler.reconcileAll(); // unchanged: no write
      r = (await env.store.get(id))!;
      expect(r.version).toBe(version);
      expect(r.phase).toBe('Running');
    });
  },
);
