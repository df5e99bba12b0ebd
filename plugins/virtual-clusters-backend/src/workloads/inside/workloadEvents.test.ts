import { EventObject, lastSeen, newestFirst } from './workloadEvents';

const deployment = { kind: 'Deployment', name: 'web' };
const replicaSet = { kind: 'ReplicaSet', name: 'web-5d8f' };

describe('workload events', () => {
  it('takes the last time from series, lastTimestamp, eventTime, then creation', () => {
    expect(
      lastSeen({
        involvedObject: deployment,
        series: { count: 4, lastObservedTime: '2026-12-06T10:05:00.000000Z' },
        eventTime: '2026-12-06T10:00:00.000000Z',
      }),
    ).toBe('2026-12-06T10:05:00.000000Z');
    expect(
      lastSeen({
        involvedObject: deployment,
        lastTimestamp: '2026-12-06T10:03:00Z',
        eventTime: null,
      }),
    ).toBe('2026-12-06T10:03:00Z');
    expect(
      lastSeen({
        involvedObject: deployment,
        lastTimestamp: null,
        eventTime: '2026-12-06T10:01:00.123456Z',
      }),
    ).toBe('2026-12-06T10:01:00.123456Z');
    expect(
      lastSeen({
        involvedObject: deployment,
        metadata: { creationTimestamp: '2026-12-06T09:00:00Z' },
      }),
    ).toBe('2026-12-06T09:00:00Z');
  });

  it("merges a Deployment's and its ReplicaSets' events, newest first", () => {
    const scaled: EventObject = {
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: 'Scaled up replica set web-5d8f from 0 to 1',
      count: 1,
      firstTimestamp: '2026-12-06T10:00:00Z',
      lastTimestamp: '2026-12-06T10:00:00Z',
      source: { component: 'deployment-controller' },
      involvedObject: deployment,
    };
    const refused: EventObject = {
      type: 'Warning',
      reason: 'FailedCreate',
      message: 'pods "web-5d8f-x" is forbidden: exceeded quota',
      eventTime: '2026-12-06T10:00:01.000000Z',
      series: { count: 7, lastObservedTime: '2026-12-06T10:04:00.000000Z' },
      reportingComponent: 'replicaset-controller',
      involvedObject: replicaSet,
    };
    const created: EventObject = {
      type: 'Normal',
      reason: 'SuccessfulCreate',
      message: 'Created pod: web-5d8f-a',
      count: 0,
      lastTimestamp: '2026-12-06T10:02:00Z',
      involvedObject: replicaSet,
    };
    expect(newestFirst([[scaled], [created, refused]])).toEqual([
      {
        type: 'Warning',
        reason: 'FailedCreate',
        message: 'pods "web-5d8f-x" is forbidden: exceeded quota',
        count: 7,
        firstSeen: '2026-12-06T10:00:01.000000Z',
        lastSeen: '2026-12-06T10:04:00.000000Z',
        source: 'replicaset-controller',
        involvedObject: replicaSet,
      },
      {
        type: 'Normal',
        reason: 'SuccessfulCreate',
        message: 'Created pod: web-5d8f-a',
        // at least once
        count: 1,
        lastSeen: '2026-12-06T10:02:00Z',
        involvedObject: replicaSet,
      },
      {
        type: 'Normal',
        reason: 'ScalingReplicaSet',
        message: 'Scaled up replica set web-5d8f from 0 to 1',
        count: 1,
        firstSeen: '2026-12-06T10:00:00Z',
        lastSeen: '2026-12-06T10:00:00Z',
        source: 'deployment-controller',
        involvedObject: deployment,
      },
    ]);
  });

  it('keeps the order of events of the same time', () => {
    const at = '2026-12-06T10:00:00Z';
    const events = ['a', 'b', 'c'].map(reason => ({
      reason,
      lastTimestamp: at,
      involvedObject: deployment,
    }));
    expect(newestFirst([events]).map(e => e.reason)).toEqual(['a', 'b', 'c']);
  });
});
