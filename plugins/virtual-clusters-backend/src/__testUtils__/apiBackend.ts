import { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import { virtualClustersPlugin } from '../plugin';
import { permissionTestFeatures } from './permissionTestFeatures';

/** A host cluster entry nobody listens at: for tests of the API, not provisioning. */
export function unreachableHost(name = 'local', settings: JsonObject = {}) {
  return {
    name,
    url: 'https://127.0.0.1:1',
    auth: { type: 'serviceAccountToken', serviceAccountToken: 'x' },
    ...settings,
  };
}

/** Requests to the virtual-clusters API as one caller (an Authorization header). */
export type ApiAs = (who: string) => {
  get(path: string): request.Test;
  post(path: string, body?: object | string): request.Test;
  patch(path: string, body: object): request.Test;
  delete(path: string): request.Test;
};

/**
 * The plugin in a test backend with permissions on (the owners-manage policy unless
 * `features` brings its own) and the reconciler scheduled out of the way, for tests of
 * the HTTP API.
 */
export async function startApiBackend(
  options: {
    hostClusters?: JsonObject[];
    clusterGroups?: JsonObject[];
    profiles?: JsonObject[];
    features?: BackendFeature[];
  } = {},
): Promise<{ api: ApiAs }> {
  const { server } = await startTestBackend({
    features: [
      virtualClustersPlugin,
      ...(options.features ?? permissionTestFeatures),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          virtualClusters: {
            hostClusters: options.hostClusters ?? [unreachableHost()],
            ...(options.clusterGroups
              ? { clusterGroups: options.clusterGroups }
              : {}),
            ...(options.profiles ? { profiles: options.profiles } : {}),
            reconcile: {
              schedule: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
            },
          },
        },
      }),
    ],
  });
  const url = (path: string) => `/api/virtual-clusters${path}`;
  const api: ApiAs = who => ({
    get: path => request(server).get(url(path)).set('Authorization', who),
    post: (path, body) =>
      request(server)
        .post(url(path))
        .set('Authorization', who)
        .set('Content-Type', 'application/json')
        .send(body),
    patch: (path, body) =>
      request(server).patch(url(path)).set('Authorization', who).send(body),
    delete: path => request(server).delete(url(path)).set('Authorization', who),
  });
  return { api };
}
