import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { parseAllDocuments } from 'yaml';
import { LocalPublishDirectory } from './LocalPublishDirectory';

/**
 * Emits the entities of every `catalog-info.yaml` in the demo's local publish folder,
 * so what `publish:local` wrote shows in the catalog within seconds.
 */
export class LocalPublishedEntityProvider implements EntityProvider {
  #connection?: EntityProviderConnection;

  static create(options: {
    directory: LocalPublishDirectory;
    logger: LoggerService;
    taskRunner: SchedulerServiceTaskRunner;
  }) {
    return new LocalPublishedEntityProvider(
      options.directory,
      options.logger,
      options.taskRunner,
    );
  }

  private constructor(
    private readonly directory: LocalPublishDirectory,
    private readonly logger: LoggerService,
    private readonly taskRunner: SchedulerServiceTaskRunner,
  ) {}

  getProviderName() {
    return 'LocalPublishedEntityProvider';
  }

  async connect(connection: EntityProviderConnection) {
    this.#connection = connection;
    await this.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
  }

  /** Reads the folder and replaces the provider's entities with what is there. */
  async refresh() {
    if (!this.#connection) {
      throw new Error(`${this.getProviderName()} is not connected`);
    }
    const entities = [];
    for (const folder of await this.directory.list()) {
      const location = `file:${folder.catalogInfoPath}`;
      for (const document of parseAllDocuments(folder.catalogInfo)) {
        const entity = document.toJS() as Entity | null;
        if (!entity?.metadata?.name) {
          this.logger.warn(`Skipping a document without a name in ${location}`);
          continue;
        }
        entities.push({
          locationKey: `${this.getProviderName()}:${folder.name}`,
          entity: {
            ...entity,
            metadata: {
              ...entity.metadata,
              annotations: {
                ...entity.metadata.annotations,
                [ANNOTATION_LOCATION]: location,
                [ANNOTATION_ORIGIN_LOCATION]: location,
              },
            },
          },
        });
      }
    }
    await this.#connection.applyMutation({ type: 'full', entities });
  }
}
