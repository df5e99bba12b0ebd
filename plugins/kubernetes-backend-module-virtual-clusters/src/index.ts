/***/
/**
 * The virtual-clusters backend module for the kubernetes plugin.
 *
 * @packageDocumentation
 */

export { kubernetesModuleVirtualClusters as default } from './module';
