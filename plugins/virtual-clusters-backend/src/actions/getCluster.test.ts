import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  VirtualClusterCost,
  WorkloadsResponse,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { testRecord } from '../__testUtils__/records';
import { VirtualClusterRecord } from '../store/types';
import { registerActions } from './registerActions';
import { VirtualClusterActionServices } from './types';

const RATES = {
  currency: 'EUR',
  cpuCoreHour: 0.03,
  memoryGiBHour: 0.004,
  storageGiBMonth: 0.1,
  loadBalancerHour: 0.02,
};

const COST: VirtualClusterCost = {
  currency: 'EUR',
  source: 'rates',
  hourlyRate: 0.05,
  monthToDate: 12.5,
  projectedMonth: 30,
  daily: [{ date: '2026-12-01', cost: 1.2 }],
  byResource: { cpu: 10, memory: 2, storage: 0.5, loadBalancer: 0 },
  byNamespace: [{ namespace: 'default', cost: 12.5 }],
  current: { cpuCores: 1, memoryGiB: 2, storageGiB: 5, loadBalancers: 0 },
};

const WORKLOADS: WorkloadsResponse = {
  namespaces: [
    {
      name: 'shop',
      workloads: [
        {
          kind: 'Deployment',
          name: 'web',
          namespace: 'shop',
          status: 'Progressing',
          images: ['web:1'],
          errors: [{ severity: 4, message: 'Deployment has 0/2 ready' }],
        },
        {
          kind: 'Pod',
          name: 'web-1',
          namespace: 'shop',
          status: 'CrashLoopBackOff',
          images: ['web:1'],
          errors: [
            {
              severity: 6,
              message: 'container web is crash looping',
              proposedFix: 'Read the logs of the previous container',
            },
          ],
        },
        {
          kind: 'Service',
          name: 'web',
          namespace: 'shop',
          status: 'Active',
          images: [],
          errors: [],
        },
      ],
    },
  ],
  errors: [{ kind: 'CronJob', message: 'cronjobs is forbidden' }],
  summary: { workloads: 3, withErrors: 2, pods: 1, runningPods: 0 },
  fetchedAt: '2026-12-03T10:00:00Z',
};

function running(overrides: Partial<VirtualClusterRecord> = {}) {
  return testRecord('team-a', {
    phase: 'Running',
    endpoint: 'https://team-a.vc.example.com:443',
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'ControlPlaneReady',
        lastTransitionTime: '2026-12-03T09:00:00Z',
      },
      {
        type: 'HelmChartDeployed',
        status: 'False',
        reason: 'UpgradeFailed',
        message: 'helm upgrade failed',
        lastTransitionTime: '2026-12-03T09:30:00Z',
      },
    ],
    ...overrides,
  });
}

function setup(
  record: VirtualClusterRecord,
  overrides: Partial<VirtualClusterActionServices> = {},
) {
  const registry = actionsRegistryServiceMock();
  const services = {
    clusters: {
      list: jest.fn(),
      get: jest.fn(async () => record),
      create: jest.fn(),
      update: jest.fn(),
    },
    costs: { report: jest.fn(async () => COST), monthToDate: jest.fn() },
    workloads: { list: jest.fn(async () => WORKLOADS) },
    ratesOf: () => RATES,
    ...overrides,
  } as VirtualClusterActionServices & {
    workloads: { list: jest.Mock };
  };
  registerActions(registry, services);
  const credentials = mockCredentials.user('user:default/jane');
  // as it goes over the wire: JSON, without the keys left undefined
  const get = async (id = record.id) => {
    const { output } = await registry.invoke({
      id: 'test:get-virtual-cluster',
      input: { id },
      credentials,
    });
    return JSON.parse(JSON.stringify(output));
  };
  return { get, services, credentials };
}

