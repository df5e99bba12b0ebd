import { createRouteRef } from '@backstage/core-plugin-api';

/** Route of the virtual clusters page. @public */
export const rootRouteRef = createRouteRef({ id: 'virtual-clusters' });
