export {
  FOLLOW_TRANSITION_MS,
  useAccessGrants,
  useBackups,
  useCluster,
  useClusterEvents,
  useClusterGroups,
  useClusters,
  useClusterProfiles,
  useCost,
  useHostClusterChoices,
  useHostClusters,
  useProfiles,
  useWorkloadEvents,
  useWorkloads,
} from './data';
export type { DataState } from './data';
export { useClusterAction } from './useClusterAction';
export type { ActionOutcome } from './useClusterAction';
export { useClusterLink } from './useClusterLink';
export { useClusterPermissions } from './useClusterPermissions';
