import { AlertApi, alertApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  VirtualCluster,
  VirtualClustersApi,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { ReactElement } from 'react';
import { Route, Routes } from 'react-router-dom';
import { SWRConfig } from 'swr';
import { virtualClustersApiRef } from '../api';
import { rootRouteRef } from '../routes';
import {
  testCluster,
  testCost,
  testEvents,
  testHost,
  testWorkloads,
} from './fixtures';

/**
 * A fake API at the api-ref level that answers everything the page and a cluster's
 * details ask for `cluster` (by default `testCluster`), no cluster groups among it;
 * `overrides` replace methods.
 * The real client is tested with msw in BackupsCard.test.tsx and against the backend
 * in the end-to-end test.
 */
export function testApi(
  overrides: Partial<VirtualClustersApi> = {},
  cluster: VirtualCluster = testCluster(),
): Partial<VirtualClustersApi> {
  return {
    listClusters: async () => ({ items: [cluster], totalItems: 1 }),
    listHostClusters: async () => [testHost()],
    listClusterGroups: async () => [],
    getCluster: async () => cluster,
    listEvents: async () => testEvents,
    listBackups: async () => [],
    getWorkloads: async () => testWorkloads,
    getWorkloadEvents: async () => [],
    listAccessGrants: async () => [],
    getCost: async () => testCost,
    listProfiles: async () => [],
    getClusterProfiles: async () => ({ profiles: [], removing: [] }),
    ...overrides,
  };
}

/** An alert API that keeps the messages posted to it. */
export function testAlertApi(): AlertApi & { messages: string[] } {
  const messages: string[] = [];
  return {
    messages,
    post: alert => {
      messages.push(alert.message);
    },
    alert$: () =>
      ({
        subscribe: () => ({ unsubscribe: () => {}, closed: false }),
      } as unknown as ReturnType<AlertApi['alert$']>),
  };
}

/**
 * Renders `ui` as the app does: in a test app with the plugin's page mounted at
 * `/virtual-clusters` and the catalog's entity pages (for owner links), with `api`
 * as the virtual-clusters API and `permission` (all allowed by default) with a
 * permission cache of its own (usePermission keeps answers in swr's global cache,
 * and an earlier test's DENY must not answer this one's). With `path` the element
 * is routed under it as an app routes a page (`/virtual-clusters/*`), starting at
 * `at`.
 */
export function renderWithApis(
  ui: ReactElement,
  options: {
    api: Partial<VirtualClustersApi> | VirtualClustersApi;
    permission?: ReturnType<typeof mockApis.permission>;
    alertApi?: AlertApi;
    path?: string;
    at?: string;
  },
) {
  const { path, at = '/' } = options;
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [virtualClustersApiRef, options.api],
        [permissionApiRef, options.permission ?? mockApis.permission()],
        ...(options.alertApi
          ? ([[alertApiRef, options.alertApi]] as const)
          : []),
      ]}
    >
      <SWRConfig value={{ provider: () => new Map() }}>
        {path ? (
          <Routes>
            <Route path={path} element={ui} />
          </Routes>
        ) : (
          ui
        )}
      </SWRConfig>
    </TestApiProvider>,
    {
      routeEntries: [at],
      mountedRoutes: {
        '/virtual-clusters': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}
