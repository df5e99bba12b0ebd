import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseVirtualClusterStore } from '../store/DatabaseVirtualClusterStore';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
import { testRecord } from '../__testUtils__/records';
import { CostService } from './CostService';
import { DatabaseCostStore } from './DatabaseCostStore';
import { RequestedResources } from './types';
import { startRecordedOpenCost } from './__fixtures__/recordedOpenCost';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const rates = {
  currency: 'EUR',
  cpuCoreHour: 0.04,
  memoryGiBHour: 0.005,
  storageGiBMonth: 0.073,
  loadBalancerHour: 0.02,
};
const withOpenCost = {
  ...rates,
  opencost: { baseUrl: 'http://127.0.0.1:1', timeoutMs: 1, cacheTtlMs: 1 },
};
const ratesOf = (host: string) =>
  host === 'with-opencost' ? withOpenCost : rates;

// running(cpu): (cpu + 0.1) cores, 2 GiB, 10 GiB storage, 1 LB; per hour
// running(1) = 1.1 × 0.04 + 2 × 0.005 + 10 × 0.073 / 730 + 0.02 = 0.075
// running(3) = 3.1 × 0.04 + 0.01 + 0.001 + 0.02 = 0.155
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
// paused: 10 × 0.073 / 730 + 0.02 = 0.021 per hour
const paused: RequestedResources = {
  cpuCores: 0,
  memoryGiB: 0,
  storageGiB: 10,
  loadBalancers: 1,
  byNamespace: {
    '(control plane)': { cpuCores: 0, memoryGiB: 0, storageGiB: 10 },
  },
};

const dec1 = (hh: number, mm = 0) => new Date(Date.UTC(2026, 11, 1, hh, mm));
const nov30 = (hh: number) => new Date(Date.UTC(2026, 10, 30, hh));
const NOW = dec1(14);

/** Runs `fn` with the clock (Date only) at `at`: the store stamps events with it. */
async function at<T>(time: Date, fn: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: time,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  try {
    return await fn();
  } finally {
    jest.useRealTimers();
  }
}

