import {
  CoreV1Event,
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1Job,
  V1ObjectMeta,
  V1PersistentVolumeClaim,
  V1Pod,
  V1PodSpec,
  V1Service,
  V1StatefulSet,
} from '@kubernetes/client-node';
import {
  DetectedError,
  detectErrors,
  FetchResponse,
} from '@backstage/plugin-kubernetes-common';
import {
  Workload,
  WorkloadError,
  WorkloadsResponse,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { WorkloadKind as Kind, WorkloadObjects } from './workloadKinds';

const iso = (d?: Date | string) => (d ? new Date(d).toISOString() : undefined);

function images(spec?: V1PodSpec): string[] {
  return (spec?.containers ?? []).map(c => c.image ?? '').filter(Boolean);
}

function podStatus(pod: V1Pod): {
  status: string;
  restarts: number;
  ready: string;
} {
  const statuses = pod.status?.containerStatuses ?? [];
  const restarts = statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0);
  const waiting = statuses.find(s => s.state?.waiting?.reason)?.state?.waiting
    ?.reason;
  const terminated = statuses.find(s => s.state?.terminated?.reason)?.state
    ?.terminated?.reason;
  const readyCount = statuses.filter(s => s.ready).length;
  return {
    status: pod.metadata?.deletionTimestamp
      ? 'Terminating'
      : waiting ?? terminated ?? pod.status?.phase ?? 'Unknown',
    restarts,
    ready: `${readyCount}/${pod.spec?.containers?.length ?? statuses.length}`,
  };
}

/** Warning events shown per object; the most recent reasons first. */
const WARNINGS_PER_OBJECT = 3;
/** Severity of a Warning event, below the plugin's detected errors (crash loops: 4+). */
const WARNING_SEVERITY = 3;

const eventTime = (e: CoreV1Event) =>
  new Date(
    e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? 0,
  ).getTime();

/**
 * Warning events (the API server keeps them an hour) by the object they are about,
 * `Kind/namespace/name`: one entry per reason, the latest message and how often it
 * happened. A ReplicaSet's warnings (e.g. a quota refusing its pods) go to its
 * Deployment, since ReplicaSets are not shown.
 */
function warningsByObject(
  events: CoreV1Event[],
  deployments: V1Deployment[],
): Map<string, WorkloadError[]> {
  const deploymentKeys = new Set(
    deployments.map(d => `${d.metadata?.namespace}/${d.metadata?.name}`),
  );
  const latest = new Map<string, Map<string, CoreV1Event>>();
  for (const e of events) {
    if (e.type !== 'Warning') continue;
    const involved = e.involvedObject;
    let kind = involved.kind;
    let name = involved.name;
    if (kind === 'ReplicaSet' && name) {
      const owner = name.replace(/-[a-z0-9]+$/, '');
      if (deploymentKeys.has(`${involved.namespace}/${owner}`)) {
        kind = 'Deployment';
        name = owner;
      }
    }
    const key = `${kind}/${involved.namespace}/${name}`;
    const byReason = latest.get(key) ?? new Map<string, CoreV1Event>();
    const reason = e.reason ?? 'Warning';
    const seen = byReason.get(reason);
    if (!seen || eventTime(e) >= eventTime(seen)) byReason.set(reason, e);
    latest.set(key, byReason);
  }
  const result = new Map<string, WorkloadError[]>();
  for (const [key, byReason] of latest) {
    result.set(
      key,
      [...byReason.values()]
        .sort((a, b) => eventTime(b) - eventTime(a))
        .slice(0, WARNINGS_PER_OBJECT)
        .map(e => ({
          severity: WARNING_SEVERITY,
          message: `${e.reason}: ${e.message ?? ''}${
            (e.count ?? 1) > 1 ? ` (${e.count} times)` : ''
          }`,
        })),
    );
  }
  return result;
}

/**
 * Turns the objects of one virtual cluster into the workloads view: one row per
 * object with readiness, restarts, images and age, grouped by namespace, with the
 * error detection of the Backstage Kubernetes plugin and recent Warning events. Pure: the same objects give the
 * same answer, which lets the watch cache reuse it until something changes.
 */
