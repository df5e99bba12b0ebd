import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalPublishDirectory } from './LocalPublishDirectory';
import { createPublishLocalAction } from './publishLocalAction';

/** A workspace with a catalog-info.yaml and a nested file, on the real file system. */
async function workspace() {
  const path = await mkdtemp(join(tmpdir(), 'publish-local-ws-'));
  await writeFile(
    join(path, 'catalog-info.yaml'),
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: shop\n',
  );
  await mkdir(join(path, 'kubernetes'));
  await writeFile(join(path, 'kubernetes', 'deployment.yaml'), 'kind: x\n');
  return path;
}

async function setup() {
  const root = await mkdtemp(join(tmpdir(), 'publish-local-root-'));
  const directory = new LocalPublishDirectory(root);
  const action = createPublishLocalAction({ directory });
  const run = async (
    input: { name: string; sourcePath?: string },
    taskId = 'task-1',
  ) => {
    const ctx = createMockActionContext({
      input,
      workspacePath: await workspace(),
    });
    await action.handler({ ...ctx, task: { id: taskId } } as typeof ctx);
    return ctx;
  };
  return { root, directory, run };
}

describe('publish:local', () => {
  it('copies the workspace into its folder, which the directory then lists', async () => {
    const { root, directory, run } = await setup();
    const ctx = await run({ name: 'shop' });

    expect(ctx.output).toHaveBeenCalledWith('path', join(root, 'shop'));
    expect(
      await readFile(
        join(root, 'shop', 'kubernetes', 'deployment.yaml'),
        'utf8',
      ),
    ).toBe('kind: x\n');
    const listed = await directory.list();
    expect(listed).toEqual([
      expect.objectContaining({
        name: 'shop',
        catalogInfoPath: join(root, 'shop', 'catalog-info.yaml'),
        catalogInfo: expect.stringContaining('name: shop'),
      }),
    ]);
  });

  it('lets the same task publish again, and refuses another task the same name', async () => {
    const { run } = await setup();
    await run({ name: 'shop' }, 'task-1');
    await expect(run({ name: 'shop' }, 'task-1')).resolves.toBeDefined();
    await expect(run({ name: 'shop' }, 'task-2')).rejects.toMatchObject({
      name: 'ConflictError',
      message: 'shop has already been published by another task',
    });
  });

  it('refuses paths that leave the workspace or the publish folder', async () => {
    const { run } = await setup();
    await expect(
      run({ name: 'shop', sourcePath: '../../etc' }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(run({ name: '../outside' })).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    await expect(run({ name: '.' })).rejects.toMatchObject({
      name: 'InputError',
    });
  });

  it('lists nothing before anything is published', async () => {
    const directory = new LocalPublishDirectory(
      join(tmpdir(), `publish-local-missing-${Date.now()}`),
    );
    expect(await directory.list()).toEqual([]);
  });
});
