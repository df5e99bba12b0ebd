import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
// the test runs the real backend plugin that publishes the events (a devDependency)
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import virtualClustersPlugin from '@virtual-clusters/plugin-virtual-clusters-backend';
import {
  createProvisionerModule,
  VirtualClusterProvisioner,
} from '@virtual-clusters/plugin-virtual-clusters-node';
import request from 'supertest';
import { catalogModuleVirtualClusters } from './module';

jest.setTimeout(60_000);

/** The target: a new cluster is in the catalog within 5 seconds. */
const TARGET_MS = 5_000;

/**
 * A provisioner whose calls succeed without a host, so the reconciler's first step
 * after a create (Pending → Provisioning) and its delete step (Deleting → Deleted)
 * happen as on a reachable host. The cluster-api provisioner on a host nobody
 * listens at fails the create and retries it in Pending, which publishes nothing.
 */
const instantProvisioner: VirtualClusterProvisioner = {
  id: 'instant',
  create: async () => {},
  update: async () => {},
  pause: async () => {},
  resume: async () => {},
  upgrade: async () => {},
  delete: async () => true,
  observe: async () => [],
  probe: async () => ({ ready: false, message: 'no virtual API server here' }),
};

async function startBackend() {
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleVirtualClusters,
      eventsPlugin,
      eventsServiceFactory,
      virtualClustersPlugin,
      createProvisionerModule({
        moduleId: 'instant-provisioner',
        provisioner: instantProvisioner,
      }),
      // no scheduled task runs: neither the provider's full refresh nor a
      // reconcile cycle, so only the lifecycle events can bring a change
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          // the event bus holds its long polls this long; the test backend's
          // shutdown waits for them (55 s by default)
          events: { notifyTimeoutMs: 1_000 },
          catalog: {
            rules: [{ allow: ['Component', 'API', 'Resource', 'Location'] }],
          },
          virtualClusters: {
            hostClusters: [
              {
                name: 'local',
                url: 'https://127.0.0.1:1',
                auth: { type: 'serviceAccountToken', serviceAccountToken: 'x' },
                provisioner: 'instant',
              },
            ],
          },
        },
      }),
    ],
  });
  const user = mockCredentials.user.header();
  return {
    virtualClusters: {
      create: (body: object) =>
        request(server)
          .post('/api/virtual-clusters/clusters')
          .set('Authorization', user)
          .send(body),
      delete: (id: string) =>
        request(server)
          .delete(`/api/virtual-clusters/clusters/${id}`)
          .set('Authorization', user),
    },
    catalogEntity: (name: string) =>
      request(server)
        .get(`/api/catalog/entities/by-name/resource/default/${name}`)
        .set('Authorization', user),
  };
}

/** Milliseconds from `since` until `check` is true, polling; throws after 20 s. */
async function msUntil(since: number, check: () => Promise<boolean>) {
  const deadline = since + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Not within 20 seconds');
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  return Date.now() - since;
}

describe('catalog at once', () => {
  it('has a created cluster in the catalog within seconds, and drops it when it is deleted', async () => {
    const { virtualClusters, catalogEntity } = await startBackend();
    expect((await catalogEntity('vc-shop')).status).toBe(404);

    const createdAt = Date.now();
    const created = await virtualClusters.create({
      name: 'shop',
      hostCluster: 'local',
      owner: 'group:default/team-a',
    });
    expect(created.status).toBe(201);
    const createDelay = await msUntil(
      createdAt,
      async () => (await catalogEntity('vc-shop')).status === 200,
    );
    // eslint-disable-next-line no-console
    console.log(`create to catalog entity: ${createDelay} ms`);
    expect(createDelay).toBeLessThan(TARGET_MS);
    const entity = (await catalogEntity('vc-shop')).body;
    expect(entity).toMatchObject({
      kind: 'Resource',
      metadata: {
        annotations: { 'virtual-clusters.dev/id': created.body.id },
        labels: { 'virtual-clusters.dev/phase': 'provisioning' },
      },
      spec: { type: 'virtual-cluster', owner: 'group:default/team-a' },
    });

    const deletedAt = Date.now();
    expect((await virtualClusters.delete(created.body.id)).status).toBe(202);
    const deleteDelay = await msUntil(
      deletedAt,
      async () => (await catalogEntity('vc-shop')).status === 404,
    );
    // eslint-disable-next-line no-console
    console.log(`delete to catalog entity gone: ${deleteDelay} ms`);
    expect(deleteDelay).toBeLessThan(TARGET_MS);
  });
});
