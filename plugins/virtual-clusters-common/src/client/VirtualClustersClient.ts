/* eslint-disable new-cap -- openapi-fetch names its methods after the HTTP verbs (GET, POST, …) */
import { ResponseError } from '@backstage/errors';
import createClient, { Client } from 'openapi-fetch';
import { paths } from '../schema/openapi.generated';
import {
  CloneVirtualClusterBackupRequest,
  CreateVirtualClusterRequest,
  ListVirtualClustersRequest,
  PodLogsRequest,
  RestartableWorkloadKind,
  RestoreVirtualClusterBackupRequest,
  VirtualClusterUpdate,
  WorkloadObjectKind,
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
 * HTTP client of the virtual-clusters backend, typed from its OpenAPI spec through
 * openapi-fetch (the paths, parameters and bodies are checked against
 * `schema/openapi.generated.ts` when this compiles). Error answers become
 * `ResponseError`s with the backend's message.
 *
 * @public
 */
export class VirtualClustersClient implements VirtualClustersApi {
  readonly #discoveryApi: VirtualClustersClientOptions['discoveryApi'];
  readonly #api: Client<paths>;

  constructor(options: VirtualClustersClientOptions) {
    this.#discoveryApi = options.discoveryApi;
    const send: typeof fetch = options.fetchApi
      ? options.fetchApi.fetch.bind(options.fetchApi)
      : (input, init) => fetch(input, init); // the global as it is at call time
    this.#api = createClient<paths>({
      // openapi-fetch hands over a Request; Backstage's fetch middlewares copy their
      // input into a Request of their own and may pass the original on, whose body is
      // then used up, so a request goes on as a URL and a plain init instead
      fetch: async request => {
        const response = await send(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body ? await request.text() : undefined,
          signal: request.signal,
        });
        if (!response.ok) throw await ResponseError.fromResponse(response);
        return response;
      },
    });
  }

  async listHostClusters(options?: VirtualClustersRequestOptions) {
    const init = await this.#init(options);
    return (await this.#api.GET('/host-clusters', init)).data!.items;
  }

  async listClusterGroups(options?: VirtualClustersRequestOptions) {
    const init = await this.#init(options);
    return (await this.#api.GET('/cluster-groups', init)).data!.items;
  }

  async listProfiles(options?: VirtualClustersRequestOptions) {
    const init = await this.#init(options);
    return (await this.#api.GET('/profiles', init)).data!.items;
  }

  async listClusters(
    request: ListVirtualClustersRequest = {},
    options?: VirtualClustersRequestOptions,
  ) {
    const init = await this.#init(options);
    return (
      await this.#api.GET('/clusters', { ...init, params: { query: request } })
    ).data!;
  }

  async getCluster(
    id: string,
    options?: VirtualClustersRequestOptions & { refresh?: boolean },
  ) {
    const init = await this.#init(options, {
      path: { id },
      query: { refresh: options?.refresh || undefined },
    });
    return (await this.#api.GET('/clusters/{id}', init)).data!;
  }

  async createCluster(
    body: CreateVirtualClusterRequest,
    options?: VirtualClustersRequestOptions & { dryRun?: boolean },
  ) {
    const init = await this.#init(options, {
      query: { dryRun: options?.dryRun || undefined },
    });
    return (await this.#api.POST('/clusters', { ...init, body })).data!;
  }

  async updateCluster(
    id: string,
    body: VirtualClusterUpdate,
    options?: VirtualClustersRequestOptions,
  ) {
    const init = await this.#init(options, { path: { id } });
    return (await this.#api.PATCH('/clusters/{id}', { ...init, body })).data!;
  }

  async deleteCluster(id: string, options?: VirtualClustersRequestOptions) {
    const init = await this.#init(options, { path: { id } });
    return (await this.#api.DELETE('/clusters/{id}', init)).data!;
  }

  async listEvents(id: string, options?: VirtualClustersRequestOptions) {
    const init = await this.#init(options, { path: { id } });
    return (await this.#api.GET('/clusters/{id}/events', init)).data!.items;
  }

  async getWorkloads(id: string, options?: VirtualClustersRequestOptions) {
    const init = await this.#init(options, { path: { id } });
    return (await this.#api.GET('/clusters/{id}/workloads', init)).data!;
  }

  async getWorkloadEvents(
    id: string,
    object: { namespace: string; kind: WorkloadObjectKind; name: string },
    options?: VirtualClustersRequestOptions,
  ) {
    const init = await this.#init(options, { path: { id, ...object } });
    return (
      await this.#api.GET(
        '/clusters/{id}/workloads/{namespace}/{kind}/{name}/events',
        init,
      )
    ).data!.items;
  }

  async getWorkloadYaml(
    id: string,
    object: { namespace: string; kind: WorkloadObjectKind; name: string },
    options?: VirtualClustersRequestOptions,
  ) {
    const init = await this.#init(options, { path: { id, ...object } });
    const { data } = await this.#api.GET(
      '/clusters/{id}/workloads/{namespace}/{kind}/{name}/yaml',
      { ...init, parseAs: 'text' },
    );
    return data!;
  }

  async restartWorkload(
    id: string,
    object: { namespace: string; kind: RestartableWorkloadKind; name: string },
    options?: VirtualClustersRequestOptions,
  ) {
    const init = await this.#init(options, { path: { id, ...object } });
    return (
      await this.#api.POST(
        '/clusters/{id}/workloads/{namespace}/{kind}/{name}/restart',
        init,
      )
    ).data!;
  }

  async deletePod(
    id: string,
    pod: { namespace: string; name: string },
    options?: VirtualClustersRequestOptions,
  ) {
    const init = await this.#init(options, { path: { id, ...pod } });
    await this.#api.DELETE(
      '/clusters/{id}/workloads/{namespace}/pods/{name}',
      init,
    );
  }

  async getPodLogs(
    id: string,
    pod: { namespace: string; name: string },
    request: PodLogsRequest = {},
    options?: VirtualClustersRequestOptions,
  ) {
    const init = await this.#init(options, {
      path: { id, ...pod },
      query: request,
    });
    const { data } = await this.#api.GET(
      '/clusters/{id}/workloads/{namespace}/pods/{name}/logs',
      { ...init, parseAs: 'text' },
    );
    return data!;
  }

  async followPodLogs(
    id: string,
    pod: { namespace: string; name: string },
    request: PodLogsRequest & { followSeconds?: number },
    onText: (text: string) => void,
    options?: VirtualClustersRequestOptions & { signal?: AbortSignal },
  ) {
    const init = await this.#init(options, {
      path: { id, ...pod },
      query: { ...request, follow: true },
    });
    const { data } = await this.#api.GET(
      '/clusters/{id}/workloads/{namespace}/pods/{name}/logs',
      { ...init, parseAs: 'stream', signal: options?.signal },
    );
    const reader = (data as ReadableStream<Uint8Array>)
      .pipeThrough(new TextDecoderStream())
      .getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        onText(value);
      }
    } catch (error) {
      // the caller stopped following
      if (options?.signal?.aborted) return;
      throw error;
    } finally {
      reader.releaseLock();
    }
  }

  async listAccessGrants(id: string, options?: VirtualClustersRequestOptions) {
    const init = await this.#init(options, { path: { id } });
    return (await this.#api.GET('/clusters/{id}/access', init)).data!.items;
  }

  async revokeAccess(
    id: string,
    principal: string,
    options?: VirtualClustersRequestOptions,
  ) {
    const init = await this.#init(options, { path: { id } });
    return (
      await this.#api.POST('/clusters/{id}/access/revoke', {
        ...init,
        body: { principal },
      })
    ).data!;
  }

  async getClusterProfiles(
    id: string,
    options?: VirtualClustersRequestOptions,
  ) {
    const init = await this.#init(options, { path: { id } });
    return (await this.#api.GET('/clusters/{id}/profiles', init)).data!;
  }

  async getCost(id: string, options?: VirtualClustersRequestOptions) {
    const init = await this.#init(options, { path: { id } });
    return (await this.#api.GET('/clusters/{id}/cost', init)).data!;
  }

  async getKubeconfig(id: string, options?: VirtualClustersRequestOptions) {
    const init = await this.#init(options, { path: { id } });
    const { data } = await this.#api.GET('/clusters/{id}/kubeconfig', {
      ...init,
      parseAs: 'text',
    });
    return data!;
  }

  async createBackup(id: string, options?: VirtualClustersRequestOptions) {
    const init = await this.#init(options, { path: { id } });
    return (await this.#api.POST('/clusters/{id}/backups', init)).data!;
  }

  async listBackups(id: string, options?: VirtualClustersRequestOptions) {
    const init = await this.#init(options, { path: { id } });
    return (await this.#api.GET('/clusters/{id}/backups', init)).data!.items;
  }

  async getBackup(
    id: string,
    backupId: string,
    options?: VirtualClustersRequestOptions,
  ) {
    const init = await this.#init(options, { path: { id, backupId } });
    return (await this.#api.GET('/clusters/{id}/backups/{backupId}', init))
      .data!;
  }

  async restoreBackup(
    id: string,
    body: RestoreVirtualClusterBackupRequest,
    options?: VirtualClustersRequestOptions,
  ) {
    const init = await this.#init(options, { path: { id } });
    return (await this.#api.POST('/clusters/{id}/restore', { ...init, body }))
      .data!;
  }

  async cloneBackup(
    id: string,
    body: CloneVirtualClusterBackupRequest,
    options?: VirtualClustersRequestOptions,
  ) {
    const init = await this.#init(options, { path: { id } });
    return (await this.#api.POST('/clusters/{id}/clone', { ...init, body }))
      .data!;
  }

  /** Where to send a request, its parameters, and the caller's token when it brings one. */
  async #init<P extends object = {}>(
    options?: VirtualClustersRequestOptions,
    params?: P,
  ) {
    return {
      params: params ?? ({} as P),
      baseUrl: await this.#discoveryApi.getBaseUrl(VIRTUAL_CLUSTERS_PLUGIN_ID),
      headers: options?.token
        ? { Authorization: `Bearer ${options.token}` }
        : undefined,
    };
  }
}
