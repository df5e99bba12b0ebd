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

const PAGE_SIZE = 500;

/** Emits a catalog `Resource` (spec.type `virtual-cluster`) per virtual cluster. */
export class VirtualClustersProvider implements EntityProvider {
  readonly #api: VirtualClustersApi;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;
  readonly #taskRunner: SchedulerServiceTaskRunner;
  #connection?: EntityProviderConnection;

  static create(options: {
    api: VirtualClustersApi;
    auth: AuthService;
    logger: LoggerService;
    taskRunner: SchedulerServiceTaskRunner;
  }) {
    return new VirtualClustersProvider(options);
  }

  private constructor(options: {
    api: VirtualClustersApi;
    auth: AuthService;
    logger: LoggerService;
    taskRunner: SchedulerServiceTaskRunner;
  }) {
    this.#api = options.api;
    this.#auth = options.auth;
    this.#logger = options.logger;
    this.#taskRunner = options.taskRunner;
  }

  getProviderName() {
    return 'VirtualClustersProvider';
  }

  async connect(connection: EntityProviderConnection) {
    this.#connection = connection;
    await this.#taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          this.#logger.error(`Reading virtual clusters failed: ${error}`);
        }
      },
    });
  }

  /** Reads every virtual cluster and replaces the provider's entities with them. */
  async refresh(): Promise<number> {
    if (!this.#connection) throw new Error('Provider is not connected');
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: 'virtual-clusters',
    });
    const locationKey = `virtual-clusters:${this.getProviderName()}`;
    const entities = [];
    let cursor: string | undefined;
    do {
      const page = await this.#api.listClusters(
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
    await this.#connection.applyMutation({ type: 'full', entities });
    this.#logger.info(`Emitted ${entities.length} virtual cluster entities`);
    return entities.length;
  }
}
