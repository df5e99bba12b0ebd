import {
  ConflictError,
  CustomErrorBase,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
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

/** The message of a Kubernetes answer (its Status' `message`), without the status code. */
export function kubernetesMessage(error: unknown): string {
  return describeKubernetesError(error).replace(/^\d{3}: /, '');
}

/**
 * A Kubernetes error of a request made for a user as the typed error the API answers
 * with: 404 a NotFoundError (`notFound`), 400 and 422 an InputError, 403 a
 * NotAllowedError and 409 a ConflictError, each with Kubernetes' own message;
 * anything else (5xx, no answer) a ServiceUnavailableError saying what failed.
 * Errors of `@backstage/errors` pass unchanged.
 */
export function toApiError(
  error: unknown,
  options: { notFound: string; failed: string },
): Error {
  // already one of ours, e.g. a refusal decided before asking Kubernetes
  if (error instanceof CustomErrorBase) return error;
  const message = kubernetesMessage(error);
  switch (statusOf(error)) {
    case 404:
      return new NotFoundError(options.notFound);
    case 400:
    case 422:
      return new InputError(message);
    case 403:
      return new NotAllowedError(message);
    case 409:
      return new ConflictError(message);
    default:
      return new ServiceUnavailableError(
        `${options.failed}: ${describeKubernetesError(error)}`,
      );
  }
}
