export * from './HostClusterSettings';
export * from './readVirtualClustersConfig';
