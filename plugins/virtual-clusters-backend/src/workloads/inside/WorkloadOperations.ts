import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  virtualClusterUpdatePermission,
  WorkloadRestartResult,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { principalName } from '@virtual-clusters/plugin-virtual-clusters-node';
import type { Request } from 'express';
import { CallerKubeConfigs } from '../../kubeconfig/CallerKubeConfigs';
import { toApiError } from '../../kubernetes/errors';
import { KubernetesClient } from '../../kubernetes/KubernetesClient';
import { KubeObject } from '../../kubernetes/types';
import {
  toApi,
  VirtualClusterService,
} from '../../services/VirtualClusterService';
import { VirtualClusterRecord } from '../../store/types';
import {
  describeRef,
  ObjectRef,
  objectPath,
  RestartableRef,
} from './objectTypes';
import { requireRunning } from './requireRunning';
import { restartPatch } from './restartPatch';

/** The field manager of the portal's writes inside a cluster, as kubectl has its own. */
const FIELD_MANAGER = 'backstage-virtual-clusters-portal';

/**
 * Day-2 actions on the workloads inside a cluster: restart a Deployment, StatefulSet
 * or DaemonSet, delete a pod. Each needs update permission on the cluster, is done with
 * the caller's own rights inside it (their manage ServiceAccount, see
 * CallerKubeConfigs), audited and written to the cluster's timeline.
 */
export class WorkloadOperations {
  readonly #clusters: VirtualClusterService;
  readonly #callers: CallerKubeConfigs;
  readonly #auditor: AuditorService;
  readonly #logger: LoggerService;

  static create(options: {
    clusters: VirtualClusterService;
    callers: CallerKubeConfigs;
    auditor: AuditorService;
    logger: LoggerService;
  }) {
    return new WorkloadOperations(options);
  }

  private constructor(
    options: Parameters<typeof WorkloadOperations.create>[0],
  ) {
    this.#clusters = options.clusters;
    this.#callers = options.callers;
    this.#auditor = options.auditor;
    this.#logger = options.logger;
  }

  /**
   * Restarts a workload as `kubectl rollout restart` does (see restartPatch).
   *
   * @throws ConflictError for a paused Deployment or a cluster that does not run
   * @throws NotFoundError when the workload does not exist
   */
  async restart(
    id: string,
    ref: RestartableRef,
    options: { credentials: BackstageCredentials; request?: Request },
  ): Promise<WorkloadRestartResult> {
    return this.#act(id, ref, {
      ...options,
      eventId: 'workload-restart',
      act: async client => {
        const path = objectPath(ref);
        const current = await client.request<KubeObject>('GET', path);
        const { patch, restartedAt } = restartPatch(current, new Date());
        await client.request('PATCH', path, {
          query: { fieldManager: FIELD_MANAGER },
          body: patch,
          contentType: 'application/strategic-merge-patch+json',
        });
        return { ...ref, restartedAt };
      },
      timeline: (actor, result) => ({
        type: 'workload-restarted',
        message: `${describeRef(ref)} restarted by ${actor} (restartedAt ${
          result.restartedAt
        })`,
      }),
    });
  }

  /**
   * Deletes a pod; its controller, if any, makes a new one.
   *
   * @throws NotFoundError when the pod does not exist
   */
  async deletePod(
    id: string,
    pod: { namespace: string; name: string },
    options: { credentials: BackstageCredentials; request?: Request },
  ): Promise<{ namespace: string; name: string }> {
    const ref: ObjectRef = { ...pod, kind: 'Pod' };
    return this.#act(id, ref, {
      ...options,
      eventId: 'pod-delete',
      act: async client => {
        await client.request('DELETE', objectPath(ref));
        return pod;
      },
      timeline: actor => ({
        type: 'pod-deleted',
        message: `${describeRef(ref)} deleted by ${actor}`,
      }),
    });
  }

  async #act<T>(
    id: string,
    ref: ObjectRef,
    options: {
      credentials: BackstageCredentials;
      request?: Request;
      eventId: string;
      act: (client: KubernetesClient) => Promise<T>;
      timeline: (actor: string, result: T) => { type: string; message: string };
    },
  ): Promise<T> {
    const { credentials } = options;
    const record: VirtualClusterRecord = await this.#clusters.authorized(
      id,
      virtualClusterUpdatePermission,
      credentials,
    );
    const cluster = toApi(record);
    requireRunning(cluster, 'workloads can be changed');
    const actor = principalName(credentials);
    const meta = {
      clusterId: id,
      cluster: cluster.name,
      kind: ref.kind,
      namespace: ref.namespace,
      name: ref.name,
    };
    const audit = await this.#auditor.createEvent({
      eventId: options.eventId,
      severityLevel: 'medium',
      request: options.request,
      meta,
    });
    try {
      const caller = await this.#callers.forCaller(cluster, credentials);
      const client = KubernetesClient.create(caller.kubeConfig);
      let result: T;
      try {
        result = await options.act(client);
      } catch (error) {
        throw toApiError(error, {
          notFound: `${describeRef(ref)} not found in ${cluster.name}`,
          failed: `Could not reach ${cluster.name}`,
        });
      } finally {
        await client.close();
      }
      await this.#clusters.recordEvent(id, {
        ...options.timeline(actor, result),
        actor,
      });
      await audit.success({ meta: { serviceAccount: caller.serviceAccount } });
      this.#logger.info(`${options.eventId} done`, {
        ...meta,
        actor,
        serviceAccount: caller.serviceAccount,
      });
      return result;
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  }
}
