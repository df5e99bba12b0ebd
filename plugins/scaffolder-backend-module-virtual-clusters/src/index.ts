/**
 * Scaffolder actions that create, wait for and delete virtual clusters.
 *
 * @packageDocumentation
 */

export { scaffolderModuleVirtualClusters as default } from './module';
export * from './actions';
