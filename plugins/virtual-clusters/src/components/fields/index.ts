export { ClusterGroupPicker } from './ClusterGroupPicker';
export { HostClusterPicker, describeHost } from './HostClusterPicker';
export { KubernetesVersionPicker } from './KubernetesVersionPicker';
export type { KubernetesVersionPickerOptions } from './KubernetesVersionPicker';
export {
  ProfilePicker,
  toggleProfile,
  validateProfilePickerField,
} from './ProfilePicker';
export {
  VirtualClusterNameField,
  validateVirtualClusterNameField,
} from './VirtualClusterNameField';
export {
  SleepPolicyField,
  sleepSettingsOf,
  validateSleepPolicyField,
} from './SleepPolicyField';
export type { SleepPolicyFieldOptions } from './SleepPolicyField';
export {
  expirySettingsOf,
  TimeToLiveField,
  timeToLiveHelp,
  validateTimeToLiveField,
} from './TimeToLiveField';
export type { TimeToLiveFieldOptions } from './TimeToLiveField';