describe.each(databases.eachSupportedId())(
  'What sleep saved, on %s',
  databaseId => {
    let store: VirtualClusterStore;
    let costs: DatabaseCostStore;
    const maxGapMs = 2 * 3600_000;
    const sample = (id: string, time: Date, level: RequestedResources) =>
      costs.addSample(id, time, level, { maxGapMs });
    const event = (
      clusterId: string,
      time: Date,
      type: string,
      phase: 'Pausing' | 'Resuming' | 'Deleting',
      actor = 'user:default/jane',
    ) =>
      at(time, () =>
        store.addEvent({ clusterId, type, phase, message: type, actor }),
      );
    const SLEEP = 'plugin:virtual-clusters/sleep';

    beforeEach(async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      store = await DatabaseVirtualClusterStore.create({ database });
      costs = await DatabaseCostStore.create({ database });

      // sleepy: slept 10:00-13:00 on 1 Dec (the pause showed in the samples at 10:30)
      await store.insert(testRecord('sleepy', { phase: 'Running' }));
      await sample('id-sleepy', dec1(8), running(1));
      await sample('id-sleepy', dec1(9), running(1));
      await sample('id-sleepy', dec1(10), running(1));
      await event('id-sleepy', dec1(10), 'sleep-requested', 'Pausing', SLEEP);
      await sample('id-sleepy', dec1(10, 30), paused);
      await sample('id-sleepy', dec1(11), paused);
      await sample('id-sleepy', dec1(12), paused);
      await sample('id-sleepy', dec1(13), paused);
      await event('id-sleepy', dec1(13), 'wake-requested', 'Resuming', SLEEP);
      await sample('id-sleepy', dec1(14), running(1));

      // manual: the same samples, paused and resumed by hand
      await store.insert(testRecord('manual', { phase: 'Running' }));
      for (const [time, level] of [
        [dec1(8), running(1)],
        [dec1(9), running(1)],
        [dec1(10), running(1)],
        [dec1(10, 30), paused],
        [dec1(11), paused],
        [dec1(12), paused],
        [dec1(13), paused],
        [dec1(14), running(1)],
      ] as const) {
        await sample('id-manual', time, level);
      }
      await event('id-manual', dec1(10), 'pause-requested', 'Pausing');
      await event('id-manual', dec1(13), 'resume-requested', 'Resuming');

      // night: asleep since 30 Nov 22:00 and still asleep
      await store.insert(
        testRecord('night', {
          phase: 'Paused',
          desiredState: 'paused',
          sleep: {
            since: nov30(22).toISOString(),
            type: 'scheduledSleep',
            message: 'Sleep schedule fired',
          },
        }),
      );
      await sample('id-night', nov30(21), running(3));
      await sample('id-night', nov30(22), running(3));
      await event('id-night', nov30(22), 'sleep-requested', 'Pausing', SLEEP);
      await sample('id-night', nov30(23), paused);
      for (let hh = 0; hh <= 14; hh++) {
        await sample('id-night', dec1(hh), paused);
      }

      // gone: on host edge, slept 09:00 and was deleted asleep at 11:00
      const gone = testRecord('gone', {
        phase: 'Running',
        hostCluster: 'edge',
      });
      await store.insert(gone);
      await sample('id-gone', dec1(8), running(1));
      await sample('id-gone', dec1(9), running(1));
      await event('id-gone', dec1(9), 'sleep-requested', 'Pausing', SLEEP);
      await sample('id-gone', dec1(10), paused);
      await sample('id-gone', dec1(11), paused);
      await event('id-gone', dec1(11), 'delete-requested', 'Deleting');
      await store.update(gone.id, gone.version, {
        phase: 'Deleted',
        deletedAt: dec1(11, 30).toISOString(),
      });

      // on a host whose cost comes from OpenCost: no totals from the rates
      await store.insert(
        testRecord('oc', { phase: 'Running', hostCluster: 'with-opencost' }),
      );
      await sample('id-oc', dec1(8), running(1));
      await sample('id-oc', dec1(9), running(1));
    });

    it('prices the hours asleep at the rate before the sleep, less what they cost asleep', async () => {
      const service = CostService.create({ costs, clusters: store });
      const sleepy = (await store.get('id-sleepy'))!;
      const report = await service.report(sleepy, rates, NOW);
      // with sleep, as sampled: 09 0.075, 10 0.075 + 0.5 h × 0.075 = 0.1125,
      // 11 0.5 h × 0.021 = 0.0105, 12 0.021, 13 0.021, 14 0.021 (billed at the
      // 13:00 sample's level): 0.261
      expect(report.monthToDate).toBe(0.261);
      // asleep 10:00-13:00: 3 h at the running rate 0.075 = 0.225 without sleep;
      // with sleep: the 10:00 bucket billed 09:00-10:30, a third of it asleep:
      // 0.1125 / 3 = 0.0375; + 0.0105 + 0.021 + 0.021 = 0.09; saved 0.225 - 0.09
      expect(report.sleep).toEqual({
        hoursThisMonth: 3,
        savedThisMonth: 0.135,
        withoutSleepMonthToDate: 0.396,
      });

      // a manual pause saves the same money but is no sleep
      const manual = await service.report(
        (await store.get('id-manual'))!,
        rates,
        NOW,
      );
      expect(manual.monthToDate).toBe(0.261);
      expect(manual.sleep).toEqual({
        hoursThisMonth: 0,
        savedThisMonth: 0,
        withoutSleepMonthToDate: 0.261,
      });
    });

    it('counts a sleep from last month from the first of the month, until now', async () => {
      const service = CostService.create({ costs, clusters: store });
      const night = await service.report(
        (await store.get('id-night'))!,
        rates,
        NOW,
      );
      // this month's buckets 00:00 ... 14:00 each bill an hour asleep: 15 × 0.021
      expect(night.monthToDate).toBe(0.315);
      // 1 Dec 00:00-14:00 asleep = 14 h at running(3)'s 0.155 = 2.17 without sleep,
      // the last sample at or before 22:00 on 30 Nov being running(3); with sleep
      // the buckets of 01:00 ... 14:00 (the 00:00 one billed 30 Nov 23:00-24:00):
      // 14 × 0.021 = 0.294; saved 2.17 - 0.294 = 1.876; 0.315 + 1.876 = 2.191
      expect(night.sleep).toEqual({
        hoursThisMonth: 14,
        savedThisMonth: 1.876,
        withoutSleepMonthToDate: 2.191,
      });
    });

    it('adds the sleep to listed clusters that slept this month', async () => {
      // the timelines read: only those of clusters that ever slept (one query finds them)
      const read: string[] = [];
      const service = CostService.create({
        costs,
        clusters: {
          get: id => store.get(id),
          withEventType: (ids, type) => store.withEventType(ids, type),
          listEvents: id => {
            read.push(id);
            return store.listEvents(id);
          },
        },
      });
      const listed = await Promise.all(
        ['id-sleepy', 'id-manual', 'id-night', 'id-oc'].map(
          async id => (await store.get(id))!,
        ),
      );
      const totals = await service.monthToDate(listed, ratesOf, NOW);
      expect(Object.fromEntries(totals)).toEqual({
        'id-sleepy': {
          currency: 'EUR',
          monthToDate: 0.261,
          sleptHours: 3,
          savedBySleep: 0.135,
        },
        'id-manual': { currency: 'EUR', monthToDate: 0.261 },
        'id-night': {
          currency: 'EUR',
          monthToDate: 0.315,
          sleptHours: 14,
          savedBySleep: 1.876,
        },
      });
      expect(read.sort()).toEqual(['id-night', 'id-sleepy']);
    });

    it('totals each host over the clusters sampled on it this month, deleted ones too', async () => {
      const service = CostService.create({ costs, clusters: store });
      const totals = await service.hostTotals(
        ['local', 'edge', 'with-opencost', 'empty'],
        ratesOf,
        NOW,
      );
      expect(Object.fromEntries(totals)).toEqual({
        // 0.261 + 0.261 + 0.315; 3 h + 14 h; 0.135 + 1.876
        local: { monthToDate: 0.837, sleptHours: 17, savedBySleep: 2.011 },
        // gone: 09 0.075, 10 0.075 (billed 09:00-10:00 at the running level), 11
        // 0.021; asleep 09:00-11:00 = 2 h × 0.075 = 0.15 without sleep, 0.075 + 0.021
        // with it: saved 0.054
        edge: { monthToDate: 0.171, sleptHours: 2, savedBySleep: 0.054 },
      });
    });

    it('leaves the sleep out without the clusters store', async () => {
      const service = CostService.create({ costs });
      const report = await service.report(
        (await store.get('id-sleepy'))!,
        rates,
        NOW,
      );
      expect(report.monthToDate).toBe(0.261);
      expect(report.sleep).toBeUndefined();
      expect(await service.hostTotals(['local', 'edge'], ratesOf, NOW)).toEqual(
        new Map(),
      );
    });
  },
);

