import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
import { testRecord } from '../__testUtils__/records';
import { CostService } from './CostService';
import { CostStore } from './CostStore';
import { RequestedResources } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const rates = {
  currency: 'EUR',
  cpuCoreHour: 0.04,
  memoryGiBHour: 0.005,
  storageGiBMonth: 0.073,
  loadBalancerHour: 0.02,
};

const running = (cpu: number): RequestedResources => ({
  cpuCores: cpu + 0.1,
  memoryGiB: 2,
  storageGiB: 10,
  loadBalancers: 1,
  byNamespace: {
    shop: { cpuCores: cpu, memoryGiB: 1.5, storageGiB: 0 },
    '(control plane)': { cpuCores: 0.1, memoryGiB: 0.5, storageGiB: 10 },
  },
});
const paused: RequestedResources = {
  cpuCores: 0,
  memoryGiB: 0,
  storageGiB: 10,
  loadBalancers: 1,
  byNamespace: {
    '(control plane)': { cpuCores: 0, memoryGiB: 0, storageGiB: 10 },
  },
};

describe.each(databases.eachSupportedId())('CostService on %s', databaseId => {
  it('integrates requests over time in hourly buckets and prices them', async () => {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({ knex });
    const store = await VirtualClusterStore.create({ database });
    const record = testRecord('shop', {
      id: 'c1',
      owner: 'group:default/a',
      relatedEntityRefs: [],
      phase: 'Running',
      observedGeneration: 1,
    });
    await store.insert(record);
    const costs = await CostStore.create({ database });
    const service = CostService.create({ costs });

    // 09:00 first sample (nothing billed yet), 1 core for two hours, then paused for an hour
    const t0 = new Date(Date.UTC(2026, 10, 24, 9, 0, 0));
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    const maxGapMs = 2 * 3600_000;
    await costs.addSample('c1', at(0), running(1), { maxGapMs });
    await costs.addSample('c1', at(60), running(1), { maxGapMs });
    await costs.addSample('c1', at(120), paused, { maxGapMs });
    await costs.addSample('c1', at(180), paused, { maxGapMs });

    const report = await service.report(record, rates, at(180));
    // 2 h running: cpu 1.1 cores, mem 2 GiB, 10 GiB storage, 1 LB; 1 h paused: storage + LB
    const cpu = 2 * 1.1 * 0.04;
    const memory = 2 * 2 * 0.005;
    const storage = (3 * 10 * 0.073) / 730;
    const lb = 3 * 0.02;
    expect(report.currency).toBe('EUR');
    expect(report.byResource.cpu).toBeCloseTo(cpu, 4);
    expect(report.byResource.memory).toBeCloseTo(memory, 4);
    expect(report.byResource.storage).toBeCloseTo(storage, 4);
    expect(report.byResource.loadBalancer).toBeCloseTo(lb, 4);
    expect(report.monthToDate).toBeCloseTo(cpu + memory + storage + lb, 3);
    // paused now: only storage and the load balancer
    expect(report.current).toEqual({
      cpuCores: 0,
      memoryGiB: 0,
      storageGiB: 10,
      loadBalancers: 1,
    });
    expect(report.hourlyRate).toBeCloseTo((10 * 0.073) / 730 + 0.02, 4);
    expect(report.projectedMonth).toBeGreaterThan(report.monthToDate);
    expect(report.daily).toEqual([
      { date: '2026-11-24', cost: report.monthToDate },
    ]);
    expect(report.byNamespace[0]).toEqual({
      namespace: 'shop',
      cost: expect.any(Number),
    });
    expect(
      report.byNamespace.find(n => n.namespace === 'shop')!.cost,
    ).toBeCloseTo(2 * 1 * 0.04 + 2 * 1.5 * 0.005, 4);
  });

  it('gives the month to date of many clusters in one query, as each report does', async () => {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({ knex });
    const store = await VirtualClusterStore.create({ database });
    const costs = await CostStore.create({ database });
    const service = CostService.create({ costs });
    const records = ['a', 'b', 'idle', 'elsewhere'].map(name =>
      testRecord(name, { phase: 'Running', observedGeneration: 1 }),
    );
    records[3].hostCluster = 'with-opencost';
    for (const r of records) await store.insert(r);
    const t0 = new Date(Date.UTC(2026, 10, 24, 9, 0, 0));
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    const maxGapMs = 2 * 3600_000;
    for (const [id, cpu] of [
      ['id-a', 1],
      ['id-b', 3],
      ['id-elsewhere', 1],
    ] as const) {
      await costs.addSample(id, at(0), running(cpu), { maxGapMs });
      await costs.addSample(id, at(90), running(cpu), { maxGapMs });
    }
    // last month's samples do not count
    await costs.addSample('id-idle', new Date(Date.UTC(2026, 9, 30)), paused, {
      maxGapMs,
    });
    await costs.addSample(
      'id-idle',
      new Date(Date.UTC(2026, 9, 30, 1)),
      paused,
      {
        maxGapMs,
      },
    );

    const ratesOf = (host: string) =>
      host === 'with-opencost'
        ? {
            ...rates,
            opencost: { baseUrl: 'http://x', timeoutMs: 1, cacheTtlMs: 1 },
          }
        : rates;
    const totals = await service.monthToDate(records, ratesOf, at(90));
    expect([...totals.keys()].sort()).toEqual(['id-a', 'id-b', 'id-idle']);
    for (const r of records.slice(0, 2)) {
      expect(totals.get(r.id)).toEqual({
        currency: 'EUR',
        monthToDate: (await service.estimate(r, rates, at(90))).monthToDate,
      });
    }
    expect(totals.get('id-b')!.monthToDate).toBeGreaterThan(
      totals.get('id-a')!.monthToDate,
    );
    expect(totals.get('id-idle')).toEqual({ currency: 'EUR', monthToDate: 0 });
  });

  it('does not bill a gap longer than the cap at the old level', async () => {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({ knex });
    await VirtualClusterStore.create({ database });
    await knex('virtual_clusters').insert({
      id: 'c2',
      name: 'gap',
      host_cluster: 'local',
      namespace: 'vc-gap',
      owner: 'group:default/a',
      related_entity_refs: '[]',
      spec: '{}',
      phase: 'Running',
      conditions: '[]',
      created_by: 'x',
      created_at: new Date(),
      updated_at: new Date(),
      phase_changed_at: new Date(),
    });
    const costs = await CostStore.create({ database });
    const t0 = new Date(Date.UTC(2026, 10, 24, 1, 0, 0));
    await costs.addSample('c2', t0, running(1), { maxGapMs: 600_000 });
    await costs.addSample(
      'c2',
      new Date(t0.getTime() + 5 * 3600_000),
      running(1),
      {
        maxGapMs: 600_000,
      },
    );
    const [bucket] = (await costs.buckets('c2', t0)).slice(-1);
    expect(bucket.cpuCoreHours).toBeCloseTo(1.1 / 6, 4); // ten minutes, not five hours
  });
});
