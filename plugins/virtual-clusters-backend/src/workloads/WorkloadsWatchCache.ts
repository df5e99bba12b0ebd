import { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubeConfig,
  KubernetesObject,
  ListWatch,
  Watch,
} from '@kubernetes/client-node';
import { WorkloadsWatchSettings } from '../config/HostClusterSettings';
import { describeKubernetesError } from '../kubernetes/errors';
import {
  WORKLOAD_SOURCES,
  SourceKind,
  WorkloadSource,
  WorkloadObjects,
} from './workloadKinds';

/** Counters of the cache, for tests, benchmarks and logs. */
export interface WorkloadsWatchStats {
  /** Clusters being watched now. */
  clusters: number;
  /** List calls made, first syncs and relists after a broken watch. */
  lists: number;
  /** Summaries computed; a read that finds nothing changed reuses the last one. */
  derivations: number;
}

interface WatchedKind {
  source: WorkloadSource;
  informer: ListWatch<KubernetesObject>;
  state: 'syncing' | 'synced' | 'failed';
  error?: string;
  ready: Promise<void>;
}

interface Entry {
  key: string;
  version: string;
  kinds: WatchedKind[];
  lastRead: number;
  /** Reads in progress; the idle sweep leaves such a cluster alone. */
  readers: number;
  generation: number;
  memo?: { generation: number; value: unknown };
}

/**
 * Keeps what runs inside recently viewed virtual clusters in memory, the way
 * Kubernetes controllers do: the first read of a cluster lists each kind once and
 * opens a watch per kind; later reads answer from memory, current to the last watch
 * event. A kind that cannot be listed or whose watch breaks (forbidden, API server
 * gone) is read again on the next request and reported until it works, so an answer
 * is never older than the last successful watch. Clusters idle for `idleTimeoutMs`,
 * and the least recently read beyond `maxClusters`, have their watches closed.
 */
export class WorkloadsWatchCache {
  readonly #entries = new Map<string, Entry>();
  readonly #settings: WorkloadsWatchSettings;
  readonly #logger?: LoggerService;
  readonly #sweeper: NodeJS.Timeout;
  #lists = 0;
  #derivations = 0;

  static create(options: {
    settings: WorkloadsWatchSettings;
    logger?: LoggerService;
  }) {
    return new WorkloadsWatchCache(options.settings, options.logger);
  }

  private constructor(
    settings: WorkloadsWatchSettings,
    logger?: LoggerService,
  ) {
    this.#settings = settings;
    this.#logger = logger;
    this.#sweeper = setInterval(
      () => this.#sweep(),
      Math.min(settings.idleTimeoutMs, 60_000),
    );
    this.#sweeper.unref();
  }

  /**
   * Reads one cluster's objects and derives a value from them; the value is reused
   * until a watch reports a change.
   *
   * @param key - the cluster's id
   * @param version - changes when the cluster's API server does (its endpoint); a new
   *   version closes the old watches
   * @param kubeConfig - called only when the watches are opened
   */
  async read<T>(
    key: string,
    version: string,
    kubeConfig: () => Promise<KubeConfig>,
    derive: (objects: WorkloadObjects) => T,
  ): Promise<T> {
    let entry = this.#entries.get(key);
    if (!entry || entry.version !== version) {
      const kc = await kubeConfig();
      // another read may have opened it while the kubeconfig was read
      entry = this.#entries.get(key);
      if (entry?.version !== version) {
        this.forget(key);
        entry = this.#open(key, version, kc);
      }
    }
    // most recently read last, so eviction takes the first
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    const opened = entry;
    opened.readers++;
    try {
      await Promise.all(
        opened.kinds.map(k =>
          k.state === 'failed' ? this.#start(opened, k) : k.ready,
        ),
      );
    } finally {
      opened.readers--;
      opened.lastRead = Date.now();
    }
    if (entry.memo?.generation !== entry.generation) {
      const generation = entry.generation;
      this.#derivations++;
      entry.memo = { generation, value: derive(this.#objects(entry)) };
    }
    return entry.memo.value as T;
  }

  /** Closes the watches of one cluster, e.g. when it is paused or deleted. */
  forget(key: string) {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    for (const k of entry.kinds) {
      k.informer.stop().catch(() => undefined);
    }
  }

  /** Counters since start-up. */
  stats(): WorkloadsWatchStats {
    return {
      clusters: this.#entries.size,
      lists: this.#lists,
      derivations: this.#derivations,
    };
  }

  /** Closes every watch; the cache is empty afterwards and may be used again. */
  close() {
    for (const key of [...this.#entries.keys()]) this.forget(key);
  }

  /** Stops the idle sweeper too; for shutdown. */
  dispose() {
    this.close();
    clearInterval(this.#sweeper);
  }

  #open(key: string, version: string, kc: KubeConfig): Entry {
    const watch = new Watch(kc);
    const entry: Entry = {
      key,
      version,
      kinds: [],
      lastRead: Date.now(),
      readers: 0,
      generation: 0,
    };
    const changed = () => {
      entry.generation++;
    };
    for (const source of WORKLOAD_SOURCES) {
      const informer = new ListWatch<KubernetesObject>(
        source.path,
        watch,
        () => {
          this.#lists++;
          return source.list(kc);
        },
        false,
      );
      const watched: WatchedKind = {
        source,
        informer,
        state: 'syncing',
        ready: Promise.resolve(),
      };
      const keep = (obj: KubernetesObject) => {
        // managed fields are most of an object's size and nothing here reads them
        if (obj.metadata) delete obj.metadata.managedFields;
        changed();
      };
      informer.on('add', keep);
      informer.on('update', keep);
      informer.on('delete', changed);
      informer.on('error', error => {
        watched.state = 'failed';
        watched.error = describeKubernetesError(error);
        changed();
        this.#logger?.debug(
          `Watch of ${source.kind} in cluster ${key} stopped: ${watched.error}`,
        );
      });
      entry.kinds.push(watched);
      this.#start(entry, watched);
    }
    this.#entries.set(key, entry);
    while (this.#entries.size > this.#settings.maxClusters) {
      this.forget(this.#entries.keys().next().value!);
    }
    return entry;
  }

  #start(entry: Entry, watched: WatchedKind): Promise<void> {
    watched.state = 'syncing';
    watched.error = undefined;
    watched.ready = watched.informer.start().then(
      () => {
        if (watched.state === 'syncing') {
          watched.state = 'synced';
          entry.generation++;
        }
      },
      error => {
        watched.state = 'failed';
        watched.error = describeKubernetesError(error);
        entry.generation++;
      },
    );
    return watched.ready;
  }

  #objects(entry: Entry): WorkloadObjects {
    const objects = {} as Record<SourceKind, KubernetesObject[]>;
    const errors: WorkloadObjects['errors'] = [];
    for (const k of entry.kinds) {
      if (k.state === 'failed') {
        objects[k.source.kind] = [];
        errors.push({ kind: k.source.kind, message: k.error ?? 'unknown' });
      } else {
        objects[k.source.kind] = [...k.informer.list()];
      }
    }
    return { objects, errors };
  }

  #sweep() {
    const idleSince = Date.now() - this.#settings.idleTimeoutMs;
    for (const entry of [...this.#entries.values()]) {
      if (entry.readers === 0 && entry.lastRead < idleSince) {
        this.forget(entry.key);
      }
    }
  }
}
