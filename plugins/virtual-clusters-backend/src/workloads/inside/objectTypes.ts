import {
  RestartableWorkloadKind,
  WorkloadObjectKind,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { KubernetesClient } from '../../kubernetes/KubernetesClient';
import { ResourceType } from '../../kubernetes/types';

const type = (
  apiVersion: string,
  kind: WorkloadObjectKind,
  name: string,
): ResourceType => {
  const [group, version] = apiVersion.includes('/')
    ? apiVersion.split('/')
    : ['', apiVersion];
  return {
    group,
    version,
    apiVersion,
    kind,
    name,
    namespaced: true,
    verbs: [],
  };
};

/** The resource type of each kind whose events and YAML can be read (all namespaced). */
export const OBJECT_TYPES: Record<WorkloadObjectKind, ResourceType> = {
  Deployment: type('apps/v1', 'Deployment', 'deployments'),
  StatefulSet: type('apps/v1', 'StatefulSet', 'statefulsets'),
  DaemonSet: type('apps/v1', 'DaemonSet', 'daemonsets'),
  ReplicaSet: type('apps/v1', 'ReplicaSet', 'replicasets'),
  Job: type('batch/v1', 'Job', 'jobs'),
  CronJob: type('batch/v1', 'CronJob', 'cronjobs'),
  Pod: type('v1', 'Pod', 'pods'),
  Service: type('v1', 'Service', 'services'),
  PersistentVolumeClaim: type(
    'v1',
    'PersistentVolumeClaim',
    'persistentvolumeclaims',
  ),
  ConfigMap: type('v1', 'ConfigMap', 'configmaps'),
  Secret: type('v1', 'Secret', 'secrets'),
};

/** One object inside a virtual cluster, as the API's paths name it. */
export interface ObjectRef<K extends string = WorkloadObjectKind> {
  namespace: string;
  kind: K;
  name: string;
}

/** A restartable object. */
export type RestartableRef = ObjectRef<RestartableWorkloadKind>;

/** `Kind namespace/name`, for messages. */
export function describeRef(ref: ObjectRef<string>): string {
  return `${ref.kind} ${ref.namespace}/${ref.name}`;
}

/** The API path of one object. */
export function objectPath(ref: ObjectRef): string {
  return KubernetesClient.objectPath(
    OBJECT_TYPES[ref.kind],
    ref.name,
    ref.namespace,
  );
}
