import { AuthService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { VirtualClustersApi } from '@virtual-clusters/plugin-virtual-clusters-common';
import { initiatorToken } from './credentials';
import { waitForCluster } from './waitForCluster';

/**
 * `virtual-clusters:delete`: deletes a virtual cluster, optionally waiting until it is gone.
 *
 * @public
 */
export function deleteVirtualClusterAction(options: {
  api: VirtualClustersApi;
  auth: AuthService;
}) {
  const { api, auth } = options;
  return createTemplateAction({
    id: 'virtual-clusters:delete',
    description:
      'Deletes a virtual cluster and everything the plugin created for it on the host.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Delete a cluster and wait until it is gone',
        example: `steps:
  - id: delete
    action: virtual-clusters:delete
    input:
      id: \${{ parameters.clusterId }}
      wait: true`,
      },
    ],
    schema: {
      input: {
        id: z => z.string().describe('Id of the virtual cluster'),
        wait: z =>
          z.boolean().default(false).describe('Wait until it is Deleted'),
        timeoutSeconds: z => z.number().int().positive().default(600),
      },
      output: { phase: z => z.string() },
    },
    async handler(ctx) {
      // the scaffolder does not fill in the schema's defaults
      const { wait = false, timeoutSeconds = 600 } = ctx.input;
      const getToken = initiatorToken(auth, ctx);
      if (ctx.isDryRun) {
        const cluster = await api.getCluster(ctx.input.id, {
          token: await getToken(),
        });
        ctx.logger.info(`Dry run: would delete ${cluster.name}`);
        ctx.output('phase', cluster.phase);
        return;
      }
      await ctx.checkpoint({
        key: `virtual-clusters.delete.${ctx.input.id}`,
        fn: async () => {
          const cluster = await api.deleteCluster(ctx.input.id, {
            token: await getToken(),
          });
          ctx.logger.info(`Deleting virtual cluster ${cluster.name}`);
        },
      });
      const cluster = wait
        ? await waitForCluster({
            api,
            id: ctx.input.id,
            until: ['Deleted'],
            timeoutMs: timeoutSeconds * 1000,
            logger: ctx.logger,
            getToken,
            signal: ctx.signal,
          })
        : await api.getCluster(ctx.input.id, { token: await getToken() });
      ctx.output('phase', cluster.phase);
    },
  });
}
