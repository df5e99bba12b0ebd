import { AlertMessage, alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useCallback, useState } from 'react';

/** What a successful action tells the user; `severity` defaults to success. */
export type ActionOutcome = Pick<AlertMessage, 'message'> &
  Partial<Pick<AlertMessage, 'severity' | 'display'>>;

/**
 * What went wrong, for the user: the backend's own message for an error answer (a
 * `ResponseError`'s cause, e.g. `Resume shop-dev before changing the profiles of it`),
 * else the error's message.
 */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error) && error.cause.message)
    return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs actions on a cluster (pause, delete, backup, …) with the plugin's one policy
 * for their outcome: while one runs, `busy` says what it does; then its outcome goes
 * to the alert API, a success as `outcome` words it (by default its label, shown for
 * a moment) and an error with its message (the backend's, see {@link errorMessage}); `onSettled` runs after either, to reload
 * what the action may have changed.
 */
export function useClusterAction(onSettled?: () => void) {
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState<string | undefined>();
  const run = useCallback(
    async <T>(
      label: string,
      action: () => Promise<T>,
      outcome?: (result: T) => ActionOutcome,
    ) => {
      setBusy(label);
      try {
        const result = await action();
        const { severity = 'success', ...alert } = outcome
          ? outcome(result)
          : { message: label };
        alertApi.post({
          severity,
          display: severity === 'success' ? 'transient' : 'permanent',
          ...alert,
        });
      } catch (error) {
        alertApi.post({
          message: errorMessage(error),
          severity: 'error',
        });
      } finally {
        setBusy(undefined);
        onSettled?.();
      }
    },
    [alertApi, onSettled],
  );
  return { busy, run };
}
