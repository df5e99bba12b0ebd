import { KubernetesClient } from '../kubernetes/KubernetesClient';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubeConfig,
  KubernetesObject,
  ListWatch,
  Watch,
} from '@kubernetes/client-node';
import { LRUCache } from 'lru-cache';
import { WorkloadsWatchSettings } from '../config/HostClusterSettings';
import { describeKubernetesError } from '../kubernetes/errors';
import {
  listSource,
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
  version: string;
  kinds: WatchedKind[];
  /** Reads in progress; a cluster dropped meanwhile has its watches closed after them. */
  readers: number;
  /** Dropped from the cache: idle, evicted or forgotten. */
  dropped: boolean;
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
 * and the least recently read beyond `maxClusters`, have their watches closed (an
 * LRU cache with a TTL, purged by its own timers).
 */
export class WorkloadsWatchCache {
  readonly #entries: LRUCache<string, Entry>;
  readonly #logger?: LoggerService;
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
    this.#logger = logger;
    this.#entries = new LRUCache<string, Entry>({
      max: settings.maxClusters,
      ttl: settings.idleTimeoutMs,
      ttlAutopurge: true,
      updateAgeOnGet: true,
      // a cluster being read does not expire: its first lists may take longer than
      // the idle timeout; it is put back and is idle from the end of the read
      dispose: (entry, _key, reason) => {
        if (reason !== 'expire' || entry.readers === 0) this.#drop(entry);
      },
      disposeAfter: (entry, key, reason) => {
        if (reason === 'expire' && entry.readers > 0) {
          this.#entries.set(key, entry);
        }
      },
    });
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
      if (opened.dropped) this.#drop(opened);
      // idle from the end of the last read
      else if (this.#entries.peek(key) === opened) this.#entries.get(key);
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
    this.#entries.delete(key);
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
    this.#entries.clear();
  }

  /** Closes every watch; for shutdown. */
  dispose() {
    this.close();
  }

  #open(key: string, version: string, kc: KubeConfig): Entry {
    const watch = new Watch(kc);
    const entry: Entry = {
      version,
      kinds: [],
      readers: 0,
      dropped: false,
      generation: 0,
    };
    const changed = () => {
      entry.generation++;
    };
    const client = KubernetesClient.create(kc);
    for (const source of WORKLOAD_SOURCES) {
      const informer = new ListWatch<KubernetesObject>(
        source.path,
        watch,
        () => {
          this.#lists++;
          return listSource(client, source);
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
          { clusterId: key, kind: source.kind, error: watched.error },
        );
      });
      entry.kinds.push(watched);
      this.#start(entry, watched);
    }
    this.#entries.set(key, entry);
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

  /** Closes the watches of a dropped cluster once nobody reads it. */
  #drop(entry: Entry) {
    entry.dropped = true;
    if (entry.readers > 0) return;
    for (const k of entry.kinds) {
      k.informer.stop().catch(() => undefined);
    }
  }
}
