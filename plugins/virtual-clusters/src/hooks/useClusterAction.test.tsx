import { alertApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { TestApiProvider } from '@backstage/test-utils';
import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { testAlertApi } from '../__testUtils__/render';
import { useClusterAction } from './useClusterAction';

function setup() {
  const alertApi = testAlertApi();
  const settled = jest.fn();
  const posted = jest.spyOn(alertApi, 'post');
  const { result } = renderHook(() => useClusterAction(settled), {
    wrapper: ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[alertApiRef, alertApi]]}>
        {children}
      </TestApiProvider>
    ),
  });
  return { result, posted, settled };
}

describe('useClusterAction', () => {
  it('tells a success by its label, for a moment, and says what runs meanwhile', async () => {
    const { result, posted, settled } = setup();
    let finish: () => void = () => {};
    let done: Promise<void> = Promise.resolve();
    act(() => {
      done = result.current.run(
        'Pausing shop-dev',
        () => new Promise<void>(resolve => (finish = resolve)),
      );
    });
    expect(result.current.busy).toBe('Pausing shop-dev');
    await act(async () => {
      finish();
      await done;
    });
    expect(result.current.busy).toBeUndefined();
    expect(posted).toHaveBeenCalledWith({
      message: 'Pausing shop-dev',
      severity: 'success',
      display: 'transient',
    });
    expect(settled).toHaveBeenCalledTimes(1);
  });

  it('posts an error with its message, and reloads all the same', async () => {
    const { result, posted, settled } = setup();
    await act(() =>
      result.current.run('Deleting shop-dev', async () => {
        throw new Error('not allowed');
      }),
    );
    expect(posted).toHaveBeenCalledWith({
      message: 'not allowed',
      severity: 'error',
    });
    expect(settled).toHaveBeenCalledTimes(1);
  });

  it("posts the backend's own message of an error answer", async () => {
    const { result, posted } = setup();
    const answer = new Response(
      JSON.stringify({
        error: {
          name: 'ConflictError',
          message: 'Resume shop-dev before changing the profiles of it',
        },
        response: { statusCode: 409 },
      }),
      {
        status: 409,
        statusText: 'Conflict',
        headers: { 'content-type': 'application/json' },
      },
    );
    const error = await ResponseError.fromResponse(answer);
    await act(() =>
      result.current.run('Detaching Team base', async () => {
        throw error;
      }),
    );
    expect(posted).toHaveBeenCalledWith({
      message: 'Resume shop-dev before changing the profiles of it',
      severity: 'error',
    });
  });

  it('words the outcome from the result when asked to', async () => {
    const { result, posted } = setup();
    await act(() =>
      result.current.run(
        'Backing up shop-dev',
        async () => ({ failed: 1 }),
        r => ({ message: `${r.failed} failed`, severity: 'warning' }),
      ),
    );
    expect(posted).toHaveBeenCalledWith({
      message: '1 failed',
      severity: 'warning',
      display: 'permanent',
    });
  });
});
