import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { BackendFeature } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { eventually } from '@virtual-clusters/test-cluster';
import type { Server } from 'node:http';
import request from 'supertest';
import { virtualClustersPlugin } from '../plugin';
import { permissionTestFeatures } from './permissionTestFeatures';

/** Authorization headers of the test users. */
export const users = {
  jane: mockCredentials.user.header('user:default/jane'),
  bob: mockCredentials.user.header('user:default/bob'),
};

/** The plugin's HTTP API as one caller sees it. */
export interface PlaneBackendApi {
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  patch(path: string, body: object): request.Test;
  delete(path: string): request.Test;
}

/** A started test backend and helpers to drive its API. */
export interface PlaneBackend {
  server: Server;
  api: (who: string) => PlaneBackendApi;
  /** The cluster as the API shows it to jane, once `check` accepts it. */
  clusterWhen: (
    id: string,
    check: (cluster: any) => boolean,
    timeoutMs?: number,
  ) => Promise<any>;
  /** Deletes a cluster as jane and waits until it is Deleted. */
  deleteAndWait: (id: string) => Promise<void>;
}

/**
 * A test backend with the plugin, the permission policy of the tests and the real
 * scheduler, reconciling every second against the host clusters given (the local
 * plane's, usually).
 */
export async function startPlaneBackend(
  virtualClusters: JsonObject,
  /** More features, e.g. a database factory a test shares with its own store. */
  features: BackendFeature[] = [],
): Promise<PlaneBackend> {
  const { server } = await startTestBackend({
    features: [
      virtualClustersPlugin,
      ...features,
      ...permissionTestFeatures,
      // the real scheduler: the mock one runs tasks only when triggered
      schedulerServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          virtualClusters: {
            reconcile: {
              schedule: {
                frequency: { seconds: 1 },
                timeout: { minutes: 1 },
              },
            },
            kubeconfig: { tokenTtl: '1h' },
            ...virtualClusters,
          },
        },
      }),
    ],
  });
  const api = (who: string): PlaneBackendApi => {
    const path = (p: string) => `/api/virtual-clusters${p}`;
    return {
      get: p => request(server).get(path(p)).set('Authorization', who),
      post: (p, body) =>
        request(server)
          .post(path(p))
          .set('Authorization', who)
          .send(body ?? {}),
      patch: (p, body) =>
        request(server).patch(path(p)).set('Authorization', who).send(body),
      delete: p => request(server).delete(path(p)).set('Authorization', who),
    };
  };
  /** The cluster as the API shows it to jane, once `check` accepts it. */
  const clusterWhen = (
    id: string,
    check: (cluster: any) => boolean,
    timeoutMs?: number,
  ) =>
    eventually(
      async () => (await api(users.jane).get(`/clusters/${id}`)).body,
      check,
      { timeoutMs },
    );
  /** Deletes a cluster as jane and waits until it is Deleted. */
  const deleteAndWait = async (id: string) => {
    const res = await api(users.jane).delete(`/clusters/${id}`);
    if (res.status !== 202) {
      throw new Error(`delete answered ${res.status}: ${res.text}`);
    }
    await clusterWhen(id, c => c.phase === 'Deleted');
  };
  return { server, api, clusterWhen, deleteAndWait };
}
