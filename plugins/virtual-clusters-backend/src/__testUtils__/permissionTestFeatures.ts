import { createBackendModule } from '@backstage/backend-plugin-api';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { OwnerManagesPolicy } from '../permissions/OwnerManagesPolicy';
import { authWithActorsFactory } from '@virtual-clusters/test-cluster';

/** A permission backend module that installs `policy`, for `startTestBackend`. */
export function policyModule(moduleId: string, policy: PermissionPolicy) {
  return createBackendModule({
    pluginId: 'permission',
    moduleId,
    register(env) {
      env.registerInit({
        deps: { extension: policyExtensionPoint },
        async init({ extension }) {
          extension.setPolicy(policy);
        },
      });
    },
  });
}

/**
 * The real permission backend with the owners-manage policy, and mock auth whose
 * on-behalf-of tokens keep their actor, for `startTestBackend`. The config needs
 * `permission.enabled: true`.
 */
export const permissionTestFeatures = [
  permissionPlugin,
  authWithActorsFactory,
  policyModule('owner-manages', new OwnerManagesPolicy()),
];
