import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  hostClusterReadPermission,
  HostClusterStatus,
  isTransitionalPhase,
  VirtualCluster,
  VirtualClusterProfilesResponse,
  VirtualClustersApi,
  WorkloadObjectKind,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { DependencyList, useRef } from 'react';
import useAsyncRetry, { AsyncStateRetry } from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { virtualClustersApiRef } from '../api';
import { isLayerInProgress } from '../helpers';

/**
 * What the data hooks return: react-use's async state (`loading`, `error`, `value`,
 * the last value kept while it reloads) and `retry` to load again. Show it with
 * `Loaded`, which renders a load error as a `ResponseErrorPanel`.
 */
export type DataState<T> = AsyncStateRetry<T>;

/** How often a cluster in a transitional phase, and its timeline, are reloaded. */
export const FOLLOW_TRANSITION_MS = 3000;

/** Loads from the virtual-clusters API, again when `deps` change and every `intervalMs` while that is set. */
function useApiData<T>(
  load: (api: VirtualClustersApi) => Promise<T>,
  deps: DependencyList,
  intervalMs: number | null = null,
): DataState<T> {
  const api = useApi(virtualClustersApiRef);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useAsyncRetry(() => load(api), [api, ...deps]);
  useInterval(state.retry, intervalMs);
  return state;
}

/** How often a Running cluster is reloaded, to show it falling asleep or failing. */
export const FOLLOW_RUNNING_MS = 15_000;

/**
 * One cluster, followed every {@link FOLLOW_TRANSITION_MS} while its phase is
 * transitional and every {@link FOLLOW_RUNNING_MS} while it runs. Only the first read
 * is a portal view; the reloads ask with `refresh`, so a page left open does not keep
 * the cluster awake.
 */
export function useCluster(clusterId: string) {
  const shown = useRef<string>();
  const cluster = useApiData(
    async api => {
      const value = await api.getCluster(clusterId, {
        refresh: shown.current === clusterId,
      });
      shown.current = clusterId;
      return value;
    },
    [clusterId],
  );
  const phase = cluster.value?.phase;
  let follow: number | null = null;
  if (phase && isTransitionalPhase(phase)) follow = FOLLOW_TRANSITION_MS;
  else if (phase === 'Running') follow = FOLLOW_RUNNING_MS;
  useInterval(cluster.retry, follow);
  return cluster;
}

/** A cluster's lifecycle events, oldest first; reloaded every `intervalMs` while that is set. */
export function useClusterEvents(
  clusterId: string,
  intervalMs: number | null = null,
) {
  return useApiData(api => api.listEvents(clusterId), [clusterId], intervalMs);
}

/**
 * What runs inside a cluster, reloaded every `intervalMs` (the backend answers from
 * watches, so following it is cheap); `null` where the workloads cannot be read (the
 * cluster does not run): nothing is loaded and the value is undefined.
 */
export function useWorkloads(clusterId: string, intervalMs: number | null) {
  const enabled = intervalMs !== null;
  return useApiData(
    async api => (enabled ? api.getWorkloads(clusterId) : undefined),
    [clusterId, enabled],
    intervalMs,
  );
}

/**
 * Every event of one object inside a cluster, newest first; loaded again when
 * `reloadKey` changes (the workloads table passes the time its data was fetched).
 */
export function useWorkloadEvents(
  clusterId: string,
  object: { namespace: string; kind: WorkloadObjectKind; name: string },
  reloadKey?: string,
) {
  const { namespace, kind, name } = object;
  return useApiData(
    api => api.getWorkloadEvents(clusterId, { namespace, kind, name }),
    [clusterId, namespace, kind, name, reloadKey],
  );
}

/**
 * Who holds kubeconfigs of a cluster; nothing is asked while `enabled` is false (the
 * value stays undefined).
 */
export function useAccessGrants(clusterId: string, enabled: boolean) {
  return useApiData(
    async api => (enabled ? api.listAccessGrants(clusterId) : undefined),
    [clusterId, enabled],
  );
}

/** A cluster's cost: rate now, month to date, projection, daily. */
export function useCost(clusterId: string) {
  return useApiData(api => api.getCost(clusterId), [clusterId]);
}

/** A cluster's backups, newest first. */
export function useBackups(clusterId: string) {
  return useApiData(api => api.listBackups(clusterId), [clusterId]);
}

/**
 * The application profiles admins configured, each with its versions newest first and
 * what each installs; nothing is asked while `enabled` is false (the value stays
 * undefined).
 */
export function useProfiles(enabled: boolean = true) {
  return useApiData(
    async api => (enabled ? api.listProfiles() : undefined),
    [enabled],
  );
}

/** True while vcluster is still installing or uninstalling a layer. */
function layersInProgress(status?: VirtualClusterProfilesResponse): boolean {
  return (
    !!status &&
    [...status.profiles.flatMap(p => p.layers), ...status.removing].some(l =>
      isLayerInProgress(l.phase),
    )
  );
}

/**
 * The profiles attached to a cluster and how each layer stands inside it: loaded again
 * when the cluster's phase changes, and followed every {@link FOLLOW_TRANSITION_MS}
 * while the cluster is Upgrading or vcluster is still installing or removing a layer.
 */
export function useClusterProfiles(
  cluster: Pick<VirtualCluster, 'id' | 'phase'>,
) {
  const state = useApiData(
    api => api.getClusterProfiles(cluster.id),
    [cluster.id, cluster.phase],
  );
  useInterval(
    state.retry,
    cluster.phase === 'Upgrading' || layersInProgress(state.value)
      ? FOLLOW_TRANSITION_MS
      : null,
  );
  return state;
}

/**
 * The clusters the user may see, each with its cost this month; those owned by or
 * related to `entityRef` when it is given.
 */
export function useClusters(entityRef?: string) {
  return useApiData(
    api =>
      api.listClusters({
        ...(entityRef ? { entityRef } : {}),
        include: 'cost',
      }),
    [entityRef],
  );
}

/**
 * The host clusters a template offers, asked as they are: a template field shows
 * what the backend answered, a refusal included.
 */
export function useHostClusterChoices() {
  return useApiData(api => api.listHostClusters(), []);
}

/**
 * The cluster groups a template offers, each with its members' readiness and free
 * capacity, asked as they are: the backend answers users who may create virtual
 * clusters and refuses others, and a template field shows the refusal.
 */
export function useClusterGroups() {
  return useApiData(api => api.listClusterGroups(), []);
}

/**
 * The host clusters with readiness and capacity, for users allowed to read them
 * (`allowed`); for others nothing is asked and the value stays undefined.
 */
export function useHostClusters(): DataState<
  HostClusterStatus[] | undefined
> & { allowed: boolean } {
  const { allowed } = usePermission({ permission: hostClusterReadPermission });
  const hosts = useApiData(
    async api => (allowed ? api.listHostClusters() : undefined),
    [allowed],
  );
  return { ...hosts, allowed };
}
