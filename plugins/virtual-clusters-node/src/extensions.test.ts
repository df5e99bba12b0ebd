import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  createProvisionerModule,
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
    const module = createProvisionerModule({
      moduleId: 'custom-provisioner',
      provisioner,
    });
    await startTestBackend({ features: [plugin, module] });
    expect(added.map(p => p.id)).toEqual(['custom']);
  });
});
