import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** One published folder with the text of its `catalog-info.yaml`. */
export type PublishedFolder = {
  name: string;
  catalogInfoPath: string;
  catalogInfo: string;
};

/**
 * The demo's local stand-in for a git host: a folder with one sub-folder per
 * published repository. Config `localPublish.directory`, a temporary folder by default.
 */
export class LocalPublishDirectory {
  /** File that records which scaffolder task published a folder. */
  static readonly MARKER = '.published-by-task';

  static fromConfig(config: Config) {
    return new LocalPublishDirectory(
      resolve(
        config.getOptionalString('localPublish.directory') ??
          join(tmpdir(), 'backstage-local-publish'),
      ),
    );
  }

  constructor(readonly root: string) {}

  /** The folder of a published name; throws NotAllowedError for names that leave the root. */
  folderOf(name: string) {
    const folder = resolveSafeChildPath(this.root, name);
    if (folder === this.root) {
      throw new InputError(`'${name}' is not a folder name`);
    }
    return folder;
  }

  /** Every published folder that has a `catalog-info.yaml`. */
  async list(): Promise<PublishedFolder[]> {
    const entries = await readdir(this.root, { withFileTypes: true }).catch(
      error => {
        if (error.code === 'ENOENT') return [];
        throw error;
      },
    );
    const folders: PublishedFolder[] = [];
    for (const entry of entries.filter(e => e.isDirectory())) {
      const catalogInfoPath = join(this.root, entry.name, 'catalog-info.yaml');
      const catalogInfo = await readFile(catalogInfoPath, 'utf8').catch(
        () => undefined,
      );
      if (catalogInfo !== undefined) {
        folders.push({ name: entry.name, catalogInfoPath, catalogInfo });
      }
    }
    return folders;
  }
}
