import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { CostRates, OpenCostSettings } from '../config';
import { DatabaseVirtualClusterStore } from '../store/DatabaseVirtualClusterStore';
import { testRecord } from '../__testUtils__/records';
import { CostService } from './CostService';
import { DatabaseCostStore } from './DatabaseCostStore';
import {
  openCostFixture,
  startRecordedOpenCost,
} from './__fixtures__/recordedOpenCost';

// OpenCost cannot run here: these tests replay hand-recorded responses of its documented
// Allocation API (src/cost/__fixtures__/opencost/README.md) from a real local HTTP server.

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** The moment the fixtures were recorded for. */
const NOW = new Date('2026-11-03T12:00:00Z');

const rates = (opencost?: Partial<OpenCostSettings>): CostRates => ({
  currency: 'USD',
  cpuCoreHour: 0.04,
  memoryGiBHour: 0.005,
  storageGiBMonth: 0.1,
  loadBalancerHour: 0.02,
  opencost: opencost
    ? {
        baseUrl: 'http://127.0.0.1:1',
        timeoutMs: 5000,
        cacheTtlMs: 60_000,
        ...opencost,
      }
    : undefined,
});

/** The paused cluster `shop` (host namespace vc-shop) with two built-in samples. */
async function setup() {
  const knex = await databases.init('SQLITE_3');
  const database = mockServices.database({ knex });
  const store = await DatabaseVirtualClusterStore.create({ database });
  const record = testRecord('shop', {
    id: 'c-shop',
    phase: 'Paused',
    observedGeneration: 1,
  });
  await store.insert(record);
  const costs = await DatabaseCostStore.create({ database });
  const paused = {
    cpuCores: 0,
    memoryGiB: 0,
    storageGiB: 5,
    loadBalancers: 1,
    byNamespace: {
      '(control plane)': { cpuCores: 0, memoryGiB: 0, storageGiB: 5 },
    },
  };
  const maxGapMs = 2 * 3600_000;
  await costs.addSample('c-shop', new Date('2026-11-03T10:00:00Z'), paused, {
    maxGapMs,
  });
  await costs.addSample('c-shop', new Date('2026-11-03T11:00:00Z'), paused, {
    maxGapMs,
  });
  return { record, costs };
}

