/** The HTTP status of a client-node error, if it has one. */
export function statusOf(error: unknown): number | undefined {
  return (error as { code?: number }).code;
}

/**
 * A catch handler that swallows one HTTP status (resolving `undefined`) and rethrows
 * anything else, e.g. `.catch(ignoreStatus(404))` for "gone is fine".
 */
export const ignoreStatus =
  (code: number) =>
  (error: unknown): undefined => {
    if (statusOf(error) !== code) throw error;
    return undefined;
  };

/** The API server's message of a client-node error (its Status body), else the error's. */
export function apiErrorMessage(error: unknown): string {
  const body = (error as { body?: unknown }).body;
  if (body) {
    if (typeof body === 'string') {
      try {
        return JSON.parse(body).message ?? body;
      } catch {
        return body;
      }
    }
    return (body as { message?: string }).message ?? JSON.stringify(body);
  }
  return (error as Error).message ?? String(error);
}
