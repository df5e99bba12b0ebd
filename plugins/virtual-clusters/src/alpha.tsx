import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';
import {
  VIRTUAL_CLUSTER_RESOURCE_SPEC_TYPE,
  VirtualClustersClient,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { virtualClustersApiRef } from './api';
import { clusterRouteRef, rootRouteRef } from './routes';

/** The API client extension. @alpha */
export const virtualClustersApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: virtualClustersApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new VirtualClustersClient({ discoveryApi, fetchApi }),
    }),
});

/** The `/virtual-clusters` page, one cluster at `/virtual-clusters/:id`. @alpha */
export const virtualClustersPage = PageBlueprint.make({
  params: {
    path: '/virtual-clusters',
    routeRef: convertLegacyRouteRef(rootRouteRef),
    // title and icon give the page its sidebar entry; the page draws its own header
    title: 'Virtual clusters',
    icon: <CloudQueueIcon />,
    noHeader: true,
    loader: () =>
      import('./components/VirtualClustersPage').then(m => (
        <m.VirtualClustersPage />
      )),
  },
});

/** The "Virtual clusters" tab on components, systems, groups, users and virtual-cluster resources. @alpha */
export const entityVirtualClustersContent = EntityContentBlueprint.make({
  name: 'virtual-clusters',
  params: {
    path: '/virtual-clusters',
    title: 'Virtual clusters',
    filter: entity => {
      const kind = entity.kind.toLocaleLowerCase('en-US');
      return (
        ['component', 'system', 'group', 'user'].includes(kind) ||
        (kind === 'resource' &&
          entity.spec?.type === VIRTUAL_CLUSTER_RESOURCE_SPEC_TYPE)
      );
    },
    loader: () =>
      import('./components/EntityVirtualClustersContent').then(m => (
        <m.EntityVirtualClustersContent />
      )),
  },
});

/** Template field `VirtualClusterHostClusterPicker`. @alpha */
export const hostClusterPickerFormField = FormFieldBlueprint.make({
  name: 'host-cluster-picker',
  params: {
    field: () =>
      import('./components/fields').then(m =>
        createFormField({
          name: 'VirtualClusterHostClusterPicker',
          component: m.HostClusterPicker,
        }),
      ),
  },
});

/** Template field `VirtualClusterGroupPicker`. @alpha */
export const clusterGroupPickerFormField = FormFieldBlueprint.make({
  name: 'cluster-group-picker',
  params: {
    field: () =>
      import('./components/fields').then(m =>
        createFormField({
          name: 'VirtualClusterGroupPicker',
          component: m.ClusterGroupPicker,
        }),
      ),
  },
});

/** Template field `VirtualClusterKubernetesVersionPicker`. @alpha */
export const kubernetesVersionPickerFormField = FormFieldBlueprint.make({
  name: 'kubernetes-version-picker',
  params: {
    field: () =>
      import('./components/fields').then(m =>
        createFormField({
          name: 'VirtualClusterKubernetesVersionPicker',
          component: m.KubernetesVersionPicker,
        }),
      ),
  },
});

/** Template field `VirtualClusterProfilePicker`. @alpha */
export const profilePickerFormField = FormFieldBlueprint.make({
  name: 'profile-picker',
  params: {
    field: () =>
      import('./components/fields').then(m =>
        createFormField({
          name: 'VirtualClusterProfilePicker',
          component: m.ProfilePicker,
          validation: m.validateProfilePickerField,
        }),
      ),
  },
});

/** Template field `VirtualClusterSleepPolicy`. @alpha */
export const sleepPolicyFormField = FormFieldBlueprint.make({
  name: 'sleep-policy',
  params: {
    field: () =>
      import('./components/fields').then(m =>
        createFormField({
          name: 'VirtualClusterSleepPolicy',
          component: m.SleepPolicyField,
          validation: m.validateSleepPolicyField,
        }),
      ),
  },
});

/** Template field `VirtualClusterTimeToLive`. @alpha */
export const timeToLiveFormField = FormFieldBlueprint.make({
  name: 'time-to-live',
  params: {
    field: () =>
      import('./components/fields').then(m =>
        createFormField({
          name: 'VirtualClusterTimeToLive',
          component: m.TimeToLiveField,
          validation: m.validateTimeToLiveField,
        }),
      ),
  },
});

/** Template field `VirtualClusterName`. @alpha */
export const nameFormField = FormFieldBlueprint.make({
  name: 'name',
  params: {
    field: () =>
      import('./components/fields').then(m =>
        createFormField({
          name: 'VirtualClusterName',
          component: m.VirtualClusterNameField,
          validation: m.validateVirtualClusterNameField,
        }),
      ),
  },
});

/**
 * The virtual-clusters plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'virtual-clusters',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    virtualClustersApi,
    virtualClustersPage,
    entityVirtualClustersContent,
    hostClusterPickerFormField,
    clusterGroupPickerFormField,
    kubernetesVersionPickerFormField,
    profilePickerFormField,
    sleepPolicyFormField,
    timeToLiveFormField,
    nameFormField,
  ],
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    cluster: clusterRouteRef,
  }),
});
