import { ServiceUnavailableError } from '@backstage/errors';
import { OpenCostSettings } from '../config';

/**
 * One allocation of OpenCost's Allocation API, with the fields this plugin reads.
 * OpenCost returns many more (efficiency, GPU, network, ...); they are ignored.
 */
export interface OpenCostAllocation {
  name: string;
  properties?: {
    cluster?: string;
    namespace?: string;
    pod?: string;
    controller?: string;
    controllerKind?: string;
    labels?: Record<string, string>;
  };
  window?: { start?: string; end?: string };
  start?: string;
  end?: string;
  minutes?: number;
  cpuCores?: number;
  ramBytes?: number;
  pvBytes?: number;
  cpuCost?: number;
  cpuCostAdjustment?: number;
  gpuCost?: number;
  ramCost?: number;
  ramCostAdjustment?: number;
  pvCost?: number;
  pvCostAdjustment?: number;
  networkCost?: number;
  loadBalancerCost?: number;
  loadBalancerCostAdjustment?: number;
  sharedCost?: number;
  externalCost?: number;
  totalCost?: number;
}

/** One allocation set: allocations by aggregate key, for one step of the window. */
export type OpenCostAllocationSet = Record<string, OpenCostAllocation>;

/** Parameters of `GET /allocation/compute`, as OpenCost documents them. */
export interface OpenCostAllocationQuery {
  /** e.g. `2026-11-01T00:00:00Z,2026-11-24T12:00:00Z`, `1h`, `month`. */
  window: string;
  /** e.g. `namespace` or `pod`. */
  aggregate: string;
  /** A filter in OpenCost's filter language, e.g. `namespace:"vc-shop"`. */
  filter?: string;
  /** Duration of one set, e.g. `1d`; the whole window when missing. */
  step?: string;
  /** Sum all sets into one. */
  accumulate?: boolean;
}

function reasonOf(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: unknown };
  if (e?.name === 'TimeoutError') return 'timed out';
  const cause = e?.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? e?.message ?? String(error);
}

/**
 * A small client of OpenCost's Allocation API (`/allocation/compute`). Every failure
 * (unreachable, timeout, an HTTP error, a body that is not the documented envelope
 * `{ code, data: [ {<key>: allocation} ] }`) becomes a ServiceUnavailableError whose
 * message says what went wrong; the caller decides what to fall back to.
 */
export class OpenCostClient {
  readonly #settings: OpenCostSettings;

  static create(options: { settings: OpenCostSettings }) {
    return new OpenCostClient(options.settings);
  }

  private constructor(settings: OpenCostSettings) {
    this.#settings = settings;
  }

  /** The base URL the client talks to. */
  get baseUrl(): string {
    return this.#settings.baseUrl;
  }

  /** Runs one allocation query; one set per step of the window. */
  async allocation(
    query: OpenCostAllocationQuery,
  ): Promise<OpenCostAllocationSet[]> {
    const url = new URL(`${this.#settings.baseUrl}/allocation/compute`);
    url.searchParams.set('window', query.window);
    url.searchParams.set('aggregate', query.aggregate);
    if (query.filter) url.searchParams.set('filter', query.filter);
    if (query.step) url.searchParams.set('step', query.step);
    if (query.accumulate !== undefined) {
      url.searchParams.set('accumulate', String(query.accumulate));
    }
    const where = `OpenCost at ${this.#settings.baseUrl}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.#settings.authorization) {
      headers.authorization = this.#settings.authorization;
    }
    let response: Response;
    try {
      response = await fetch(url, {
        headers,
        signal: AbortSignal.timeout(this.#settings.timeoutMs),
      });
    } catch (error) {
      throw new ServiceUnavailableError(
        `${where} could not be reached: ${reasonOf(error)}`,
      );
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      throw new ServiceUnavailableError(
        `${where} answered HTTP ${response.status}${
          text ? `: ${text.slice(0, 200)}` : ''
        }`,
      );
    }
    let body: { code?: number; message?: string; data?: unknown };
    try {
      body = JSON.parse(text);
    } catch {
      throw new ServiceUnavailableError(`${where} did not answer with JSON`);
    }
    if (body.code !== undefined && body.code !== 200) {
      throw new ServiceUnavailableError(
        `${where} answered code ${body.code}: ${body.message ?? 'no message'}`,
      );
    }
    if (!Array.isArray(body.data)) {
      throw new ServiceUnavailableError(
        `${where} answered without a list of allocation sets`,
      );
    }
    return body.data.map(set =>
      set && typeof set === 'object' ? (set as OpenCostAllocationSet) : {},
    );
  }
}
