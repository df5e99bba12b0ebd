/**
 * Types, permissions, annotations and the API client shared by the virtual-clusters
 * plugin family.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './lifecycle';
export * from './names';
export * from './annotations';
export * from './permissions';
export * from './client';
export * from './vclusterCharts';
export * from './quantities';
