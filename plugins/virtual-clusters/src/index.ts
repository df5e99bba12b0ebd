/**
 * The virtual-clusters frontend plugin: entity tab, page and template fields.
 *
 * @packageDocumentation
 */

export {
  virtualClustersPlugin,
  VirtualClustersPage,
  EntityVirtualClustersContent,
} from './plugin';
export { virtualClustersApiRef } from './api';
export { VirtualClustersTable } from './components/VirtualClustersTable';
export type { VirtualClustersTableProps } from './components/VirtualClustersTable';
export { HostClustersTable } from './components/HostClustersTable';
export {
  VirtualClusterGroupPickerFieldExtension,
  VirtualClusterHostClusterPickerFieldExtension,
  VirtualClusterKubernetesVersionPickerFieldExtension,
  VirtualClusterNameFieldExtension,
  VirtualClusterProfilePickerFieldExtension,
  VirtualClusterSleepPolicyFieldExtension,
  VirtualClusterTimeToLiveFieldExtension,
} from './fieldExtensions';
