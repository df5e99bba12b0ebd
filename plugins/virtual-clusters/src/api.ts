import { createApiRef } from '@backstage/core-plugin-api';
import { VirtualClustersApi } from '@virtual-clusters/plugin-virtual-clusters-common';

/**
 * The virtual-clusters backend API in the app.
 *
 * @public
 */
export const virtualClustersApiRef = createApiRef<VirtualClustersApi>({
  id: 'plugin.virtual-clusters.api',
});
