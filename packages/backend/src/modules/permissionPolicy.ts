import { createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { OwnerManagesPolicy } from '@virtual-clusters/plugin-virtual-clusters-backend';

/**
 * The demo's permission policy: owners manage their virtual clusters, everybody else
 * may read them; all other permissions are allowed.
 */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'virtual-clusters-demo-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new OwnerManagesPolicy());
      },
    });
  },
});
