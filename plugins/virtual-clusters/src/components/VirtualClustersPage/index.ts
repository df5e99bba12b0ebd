export * from './VirtualClustersPage';
