import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  VIRTUAL_CLUSTER_PHASES,
  VirtualClustersApi,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { CLUSTER_OUTPUT, clusterOutputs } from './clusterOutputs';
import { initiatorToken } from './credentials';
import { waitForCluster } from './waitForCluster';

/**
 * `virtual-clusters:wait`: waits until a virtual cluster reaches a phase.
 *
 * @public
 */
export function waitVirtualClusterAction(options: {
  api: VirtualClustersApi;
  auth: AuthService;
  discovery: DiscoveryService;
}) {
  const { api, auth, discovery } = options;
  return createTemplateAction({
    id: 'virtual-clusters:wait',
    description:
      'Waits until a virtual cluster reaches a phase (Running by default), logging progress.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Wait up to 20 minutes for the cluster created earlier',
        example: `steps:
  - id: ready
    action: virtual-clusters:wait
    input:
      id: \${{ steps.cluster.output.id }}
      timeoutSeconds: 1200`,
      },
    ],
    schema: {
      input: {
        id: z => z.string().describe('Id of the virtual cluster'),
        phase: z =>
          z
            .enum(VIRTUAL_CLUSTER_PHASES as [string, ...string[]])
            .default('Running')
            .describe('Phase to wait for'),
        timeoutSeconds: z => z.number().int().positive().default(900),
      },
      output: CLUSTER_OUTPUT,
    },
    async handler(ctx) {
      // the scaffolder does not fill in the schema's defaults
      const { phase = 'Running', timeoutSeconds = 900 } = ctx.input;
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would wait for ${ctx.input.id} to be ${phase}`,
        );
        return;
      }
      const cluster = await waitForCluster({
        api,
        id: ctx.input.id,
        until: [phase as (typeof VIRTUAL_CLUSTER_PHASES)[number]],
        timeoutMs: timeoutSeconds * 1000,
        logger: ctx.logger,
        getToken: initiatorToken(auth, ctx),
        signal: ctx.signal,
      });
      for (const [key, value] of Object.entries(
        await clusterOutputs(cluster, discovery),
      )) {
        ctx.output(key as 'id', value);
      }
    },
  });
}
