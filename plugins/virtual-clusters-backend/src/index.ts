/**
 * The virtual-clusters backend plugin.
 *
 * @packageDocumentation
 */

export { virtualClustersPlugin as default } from './plugin';
