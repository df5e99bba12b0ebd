export * from './ClusterGroupsTable';
