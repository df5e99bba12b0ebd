import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { VirtualClustersClient } from '@virtual-clusters/plugin-virtual-clusters-common';
import { virtualClustersApiRef } from './api';
import { clusterRouteRef, rootRouteRef } from './routes';

/**
 * The virtual-clusters frontend plugin (legacy frontend system; the new frontend
 * system is at `./alpha`).
 *
 * @public
 */
export const virtualClustersPlugin = createPlugin({
  id: 'virtual-clusters',
  apis: [
    createApiFactory({
      api: virtualClustersApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new VirtualClustersClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef, cluster: clusterRouteRef },
});

/**
 * The page with all virtual clusters the user may see and the host clusters; one
 * cluster's details at `<page>/:id`.
 *
 * @public
 */
export const VirtualClustersPage = virtualClustersPlugin.provide(
  createRoutableExtension({
    name: 'VirtualClustersPage',
    component: () =>
      import('./components/VirtualClustersPage').then(
        m => m.VirtualClustersPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity tab content: the entity's virtual clusters.
 *
 * @public
 */
export const EntityVirtualClustersContent = virtualClustersPlugin.provide(
  createComponentExtension({
    name: 'EntityVirtualClustersContent',
    component: {
      lazy: () =>
        import('./components/EntityVirtualClustersContent').then(
          m => m.EntityVirtualClustersContent,
        ),
    },
  }),
);