describe('What sleep saved, on a host with OpenCost', () => {
  it('is priced from the samples at the rates and added to OpenCost’s month to date', async () => {
    const opencost = await startRecordedOpenCost();
    try {
      const knex = await databases.init('SQLITE_3');
      const database = mockServices.database({ knex });
      const store = await DatabaseVirtualClusterStore.create({ database });
      const costs = await DatabaseCostStore.create({ database });
      // the cluster of the recorded answers (host namespace vc-shop), asleep since 09:00
      const record = testRecord('shop', {
        id: 'c-shop',
        phase: 'Paused',
        desiredState: 'paused',
        sleep: {
          since: '2026-11-03T09:00:00Z',
          type: 'inactivitySleep',
          message: 'Idle',
        },
      });
      await store.insert(record);
      const level = (cpuCores: number, memoryGiB: number) => ({
        cpuCores,
        memoryGiB,
        storageGiB: 5,
        loadBalancers: 1,
        byNamespace: {},
      });
      const nov3 = (hh: number) => new Date(Date.UTC(2026, 10, 3, hh));
      const maxGapMs = 2 * 3600_000;
      await costs.addSample('c-shop', nov3(8), level(1, 2), { maxGapMs });
      await costs.addSample('c-shop', nov3(9), level(1, 2), { maxGapMs });
      await at(nov3(9), () =>
        store.addEvent({
          clusterId: 'c-shop',
          type: 'sleep-requested',
          phase: 'Pausing',
          message: 'Idle',
          actor: 'plugin:virtual-clusters/sleep',
        }),
      );
      await costs.addSample('c-shop', nov3(10), level(0, 0), { maxGapMs });
      await costs.addSample('c-shop', nov3(11), level(0, 0), { maxGapMs });

      const service = CostService.create({ costs, clusters: store });
      const report = await service.report(
        record,
        {
          currency: 'USD',
          cpuCoreHour: 0.04,
          memoryGiBHour: 0.005,
          storageGiBMonth: 0.1,
          loadBalancerHour: 0.02,
          opencost: {
            baseUrl: opencost.baseUrl,
            timeoutMs: 5000,
            cacheTtlMs: 60_000,
          },
        },
        new Date('2026-11-03T12:00:00Z'),
      );
      expect(report.source).toBe('opencost');
      // as CostService.opencost.test.ts finds it
      expect(report.monthToDate).toBe(2.8491);
      // running: 0.04 + 2 × 0.005 + 5 × 0.1 / 730 + 0.02 = 0.0706849/h, asleep
      // 0.0206849/h; asleep 09:00-12:00 = 3 h: 0.2120548 without sleep; with it the
      // 10:00 bucket (09-10 at the level sampled at 09:00, running) 0.0706849 and the
      // 11:00 one 0.0206849: saved 0.2120548 - 0.0913699 = 0.1206849
      expect(report.sleep).toEqual({
        hoursThisMonth: 3,
        savedThisMonth: 0.1207,
        // 2.8491 + 0.1207
        withoutSleepMonthToDate: 2.9698,
      });
    } finally {
      await opencost.close();
    }
  });
});
