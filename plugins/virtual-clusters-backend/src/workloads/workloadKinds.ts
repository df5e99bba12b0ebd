import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesListObject,
  KubernetesObject,
} from '@kubernetes/client-node';
import { Workload } from '@virtual-clusters/plugin-virtual-clusters-common';

/** A kind of object the workloads view shows. */
export type WorkloadKind = Workload['kind'];

/** What is read of a cluster: the workload kinds, and Events for their warnings. */
export type SourceKind = WorkloadKind | 'Event';

/** How one kind is listed and watched across all namespaces of a cluster. */
export interface WorkloadSource {
  kind: SourceKind;
  /** The collection's API path, the one a watch is opened on. */
  path: string;
  list(kc: KubeConfig): Promise<KubernetesListObject<KubernetesObject>>;
}

/** The eight workload kinds in the order the response lists them, then Events. */
export const WORKLOAD_SOURCES: readonly WorkloadSource[] = [
  {
    kind: 'Deployment',
    path: '/apis/apps/v1/deployments',
    list: kc => kc.makeApiClient(AppsV1Api).listDeploymentForAllNamespaces(),
  },
  {
    kind: 'StatefulSet',
    path: '/apis/apps/v1/statefulsets',
    list: kc => kc.makeApiClient(AppsV1Api).listStatefulSetForAllNamespaces(),
  },
  {
    kind: 'DaemonSet',
    path: '/apis/apps/v1/daemonsets',
    list: kc => kc.makeApiClient(AppsV1Api).listDaemonSetForAllNamespaces(),
  },
  {
    kind: 'Job',
    path: '/apis/batch/v1/jobs',
    list: kc => kc.makeApiClient(BatchV1Api).listJobForAllNamespaces(),
  },
  {
    kind: 'CronJob',
    path: '/apis/batch/v1/cronjobs',
    list: kc => kc.makeApiClient(BatchV1Api).listCronJobForAllNamespaces(),
  },
  {
    kind: 'Pod',
    path: '/api/v1/pods',
    list: kc => kc.makeApiClient(CoreV1Api).listPodForAllNamespaces(),
  },
  {
    kind: 'Service',
    path: '/api/v1/services',
    list: kc => kc.makeApiClient(CoreV1Api).listServiceForAllNamespaces(),
  },
  {
    kind: 'PersistentVolumeClaim',
    path: '/api/v1/persistentvolumeclaims',
    list: kc =>
      kc.makeApiClient(CoreV1Api).listPersistentVolumeClaimForAllNamespaces(),
  },
  {
    kind: 'Event',
    path: '/api/v1/events',
    list: kc => kc.makeApiClient(CoreV1Api).listEventForAllNamespaces(),
  },
];

/**
 * The objects of one cluster by kind, and the kinds that could not be read. Objects
 * are as the API server sent them: typed by the client after a list, plain JSON after
 * a watch event; the summary reads only fields that are the same in both.
 */
export interface WorkloadObjects {
  objects: Record<SourceKind, KubernetesObject[]>;
  errors: Array<{ kind: SourceKind; message: string }>;
}
