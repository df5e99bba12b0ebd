import {
  Entity,
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import {
  ANNOTATION_PROFILE_VERSIONS,
  DEFAULT_PROFILE_OWNER,
  VIRTUAL_CLUSTER_PROFILE_RESOURCE_SPEC_TYPE,
  VirtualClusterProfile,
  VirtualClusterProfileRef,
} from '@virtual-clusters/plugin-virtual-clusters-common';

/** Catalog name of an application profile's Resource entity. */
export function virtualClusterProfileEntityName(
  profile: Pick<VirtualClusterProfileRef, 'name'>,
) {
  return `vcp-${profile.name}`;
}

/** Entity ref of an application profile's Resource. */
export function virtualClusterProfileEntityRef(
  profile: Pick<VirtualClusterProfileRef, 'name'>,
) {
  return `resource:default/${virtualClusterProfileEntityName(profile)}`;
}

/** `hello-profile 1.1.0 (release hello in apps)` style, for the description. */
function describeVersion(version: VirtualClusterProfile['versions'][0]) {
  const layers = version.layers.map(layer =>
    layer.type === 'helm'
      ? `chart ${layer.chart} ${layer.chartVersion} (release ${layer.name} in ${layer.namespace})`
      : `manifests ${layer.name}`,
  );
  return `${version.version}: ${layers.join(', ')}`;
}

/**
 * The catalog `Resource` of one application profile (all its versions): the clusters
 * that use it depend on it, so its page lists them.
 */
export function virtualClusterProfileToEntity(
  profile: VirtualClusterProfile,
  locationKey: string,
): Entity {
  const newest = profile.versions[0];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: virtualClusterProfileEntityName(profile),
      title: profile.title,
      description: [
        profile.description,
        `Application profile for virtual clusters. Versions: ${profile.versions
          .map(describeVersion)
          .join('; ')}.`,
      ]
        .filter(Boolean)
        .join(' '),
      annotations: {
        [ANNOTATION_LOCATION]: locationKey,
        [ANNOTATION_ORIGIN_LOCATION]: locationKey,
        [ANNOTATION_PROFILE_VERSIONS]: profile.versions
          .map(v => v.version)
          .join(','),
      },
      tags: [
        'virtual-cluster-profile',
        ...new Set(
          newest.layers.flatMap(l =>
            l.type === 'helm' && l.chart ? [l.chart] : [],
          ),
        ),
      ]
        .map(tag =>
          tag
            .toLowerCase()
            .replace(/[^a-z0-9:+#-]/g, '-')
            .slice(0, 63),
        )
        .filter(tag => /^[a-z0-9]/.test(tag)),
    },
    spec: {
      type: VIRTUAL_CLUSTER_PROFILE_RESOURCE_SPEC_TYPE,
      owner: profile.owner ?? DEFAULT_PROFILE_OWNER,
    },
  };
}
