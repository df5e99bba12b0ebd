import {
  KubernetesListObject,
  KubernetesObject,
} from '@kubernetes/client-node';
import { KubernetesClient } from '../kubernetes/KubernetesClient';
import { Workload } from '@virtual-clusters/plugin-virtual-clusters-common';

/** A kind of object the workloads view shows. */
export type WorkloadKind = Workload['kind'];

/** What is read of a cluster: the workload kinds, and Events for their warnings. */
export type SourceKind = WorkloadKind | 'Event';

/** How one kind is listed and watched across all namespaces of a cluster. */
export interface WorkloadSource {
  kind: SourceKind;
  apiVersion: string;
  /** The collection's API path, the one a watch is opened on. */
  path: string;
}

/** The kinds read, by API group version, in the order the response lists them. */
const KINDS_BY_API_VERSION: ReadonlyArray<[string, SourceKind[]]> = [
  ['apps/v1', ['Deployment', 'StatefulSet', 'DaemonSet']],
  ['batch/v1', ['Job', 'CronJob']],
  ['v1', ['Pod', 'Service', 'PersistentVolumeClaim', 'Event']],
];

/** The eight workload kinds in the order the response lists them, then Events. */
export const WORKLOAD_SOURCES: readonly WorkloadSource[] =
  KINDS_BY_API_VERSION.flatMap(([apiVersion, kinds]) =>
    kinds.map(kind => ({
      kind,
      apiVersion,
      // each of these kinds' plural is its lower-cased name and an `s`
      path: `/${
        apiVersion.includes('/') ? 'apis' : 'api'
      }/${apiVersion}/${kind.toLowerCase()}s`,
    })),
  );

/**
 * Lists one kind across all namespaces: plain JSON, as the watch events that follow a
 * list are.
 */
export function listSource(
  client: KubernetesClient,
  source: WorkloadSource,
): Promise<KubernetesListObject<KubernetesObject>> {
  return client.request('GET', source.path);
}

/**
 * The objects of one cluster by kind, and the kinds that could not be read. Objects
 * are plain JSON as the API server sent them (lists and watch events alike).
 */
export interface WorkloadObjects {
  objects: Record<SourceKind, KubernetesObject[]>;
  errors: Array<{ kind: SourceKind; message: string }>;
}
