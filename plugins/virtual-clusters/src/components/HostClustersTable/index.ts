export * from './HostClustersTable';
