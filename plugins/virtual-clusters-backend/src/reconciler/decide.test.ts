import { ObservedVirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-node';
import { testRecord } from '../__testUtils__/records';
import { VirtualClusterRecord } from '../store/types';
import {
  Decision,
  decide,
  decideAfterProbe,
  Observation,
  Outcome,
  PHASE_TIMEOUTS,
} from './decide';

/*
 * The reconciler's decisions as a table: record × observation → provisioner call and
 * what follows. No Kubernetes, no store.
 */

const NOW = Date.parse('2026-12-02T12:00:00Z');
const MINUTE = 60_000;
const context = { now: NOW, timeouts: PHASE_TIMEOUTS };

function record(overrides: Partial<VirtualClusterRecord>) {
  return testRecord('dev', {
    phaseChangedAt: new Date(NOW - MINUTE).toISOString(),
    ...overrides,
  });
}

function observedCluster(
  overrides: Partial<ObservedVirtualCluster> = {},
): ObservedVirtualCluster {
  return {
    name: 'dev',
    namespace: 'vc-dev',
    clusterId: 'id-dev',
    ready: true,
    paused: false,
    replicas: { desired: 1, ready: 1 },
    providerPhase: 'Deployed',
    conditions: [],
    endpoint: 'https://127.0.0.1:443',
    chartVersion: '0.32.0',
    specGeneration: 1,
    specApplied: true,
    kubeconfigReady: true,
    ...overrides,
  };
}

function seen(overrides: Partial<ObservedVirtualCluster> = {}): Observation {
  return { kind: 'present', cluster: observedCluster(overrides) };
}

const unobserved: Observation = { kind: 'unobserved' };
const absent: Observation = { kind: 'absent' };
const none: Outcome = { kind: 'none' };

describe('decide', () => {
  it.each<[string, Partial<VirtualClusterRecord>, Observation, Decision]>([
    [
      'a Pending cluster is created, then Provisioning',
      { phase: 'Pending' },
      unobserved,
      {
        call: { name: 'create', what: 'create' },
        then: {
          kind: 'move',
          to: 'Provisioning',
          type: 'provisioning',
          changes: {
            message: 'VCluster applied; waiting for the control plane',
          },
        },
      },
    ],
    [
      'a Provisioning cluster is left alone between cycles',
      { phase: 'Provisioning' },
      unobserved,
      { then: none },
    ],
    [
      'a Provisioning cluster whose object vanished is applied again',
      { phase: 'Provisioning' },
      absent,
      { call: { name: 'create', what: 're-create' }, then: none },
    ],
    [
      'a Provisioning cluster without an endpoint waits and says so',
      { phase: 'Provisioning', message: 'before' },
      seen({ endpoint: undefined, ready: false }),
      {
        then: {
          kind: 'save',
          changes: {
            message:
              'Waiting: no external endpoint yet (provider phase Deployed, replicas 1/1)',
            conditions: [],
          },
        },
      },
    ],
    [
      'the same waiting message is not saved again',
      {
        phase: 'Provisioning',
        message:
          'Waiting: no external endpoint yet (provider phase Deployed, replicas 1/1)',
      },
      seen({ endpoint: undefined }),
      { then: none },
    ],
    [
      'a provider failure while Provisioning fails the cluster with its reason',
      { phase: 'Provisioning' },
      seen({
        failure: { reason: 'HelmDeployFailed', message: 'chart not found' },
      }),
      {
        then: {
          kind: 'move',
          to: 'Failed',
          type: 'failed',
          changes: {
            reason: 'HelmDeployFailed',
            message: 'chart not found',
            conditions: [],
          },
        },
      },
    ],
    [
      'Provisioning past its time limit fails with ProvisioningTimeout',
      {
        phase: 'Provisioning',
        phaseChangedAt: new Date(NOW - 21 * MINUTE).toISOString(),
        message: 'Waiting: no external endpoint yet',
      },
      seen(),
      {
        then: {
          kind: 'move',
          to: 'Failed',
          type: 'failed',
          changes: {
            reason: 'ProvisioningTimeout',
            message:
              'Provisioning did not finish within 20 minutes; last: Waiting: no external endpoint yet',
          },
        },
      },
    ],
    [
      'time limits are not checked without an observation',
      {
        phase: 'Provisioning',
        phaseChangedAt: new Date(NOW - 21 * MINUTE).toISOString(),
      },
      unobserved,
      { then: none },
    ],
    [
      'nothing is tried before the backoff ends',
      {
        phase: 'Pending',
        attempts: 2,
        nextAttemptAt: new Date(NOW + MINUTE).toISOString(),
      },
      unobserved,
      { then: none },
    ],
    [
      'a ready Provisioning cluster is probed',
      { phase: 'Provisioning' },
      seen(),
      { then: { kind: 'probe', observed: observedCluster() } },
    ],
    [
      'a Resuming cluster is resumed even between cycles',
      { phase: 'Resuming' },
      unobserved,
      { call: { name: 'resume', what: 'resume' }, then: none },
    ],
    [
      'a Resuming cluster still scaled to zero waits after the resume call',
      { phase: 'Resuming' },
      seen({ paused: true, replicas: { desired: 0, ready: 0 } }),
      {
        call: { name: 'resume', what: 'resume' },
        then: {
          kind: 'save',
          changes: {
            message:
              'Waiting: the control plane is scaled to zero (provider phase Deployed, replicas 0/0)',
            conditions: [],
          },
        },
      },
    ],
    [
      'an Upgrading cluster sends its new generation first',
      { phase: 'Upgrading', generation: 2, observedGeneration: 1 },
      seen(),
      {
        call: { name: 'upgrade', what: 'upgrade' },
        then: {
          kind: 'save',
          changes: {
            observedGeneration: 2,
            message:
              'Changes sent to the host (generation 2); waiting for the provider to apply them',
          },
        },
      },
    ],
    [
      'an Upgrading cluster does not take an older spec for its outcome',
      { phase: 'Upgrading', generation: 2, observedGeneration: 2 },
      seen({ specGeneration: 1 }),
      {
        then: {
          kind: 'save',
          changes: {
            message:
              'Waiting: the provider has not applied generation 2 yet (provider phase Deployed, replicas 1/1)',
            conditions: [],
          },
        },
      },
    ],
    [
      'a provider failure of an older spec does not fail an upgrade',
      { phase: 'Upgrading', generation: 2, observedGeneration: 2 },
      seen({
        specGeneration: 1,
        failure: { reason: 'HelmDeployFailed', message: 'old' },
      }),
      {
        then: {
          kind: 'save',
          changes: {
            message:
              'Waiting: the provider has not applied generation 2 yet (provider phase Deployed, replicas 1/1)',
            conditions: [],
          },
        },
      },
    ],
    [
      'an upgrade waits for the rollout',
      {
        phase: 'Upgrading',
        generation: 2,
        observedGeneration: 2,
      },
      seen({ specGeneration: 2, rolledOut: false }),
      {
        then: {
          kind: 'save',
          changes: {
            message:
              'Waiting: the control plane is rolling out (provider phase Deployed, replicas 1/1)',
            conditions: [],
          },
        },
      },
    ],
    [
      'a Running cluster whose object vanished is re-created and Provisioning',
      { phase: 'Running', endpoint: 'https://127.0.0.1:443' },
      absent,
      {
        note: {
          type: 'drift',
          phase: 'Provisioning',
          message:
            'The VCluster object disappeared from the host; applying it again',
        },
        call: { name: 'create', what: 're-create' },
        then: {
          kind: 'move',
          to: 'Provisioning',
          type: 'drift-repair',
          changes: { message: 'Re-creating after drift' },
        },
      },
    ],
    [
      'a Running cluster scaled to zero outside Backstage is resumed',
      { phase: 'Running' },
      seen({ paused: true }),
      {
        note: {
          type: 'drift',
          phase: 'Resuming',
          message:
            'The control plane was scaled to zero outside Backstage; resuming it',
        },
        then: {
          kind: 'move',
          to: 'Resuming',
          changes: { message: 'Resuming after drift' },
        },
      },
    ],
    [
      'a Pausing cluster is paused and stays Pausing until its replicas are gone',
      { phase: 'Pausing' },
      seen({ paused: true, replicas: { desired: 0, ready: 1 } }),
      { call: { name: 'pause', what: 'pause' }, then: none },
    ],
    [
      'a Pausing cluster with no replicas left is Paused',
      { phase: 'Pausing' },
      seen({ paused: true, replicas: { desired: 0, ready: 0 } }),
      {
        call: { name: 'pause', what: 'pause' },
        then: {
          kind: 'move',
          to: 'Paused',
          changes: {
            message: 'Control plane scaled to zero; workloads stopped',
          },
        },
      },
    ],
    [
      'a Paused cluster scaled up outside Backstage is paused again',
      { phase: 'Paused' },
      seen({ paused: false }),
      {
        note: {
          type: 'drift',
          phase: 'Paused',
          message:
            'The control plane was scaled up outside Backstage; pausing it again',
        },
        call: { name: 'pause', what: 'pause' },
        then: none,
      },
    ],
    [
      'a Paused cluster left paused is left alone',
      { phase: 'Paused' },
      seen({ paused: true, replicas: { desired: 0, ready: 0 } }),
      { then: none },
    ],
    [
      'a Deleting cluster is deleted, and Deleted once the host says it is gone',
      { phase: 'Deleting', desiredState: 'deleted' },
      unobserved,
      {
        call: { name: 'delete', what: 'delete' },
        then: {
          kind: 'move-when-deleted',
          changes: {
            message: 'Everything the plugin created on the host is gone',
            deletedAt: new Date(NOW).toISOString(),
          },
        },
      },
    ],
    [
      'a Failed cluster is left alone',
      { phase: 'Failed' },
      seen(),
      { then: none },
    ],
  ])('%s', (_, overrides, observation, expected) => {
    expect(decide(record(overrides), observation, context)).toEqual(expected);
  });

  it('keeps a Running cluster’s readiness current, with a timeline entry when it flips', () => {
    const wasReady = record({
      phase: 'Running',
      endpoint: 'https://127.0.0.1:443',
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'ControlPlaneReady',
          message: 'The virtual API server answers',
          lastTransitionTime: '2026-12-01T00:00:00.000Z',
        },
      ],
    });
    expect(decide(wasReady, seen({ ready: true }), context)).toEqual({
      then: none,
    });
    expect(decide(wasReady, seen({ ready: false }), context)).toEqual({
      then: {
        kind: 'save',
        changes: {
          endpoint: 'https://127.0.0.1:443',
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              reason: 'ControlPlaneNotReady',
              message: 'The control plane is not ready',
              lastTransitionTime: '2026-12-02T12:00:00.000Z',
            },
          ],
        },
        note: {
          type: 'not-ready',
          phase: 'Running',
          message: 'The control plane is not ready',
        },
      },
    });
  });
});

