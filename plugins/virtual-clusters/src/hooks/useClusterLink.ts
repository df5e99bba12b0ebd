import { useRouteRef } from '@backstage/core-plugin-api';
import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';
import { useMemo } from 'react';
import { clusterRouteRef } from '../routes';

function useClusterRoute() {
  try {
    return useRouteRef(clusterRouteRef);
  } catch {
    // useRouteRef throws for a route the app does not mount
    return undefined;
  }
}

/**
 * The link to a cluster on the virtual clusters page (`/virtual-clusters/:id`), or
 * `undefined` in an app that does not mount the page.
 */
export function useClusterLink():
  | ((cluster: Pick<VirtualCluster, 'id'>) => string)
  | undefined {
  const route = useClusterRoute();
  return useMemo(
    () =>
      route &&
      ((cluster: Pick<VirtualCluster, 'id'>) => route({ id: cluster.id })),
    [route],
  );
}
