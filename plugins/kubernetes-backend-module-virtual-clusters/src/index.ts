/**
 * Makes virtual clusters visible to the Backstage Kubernetes plugin.
 *
 * @packageDocumentation
 */

export { kubernetesModuleVirtualClusters as default } from './module';
