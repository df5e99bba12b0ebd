/**
 * Catalog module that emits a Resource entity per virtual cluster.
 *
 * @packageDocumentation
 */

export { catalogModuleVirtualClusters as default } from './module';
