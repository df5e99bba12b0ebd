import {
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  VirtualClusterProvisioner,
  virtualClustersProvisionerExtensionPoint,
} from '.';

describe('virtualClustersProvisionerExtensionPoint', () => {
  it('hands provisioners added by modules to the plugin', async () => {
    const added: VirtualClusterProvisioner[] = [];
    const plugin = createBackendPlugin({
      pluginId: 'virtual-clusters',
      register(env) {
        env.registerExtensionPoint(virtualClustersProvisionerExtensionPoint, {
          addProvisioner: p => added.push(p),
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });
    const provisioner = {
      id: 'custom',
    } as unknown as VirtualClusterProvisioner;
    const module = createBackendModule({
      pluginId: 'virtual-clusters',
      moduleId: 'custom-provisioner',
      register(env) {
        env.registerInit({
          deps: { provisioners: virtualClustersProvisionerExtensionPoint },
          async init({ provisioners }) {
            provisioners.addProvisioner(provisioner);
          },
        });
      },
    });
    await startTestBackend({ features: [plugin, module] });
    expect(added.map(p => p.id)).toEqual(['custom']);
  });
});
