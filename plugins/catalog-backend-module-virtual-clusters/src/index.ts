/***/
/**
 * The virtual-clusters-provider module for @backstage/plugin-catalog-backend
 *
 * @packageDocumentation
 */

export { catalogModuleVirtualClusters as default } from './module';
