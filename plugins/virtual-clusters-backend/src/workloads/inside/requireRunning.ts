import { ConflictError } from '@backstage/errors';
import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';

/**
 * Refuses to reach inside a cluster that does not run (Running, or Upgrading while
 * its API server still answers).
 *
 * @param what - what is refused, e.g. `workloads can be read`
 * @throws ConflictError naming the cluster's phase
 */
export function requireRunning(cluster: VirtualCluster, what: string): void {
  if (cluster.phase !== 'Running' && cluster.phase !== 'Upgrading') {
    throw new ConflictError(
      `${cluster.name} is ${cluster.phase}: ${what} while it runs`,
    );
  }
}
