import { TestApiProvider } from '@backstage/test-utils';
import { act, renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { virtualClustersApiRef } from '../api';
import { testCluster } from '../__testUtils__/fixtures';
import { FOLLOW_RUNNING_MS, useCluster } from './data';

describe('useCluster', () => {
  afterEach(() => jest.useRealTimers());

  it('follows a Running cluster, its reloads asked as refreshes (not views that keep it awake)', async () => {
    jest.useFakeTimers();
    const getCluster = jest.fn(async () => testCluster({ phase: 'Running' }));
    const { result } = renderHook(() => useCluster('c1'), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <TestApiProvider apis={[[virtualClustersApiRef, { getCluster }]]}>
          {children}
        </TestApiProvider>
      ),
    });
    await waitFor(() => expect(result.current.value?.phase).toBe('Running'));
    expect(getCluster).toHaveBeenCalledTimes(1);
    expect(getCluster).toHaveBeenLastCalledWith('c1', { refresh: false });

    await act(async () => {
      jest.advanceTimersByTime(FOLLOW_RUNNING_MS);
    });
    await waitFor(() => expect(getCluster).toHaveBeenCalledTimes(2));
    expect(getCluster).toHaveBeenLastCalledWith('c1', { refresh: true });
  });
});
