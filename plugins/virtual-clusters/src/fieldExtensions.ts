import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import {
  ClusterGroupPicker,
  HostClusterPicker,
  KubernetesVersionPicker,
  ProfilePicker,
  SleepPolicyField,
  TimeToLiveField,
  validateProfilePickerField,
  validateSleepPolicyField,
  validateTimeToLiveField,
  validateVirtualClusterNameField,
  VirtualClusterNameField,
} from './components/fields';
import { virtualClustersPlugin } from './plugin';

/**
 * Template field `VirtualClusterHostClusterPicker` (legacy frontend system; put it
 * inside `<ScaffolderFieldExtensions>`).
 *
 * @public
 */
export const VirtualClusterHostClusterPickerFieldExtension =
  virtualClustersPlugin.provide(
    createScaffolderFieldExtension({
      name: 'VirtualClusterHostClusterPicker',
      component: HostClusterPicker,
    }),
  );

/**
 * Template field `VirtualClusterGroupPicker` (legacy frontend system; put it inside
 * `<ScaffolderFieldExtensions>`).
 *
 * @public
 */
export const VirtualClusterGroupPickerFieldExtension =
  virtualClustersPlugin.provide(
    createScaffolderFieldExtension({
      name: 'VirtualClusterGroupPicker',
      component: ClusterGroupPicker,
    }),
  );

/** Template field `VirtualClusterKubernetesVersionPicker` (legacy). @public */
export const VirtualClusterKubernetesVersionPickerFieldExtension =
  virtualClustersPlugin.provide(
    createScaffolderFieldExtension({
      name: 'VirtualClusterKubernetesVersionPicker',
      component: KubernetesVersionPicker,
    }),
  );

/**
 * Template field `VirtualClusterProfilePicker` (legacy): application profiles to
 * install inside the cluster, each at a version; its value is an array of
 * `{ name, version }` for the create request's `profiles`.
 *
 * @public
 */
export const VirtualClusterProfilePickerFieldExtension =
  virtualClustersPlugin.provide(
    createScaffolderFieldExtension({
      name: 'VirtualClusterProfilePicker',
      component: ProfilePicker,
      validation: validateProfilePickerField,
    }),
  );

/**
 * Template field `VirtualClusterSleepPolicy` (legacy): when the new cluster sleeps,
 * with the chosen host's or group's defaults as placeholders; its value is a sleep
 * policy object without the keys left empty, for the create request's `sleep`.
 *
 * @public
 */
export const VirtualClusterSleepPolicyFieldExtension =
  virtualClustersPlugin.provide(
    createScaffolderFieldExtension({
      name: 'VirtualClusterSleepPolicy',
      component: SleepPolicyField,
      validation: validateSleepPolicyField,
    }),
  );

/**
 * Template field `VirtualClusterTimeToLive` (legacy): how many days the new cluster
 * lives before the backend deletes it after a final backup, with the chosen host's or
 * group's default and maximum; its value is a whole number of days for the create
 * request's `ttlDays`, or undefined (empty) for the default.
 *
 * @public
 */
export const VirtualClusterTimeToLiveFieldExtension =
  virtualClustersPlugin.provide(
    createScaffolderFieldExtension({
      name: 'VirtualClusterTimeToLive',
      component: TimeToLiveField,
      validation: validateTimeToLiveField,
    }),
  );

/** Template field `VirtualClusterName` (legacy). @public */
export const VirtualClusterNameFieldExtension = virtualClustersPlugin.provide(
  createScaffolderFieldExtension({
    name: 'VirtualClusterName',
    component: VirtualClusterNameField,
    validation: validateVirtualClusterNameField,
  }),
);
