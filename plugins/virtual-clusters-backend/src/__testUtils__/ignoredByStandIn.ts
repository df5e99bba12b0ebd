import { mockServices } from '@backstage/backend-test-utils';
import { KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import {
  LABEL_CLUSTER_ID,
  LABEL_MANAGED_BY,
  MANAGED_BY_VALUE,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import {
  createProvisionerModule,
  ProvisionTarget,
  VirtualClusterProvisioner,
} from '@virtual-clusters/plugin-virtual-clusters-node';
import {
  ClusterApiProvisioner,
  VCLUSTER_API_VERSION,
} from '../provisioner/ClusterApiProvisioner';

/** Provisioner id of {@link ignoredByStandInModule}. */
export const IGNORED_PROVISIONER = 'cluster-api-standin-ignored';

/**
 * The real {@link ClusterApiProvisioner}, except that before it applies a VCluster the
 * object is created with the local plane's `standin.virtual-clusters.dev/ignore`
 * annotation (as bench/reconcile-scale.ts does), so the stand-in starts no virtual
 * control plane for it: tests can create many VCluster objects without a real API
 * server (about 500 MiB) each. The plugin's own server-side apply then runs unchanged;
 * the annotation is owned by another field manager and stays. Such clusters stay
 * Provisioning until they are deleted.
 */
class IgnoredByStandInProvisioner implements VirtualClusterProvisioner {
  readonly id = IGNORED_PROVISIONER;
  readonly #inner: ClusterApiProvisioner;

  constructor(inner: ClusterApiProvisioner) {
    this.#inner = inner;
  }

  async create(target: ProvisionTarget) {
    const objects = KubernetesObjectApi.makeApiClient(target.host.kubeConfig);
    const labels = {
      [LABEL_MANAGED_BY]: MANAGED_BY_VALUE,
      [LABEL_CLUSTER_ID]: target.cluster.id,
    };
    const apply = (body: object) =>
      objects.patch(
        body as any,
        undefined,
        undefined,
        'reliability-test',
        true,
        PatchStrategy.ServerSideApply,
      );
    await apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: target.cluster.namespace, labels },
    });
    await apply({
      apiVersion: VCLUSTER_API_VERSION,
      kind: 'VCluster',
      metadata: {
        name: target.cluster.name,
        namespace: target.cluster.namespace,
        labels,
        annotations: { 'standin.virtual-clusters.dev/ignore': 'true' },
      },
    });
    await this.#inner.create(target);
  }
  update(target: ProvisionTarget) {
    return this.#inner.update(target);
  }
  pause(target: ProvisionTarget) {
    return this.#inner.pause(target);
  }
  resume(target: ProvisionTarget) {
    return this.#inner.resume(target);
  }
  upgrade(target: ProvisionTarget) {
    return this.#inner.upgrade(target);
  }
  delete(target: ProvisionTarget) {
    return this.#inner.delete(target);
  }
  observe(host: ProvisionTarget['host']) {
    return this.#inner.observe(host);
  }
  probe(target: ProvisionTarget) {
    return this.#inner.probe(target);
  }
}

/**
 * Installs {@link IgnoredByStandInProvisioner} as provisioner
 * `cluster-api-standin-ignored`; host clusters select it with `provisioner`.
 */
export const ignoredByStandInModule = createProvisionerModule({
  moduleId: 'standin-ignored-provisioner',
  provisioner: new IgnoredByStandInProvisioner(
    ClusterApiProvisioner.create({ logger: mockServices.logger.mock() }),
  ),
});
