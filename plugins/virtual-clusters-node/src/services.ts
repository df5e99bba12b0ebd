import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  VirtualClustersApi,
  VirtualClustersClient,
} from '@virtual-clusters/plugin-virtual-clusters-common';

/**
 * The virtual-clusters backend API for other backend plugins and modules, over HTTP.
 * Pass the caller's token in each request's options, so permissions apply to it.
 *
 * @public
 */
export const virtualClustersApiServiceRef =
  createServiceRef<VirtualClustersApi>({
    id: 'virtual-clusters.api',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: { discovery: coreServices.discovery },
        factory: ({ discovery }) =>
          new VirtualClustersClient({ discoveryApi: discovery }),
      }),
  });
