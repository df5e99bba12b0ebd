import { ApiException } from '@kubernetes/client-node';

/**
 * An API server answer outside 2xx to a request of {@link KubernetesClient}: an
 * `ApiException` as the generated clients of @kubernetes/client-node throw, with the
 * status in `code` and the parsed answer in `body`, and a short message.
 */
export class KubernetesRequestError extends ApiException<unknown> {
  constructor(code: number, body: unknown, path: string) {
    super(code, path, body, {});
    const message = (body as { message?: string } | undefined)?.message;
    this.message = `${code} from ${path}${message ? `: ${message}` : ''}`;
    this.name = 'KubernetesRequestError';
  }
}

/** HTTP status of an error thrown by @kubernetes/client-node, if any. */
export function statusOf(error: unknown): number | undefined {
  const e = error as { code?: number; statusCode?: number; body?: unknown };
  if (typeof e?.code === 'number') return e.code;
  if (typeof e?.statusCode === 'number') return e.statusCode;
  return undefined;
}

/** True when the API answered 404. */
export function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}

/**
 * True for errors retrying cannot fix: the host refused the request itself
 * (forbidden, invalid). Network errors and 5xx are retryable.
 */
export function isPermanent(error: unknown): boolean {
  const status = statusOf(error);
  return status === 400 || status === 403 || status === 422;
}

/** A short, secret-free description of a Kubernetes API error. */
export function describeKubernetesError(error: unknown): string {
  const e = error as { code?: number; body?: unknown; message?: string };
  let message = e?.message ?? String(error);
  const body = typeof e?.body === 'string' ? safeJson(e.body) : e?.body;
  const bodyMessage = (body as { message?: string } | undefined)?.message;
  if (bodyMessage) message = bodyMessage;
  const status = statusOf(error);
  return status ? `${status}: ${message}` : message;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
