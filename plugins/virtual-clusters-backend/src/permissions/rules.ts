import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  CLUSTER_GROUP_RESOURCE_TYPE,
  VIRTUAL_CLUSTER_RESOURCE_TYPE,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { ClusterGroupSettings } from '../config';
import { z } from 'zod';
import { VirtualClusterQuery, VirtualClusterRecord } from '../store/types';

/** The virtual-cluster resource in permission rules. @public */
export const virtualClusterResourceRef = createPermissionResourceRef<
  VirtualClusterRecord,
  VirtualClusterQuery
>().with({
  pluginId: 'virtual-clusters',
  resourceType: VIRTUAL_CLUSTER_RESOURCE_TYPE,
});

const lower = (values: string[]) =>
  values.map(v => v.toLocaleLowerCase('en-US'));

/** The cluster's owner is one of the given entity refs. @public */
export const isOwner = createPermissionRule({
  name: 'IS_OWNER',
  description: 'Allow virtual clusters owned by one of the given entity refs',
  resourceRef: virtualClusterResourceRef,
  paramsSchema: z.object({
    owners: z
      .array(z.string())
      .describe('Owner entity refs, e.g. group:default/team-a'),
  }),
  apply: (cluster, { owners }) =>
    lower(owners).includes(cluster.owner.toLocaleLowerCase('en-US')),
  toQuery: ({ owners }) => ({ property: 'owner', values: lower(owners) }),
});

/** The cluster runs on one of the given host clusters. @public */
export const isOnHostCluster = createPermissionRule({
  name: 'IS_ON_HOST_CLUSTER',
  description: 'Allow virtual clusters on one of the given host clusters',
  resourceRef: virtualClusterResourceRef,
  paramsSchema: z.object({
    hostClusters: z.array(z.string()).describe('Host cluster names'),
  }),
  apply: (cluster, { hostClusters }) =>
    hostClusters.includes(cluster.hostCluster),
  toQuery: ({ hostClusters }) => ({
    property: 'hostCluster',
    values: hostClusters,
  }),
});

/** The cluster is in one of the given cluster groups (its host is a member). @public */
export const isInClusterGroup = createPermissionRule({
  name: 'IS_IN_CLUSTER_GROUP',
  description: 'Allow virtual clusters in one of the given cluster groups',
  resourceRef: virtualClusterResourceRef,
  paramsSchema: z.object({
    clusterGroups: z.array(z.string()).describe('Cluster group names'),
  }),
  apply: (cluster, { clusterGroups }) =>
    cluster.clusterGroup !== undefined &&
    clusterGroups.includes(cluster.clusterGroup),
  toQuery: ({ clusterGroups }) => ({
    property: 'clusterGroup',
    values: clusterGroups,
  }),
});

/** Every rule of the virtual-cluster resource. */
export const virtualClusterRules = {
  isOwner,
  isOnHostCluster,
  isInClusterGroup,
};

/** The cluster-group resource in permission rules: a group's settings by its name. @public */
export const clusterGroupResourceRef = createPermissionResourceRef<
  ClusterGroupSettings,
  ClusterGroupQuery
>().with({
  pluginId: 'virtual-clusters',
  resourceType: CLUSTER_GROUP_RESOURCE_TYPE,
});

/** Permission condition query of cluster groups: groups by name. */
export type ClusterGroupQuery = { property: 'name'; values: string[] };

/** The group is one of the given ones. @public */
export const isClusterGroup = createPermissionRule({
  name: 'IS_CLUSTER_GROUP',
  description: 'Allow the given cluster groups',
  resourceRef: clusterGroupResourceRef,
  paramsSchema: z.object({
    clusterGroups: z.array(z.string()).describe('Cluster group names'),
  }),
  apply: (group, { clusterGroups }) => clusterGroups.includes(group.name),
  toQuery: ({ clusterGroups }) => ({ property: 'name', values: clusterGroups }),
});

/** Every rule of the cluster-group resource. */
export const clusterGroupRules = { isClusterGroup };

const groupConditionExports = createConditionExports({
  resourceRef: clusterGroupResourceRef,
  rules: clusterGroupRules,
});

/**
 * Conditions on cluster groups for permission policies, e.g.
 * `clusterGroupConditions.isClusterGroup({ clusterGroups: ['dev'] })`.
 *
 * @public
 */
export const clusterGroupConditions = groupConditionExports.conditions;

/** Turns conditions into a conditional decision for the cluster-group resource. @public */
export const createClusterGroupConditionalDecision =
  groupConditionExports.createConditionalDecision;

const conditionExports = createConditionExports({
  resourceRef: virtualClusterResourceRef,
  rules: virtualClusterRules,
});

/**
 * Conditions for permission policies, e.g.
 * `virtualClusterConditions.isOwner({ owners: user.info.ownershipEntityRefs })`.
 *
 * @public
 */
export const virtualClusterConditions = conditionExports.conditions;

/** Turns conditions into a conditional decision for the virtual-cluster resource. @public */
export const createVirtualClusterConditionalDecision =
  conditionExports.createConditionalDecision;
