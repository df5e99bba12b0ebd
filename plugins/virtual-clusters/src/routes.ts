import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** Route of the virtual clusters page. @public */
export const rootRouteRef = createRouteRef({ id: 'virtual-clusters' });

/** One cluster on the virtual clusters page: `/virtual-clusters/:id`. @public */
export const clusterRouteRef = createSubRouteRef({
  id: 'virtual-clusters/cluster',
  parent: rootRouteRef,
  path: '/:id',
});
