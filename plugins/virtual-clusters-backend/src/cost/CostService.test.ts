import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseVirtualClusterStore } from '../store/DatabaseVirtualClusterStore';
import { testRecord } from '../__testUtils__/records';
import { CostService } from './CostService';
import { DatabaseCostStore } from './DatabaseCostStore';
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
    const store = await DatabaseVirtualClusterStore.create({ database });
    const record = testRecord('shop', {
      id: 'c1',
      owner: 'group:default/a',
      relatedEntityRefs: [],
      phase: 'Running',
      observedGeneration: 1,
    });
    await store.insert(record);
    const costs = await DatabaseCostStore.create({ database });
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
    // Each sample bills the previous sample's level for the time since it:
    // 10:00 and 11:00 bill 1 h of running(1) (1.1 cores, 2 GiB, 10 GiB storage, 1 LB),
    // 12:00 bills 1 h of paused (10 GiB storage, 1 LB); 09:00 bills nothing.
    expect(report.currency).toBe('EUR');
    // 2 h × 1.1 cores = 2.2 core-h × 0.04 = 0.088
    expect(report.byResource.cpu).toBe(0.088);
    // 2 h × 2 GiB = 4 GiB-h × 0.005 = 0.02
    expect(report.byResource.memory).toBe(0.02);
    // 3 h × 10 GiB = 30 GiB-h × 0.073 / 730 h = 0.003
    expect(report.byResource.storage).toBe(0.003);
    // 3 h × 1 LB = 3 LB-h × 0.02 = 0.06
    expect(report.byResource.loadBalancer).toBe(0.06);
    // 0.088 + 0.02 + 0.003 + 0.06 = 0.171
    expect(report.monthToDate).toBe(0.171);
    // paused now: only storage and the load balancer
    expect(report.current).toEqual({
      cpuCores: 0,
      memoryGiB: 0,
      storageGiB: 10,
      loadBalancers: 1,
    });
    // 10 GiB × 0.073 / 730 h + 1 LB × 0.02 = 0.001 + 0.02 = 0.021
    expect(report.hourlyRate).toBe(0.021);
    // 24 Nov 12:00 to 1 Dec 00:00 is 6.5 days = 156 h: 0.171 + 156 × 0.021 = 3.447
    expect(report.projectedMonth).toBe(3.447);
    // all buckets are on 24 Nov: 0 + 0.075 + 0.075 + 0.021 = 0.171
    expect(report.daily).toEqual([{ date: '2026-11-24', cost: 0.171 }]);
    expect(report.byNamespace).toEqual([
      // 2 h × 1 core × 0.04 + 2 h × 1.5 GiB × 0.005 = 0.08 + 0.015 = 0.095
      { namespace: 'shop', cost: 0.095 },
      // 2 h × 0.1 core × 0.04 + 2 h × 0.5 GiB × 0.005 + 3 h × 10 GiB × 0.073 / 730
      // = 0.008 + 0.005 + 0.003 = 0.016
      { namespace: '(control plane)', cost: 0.016 },
    ]);
  });

  it('gives the month to date of many clusters in one query, as each report does', async () => {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({ knex });
    const store = await DatabaseVirtualClusterStore.create({ database });
    const costs = await DatabaseCostStore.create({ database });
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
    // 10:30 bills 1.5 h of running(cpu): (cpu + 0.1) cores, 2 GiB, 10 GiB storage, 1 LB
    // a: 1.5 × 1.1 × 0.04 + 1.5 × 2 × 0.005 + 1.5 × 10 × 0.073 / 730 + 1.5 × 0.02
    //    = 0.066 + 0.015 + 0.0015 + 0.03 = 0.1125
    // b: 1.5 × 3.1 × 0.04 + 0.015 + 0.0015 + 0.03 = 0.186 + 0.0465 = 0.2325
    for (const [r, monthToDate] of [
      [records[0], 0.1125],
      [records[1], 0.2325],
    ] as const) {
      expect(totals.get(r.id)).toEqual({ currency: 'EUR', monthToDate });
      // as each report does
      expect((await service.estimate(r, rates, at(90))).monthToDate).toBe(
        monthToDate,
      );
    }
    expect(totals.get('id-b')!.monthToDate).toBeGreaterThan(
      totals.get('id-a')!.monthToDate,
    );
    expect(totals.get('id-idle')).toEqual({ currency: 'EUR', monthToDate: 0 });
  });

  it('does not bill a gap longer than the cap at the old level', async () => {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({ knex });
    await DatabaseVirtualClusterStore.create({ database });
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
    const costs = await DatabaseCostStore.create({ database });
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
    // ten minutes, not five hours: 1.1 cores × 10/60 h = 0.183333…
    expect(bucket.cpuCoreHours).toBeCloseTo(0.183333, 6);
  });
});
