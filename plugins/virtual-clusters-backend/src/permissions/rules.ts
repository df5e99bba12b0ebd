import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { VIRTUAL_CLUSTER_RESOURCE_TYPE } from '@virtual-clusters/plugin-virtual-clusters-common';
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

/** Every rule of the virtual-cluster resource. */
export const virtualClusterRules = { isOwner, isOnHostCluster };

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
