import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';

/** A Running virtual cluster `shop-dev` (id c1) of team-a on host `local`, for tests. */
export function testCluster(
  overrides: Partial<VirtualCluster> = {},
): VirtualCluster {
  return {
    id: 'c1',
    name: 'shop-dev',
    hostCluster: 'local',
    namespace: 'vc-shop-dev',
    owner: 'group:default/team-a',
    relatedEntityRefs: ['component:default/shop'],
    spec: {
      distro: 'k3s',
      kubernetesVersion: '1.33',
      chartVersion: '0.32.0',
      exposure: { type: 'LoadBalancer' },
    },
    phase: 'Running',
    conditions: [],
    endpoint: 'https://127.0.0.2:443',
    generation: 1,
    observedGeneration: 1,
    createdBy: 'user:default/guest',
    createdAt: '2026-11-24T10:00:00Z',
    updatedAt: '2026-11-24T10:00:00Z',
    ...overrides,
  };
}

/**
 * The quota `testQuotaCluster` asks for: what a user sets in the quota dialog.
 */
export const testQuota: NonNullable<VirtualCluster['spec']['quota']> = {
  cpu: '4',
  memory: '8Gi',
  storage: '50Gi',
  pods: 10,
};

/**
 * The ResourceQuota `vc-shop-dev` a host reports for `testQuota` under LoadBalancer
 * exposure, written by hand: the chart's defaults with the asked keys merged in, the
 * control plane (1 pod, 200m CPU, 256Mi, a 5Gi PVC, its LoadBalancer Service) and a
 * few workloads counted. `count/pods` is at exactly 90 %, the Service limits full.
 */
export const testEffectiveQuota: NonNullable<VirtualCluster['effectiveQuota']> =
  {
    hard: {
      'count/configmaps': '100',
      'count/endpoints': '40',
      'count/persistentvolumeclaims': '20',
      'count/pods': '10',
      'count/secrets': '100',
      'count/services': '20',
      'limits.cpu': '20',
      'limits.ephemeral-storage': '160Gi',
      'limits.memory': '40Gi',
      'requests.cpu': '4',
      'requests.ephemeral-storage': '60Gi',
      'requests.memory': '8Gi',
      'requests.storage': '50Gi',
      'services.loadbalancers': '1',
      'services.nodeports': '1',
    },
    used: {
      'count/configmaps': '3',
      'count/endpoints': '2',
      'count/persistentvolumeclaims': '1',
      'count/pods': '9',
      'count/secrets': '5',
      'count/services': '2',
      'limits.cpu': '9',
      'limits.ephemeral-storage': '10Gi',
      'limits.memory': '10Gi',
      'requests.cpu': '1200m',
      'requests.ephemeral-storage': '1Gi',
      'requests.memory': '2560Mi',
      'requests.storage': '5Gi',
      'services.loadbalancers': '1',
      'services.nodeports': '1',
    },
  };

/** `testCluster` with `testQuota` asked and `testEffectiveQuota` reported by the host. */
export function testQuotaCluster(
  overrides: Partial<VirtualCluster> = {},
): VirtualCluster {
  const base = testCluster();
  return testCluster({
    spec: { ...base.spec, quota: testQuota },
    effectiveQuota: testEffectiveQuota,
    ...overrides,
  });
}
