import { ConflictError } from '@backstage/errors';
import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  V1ObjectMeta,
  V1Pod,
  V1PodSpec,
} from '@kubernetes/client-node';
import {
  DetectedError,
  detectErrors,
  FetchResponse,
} from '@backstage/plugin-kubernetes-common';
import {
  VirtualCluster,
  Workload,
  WorkloadError,
  WorkloadsResponse,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { describeKubernetesError } from '../provisioner/kubernetesErrors';

type Kind = Workload['kind'];

/** Reads a virtual cluster's admin kubeconfig; the KubeconfigIssuer does. */
export interface AdminKubeConfigSource {
  adminKubeConfig(cluster: VirtualCluster): Promise<KubeConfig>;
}

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

/**
 * Lists everything running inside a virtual cluster, grouped by namespace, with the
 * error detection of the Backstage Kubernetes plugin. Each kind is read on its own:
 * one that fails (e.g. forbidden) is reported, the rest is still returned.
 */
export class WorkloadsService {
  readonly #kubeconfigs: AdminKubeConfigSource;

  static create(options: { kubeconfigs: AdminKubeConfigSource }) {
    return new WorkloadsService(options.kubeconfigs);
  }

  private constructor(kubeconfigs: AdminKubeConfigSource) {
    this.#kubeconfigs = kubeconfigs;
  }

  async list(cluster: VirtualCluster): Promise<WorkloadsResponse> {
    if (cluster.phase !== 'Running' && cluster.phase !== 'Upgrading') {
      throw new ConflictError(
        `${cluster.name} is ${cluster.phase}: workloads can be read while it runs`,
      );
    }
    const kc = await this.#kubeconfigs.adminKubeConfig(cluster);
    const core = kc.makeApiClient(CoreV1Api);
    const apps = kc.makeApiClient(AppsV1Api);
    const batch = kc.makeApiClient(BatchV1Api);

    const errors: WorkloadsResponse['errors'] = [];
    const read = async <T>(kind: Kind, fn: () => Promise<{ items: T[] }>) => {
      try {
        return (await fn()).items;
      } catch (error) {
        errors.push({ kind, message: describeKubernetesError(error) });
        return [] as T[];
      }
    };
    const [
      deployments,
      statefulSets,
      daemonSets,
      jobs,
      cronJobs,
      pods,
      services,
      pvcs,
    ] = await Promise.all([
      read('Deployment', () => apps.listDeploymentForAllNamespaces()),
      read('StatefulSet', () => apps.listStatefulSetForAllNamespaces()),
      read('DaemonSet', () => apps.listDaemonSetForAllNamespaces()),
      read('Job', () => batch.listJobForAllNamespaces()),
      read('CronJob', () => batch.listCronJobForAllNamespaces()),
      read('Pod', () => core.listPodForAllNamespaces()),
      read('Service', () => core.listServiceForAllNamespaces()),
      read('PersistentVolumeClaim', () =>
        core.listPersistentVolumeClaimForAllNamespaces(),
      ),
    ]);

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
            cluster: { name: cluster.name },
            resources: fetched,
            podMetrics: [],
            errors: [],
          },
        ],
      }).get(cluster.name) ?? [];
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
      errors,
      summary: {
        workloads: workloads.length,
        withErrors: workloads.filter(w => w.errors.length > 0).length,
        pods: pods.length,
        runningPods,
      },
      fetchedAt: new Date().toISOString(),
    };
  }
}
