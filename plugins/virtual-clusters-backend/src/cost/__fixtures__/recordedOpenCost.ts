import { readFileSync } from 'node:fs';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** A request the recorded OpenCost received. */
export interface RecordedRequest {
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
}

/** How the server answers a request: status and JSON body (or raw text). */
export type Answer =
  | { status: number; body: unknown }
  | { status: number; text: string };

const FIXTURES = resolvePackagePath(
  '@virtual-clusters/plugin-virtual-clusters-backend',
  'src/cost/__fixtures__/opencost',
);

/** Reads a hand-recorded OpenCost response from `__fixtures__/opencost`. */
export function openCostFixture(file: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));
}

const NAMESPACE_FILTER = 'namespace:"vc-shop"';
const MONTH = '2026-11-01T00:00:00Z,2026-11-03T12:00:00Z';

/** The recorded queries of the fixture README and the file answering each. */
const RECORDED: Array<{ query: Record<string, string>; file: string }> = [
  {
    query: {
      window: MONTH,
      aggregate: 'namespace',
      filter: NAMESPACE_FILTER,
      step: '1d',
      accumulate: 'false',
    },
    file: 'allocation-namespace-month-by-day.json',
  },
  {
    query: {
      window: MONTH,
      aggregate: 'pod',
      filter: NAMESPACE_FILTER,
      accumulate: 'true',
    },
    file: 'allocation-pod-month.json',
  },
  {
    query: {
      window: '2026-11-03T11:00:00Z,2026-11-03T12:00:00Z',
      aggregate: 'namespace',
      filter: NAMESPACE_FILTER,
      accumulate: 'true',
    },
    file: 'allocation-namespace-last-hour.json',
  },
];

function sameQuery(a: Record<string, string>, b: Record<string, string>) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every(k => a[k] === b[k]);
}

/**
 * A real HTTP server on a free loopback port that replays the hand-recorded OpenCost
 * responses for the exact queries they were recorded for, and answers 404 to anything
 * else. `answer` overrides it, e.g. to fail. Test code only: it stands in for OpenCost,
 * which cannot run here.
 */
export async function startRecordedOpenCost(
  options: {
    answer?: (request: RecordedRequest) => Answer | undefined;
    /** Wait this long before answering, e.g. to make the client time out. */
    delayMs?: number;
  } = {},
): Promise<{
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const request: RecordedRequest = {
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
    };
    requests.push(request);
    let answer = options.answer?.(request);
    if (!answer) {
      const recorded =
        request.path === '/allocation/compute'
          ? RECORDED.find(r => sameQuery(r.query, request.query))
          : undefined;
      answer = recorded
        ? { status: 200, body: openCostFixture(recorded.file) }
        : {
            status: 404,
            body: {
              code: 404,
              message: `no recorded response for ${req.url}`,
            },
          };
    }
    const reply = answer;
    setTimeout(() => {
      if (res.destroyed) return;
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end('text' in reply ? reply.text : JSON.stringify(reply.body));
    }, options.delayMs ?? 0);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(error => (error ? reject(error) : resolve()));
      }),
  };
}
