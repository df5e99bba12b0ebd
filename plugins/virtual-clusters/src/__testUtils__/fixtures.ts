import {
  ClusterGroupMember,
  ClusterGroupStatus,
  HostClusterStatus,
  VirtualCluster,
  VirtualClusterCost,
  VirtualClusterEvent,
  VirtualClusterProfile,
  VirtualClusterProfilesResponse,
  WorkloadsResponse,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { mockVirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common/testUtils';

/** A Running virtual cluster `shop-dev` (id c1) of team-a on host `local`, for tests. */
export const testCluster = mockVirtualCluster;

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

/**
 * The host `local` ("Local host cluster") an admin sees: not ready (its CRD is
 * missing), 3 of 10 virtual clusters, 30 of 32 cores requested.
 */
export function testHost(
  overrides: Partial<HostClusterStatus> = {},
): HostClusterStatus {
  return {
    name: 'local',
    title: 'Local host cluster',
    url: 'https://127.0.0.1:16443',
    exposure: { type: 'LoadBalancer' },
    distros: ['k3s', 'k8s'],
    defaults: { distro: 'k3s', kubernetesVersion: '1.33' },
    kubernetesVersions: { k3s: ['1.33', '1.32'], k8s: ['1.34'] },
    cost: { currency: 'USD' },
    ready: false,
    checks: [
      { name: 'api', ok: true, message: 'Kubernetes v1.36.3 answers' },
      { name: 'crd', ok: false, message: 'VCluster CRD is missing' },
    ],
    capacity: {
      allocatable: { cpuCores: 32, memoryGiB: 128, pods: 1100 },
      requested: { cpuCores: 30, memoryGiB: 16, pods: 20 },
      virtualClusters: 3,
      maxVirtualClusters: 10,
    },
    ...overrides,
  };
}

/**
 * A ready member `east` ("East") of a cluster group: 16 cores and 64 GiB to place on
 * (100 % of allocatable), 2.5 cores and 8 GiB placed, 2 of 10 virtual clusters.
 */
export function testMember(
  overrides: Partial<ClusterGroupMember> = {},
): ClusterGroupMember {
  return {
    name: 'east',
    title: 'East',
    ready: true,
    checks: [{ name: 'api', ok: true, message: 'Kubernetes v1.36.3 answers' }],
    oversubscriptionPercent: 100,
    capacity: { cpuCores: 16, memoryGiB: 64 },
    placed: { cpuCores: 2.5, memoryGiB: 8, storageGiB: 20 },
    free: { cpuCores: 13.5, memoryGiB: 56 },
    virtualClusters: 2,
    maxVirtualClusters: 10,
    ...overrides,
  };
}

/**
 * The cluster group `shared` ("Shared clusters") a developer sees: `testMember` as its
 * one member, k3s 1.33 by default, k8s 1.34 and 1.35 too, 2 of 20 virtual clusters
 * and at most 3 per owner.
 */
export function testGroup(
  overrides: Partial<ClusterGroupStatus> = {},
): ClusterGroupStatus {
  return {
    name: 'shared',
    title: 'Shared clusters',
    description: 'General purpose clusters for development',
    distros: ['k3s', 'k8s'],
    kubernetesVersions: { k3s: ['1.33', '1.32'], k8s: ['1.35', '1.34'] },
    defaults: { distro: 'k3s', kubernetesVersion: '1.33' },
    limits: { maxVirtualClusters: 20, perOwner: 3 },
    virtualClusters: 2,
    hostClusters: [testMember()],
    ...overrides,
  };
}

/** The timeline of `testCluster`: its creation. */
export const testEvents: VirtualClusterEvent[] = [
  {
    id: '1',
    clusterId: 'c1',
    type: 'created',
    phase: 'Pending',
    message: 'Requested k3s 1.33 on local',
    createdAt: '2026-11-24T10:00:00Z',
  },
];

/** What runs in `testCluster`: one pod, crash looping. */
export const testWorkloads: WorkloadsResponse = {
  namespaces: [
    {
      name: 'shop',
      workloads: [
        {
          kind: 'Pod',
          name: 'web-1',
          namespace: 'shop',
          status: 'CrashLoopBackOff',
          ready: '0/1',
          restarts: 7,
          images: ['nginx:1.27'],
          errors: [{ severity: 8, message: 'container web is crash looping' }],
        },
      ],
    },
  ],
  errors: [],
  summary: { workloads: 1, withErrors: 1, pods: 1, runningPods: 0 },
  fetchedAt: '2026-11-24T10:00:00Z',
};

/** What `testCluster` costs: $12.50 this month so far. */
export const testCost: VirtualClusterCost = {
  currency: 'USD',
  source: 'rates',
  hourlyRate: 0.05,
  monthToDate: 12.5,
  projectedMonth: 30,
  daily: [{ date: '2026-11-24', cost: 1.2 }],
  byResource: { cpu: 10, memory: 2, storage: 0.3, loadBalancer: 0.2 },
  byNamespace: [{ namespace: 'shop', cost: 9 }],
  current: { cpuCores: 1, memoryGiB: 2, storageGiB: 10, loadBalancers: 1 },
};

/**
 * The application profiles a developer sees: `hello` ("Hello service", a Helm chart
 * and a manifests layer) at 1.1.0 and 1.0.0, newest first, and `base` (one Namespace)
 * at 0.1.0, as `GET /profiles` lists them.
 */
export function testProfiles(): VirtualClusterProfile[] {
  const hello = (version: string, description: string) => ({
    version,
    title: 'Hello service',
    description,
    layers: [
      {
        type: 'helm' as const,
        name: 'hello',
        namespace: 'apps',
        chart: 'hello-profile',
        chartVersion: version,
        repository: 'http://127.0.88.1:8080',
      },
      {
        type: 'manifests' as const,
        name: 'settings',
        kinds: { ConfigMap: 2, Secret: 1 },
      },
    ],
  });
  return [
    {
      name: 'hello',
      title: 'Hello service',
      description: 'A greeting service and its settings',
      versions: [
        hello('1.1.0', 'A greeting service, now with metrics'),
        hello('1.0.0', 'A greeting service and its settings'),
      ],
    },
    {
      name: 'base',
      title: 'Team base',
      description: 'The namespace every team works in',
      versions: [
        {
          version: '0.1.0',
          title: 'Team base',
          layers: [{ type: 'manifests', name: 'ns', kinds: { Namespace: 1 } }],
        },
      ],
    },
  ];
}

/** What the profiles of `testProfilesCluster` look like once vcluster installed them. */
export function testClusterProfiles(
  overrides: Partial<VirtualClusterProfilesResponse> = {},
): VirtualClusterProfilesResponse {
  return {
    profiles: [
      {
        name: 'base',
        version: '0.1.0',
        title: 'Team base',
        layers: [
          {
            type: 'manifests',
            name: 'ns',
            kinds: { Namespace: 1 },
            phase: 'Success',
          },
        ],
      },
      {
        name: 'hello',
        version: '1.0.0',
        title: 'Hello service',
        description: 'A greeting service and its settings',
        layers: [
          {
            type: 'helm',
            name: 'hello',
            namespace: 'apps',
            chart: 'hello-profile',
            chartVersion: '1.0.0',
            repository: 'http://127.0.88.1:8080',
            phase: 'Success',
          },
        ],
      },
    ],
    removing: [],
    phase: 'Success',
    ...overrides,
  };
}

/** `testCluster` with `base` 0.1.0 and `hello` 1.0.0 attached. */
export function testProfilesCluster(
  overrides: Partial<VirtualCluster> = {},
): VirtualCluster {
  const base = testCluster();
  return testCluster({
    spec: {
      ...base.spec,
      profiles: [
        { name: 'base', version: '0.1.0', digest: 'd-base-0.1.0' },
        { name: 'hello', version: '1.0.0', digest: 'd-hello-1.0.0' },
      ],
    },
    ...overrides,
  });
}

/**
 * `testCluster` put to sleep by the backend 2 hours ago (Paused, `sleep` set, idle
 * since 4 hours ago), with a policy of 2h idle and weekday schedules in Berlin, its
 * last activity a kubeconfig 4 hours ago.
 */
export function testSleepingCluster(
  overrides: Partial<VirtualCluster> = {},
): VirtualCluster {
  const base = testCluster();
  const ago = (hours: number) =>
    new Date(Date.now() - hours * 3_600_000).toISOString();
  return testCluster({
    phase: 'Paused',
    message: 'Asleep',
    spec: {
      ...base.spec,
      sleep: {
        afterInactivity: '2h',
        schedule: '0 20 * * 1-5',
        wakeupSchedule: '0 8 * * 1-5',
        timezone: 'Europe/Berlin',
      },
    },
    sleep: {
      since: ago(2),
      type: 'inactivitySleep',
      message: `Idle since ${ago(
        4,
      )}: no kubeconfig, portal view or change inside for 2h`,
    },
    lastActivity: { at: ago(4), kind: 'kubeconfig' },
    ...overrides,
  });
}

/** What host `local` says about sleep: 2h idle by default, at most 8h, never sleep refused. */
export const testSleepSettings: NonNullable<HostClusterStatus['sleep']> = {
  defaults: { afterInactivity: '2h', timezone: 'Europe/Berlin' },
  maxAfterInactivity: '8h',
  allowNeverSleep: false,
};
