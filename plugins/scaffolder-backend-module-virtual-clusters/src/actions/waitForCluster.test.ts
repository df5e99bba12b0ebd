import { mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import {
  VirtualCluster,
  VirtualClustersApi,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { waitForCluster } from './waitForCluster';

async function responseError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        request: { method: 'GET', url: '/api/virtual-clusters/clusters/c1' },
        response: { statusCode: status },
      }),
      { status, headers: { 'content-type': 'application/json' } },
    ),
  );
}

const running = {
  id: 'c1',
  name: 'team-a',
  phase: 'Running',
  conditions: [],
} as unknown as VirtualCluster;

/** Answers the reads in turn: an error to throw or the cluster. */
function apiAnswering(answers: Array<Error | VirtualCluster>) {
  let reads = 0;
  return {
    reads: () => reads,
    api: {
      getCluster: async () => {
        const answer = answers[Math.min(reads++, answers.length - 1)];
        if (answer instanceof Error) throw answer;
        return answer;
      },
    } as unknown as VirtualClustersApi,
  };
}

const options = {
  id: 'c1',
  until: ['Running' as const],
  timeoutMs: 5_000,
  getToken: async () => 'token',
  pollMs: 5,
};

describe('waitForCluster', () => {
  it('tries again when the backend is unreachable or answers 5xx', async () => {
    const logger = mockServices.logger.mock();
    const { api, reads } = apiAnswering([
      new TypeError('fetch failed'),
      await responseError(503, 'restarting'),
      running,
    ]);
    await expect(waitForCluster({ ...options, api, logger })).resolves.toBe(
      running,
    );
    expect(reads()).toBe(3);
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('stops at a refusal: 403 and 404 are not worth another try', async () => {
    const { api, reads } = apiAnswering([
      await responseError(403, 'not allowed to read team-a'),
      running,
    ]);
    await expect(
      waitForCluster({ ...options, api, logger: mockServices.logger.mock() }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      cause: { message: 'not allowed to read team-a' },
    });
    expect(reads()).toBe(1);
  });

  it('gives up on transient errors once the timeout has passed', async () => {
    const { api } = apiAnswering([new TypeError('fetch failed')]);
    await expect(
      waitForCluster({
        ...options,
        timeoutMs: 30,
        api,
        logger: mockServices.logger.mock(),
      }),
    ).rejects.toThrow(/fetch failed/);
  });

  it('wakes a sleeping cluster once, then waits for it to run', async () => {
    const logger = mockServices.logger.mock();
    const asleep = {
      ...running,
      phase: 'Paused',
      sleep: {
        since: '2026-12-07T11:00:00Z',
        type: 'inactivitySleep',
        message: 'Idle since 2026-12-07T09:00:00Z',
      },
    } as unknown as VirtualCluster;
    const resuming = { ...running, phase: 'Resuming' } as VirtualCluster;
    const { api } = apiAnswering([asleep, asleep, resuming, running]);
    const updates: object[] = [];
    api.updateCluster = async (_id, body) => {
      updates.push(body);
      return resuming;
    };
    await expect(waitForCluster({ ...options, api, logger })).resolves.toBe(
      running,
    );
    expect(updates).toEqual([{ action: 'resume' }]);
    expect(logger.info).toHaveBeenCalledWith(
      'team-a is asleep (Idle since 2026-12-07T09:00:00Z); waking it',
    );
  });
});
