import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@virtual-clusters/plugin-virtual-clusters-backend',
  'migrations',
);

/** One migrated client per database service, however many stores ask for it. */
const connections = new WeakMap<DatabaseService, Promise<Knex>>();

/**
 * The plugin's database, the one owner of its migrations (`migrations/`, with up and
 * down): the first store to connect runs them, once per database service (unless
 * `migrations.skip`); every store shares the client. No store depends on another
 * having been created first.
 */
export function connectPluginDatabase(
  database: DatabaseService,
): Promise<Knex> {
  let connection = connections.get(database);
  if (!connection) {
    connection = (async () => {
      const client = await database.getClient();
      if (!database.migrations?.skip) {
        await client.migrate.latest({ directory: migrationsDir });
      }
      return client;
    })();
    connections.set(database, connection);
    // a failed migration is tried again by the next store that connects
    connection.catch(() => connections.delete(database));
  }
  return connection;
}
