/**
 * Test utilities of the virtual-clusters plugin family, for the plugin's own packages
 * and for adopters testing code that reads virtual clusters.
 *
 * @packageDocumentation
 */

export { mockVirtualCluster } from './mockVirtualCluster';
