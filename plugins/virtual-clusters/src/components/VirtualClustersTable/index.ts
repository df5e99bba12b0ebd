export * from './VirtualClustersTable';
