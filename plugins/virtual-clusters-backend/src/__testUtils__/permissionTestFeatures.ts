import { createBackendModule } from '@backstage/backend-plugin-api';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { OwnerManagesPolicy } from '../permissions/OwnerManagesPolicy';
import { authWithActorsFactory } from '@virtual-clusters/test-cluster';

/** The demo's policy as a permission backend module. */
const ownerManagesPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'owner-manages',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new OwnerManagesPolicy());
      },
    });
  },
});

/**
 * The real permission backend with the owners-manage policy, and mock auth whose
 * on-behalf-of tokens keep their actor, for `startTestBackend`. The config needs
 * `permission.enabled: true`.
 */
export const permissionTestFeatures = [
  permissionPlugin,
  authWithActorsFactory,
  ownerManagesPolicyModule,
];