export function summarizeWorkloads(
  clusterName: string,
  { objects, errors }: WorkloadObjects,
): Omit<WorkloadsResponse, 'fetchedAt'> {
  const deployments = objects.Deployment as V1Deployment[];
  const statefulSets = objects.StatefulSet as V1StatefulSet[];
  const daemonSets = objects.DaemonSet as V1DaemonSet[];
  const jobs = objects.Job as V1Job[];
  const cronJobs = objects.CronJob as V1CronJob[];
  const pods = objects.Pod as V1Pod[];
  const services = objects.Service as V1Service[];
  const pvcs = objects.PersistentVolumeClaim as V1PersistentVolumeClaim[];

  const fetched: FetchResponse[] = [
    { type: 'pods', resources: pods },
    { type: 'deployments', resources: deployments },
    { type: 'statefulsets', resources: statefulSets },
    { type: 'daemonsets', resources: daemonSets },
    { type: 'jobs', resources: jobs },
    { type: 'cronjobs', resources: cronJobs },
  ] as unknown as FetchResponse[];
  const detected =
    detectErrors({
      items: [
        {
          cluster: { name: clusterName },
          resources: fetched,
          podMetrics: [],
          errors: [],
        },
      ],
    }).get(clusterName) ?? [];
  const errorsByObject = new Map<string, WorkloadError[]>();
  for (const e of detected as DetectedError[]) {
    const key = `${e.sourceRef.kind}/${e.sourceRef.namespace}/${e.sourceRef.name}`;
    const list = errorsByObject.get(key) ?? [];
    list.push({
      severity: e.severity,
      message: e.message,
      proposedFix: e.proposedFix?.rootCauseExplanation,
    });
    errorsByObject.set(key, list);
  }
  for (const [key, warnings] of warningsByObject(
    objects.Event as CoreV1Event[],
    deployments,
  )) {
    errorsByObject.set(key, [...(errorsByObject.get(key) ?? []), ...warnings]);
  }
  const errorsOf = (kind: Kind, meta?: V1ObjectMeta) =>
    errorsByObject.get(`${kind}/${meta?.namespace}/${meta?.name}`) ?? [];

  const workloads: Workload[] = [];
  const base = (kind: Kind, meta?: V1ObjectMeta) => ({
    kind,
    name: meta?.name ?? '',
    namespace: meta?.namespace ?? '',
    createdAt: iso(meta?.creationTimestamp),
    errors: errorsOf(kind, meta),
  });
  for (const d of deployments) {
    const desired = d.spec?.replicas ?? 0;
    const ready = d.status?.readyReplicas ?? 0;
    workloads.push({
      ...base('Deployment', d.metadata),
      ready: `${ready}/${desired}`,
      status: ready >= desired ? 'Available' : 'Progressing',
      images: images(d.spec?.template.spec),
    });
  }
  for (const s of statefulSets) {
    const desired = s.spec?.replicas ?? 0;
    const ready = s.status?.readyReplicas ?? 0;
    workloads.push({
      ...base('StatefulSet', s.metadata),
      ready: `${ready}/${desired}`,
      status: ready >= desired ? 'Ready' : 'Progressing',
      images: images(s.spec?.template.spec),
    });
  }
  for (const ds of daemonSets) {
    const desired = ds.status?.desiredNumberScheduled ?? 0;
    const ready = ds.status?.numberReady ?? 0;
    workloads.push({
      ...base('DaemonSet', ds.metadata),
      ready: `${ready}/${desired}`,
      status: ready >= desired ? 'Ready' : 'Progressing',
      images: images(ds.spec?.template.spec),
    });
  }
  for (const j of jobs) {
    const failed = j.status?.failed ?? 0;
    const succeeded = j.status?.succeeded ?? 0;
    let status = 'Running';
    if (succeeded > 0) status = 'Complete';
    else if (failed > 0) status = 'Failed';
    workloads.push({
      ...base('Job', j.metadata),
      ready: `${succeeded}/${j.spec?.completions ?? 1}`,
      status,
      images: images(j.spec?.template.spec),
      errors:
        status === 'Failed'
          ? [
              ...errorsOf('Job', j.metadata),
              { severity: 8, message: `Job failed ${failed} time(s)` },
            ]
          : errorsOf('Job', j.metadata),
    });
  }
  for (const cj of cronJobs) {
    workloads.push({
      ...base('CronJob', cj.metadata),
      status: cj.spec?.suspend
        ? 'Suspended'
        : `Scheduled (${cj.spec?.schedule})`,
      images: images(cj.spec?.jobTemplate.spec?.template.spec),
    });
  }
  let runningPods = 0;
  for (const p of pods) {
    const { status, restarts, ready } = podStatus(p);
    if (p.status?.phase === 'Running') runningPods++;
    workloads.push({
      ...base('Pod', p.metadata),
      ready,
      status,
      restarts,
      images: images(p.spec),
      containers: [
        ...(p.spec?.containers ?? []).map(c => ({ name: c.name })),
        ...(p.spec?.initContainers ?? []).map(c => ({
          name: c.name,
          init: true,
        })),
      ],
    });
  }
  for (const svc of services) {
    const lb = svc.status?.loadBalancer?.ingress?.[0];
    workloads.push({
      ...base('Service', svc.metadata),
      status: `${svc.spec?.type ?? 'ClusterIP'}${
        lb ? ` ${lb.ip ?? lb.hostname}` : ''
      }`,
      images: [],
    });
  }
  for (const pvc of pvcs) {
    const phase = pvc.status?.phase ?? 'Pending';
    workloads.push({
      ...base('PersistentVolumeClaim', pvc.metadata),
      status: `${phase}${
        pvc.spec?.resources?.requests?.storage
          ? ` ${pvc.spec.resources.requests.storage}`
          : ''
      }`,
      images: [],
      errors:
        phase === 'Lost'
          ? [{ severity: 8, message: 'The volume of this claim is lost' }]
          : [],
    });
  }

  const byNamespace = new Map<string, Workload[]>();
  for (const w of workloads) {
    const list = byNamespace.get(w.namespace) ?? [];
    list.push(w);
    byNamespace.set(w.namespace, list);
  }
  return {
    namespaces: [...byNamespace.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, items]) => ({ name, workloads: items })),
    errors: [...errors],
    summary: {
      workloads: workloads.length,
      withErrors: workloads.filter(w => w.errors.length > 0).length,
      pods: pods.length,
      runningPods,
    },
  };
}