describe('CostService with OpenCost', () => {
  it('maps the Allocation API of the host namespace into the cost response', async () => {
    const opencost = await startRecordedOpenCost();
    try {
      const { record, costs } = await setup();
      const service = CostService.create({ costs });
      const report = await service.report(
        record,
        rates({ baseUrl: opencost.baseUrl, authorization: 'Bearer t0ken' }),
        NOW,
      );

      // exactly the documented queries, filtered to the host namespace, with the header
      expect(opencost.requests.map(r => r.path)).toEqual([
        '/allocation/compute',
        '/allocation/compute',
        '/allocation/compute',
      ]);
      expect(opencost.requests.map(r => r.query)).toEqual(
        expect.arrayContaining([
          {
            window: '2026-11-01T00:00:00Z,2026-11-03T12:00:00Z',
            aggregate: 'namespace',
            filter: 'namespace:"vc-shop"',
            step: '1d',
            accumulate: 'false',
          },
          {
            window: '2026-11-01T00:00:00Z,2026-11-03T12:00:00Z',
            aggregate: 'pod',
            filter: 'namespace:"vc-shop"',
            accumulate: 'true',
          },
          {
            window: '2026-11-03T11:00:00Z,2026-11-03T12:00:00Z',
            aggregate: 'namespace',
            filter: 'namespace:"vc-shop"',
            accumulate: 'true',
          },
        ]),
      );
      expect(
        opencost.requests.every(
          r => r.headers.authorization === 'Bearer t0ken',
        ),
      ).toBe(true);

      expect(report.source).toBe('opencost');
      expect(report.note).toBeUndefined();
      expect(report.currency).toBe('USD');
      // cpuCost, ramCost, pvCost (incl. __unmounted__), loadBalancerCost; __idle__ is not counted
      expect(report.byResource).toEqual({
        cpu: 1.728,
        memory: 0.36,
        storage: 0.0411,
        loadBalancer: 0.72,
      });
      expect(report.monthToDate).toBe(2.8491);
      expect(report.daily).toEqual([
        { date: '2026-11-01', cost: 1.8884 },
        { date: '2026-11-02', cost: 0.9524 },
        { date: '2026-11-03', cost: 0.0082 },
      ]);
      // paused: the last hour is only the unmounted data volume
      expect(report.hourlyRate).toBe(0.0007);
      // 660 hours are left in November at noon on the 3rd
      expect(report.projectedMonth).toBeCloseTo(2.849095 + 0.000685 * 660, 3);
      expect(report.byNamespace).toEqual([
        { namespace: '(control plane)', cost: 1.1227 },
        { namespace: 'storefront', cost: 0.855 },
        { namespace: 'payments', cost: 0.855 },
        { namespace: '(unmounted volumes)', cost: 0.0164 },
      ]);
      // what is requested now comes from the built-in sampler
      expect(report.current).toEqual({
        cpuCores: 0,
        memoryGiB: 0,
        storageGiB: 5,
        loadBalancers: 1,
      });
      expect(report.sampledAt).toBe('2026-11-03T12:00:00.000Z');

      // answers are reused for the cache TTL
      await service.report(record, rates({ baseUrl: opencost.baseUrl }), NOW);
      expect(opencost.requests).toHaveLength(3);
    } finally {
      await opencost.close();
    }
  });

  it('falls back to the built-in estimate with a note when OpenCost is unreachable', async () => {
    // a port that was just free: nothing listens there any more
    const gone = await startRecordedOpenCost();
    await gone.close();
    const { record, costs } = await setup();
    const service = CostService.create({ costs });
    const r = rates({ baseUrl: gone.baseUrl });
    const report = await service.report(record, r, NOW);
    const estimate = await service.estimate(record, r, NOW);
    expect(report.source).toBe('rates');
    expect(report.note).toMatch(
      new RegExp(
        `^OpenCost at ${gone.baseUrl} could not be reached: ECONNREFUSED; showing the built-in estimate`,
      ),
    );
    expect({ ...report, note: undefined }).toEqual({
      ...estimate,
      note: undefined,
    });
    // the estimate of a paused cluster: storage and the load balancer, one hour of it
    expect(estimate.byResource.cpu).toBe(0);
    expect(estimate.byResource.loadBalancer).toBe(0.02);
    expect(estimate.hourlyRate).toBeCloseTo((5 * 0.1) / 730 + 0.02, 4);
  });

  it('falls back when OpenCost answers an error or too slowly', async () => {
    const failing = await startRecordedOpenCost({
      answer: () => ({
        status: 400,
        body: openCostFixture('error-invalid-window.json'),
      }),
    });
    const slow = await startRecordedOpenCost({ delayMs: 2000 });
    const garbage = await startRecordedOpenCost({
      answer: () => ({ status: 200, text: '<html>login</html>' }),
    });
    try {
      const { record, costs } = await setup();
      const service = CostService.create({ costs });
      const [error, timeout, html] = await Promise.all([
        service.report(record, rates({ baseUrl: failing.baseUrl }), NOW),
        service.report(
          record,
          rates({ baseUrl: slow.baseUrl, timeoutMs: 200 }),
          NOW,
        ),
        service.report(record, rates({ baseUrl: garbage.baseUrl }), NOW),
      ]);
      expect(error.source).toBe('rates');
      expect(error.note).toContain(
        `OpenCost at ${failing.baseUrl} answered HTTP 400: {"code":400,"status":"error","message":"invalid window: start must be before end"}`,
      );
      expect(timeout.source).toBe('rates');
      expect(timeout.note).toContain(
        `OpenCost at ${slow.baseUrl} could not be reached: timed out`,
      );
      expect(html.note).toContain(
        `OpenCost at ${garbage.baseUrl} did not answer with JSON`,
      );
    } finally {
      await Promise.all([failing.close(), slow.close(), garbage.close()]);
    }
  });

  it('reports no current rate for a deleted cluster', async () => {
    const opencost = await startRecordedOpenCost();
    try {
      const { record, costs } = await setup();
      const service = CostService.create({ costs });
      const report = await service.report(
        { ...record, phase: 'Deleted' },
        rates({ baseUrl: opencost.baseUrl }),
        NOW,
      );
      expect(report.source).toBe('opencost');
      expect(report.hourlyRate).toBe(0);
      expect(report.projectedMonth).toBe(report.monthToDate);
    } finally {
      await opencost.close();
    }
  });
});
