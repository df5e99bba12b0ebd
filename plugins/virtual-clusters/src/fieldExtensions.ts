import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import {
  ClusterGroupPicker,
  HostClusterPicker,
  KubernetesVersionPicker,
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

/** Template field `VirtualClusterName` (legacy). @public */
export const VirtualClusterNameFieldExtension = virtualClustersPlugin.provide(
  createScaffolderFieldExtension({
    name: 'VirtualClusterName',
    component: VirtualClusterNameField,
    validation: validateVirtualClusterNameField,
  }),
);
