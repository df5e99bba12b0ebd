/**
 * The virtual-clusters backend plugin.
 *
 * @packageDocumentation
 */

export { virtualClustersPlugin as default } from './plugin';
export {
  virtualClusterResourceRef,
  virtualClusterConditions,
  createVirtualClusterConditionalDecision,
  isOwner,
  isOnHostCluster,
} from './permissions/rules';
export { OwnerManagesPolicy } from './permissions/OwnerManagesPolicy';