describe('decideAfterProbe', () => {
  const observed = observedCluster();

  it('moves a cluster whose API server answers to Running', () => {
    expect(
      decideAfterProbe(
        record({ phase: 'Provisioning' }),
        observed,
        { ready: true, version: 'v1.33.1+k3s1' },
        NOW,
      ),
    ).toEqual({
      kind: 'move',
      to: 'Running',
      changes: {
        endpoint: 'https://127.0.0.1:443',
        observedGeneration: 1,
        message: 'Running at https://127.0.0.1:443',
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'ControlPlaneReady',
            message: 'The virtual API server answers (v1.33.1+k3s1)',
            lastTransitionTime: '2026-12-02T12:00:00.000Z',
          },
        ],
      },
    });
  });

  it('keeps waiting while the API server does not answer', () => {
    expect(
      decideAfterProbe(
        record({ phase: 'Provisioning' }),
        observed,
        { ready: false, message: 'connection refused' },
        NOW,
      ),
    ).toEqual({
      kind: 'save',
      changes: {
        message:
          'Waiting: the virtual API server is not ready: connection refused (provider phase Deployed, replicas 1/1)',
        conditions: [],
      },
    });
  });

  it('finishes an upgrade only on the new minor version', () => {
    const upgrading = record({
      phase: 'Upgrading',
      generation: 2,
      observedGeneration: 2,
      spec: { ...testRecord('dev').spec, kubernetesVersion: '1.34' },
    });
    expect(
      decideAfterProbe(
        upgrading,
        observed,
        { ready: true, version: 'v1.33.1' },
        NOW,
      ),
    ).toMatchObject({
      kind: 'save',
      changes: {
        message:
          'Waiting: the virtual API server reports v1.33.1, not 1.34 (provider phase Deployed, replicas 1/1)',
      },
    });
    expect(
      decideAfterProbe(
        upgrading,
        observed,
        { ready: true, version: 'v1.34.0' },
        NOW,
      ),
    ).toMatchObject({
      kind: 'move',
      to: 'Running',
      changes: { message: 'Changes applied: k3s 1.34, chart 0.32.0' },
    });
  });
});
