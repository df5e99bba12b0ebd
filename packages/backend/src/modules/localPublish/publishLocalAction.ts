import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalPublishDirectory } from './LocalPublishDirectory';

/**
 * `publish:local`: copies the task's workspace into the demo's local publish folder,
 * where {@link LocalPublishedEntityProvider} picks up its `catalog-info.yaml`.
 *
 * It stands in for `publish:github` + `catalog:register` in the demo, which reaches no
 * git host. A folder once published by another task is never overwritten; the same
 * task publishing again (a recovered task starting over) replaces its own copy.
 */
export function createPublishLocalAction(options: {
  directory: LocalPublishDirectory;
}) {
  const { directory } = options;
  return createTemplateAction({
    id: 'publish:local',
    description:
      "Publishes the workspace into the demo's local folder, from where the catalog reads its catalog-info.yaml (stands in for a git host).",
    examples: [
      {
        description: 'Publish the generated service',
        example: `steps:
  - id: publish
    action: publish:local
    input:
      name: \${{ parameters.name }}`,
      },
    ],
    schema: {
      input: {
        name: z =>
          z
            .string()
            .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a DNS-1123 label')
            .max(63)
            .describe('Name of the published folder, usually the component'),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder inside the workspace to publish; all of it by default',
            ),
      },
      output: {
        path: z => z.string().describe('Where the files were published'),
        catalogInfoPath: z =>
          z.string().describe('The published catalog-info.yaml'),
      },
    },
    async handler(ctx) {
      // throws NotAllowedError for paths that leave the workspace
      const source = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
      );
      const target = directory.folderOf(ctx.input.name);
      const marker = join(target, LocalPublishDirectory.MARKER);
      const publishedBy = await readFile(marker, 'utf8').catch(() => undefined);
      if (publishedBy !== undefined && publishedBy !== ctx.task.id) {
        throw new ConflictError(
          `${ctx.input.name} has already been published by another task`,
        );
      }
      await ctx.checkpoint({
        key: `publish.local.${ctx.input.name}`,
        fn: async () => {
          await rm(target, { recursive: true, force: true });
          await mkdir(target, { recursive: true });
          await cp(source, target, { recursive: true });
          await writeFile(marker, ctx.task.id);
        },
      });
      ctx.logger.info(`Published ${ctx.input.name} to ${target}`);
      ctx.output('path', target);
      ctx.output('catalogInfoPath', join(target, 'catalog-info.yaml'));
    },
  });
}
