import { NotFoundError } from '@backstage/errors';
import {
  VirtualCluster,
  WorkloadEvent,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { AdminKubeConfigSource } from '../../kubeconfig/AdminKubeConfigSource';
import { toApiError } from '../../kubernetes/errors';
import { KubernetesClient } from '../../kubernetes/KubernetesClient';
import { KubeObject } from '../../kubernetes/types';
import { objectYaml } from './objectYaml';
import { describeRef, OBJECT_TYPES, ObjectRef } from './objectTypes';
import { requireRunning } from './requireRunning';
import { EventObject, newestFirst } from './workloadEvents';

/**
 * Reads one object inside a virtual cluster for its detail view: its events and its
 * YAML, with the cluster's admin connection (the caller's read permission on the
 * cluster is checked before, as for the workloads list).
 */
export class WorkloadObjectReader {
  readonly #kubeconfigs: AdminKubeConfigSource;

  static create(options: { kubeconfigs: AdminKubeConfigSource }) {
    return new WorkloadObjectReader(options.kubeconfigs);
  }

  private constructor(kubeconfigs: AdminKubeConfigSource) {
    this.#kubeconfigs = kubeconfigs;
  }

  /**
   * Every event of the object, Normal and Warning, newest first; for a Deployment
   * also its ReplicaSets' (those it owns), where its rollouts' pod events are.
   * Events are matched as `kubectl describe` matches them: by kind, name and uid.
   *
   * @throws NotFoundError when the object does not exist
   * @throws ConflictError when the cluster does not run
   */
  async events(
    cluster: VirtualCluster,
    ref: ObjectRef,
  ): Promise<WorkloadEvent[]> {
    requireRunning(cluster, 'events can be read');
    return this.#with(cluster, ref, async client => {
      const object = await this.#read(client, cluster, ref);
      const subjects = [object];
      if (ref.kind === 'Deployment') {
        subjects.push(...(await ownedReplicaSets(client, object)));
      }
      const lists = await Promise.all(
        subjects.map(subject => eventsOf(client, subject)),
      );
      return newestFirst(lists);
    });
  }

  /**
   * The object as YAML, without managed fields and a Secret's data (see shownObject).
   *
   * @throws NotFoundError when the object does not exist
   */
  async yaml(cluster: VirtualCluster, ref: ObjectRef): Promise<string> {
    requireRunning(cluster, 'objects can be read');
    return this.#with(cluster, ref, async client =>
      objectYaml(await this.#read(client, cluster, ref)),
    );
  }

  async #read(
    client: KubernetesClient,
    cluster: VirtualCluster,
    ref: ObjectRef,
  ): Promise<KubeObject> {
    const object = await client.read(
      OBJECT_TYPES[ref.kind],
      ref.name,
      ref.namespace,
    );
    if (!object) {
      throw new NotFoundError(
        `${describeRef(ref)} not found in ${cluster.name}`,
      );
    }
    return object;
  }

  async #with<T>(
    cluster: VirtualCluster,
    ref: ObjectRef,
    read: (client: KubernetesClient) => Promise<T>,
  ): Promise<T> {
    const client = KubernetesClient.create(
      await this.#kubeconfigs.adminKubeConfig(cluster),
    );
    try {
      return await read(client);
    } catch (error) {
      throw toApiError(error, {
        notFound: `${describeRef(ref)} not found in ${cluster.name}`,
        failed: `Could not read ${describeRef(ref)} in ${cluster.name}`,
      });
    } finally {
      await client.close();
    }
  }
}

async function ownedReplicaSets(
  client: KubernetesClient,
  deployment: KubeObject,
): Promise<KubeObject[]> {
  const list = await client.request<{ items: KubeObject[] }>(
    'GET',
    `/apis/apps/v1/namespaces/${encodeURIComponent(
      deployment.metadata.namespace ?? '',
    )}/replicasets`,
  );
  return list.items
    .filter(rs =>
      rs.metadata.ownerReferences?.some(o => o.uid === deployment.metadata.uid),
    )
    .map(rs => ({ ...rs, kind: 'ReplicaSet' }));
}

async function eventsOf(
  client: KubernetesClient,
  object: KubeObject,
): Promise<EventObject[]> {
  const { kind, metadata } = object;
  const fieldSelector = [
    `involvedObject.kind=${kind}`,
    `involvedObject.name=${metadata.name}`,
    ...(metadata.uid ? [`involvedObject.uid=${metadata.uid}`] : []),
  ].join(',');
  const list = await client.request<{ items: EventObject[] }>(
    'GET',
    `/api/v1/namespaces/${encodeURIComponent(metadata.namespace ?? '')}/events`,
    { query: { fieldSelector } },
  );
  return list.items;
}
