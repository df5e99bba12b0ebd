import { mockServices } from '@backstage/backend-test-utils';
import { HostClusterSettings } from '../config';
import { HostClusterRegistry } from '../hosts/HostClusterRegistry';
import { ClusterGroupAccess } from '../permissions/clusterGroupAccess';
import { ClusterAdmitter } from '../placement/ClusterAdmitter';
import { ProfileCatalog } from '../profiles/ProfileCatalog';
import { VirtualClusterService } from '../services/VirtualClusterService';
import { VirtualClusterStore } from '../store/VirtualClusterStore';

/**
 * A VirtualClusterService on `store` for tests of its own rules: permissions allow
 * all (no conditional decisions are asked for), nothing is placed (creating a cluster
 * in a group fails), audits and logs go to mocks.
 */
export function testClusterService(options: {
  store: VirtualClusterStore;
  hostClusters: HostClusterSettings[];
  profiles?: ProfileCatalog;
}): VirtualClusterService {
  const { store, profiles } = options;
  const hosts = HostClusterRegistry.create(options.hostClusters);
  return VirtualClusterService.create({
    store,
    hosts,
    admitter: ClusterAdmitter.create({
      hosts,
      groups: [],
      store,
      statusOf: () => Promise.reject(new Error('no placement here')),
      access: new ClusterGroupAccess(mockServices.permissions()),
      profiles,
    }),
    permissions: mockServices.permissions(),
    permissionsRegistry: mockServices.permissionsRegistry.mock({
      getPermissionRuleset: jest.fn().mockReturnValue({}),
    }),
    auditor: mockServices.auditor.mock(),
    logger: mockServices.logger.mock(),
    profiles,
  });
}
