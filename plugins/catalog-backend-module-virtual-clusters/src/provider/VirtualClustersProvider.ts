import {
  AuthService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { VirtualClustersApi } from '@virtual-clusters/plugin-virtual-clusters-common';
import { virtualClusterToEntity } from './virtualClusterToEntity';
import { virtualClusterProfileToEntity } from './virtualClusterProfileToEntity';

const PAGE_SIZE = 500;

/** What VirtualClustersProvider is made of. */
export interface VirtualClustersProviderOptions {
  api: VirtualClustersApi;
  auth: AuthService;
  logger: LoggerService;
  taskRunner: SchedulerServiceTaskRunner;
}

/**
 * Emits a catalog `Resource` per virtual cluster (spec.type `virtual-cluster`) and
 * per application profile (spec.type `virtual-cluster-profile`).
 */
export class VirtualClustersProvider implements EntityProvider {
  readonly #deps: VirtualClustersProviderOptions;
  #connection?: EntityProviderConnection;

  static create(options: VirtualClustersProviderOptions) {
    return new VirtualClustersProvider(options);
  }

  private constructor(options: VirtualClustersProviderOptions) {
    this.#deps = options;
  }

  getProviderName() {
    return 'VirtualClustersProvider';
  }

  async connect(connection: EntityProviderConnection) {
    this.#connection = connection;
    await this.#deps.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          this.#deps.logger.error(`Reading virtual clusters failed: ${error}`);
        }
      },
    });
  }

  /**
   * Reads every virtual cluster and application profile and replaces the provider's
   * entities with them.
   */
  async refresh(): Promise<number> {
    if (!this.#connection) throw new Error('Provider is not connected');
    const { token } = await this.#deps.auth.getPluginRequestToken({
      onBehalfOf: await this.#deps.auth.getOwnServiceCredentials(),
      targetPluginId: 'virtual-clusters',
    });
    const locationKey = `virtual-clusters:${this.getProviderName()}`;
    const entities = [];
    let cursor: string | undefined;
    do {
      const page = await this.#deps.api.listClusters(
        { limit: PAGE_SIZE, cursor },
        { token },
      );
      for (const cluster of page.items) {
        if (cluster.phase === 'Deleted') continue;
        entities.push({
          entity: virtualClusterToEntity(cluster, `url:${locationKey}`),
          locationKey,
        });
      }
      cursor = page.nextCursor;
    } while (cursor);
    const clusterCount = entities.length;
    for (const profile of await this.#deps.api.listProfiles({ token })) {
      entities.push({
        entity: virtualClusterProfileToEntity(profile, `url:${locationKey}`),
        locationKey,
      });
    }
    await this.#connection.applyMutation({ type: 'full', entities });
    this.#deps.logger.info(
      `Emitted ${clusterCount} virtual cluster and ${
        entities.length - clusterCount
      } profile entities`,
    );
    return entities.length;
  }
}
