export {
  FOLLOW_TRANSITION_MS,
  useBackups,
  useCluster,
  useClusterEvents,
  useClusters,
  useCost,
  useHostClusters,
  useWorkloads,
} from './data';
export type { DataState } from './data';
export { useClusterAction } from './useClusterAction';
export type { ActionOutcome } from './useClusterAction';
export { useClusterPermissions } from './useClusterPermissions';
