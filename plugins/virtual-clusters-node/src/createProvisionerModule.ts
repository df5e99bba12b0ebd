import { createBackendModule } from '@backstage/backend-plugin-api';
import { virtualClustersProvisionerExtensionPoint } from './extensions';
import { VirtualClusterProvisioner } from './provisioner';

/**
 * A backend module that installs one provisioner in the virtual-clusters plugin;
 * host clusters select it by its id (`provisioner` in `virtualClusters.hostClusters`).
 *
 * @example
 * ```ts
 * backend.add(
 *   createProvisionerModule({ moduleId: 'my-provisioner', provisioner: new MyProvisioner() }),
 * );
 * ```
 *
 * @public
 */
export function createProvisionerModule(options: {
  moduleId: string;
  provisioner: VirtualClusterProvisioner;
}) {
  return createBackendModule({
    pluginId: 'virtual-clusters',
    moduleId: options.moduleId,
    register(env) {
      env.registerInit({
        deps: { provisioners: virtualClustersProvisionerExtensionPoint },
        async init({ provisioners }) {
          provisioners.addProvisioner(options.provisioner);
        },
      });
    },
  });
}
