/** Prefix of every annotation and label this plugin family writes. @public */
export const ANNOTATION_PREFIX = 'virtual-clusters.dev/';

/** Id of the virtual cluster in the backend store. @public */
export const ANNOTATION_VIRTUAL_CLUSTER_ID = `${ANNOTATION_PREFIX}id`;
/** Name of the virtual cluster. @public */
export const ANNOTATION_VIRTUAL_CLUSTER_NAME = `${ANNOTATION_PREFIX}name`;
/** Host cluster (app-config name) of the virtual cluster. @public */
export const ANNOTATION_HOST_CLUSTER = `${ANNOTATION_PREFIX}host-cluster`;
/** Host namespace of the virtual cluster. @public */
export const ANNOTATION_NAMESPACE = `${ANNOTATION_PREFIX}namespace`;
/** External API endpoint of the virtual cluster. @public */
export const ANNOTATION_ENDPOINT = `${ANNOTATION_PREFIX}endpoint`;

/** Label on host namespaces the plugin created; it never deletes others. @public */
export const LABEL_MANAGED_BY = `${ANNOTATION_PREFIX}managed-by`;
/** Value of {@link LABEL_MANAGED_BY}. @public */
export const MANAGED_BY_VALUE = 'backstage-virtual-clusters';
/** Label with the virtual cluster id on host objects. @public */
export const LABEL_CLUSTER_ID = `${ANNOTATION_PREFIX}cluster-id`;

/** Catalog `Resource` spec.type of virtual clusters. @public */
export const VIRTUAL_CLUSTER_RESOURCE_SPEC_TYPE = 'virtual-cluster';

/** Catalog `Resource` spec.type of application profiles. @public */
export const VIRTUAL_CLUSTER_PROFILE_RESOURCE_SPEC_TYPE =
  'virtual-cluster-profile';
/** The profiles of a virtual cluster, `name@version` comma-separated. @public */
export const ANNOTATION_PROFILES = `${ANNOTATION_PREFIX}profiles`;
/** The versions of an application profile, newest first, comma-separated. @public */
export const ANNOTATION_PROFILE_VERSIONS = `${ANNOTATION_PREFIX}profile-versions`;
/** Owner of application profiles whose config names none. @public */
export const DEFAULT_PROFILE_OWNER = 'group:default/platform-team';