describe('get-virtual-cluster', () => {
  it('reports the phase, endpoint, cost and the problems inside a running cluster', async () => {
    const { get, services, credentials } = setup(running());
    const output = await get();
    expect(services.clusters.get).toHaveBeenCalledWith('id-team-a', {
      credentials,
    });
    expect(output.cluster).toMatchObject({
      id: 'id-team-a',
      name: 'team-a',
      phase: 'Running',
      endpoint: 'https://team-a.vc.example.com:443',
    });
    expect(output.cost).toEqual({
      currency: 'EUR',
      source: 'rates',
      monthToDate: 12.5,
      hourlyRate: 0.05,
      projectedMonth: 30,
    });
    expect(output.workloads).toEqual(WORKLOADS.summary);
    expect(output.problems).toEqual([
      {
        source: 'condition',
        kind: 'HelmChartDeployed',
        reason: 'UpgradeFailed',
        message: 'helm upgrade failed',
      },
      {
        source: 'workload',
        kind: 'Pod',
        namespace: 'shop',
        name: 'web-1',
        severity: 6,
        message: 'container web is crash looping',
        proposedFix: 'Read the logs of the previous container',
      },
      {
        source: 'workload',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        severity: 4,
        message: 'Deployment has 0/2 ready',
      },
      {
        source: 'workloads',
        kind: 'CronJob',
        message: 'CronJob could not be read: cronjobs is forbidden',
      },
    ]);
    expect(output.moreProblems).toBeUndefined();
  });

  it('gives only the fields it names: no bookkeeping, nothing a record may gain', async () => {
    const record = {
      ...running({ requestId: 'r1', version: 7 }),
      kubeconfig: 'apiVersion: v1\nkind: Config',
      token: 'secret',
    };
    const { get } = setup(record);
    const output = await get();
    const all = JSON.stringify(output);
    expect(all).not.toMatch(/kubeconfig|token|secret|requestId|desiredState/);
    expect(Object.keys(output.cluster).sort()).toEqual(
      [
        'chartVersion',
        'conditions',
        'createdAt',
        'createdBy',
        'distro',
        'endpoint',
        'exposure',
        'hostCluster',
        'id',
        'kubernetesVersion',
        'name',
        'namespace',
        'owner',
        'phase',
        'relatedEntityRefs',
        'updatedAt',
      ].sort(),
    );
  });

  it('turns a failed read of the workloads or the cost into a problem', async () => {
    const { get } = setup(running({ conditions: [] }), {
      workloads: {
        list: jest.fn(async () => {
          throw new ServiceUnavailableError('connect ECONNREFUSED');
        }),
      },
      costs: {
        report: jest.fn(async () => {
          throw new Error('database is locked');
        }),
        monthToDate: jest.fn(),
      },
    });
    const output = await get();
    expect(output.cost).toBeUndefined();
    expect(output.workloads).toBeUndefined();
    expect(output.problems).toEqual([
      {
        source: 'workloads',
        message: 'Workloads could not be read: connect ECONNREFUSED',
      },
      { source: 'cost', message: 'Cost could not be read: database is locked' },
    ]);
  });

  it('names the reason of a Failed cluster and reads nothing inside one that does not run', async () => {
    const { get, services } = setup(
      testRecord('team-a', {
        phase: 'Failed',
        reason: 'RetriesExhausted',
        message: 'create failed: host refused',
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'ControlPlaneNotReady',
            message: 'The control plane is not ready',
            lastTransitionTime: '2026-12-03T09:00:00Z',
          },
        ],
      }),
    );
    const output = await get();
    expect(services.workloads.list).not.toHaveBeenCalled();
    expect(output.problems).toEqual([
      {
        source: 'phase',
        reason: 'RetriesExhausted',
        message: 'create failed: host refused',
      },
      {
        source: 'condition',
        kind: 'Ready',
        reason: 'ControlPlaneNotReady',
        message: 'The control plane is not ready',
      },
    ]);

    // a paused cluster's Ready False is what pausing means, not a problem
    const paused = setup(
      testRecord('team-b', {
        phase: 'Paused',
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            lastTransitionTime: '2026-12-03T09:00:00Z',
          },
        ],
      }),
    );
    expect((await paused.get()).problems).toEqual([]);
    expect(paused.services.workloads.list).not.toHaveBeenCalled();
  });

  it('lists the worst problems first and counts those beyond the first 50', async () => {
    const many: WorkloadsResponse = {
      ...WORKLOADS,
      errors: [],
      namespaces: [
        {
          name: 'load',
          workloads: Array.from({ length: 60 }, (_, i) => ({
            kind: 'Pod' as const,
            name: `pod-${i}`,
            namespace: 'load',
            status: 'Pending',
            images: [],
            errors: [{ severity: i % 10, message: `pod-${i} is Pending` }],
          })),
        },
      ],
    };
    const { get } = setup(running({ conditions: [] }), {
      workloads: { list: jest.fn(async () => many) },
    });
    const output = await get();
    expect(output.problems).toHaveLength(50);
    expect(output.moreProblems).toBe(10);
    expect(output.problems[0].severity).toBe(9);
    expect(output.problems[49].severity).toBe(1);
  });
});
