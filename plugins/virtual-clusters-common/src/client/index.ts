export * from './VirtualClustersApi';
export * from './VirtualClustersClient';
