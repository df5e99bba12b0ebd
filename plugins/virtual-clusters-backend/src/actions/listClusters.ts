import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  clusterSummarySchema,
  phaseSchema,
  toClusterSummary,
} from './clusterSchema';
import { VirtualClusterActionServices } from './types';

/** Most clusters one call returns; `cursor` pages on. */
const MAX_LIMIT = 100;

/**
 * `list-virtual-clusters`: the clusters the caller may see, filtered as
 * `GET /clusters` filters them, each with its month to date.
 */
export function createListClustersAction(
  actionsRegistry: ActionsRegistryService,
  services: VirtualClusterActionServices,
) {
  const { clusters, costs, ratesOf } = services;
  actionsRegistry.register({
    name: 'list-virtual-clusters',
    title: 'List virtual clusters',
    description: `Lists the virtual Kubernetes clusters (vclusters) of the developer portal that the caller may see, newest first: id, name, owner, host cluster, lifecycle phase (Pending, Provisioning, Running, Pausing, Paused, Resuming, Upgrading, Failed, Deleting), API endpoint, Kubernetes version and the cost of the month so far.
Filter by owner (an entity ref such as group:default/team-a or user:default/jane), by a related catalog entity (entityRef such as component:default/shop), by host cluster or by phase. Returns at most \`limit\` clusters; pass \`nextCursor\` back as \`cursor\` for the next page. Use get-virtual-cluster for one cluster's problems and cost in detail.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          owner: z
            .string()
            .max(255)
            .optional()
            .describe(
              'Only clusters of this owner, an entity ref (kind defaults to group), e.g. group:default/team-a',
            ),
          entityRef: z
            .string()
            .max(255)
            .optional()
            .describe(
              'Only clusters related to this catalog entity (kind defaults to component), e.g. component:default/shop',
            ),
          hostCluster: z
            .string()
            .max(63)
            .optional()
            .describe('Only clusters on this host cluster'),
          phase: z
            .array(phaseSchema(z))
            .optional()
            .describe('Only clusters in one of these phases'),
          limit: z
            .number()
            .int()
            .min(1)
            .max(MAX_LIMIT)
            .optional()
            .describe(
              `How many clusters at most (default 20, at most ${MAX_LIMIT})`,
            ),
          cursor: z
            .string()
            .max(200)
            .optional()
            .describe('The nextCursor of the previous page'),
        }),
      output: z =>
        z.object({
          items: z.array(
            clusterSummarySchema(z).extend({
              cost: z
                .object({ currency: z.string(), monthToDate: z.number() })
                .optional()
                .describe(
                  'Cost of the month so far at the host rates (left out for hosts whose cost comes from OpenCost; see get-virtual-cluster)',
                ),
            }),
          ),
          totalItems: z
            .number()
            .describe('How many clusters match, on all pages'),
          nextCursor: z
            .string()
            .optional()
            .describe('Cursor of the next page, where there is one'),
        }),
    },
    action: async ({ input, credentials }) => {
      const page = await clusters.list(
        {
          owner: input.owner,
          entityRef: input.entityRef,
          hostCluster: input.hostCluster,
          phase: input.phase?.length ? input.phase : undefined,
          limit: input.limit ?? 20,
          cursor: input.cursor,
        },
        { credentials },
      );
      const cost = await costs.monthToDate(page.items, ratesOf);
      return {
        output: {
          items: page.items.map(c => ({
            ...toClusterSummary(c),
            cost: cost.get(c.id),
          })),
          totalItems: page.totalItems,
          nextCursor: page.nextCursor,
        },
      };
    },
  });
}
