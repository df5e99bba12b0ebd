import {
  AuthService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { ResponseError, stringifyError } from '@backstage/errors';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import {
  VirtualCluster,
  VirtualClustersApi,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import {
  LIFECYCLE_TOPIC,
  LifecycleEvent,
  parseLifecycleEvent,
} from './lifecycleEvents';
import {
  virtualClusterEntityRef,
  virtualClusterToEntity,
} from './virtualClusterToEntity';
import { virtualClusterProfileToEntity } from './virtualClusterProfileToEntity';

const PAGE_SIZE = 500;

/** What VirtualClustersProvider is made of. */
export interface VirtualClustersProviderOptions {
  api: VirtualClustersApi;
  auth: AuthService;
  logger: LoggerService;
  taskRunner: SchedulerServiceTaskRunner;
  /**
   * Where the backend publishes lifecycle events: each one updates its cluster's
   * entity at once. Without it, only the schedule updates the catalog.
   */
  events?: EventsService;
}

/**
 * Emits a catalog `Resource` per virtual cluster (spec.type `virtual-cluster`) and
 * per application profile (spec.type `virtual-cluster-profile`): all of them on the
 * schedule (a full mutation), and one cluster's at once when the backend publishes a
 * lifecycle event for it (a delta mutation).
 */
export class VirtualClustersProvider implements EntityProvider {
  readonly #deps: VirtualClustersProviderOptions;
  #connection?: EntityProviderConnection;
  /** The newest event of each cluster whose delta waits in {@link #queue}. */
  readonly #waiting = new Map<string, LifecycleEvent>();
  /**
   * Mutations one after another: a full refresh listed before a delta must not
   * apply after it (it would remove a cluster created meanwhile), and an older
   * read of a cluster must not overwrite a newer one.
   */
  #queue: Promise<unknown> = Promise.resolve();

  static create(options: VirtualClustersProviderOptions) {
    return new VirtualClustersProvider(options);
  }

  private constructor(options: VirtualClustersProviderOptions) {
    this.#deps = options;
  }

  getProviderName() {
    return 'VirtualClustersProvider';
  }

  /** Location key of every entity of this provider, full or delta. */
  get #locationKey() {
    return `virtual-clusters:${this.getProviderName()}`;
  }

  async connect(connection: EntityProviderConnection) {
    this.#connection = connection;
    await this.#deps.events?.subscribe({
      id: this.getProviderName(),
      topics: [LIFECYCLE_TOPIC],
      onEvent: params => this.#onEvent(params),
    });
    await this.#deps.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          this.#deps.logger.error('Reading virtual clusters failed', {
            error: stringifyError(error),
          });
        }
      },
    });
  }

  /**
   * Reads every virtual cluster and application profile and replaces the provider's
   * entities with them.
   */
  async refresh(): Promise<number> {
    const connection = this.#connected();
    return this.#serially(() => this.#refreshAll(connection));
  }

  /**
   * Brings the entity of the cluster an event names up to date: reads the cluster
   * and adds or replaces its entity, or removes it when the event says Deleted or
   * the cluster is gone. An event that finds an older one of its cluster still
   * waiting joins it (the read sees the newest state either way).
   */
  async applyLifecycleEvent(event: LifecycleEvent): Promise<void> {
    const connection = this.#connected();
    const joined = this.#waiting.has(event.id);
    this.#waiting.set(event.id, event);
    if (joined) {
      await this.#queue;
      return;
    }
    await this.#serially(async () => {
      const newest = this.#waiting.get(event.id) ?? event;
      this.#waiting.delete(event.id);
      await this.#applyDelta(connection, newest);
    });
  }

  async #onEvent(params: EventParams) {
    const event = parseLifecycleEvent(params.eventPayload);
    if (!event) {
      this.#deps.logger.warn(
        'Ignored a lifecycle event that names no cluster',
        {
          topic: params.topic,
        },
      );
      return;
    }
    try {
      await this.applyLifecycleEvent(event);
    } catch (error) {
      // the scheduled refresh catches up
      this.#deps.logger.warn('Updating a virtual cluster entity failed', {
        clusterId: event.id,
        cluster: event.name,
        to: event.to ?? null,
        error: stringifyError(error),
      });
    }
  }

  async #applyDelta(
    connection: EntityProviderConnection,
    event: LifecycleEvent,
  ) {
    const cluster =
      event.to === 'Deleted' ? undefined : await this.#readCluster(event.id);
    const locationKey = this.#locationKey;
    if (cluster && cluster.phase !== 'Deleted') {
      await connection.applyMutation({
        type: 'delta',
        added: [
          {
            entity: virtualClusterToEntity(cluster, `url:${locationKey}`),
            locationKey,
          },
        ],
        removed: [],
      });
      this.#deps.logger.info('Virtual cluster entity updated', {
        clusterId: cluster.id,
        cluster: cluster.name,
        phase: cluster.phase,
      });
      return;
    }
    await connection.applyMutation({
      type: 'delta',
      added: [],
      removed: [{ entityRef: virtualClusterEntityRef(event), locationKey }],
    });
    this.#deps.logger.info('Virtual cluster entity removed', {
      clusterId: event.id,
      cluster: event.name,
    });
  }

  /** The cluster as the API returns it now, or undefined when it is not found. */
  async #readCluster(id: string): Promise<VirtualCluster | undefined> {
    const token = await this.#token();
    try {
      return await this.#deps.api.getCluster(id, { token });
    } catch (error) {
      if (ResponseError.is(error) && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  async #refreshAll(connection: EntityProviderConnection): Promise<number> {
    const token = await this.#token();
    const locationKey = this.#locationKey;
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
    await connection.applyMutation({ type: 'full', entities });
    this.#deps.logger.info('Emitted virtual cluster and profile entities', {
      clusters: clusterCount,
      profiles: entities.length - clusterCount,
    });
    return entities.length;
  }

  /** A token for the virtual-clusters API with the module's own credentials. */
  async #token() {
    const { token } = await this.#deps.auth.getPluginRequestToken({
      onBehalfOf: await this.#deps.auth.getOwnServiceCredentials(),
      targetPluginId: 'virtual-clusters',
    });
    return token;
  }

  #connected(): EntityProviderConnection {
    if (!this.#connection) throw new Error('Provider is not connected');
    return this.#connection;
  }

  /** Runs `fn` once every mutation queued before it has finished. */
  #serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
