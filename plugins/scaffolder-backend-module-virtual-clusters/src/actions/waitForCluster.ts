import { LoggerService } from '@backstage/backend-plugin-api';
import { isError, ResponseError } from '@backstage/errors';
import {
  VirtualCluster,
  VirtualClusterPhase,
  VirtualClustersApi,
} from '@virtual-clusters/plugin-virtual-clusters-common';

/** Time between two reads of the cluster. */
const POLL_MS = 3_000;
/** A progress line at least this often, even when nothing changed. */
const PROGRESS_MS = 10_000;

/** Options of {@link waitForCluster}. */
export interface WaitForClusterOptions {
  api: VirtualClustersApi;
  id: string;
  /** Phases that end the wait successfully. */
  until: VirtualClusterPhase[];
  timeoutMs: number;
  logger: LoggerService;
  getToken: () => Promise<string>;
  signal?: AbortSignal;
  pollMs?: number;
}

function describe(cluster: VirtualCluster): string {
  const conditions = cluster.conditions
    .map(c => `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}`)
    .join(', ');
  return `phase ${cluster.phase}${
    cluster.message ? `: ${cluster.message}` : ''
  }${conditions ? `; ${conditions}` : ''}`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('Cancelled'));
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('Cancelled'));
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Errors worth another try: 5xx, 429 and failures to reach the backend at all. */
function isTransient(error: unknown): boolean {
  if (isError(error) && error.name === 'ResponseError') {
    const status = (error as Partial<ResponseError>).statusCode ?? 0;
    return status >= 500 || status === 429;
  }
  return isError(error) && error.message !== 'Cancelled';
}

/**
 * Polls a virtual cluster until it reaches one of `until`, logging its phase and
 * conditions when they change and at least every 10 seconds. A sleeping cluster
 * waited for until Running is woken first. Retries errors that may
 * pass (5xx, 429, unreachable backend). Throws when it fails, is deleted, the timeout
 * passes, the signal aborts or a request is refused.
 */
export async function waitForCluster(
  options: WaitForClusterOptions,
): Promise<VirtualCluster> {
  const { api, id, until, timeoutMs, logger, signal } = options;
  const started = Date.now();
  let lastLine = '';
  let lastLogged = 0;
  let woken = false;
  for (;;) {
    let cluster: VirtualCluster;
    try {
      cluster = await api.getCluster(id, { token: await options.getToken() });
    } catch (error) {
      // a user's mistake (403, 404) ends the wait; a backend that restarts or a
      // network that blips does not
      if (!isTransient(error) || Date.now() - started > timeoutMs) throw error;
      logger.warn(`Reading the cluster failed, trying again: ${error}`);
      await sleep(options.pollMs ?? POLL_MS, signal);
      continue;
    }
    const elapsed = Math.round((Date.now() - started) / 1000);
    const line = describe(cluster);
    if (line !== lastLine || Date.now() - lastLogged >= PROGRESS_MS) {
      logger.info(`${cluster.name}: ${line} (${elapsed}s elapsed)`);
      lastLine = line;
      lastLogged = Date.now();
    }
    if (until.includes(cluster.phase)) return cluster;
    // asleep (the backend's pause for idleness or a schedule): waiting for it to run
    // means waking it, once, with the initiator's rights
    if (cluster.sleep && until.includes('Running') && !woken) {
      woken = true;
      logger.info(
        `${cluster.name} is asleep (${cluster.sleep.message}); waking it`,
      );
      await api.updateCluster(
        id,
        { action: 'resume' },
        { token: await options.getToken() },
      );
      continue;
    }
    if (cluster.phase === 'Failed' && !until.includes('Failed')) {
      throw new Error(
        `Virtual cluster ${cluster.name} failed: ${cluster.reason ?? ''} ${
          cluster.message ?? ''
        }`.trim(),
      );
    }
    if (cluster.phase === 'Deleted' && !until.includes('Deleted')) {
      throw new Error(`Virtual cluster ${cluster.name} was deleted`);
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `Timed out after ${elapsed}s waiting for ${
          cluster.name
        } to be ${until.join(' or ')}; last ${line}`,
      );
    }
    await sleep(options.pollMs ?? POLL_MS, signal);
  }
}
