import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { VirtualClusterProvisioner } from './provisioner';

/**
 * Lets backend modules add provisioners to the virtual-clusters backend.
 *
 * @public
 */
export interface VirtualClustersProvisionerExtensionPoint {
  addProvisioner(provisioner: VirtualClusterProvisioner): void;
}

/**
 * Extension point for {@link VirtualClustersProvisionerExtensionPoint}.
 *
 * @public
 */
export const virtualClustersProvisionerExtensionPoint =
  createExtensionPoint<VirtualClustersProvisionerExtensionPoint>({
    id: 'virtual-clusters.provisioners',
  });
