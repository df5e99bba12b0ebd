import { KubernetesObject } from '@kubernetes/client-node';
import { summarizeWorkloads } from './summarizeWorkloads';
import { WORKLOAD_SOURCES, SourceKind, WorkloadObjects } from './workloadKinds';

/** Objects as a watch delivers them: plain JSON, timestamps as strings. */
function objects(
  byKind: Partial<Record<SourceKind, object[]>>,
  errors: WorkloadObjects['errors'] = [],
): WorkloadObjects {
  return {
    objects: Object.fromEntries(
      WORKLOAD_SOURCES.map(({ kind }) => [
        kind,
        (byKind[kind] ?? []) as KubernetesObject[],
      ]),
    ) as WorkloadObjects['objects'],
    errors,
  };
}

const meta = (name: string, namespace = 'shop') => ({
  name,
  namespace,
  creationTimestamp: '2026-11-20T10:00:00Z',
});

describe('summarizeWorkloads', () => {
  it('groups by namespace, reads readiness and finds errors in watch-shaped objects', () => {
    const summary = summarizeWorkloads(
      'dev',
      objects(
        {
          Deployment: [
            {
              metadata: meta('web'),
              spec: {
                replicas: 2,
                template: {
                  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
                },
              },
              status: { readyReplicas: 1 },
            },
          ],
          Pod: [
            {
              metadata: meta('web-1'),
              spec: {
                containers: [
                  { name: 'web', image: 'nginx:1.27' },
                  { name: 'proxy', image: 'envoy:1.31' },
                ],
                initContainers: [{ name: 'migrate', image: 'flyway:10' }],
              },
              status: {
                phase: 'Running',
                containerStatuses: [
                  {
                    name: 'web',
                    ready: false,
                    restartCount: 7,
                    state: { waiting: { reason: 'CrashLoopBackOff' } },
                  },
                ],
              },
            },
          ],
          Job: [
            {
              metadata: meta('migrate', 'ops'),
              spec: { template: { spec: { containers: [] } } },
              status: { failed: 3 },
            },
          ],
          PersistentVolumeClaim: [
            {
              metadata: meta('data'),
              spec: { resources: { requests: { storage: '1Gi' } } },
              status: { phase: 'Lost' },
            },
          ],
        },
        [{ kind: 'CronJob', message: '403: forbidden' }],
      ),
    );

    expect(summary.namespaces.map(n => n.name)).toEqual(['ops', 'shop']);
    const shop = summary.namespaces[1].workloads;
    expect(shop.find(w => w.kind === 'Deployment')).toMatchObject({
      name: 'web',
      ready: '1/2',
      status: 'Progressing',
      images: ['nginx:1.27'],
      createdAt: '2026-11-20T10:00:00.000Z',
    });
    const pod = shop.find(w => w.kind === 'Pod')!;
    expect(pod).toMatchObject({
      ready: '0/2',
      status: 'CrashLoopBackOff',
      restarts: 7,
      // the logs dialog's choice: containers first, then init containers
      containers: [
        { name: 'web' },
        { name: 'proxy' },
        { name: 'migrate', init: true },
      ],
    });
    expect(pod.errors.length).toBeGreaterThan(0);
    expect(shop.find(w => w.kind === 'PersistentVolumeClaim')).toMatchObject({
      status: 'Lost 1Gi',
      errors: [{ severity: 8, message: 'The volume of this claim is lost' }],
    });
    expect(summary.namespaces[0].workloads[0]).toMatchObject({
      kind: 'Job',
      status: 'Failed',
      errors: [{ message: 'Job failed 3 time(s)' }],
    });
    expect(summary.errors).toEqual([
      { kind: 'CronJob', message: '403: forbidden' },
    ]);
    expect(summary.summary).toEqual({
      workloads: 4,
      withErrors: 3,
      pods: 1,
      runningPods: 1,
    });
  });

  it('gives the same answer for the same objects', () => {
    const input = objects({
      Service: [
        {
          metadata: meta('web'),
          spec: { type: 'LoadBalancer' },
          status: { loadBalancer: { ingress: [{ ip: '10.0.0.9' }] } },
        },
      ],
    });
    const a = summarizeWorkloads('dev', input);
    expect(summarizeWorkloads('dev', input)).toEqual(a);
    expect(a.namespaces[0].workloads[0].status).toBe('LoadBalancer 10.0.0.9');
  });

  it('adds recent Warning events to the objects they are about', () => {
    const event = (
      name: string,
      involved: object,
      reason: string,
      message: string,
      lastTimestamp: string,
      extra: object = {},
    ) => ({
      metadata: meta(name),
      involvedObject: { namespace: 'shop', ...involved },
      type: 'Warning',
      reason,
      message,
      lastTimestamp,
      ...extra,
    });
    const summary = summarizeWorkloads(
      'dev',
      objects({
        Deployment: [
          {
            metadata: meta('web'),
            spec: { replicas: 2, template: { spec: { containers: [] } } },
            status: {},
          },
        ],
        Pod: [
          {
            metadata: meta('web-1'),
            spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
            status: { phase: 'Pending' },
          },
        ],
        Event: [
          // a quota refusing the ReplicaSet's pods belongs to the Deployment
          event(
            'e1',
            { kind: 'ReplicaSet', name: 'web-5d8f7c9b4' },
            'FailedCreate',
            'pods "web-5d8f7c9b4-x" is forbidden: exceeded quota',
            '2026-11-24T10:05:00Z',
            { count: 4 },
          ),
          event(
            'e2',
            { kind: 'Pod', name: 'web-1' },
            'FailedScheduling',
            '0/1 nodes are available: old',
            '2026-11-24T10:01:00Z',
          ),
          event(
            'e3',
            { kind: 'Pod', name: 'web-1' },
            'FailedScheduling',
            '0/1 nodes are available: 1 Insufficient cpu.',
            '2026-11-24T10:06:00Z',
          ),
          {
            ...event(
              'e4',
              { kind: 'Pod', name: 'web-1' },
              'Scheduled',
              'ok',
              '2026-11-24T10:07:00Z',
            ),
            type: 'Normal',
          },
        ],
      }),
    );
    const [shop] = summary.namespaces;
    expect(shop.workloads.find(w => w.kind === 'Deployment')!.errors).toEqual([
      {
        severity: 3,
        message:
          'FailedCreate: pods "web-5d8f7c9b4-x" is forbidden: exceeded quota (4 times)',
      },
    ]);
    expect(shop.workloads.find(w => w.kind === 'Pod')!.errors).toEqual([
      {
        severity: 3,
        message:
          'FailedScheduling: 0/1 nodes are available: 1 Insufficient cpu.',
      },
    ]);
    expect(summary.summary.withErrors).toBe(2);
  });
});
