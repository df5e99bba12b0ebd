export * from './EntityVirtualClustersContent';
