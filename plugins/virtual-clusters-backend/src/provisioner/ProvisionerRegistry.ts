import { LoggerService } from '@backstage/backend-plugin-api';
import { VirtualClusterProvisioner } from '@virtual-clusters/plugin-virtual-clusters-node';
import { HostClusterSettings } from '../config/HostClusterSettings';
import { ClusterApiProvisioner } from './ClusterApiProvisioner';

/**
 * The installed provisioners by id: those modules add through the extension point,
 * and the built-in `cluster-api` one unless a module replaced it.
 */
export class ProvisionerRegistry {
  readonly #byId = new Map<string, VirtualClusterProvisioner>();

  /**
   * Installs a provisioner (the extension point's `addProvisioner`).
   *
   * @throws Error when one with the same id is installed
   */
  add(provisioner: VirtualClusterProvisioner): void {
    if (this.#byId.has(provisioner.id)) {
      throw new Error(`Provisioner '${provisioner.id}' is already installed`);
    }
    this.#byId.set(provisioner.id, provisioner);
  }

  /**
   * Adds the built-in provisioner where no module took its id, and checks that every
   * host cluster's provisioner is installed.
   *
   * @throws Error naming the host and the installed provisioners otherwise
   */
  complete(
    hostClusters: readonly HostClusterSettings[],
    logger: LoggerService,
  ): ReadonlyMap<string, VirtualClusterProvisioner> {
    if (!this.#byId.has('cluster-api')) {
      this.#byId.set('cluster-api', ClusterApiProvisioner.create({ logger }));
    }
    const installed = [...this.#byId.keys()].join(', ');
    for (const host of hostClusters) {
      if (!this.#byId.has(host.provisioner)) {
        throw new Error(
          `Invalid config at 'virtualClusters.hostClusters' (${host.name}): provisioner '${host.provisioner}' is not installed; installed: ${installed}`,
        );
      }
    }
    return this.#byId;
  }
}
