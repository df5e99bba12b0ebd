/**
 * Extension points and services of the virtual-clusters backend, for other backend
 * plugins and modules.
 *
 * @packageDocumentation
 */

export * from './provisioner';
export * from './extensions';
export * from './createProvisionerModule';
export * from './services';
export * from './principal';
