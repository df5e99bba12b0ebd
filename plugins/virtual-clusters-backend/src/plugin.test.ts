import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { virtualClustersPlugin } from './plugin';

const hostClusters = [
  {
    name: 'local',
    title: 'Local host cluster',
    url: 'https://127.0.0.1:16443',
    auth: { type: 'serviceAccountToken', serviceAccountToken: 'not-shown' },
    cost: { currency: 'EUR', cpuCoreHour: 0.03 },
  },
];

describe('virtualClustersPlugin', () => {
  it('lists the configured host clusters without secrets', async () => {
    const { server } = await startTestBackend({
      features: [
        virtualClustersPlugin,
        mockServices.rootConfig.factory({
          data: { virtualClusters: { hostClusters } },
        }),
      ],
    });
    const response = await request(server).get(
      '/api/virtual-clusters/host-clusters',
    );
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      expect.objectContaining({
        name: 'local',
        title: 'Local host cluster',
        exposure: { type: 'LoadBalancer' },
        defaults: expect.objectContaining({ distro: 'k3s' }),
        cost: { currency: 'EUR' },
      }),
    ]);
    expect(JSON.stringify(response.body)).not.toContain('not-shown');
  });

  it('refuses to start with a config error that names the key', async () => {
    await expect(
      startTestBackend({
        features: [
          virtualClustersPlugin,
          mockServices.rootConfig.factory({
            data: {
              virtualClusters: {
                hostClusters: [{ ...hostClusters[0], name: 'Not Valid' }],
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow('virtualClusters.hostClusters[0].name');
  });

  it('runs the reconciler, the cost sampler, pending restores, sleep and expiry as five tasks', async () => {
    const scheduler = mockServices.scheduler.mock();
    await startTestBackend({
      features: [
        virtualClustersPlugin,
        scheduler.factory,
        mockServices.rootConfig.factory({
          data: { virtualClusters: { hostClusters } },
        }),
      ],
    });
    const tasks = scheduler.scheduleTask.mock.calls.map(([task]) => task);
    expect(tasks.map(t => t.id).sort()).toEqual([
      'virtual-clusters-cost-sampling',
      'virtual-clusters-expiry',
      'virtual-clusters-pending-restores',
      'virtual-clusters-reconcile',
      'virtual-clusters-sleep',
    ]);
    // each with the default schedule and its own timeout
    for (const task of tasks) {
      expect(task).toMatchObject({
        scope: 'global',
        frequency: { seconds: 10 },
        timeout: { minutes: 2 },
      });
    }
  });
});
