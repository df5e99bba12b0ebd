import { ResponseError } from '@backstage/errors';
import {
  CloneVirtualClusterBackupRequest,
  CreateVirtualClusterRequest,
  HostClusterStatus,
  ListVirtualClustersRequest,
  ListVirtualClustersResponse,
  RestoreVirtualClusterBackupRequest,
  VirtualCluster,
  VirtualClusterBackup,
  VirtualClusterBackupDetails,
  VirtualClusterCost,
  VirtualClusterEvent,
  VirtualClusterRestoreResult,
  VirtualClusterUpdate,
  WorkloadsResponse,
} from '../types';
import {
  VirtualClustersApi,
  VirtualClustersRequestOptions,
} from './VirtualClustersApi';

/** The plugin id the client resolves through discovery. @public */
export const VIRTUAL_CLUSTERS_PLUGIN_ID = 'virtual-clusters';

/**
 * The parts of Backstage's discovery and fetch APIs the client needs; the frontend
 * `discoveryApi`/`fetchApi` and the backend `discovery` service both fit.
 *
 * @public
 */
export interface VirtualClustersClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi?: { fetch: typeof fetch };
}

/**
 * HTTP client of the virtual-clusters backend.
 *
 * @public
 */
export class VirtualClustersClient implements VirtualClustersApi {
  readonly #discoveryApi: VirtualClustersClientOptions['discoveryApi'];
  readonly #fetch: typeof fetch;

  constructor(options: VirtualClustersClientOptions) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetch = options.fetchApi
      ? options.fetchApi.fetch.bind(options.fetchApi)
      : (input, init) => fetch(input, init);
  }

  async listHostClusters(
    options?: VirtualClustersRequestOptions,
  ): Promise<HostClusterStatus[]> {
    const body = await this.#json<{ items: HostClusterStatus[] }>(
      '/host-clusters',
      { method: 'GET' },
      options,
    );
    return body.items;
  }

  async listClusters(
    request: ListVirtualClustersRequest = {},
    options?: VirtualClustersRequestOptions,
  ): Promise<ListVirtualClustersResponse> {
    const query = new URLSearchParams();
    for (const key of [
      'owner',
      'entityRef',
      'hostCluster',
      'cursor',
    ] as const) {
      const value = request[key];
      if (value) query.set(key, value);
    }
    for (const phase of request.phase ?? []) query.append('phase', phase);
    if (request.include) query.set('include', request.include);
    if (request.limit !== undefined) query.set('limit', String(request.limit));
    const qs = query.toString();
    return this.#json(
      `/clusters${qs ? `?${qs}` : ''}`,
      { method: 'GET' },
      options,
    );
  }

  async getCluster(
    id: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualCluster> {
    return this.#json(
      `/clusters/${encodeURIComponent(id)}`,
      { method: 'GET' },
      options,
    );
  }

  async createCluster(
    request: CreateVirtualClusterRequest,
    options?: VirtualClustersRequestOptions & { dryRun?: boolean },
  ): Promise<VirtualCluster> {
    return this.#json(
      `/clusters${options?.dryRun ? '?dryRun=true' : ''}`,
      { method: 'POST', body: JSON.stringify(request) },
      options,
    );
  }

  async updateCluster(
    id: string,
    update: VirtualClusterUpdate,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualCluster> {
    return this.#json(
      `/clusters/${encodeURIComponent(id)}`,
      { method: 'PATCH', body: JSON.stringify(update) },
      options,
    );
  }

  async deleteCluster(
    id: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualCluster> {
    return this.#json(
      `/clusters/${encodeURIComponent(id)}`,
      { method: 'DELETE' },
      options,
    );
  }

  async listEvents(
    id: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualClusterEvent[]> {
    const body = await this.#json<{ items: VirtualClusterEvent[] }>(
      `/clusters/${encodeURIComponent(id)}/events`,
      { method: 'GET' },
      options,
    );
    return body.items;
  }

  async getWorkloads(
    id: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<WorkloadsResponse> {
    return this.#json(
      `/clusters/${encodeURIComponent(id)}/workloads`,
      { method: 'GET' },
      options,
    );
  }

  async getCost(
    id: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualClusterCost> {
    return this.#json(
      `/clusters/${encodeURIComponent(id)}/cost`,
      { method: 'GET' },
      options,
    );
  }

  async getKubeconfig(
    id: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<string> {
    const response = await this.#request(
      `/clusters/${encodeURIComponent(id)}/kubeconfig`,
      { method: 'GET' },
      options,
    );
    return response.text();
  }

  async createBackup(
    id: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualClusterBackup> {
    return this.#json(
      `/clusters/${encodeURIComponent(id)}/backups`,
      { method: 'POST' },
      options,
    );
  }

  async listBackups(
    id: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualClusterBackup[]> {
    const body = await this.#json<{ items: VirtualClusterBackup[] }>(
      `/clusters/${encodeURIComponent(id)}/backups`,
      { method: 'GET' },
      options,
    );
    return body.items;
  }

  async getBackup(
    id: string,
    backupId: string,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualClusterBackupDetails> {
    return this.#json(
      `/clusters/${encodeURIComponent(id)}/backups/${encodeURIComponent(
        backupId,
      )}`,
      { method: 'GET' },
      options,
    );
  }

  async restoreBackup(
    id: string,
    request: RestoreVirtualClusterBackupRequest,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualClusterRestoreResult> {
    return this.#json(
      `/clusters/${encodeURIComponent(id)}/restore`,
      { method: 'POST', body: JSON.stringify(request) },
      options,
    );
  }

  async cloneBackup(
    id: string,
    request: CloneVirtualClusterBackupRequest,
    options?: VirtualClustersRequestOptions,
  ): Promise<VirtualCluster> {
    return this.#json(
      `/clusters/${encodeURIComponent(id)}/clone`,
      { method: 'POST', body: JSON.stringify(request) },
      options,
    );
  }

  async #json<T>(
    path: string,
    init: RequestInit,
    options?: VirtualClustersRequestOptions,
  ): Promise<T> {
    const response = await this.#request(path, init, options);
    return (await response.json()) as T;
  }

  async #request(
    path: string,
    init: RequestInit,
    options?: VirtualClustersRequestOptions,
  ): Promise<Response> {
    const baseUrl = await this.#discoveryApi.getBaseUrl(
      VIRTUAL_CLUSTERS_PLUGIN_ID,
    );
    const headers: Record<string, string> = {};
    if (init.body) headers['Content-Type'] = 'application/json';
    if (options?.token) headers.Authorization = `Bearer ${options.token}`;
    const response = await this.#fetch(`${baseUrl}${path}`, {
      ...init,
      headers,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
