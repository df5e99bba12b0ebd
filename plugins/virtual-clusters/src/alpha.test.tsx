import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { Entity } from '@backstage/catalog-model';
import { screen } from '@testing-library/react';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import plugin, {
  entityVirtualClustersContent,
  sleepPolicyFormField,
  timeToLiveFormField,
  virtualClustersPage,
} from './alpha';
import { virtualClustersApiRef } from './api';
import { virtualClustersPlugin } from './plugin';
import { testHost } from './__testUtils__/fixtures';
import { testApi } from './__testUtils__/render';

const api = testApi({
  listClusters: async () => ({ items: [], totalItems: 0 }),
  listHostClusters: async () => [
    testHost({
      ready: true,
      checks: [{ name: 'api', ok: true, message: 'reachable' }],
    }),
  ],
});

describe('plugin exports', () => {
  it('provides the new frontend system plugin', () => {
    expect(plugin.pluginId).toBe('virtual-clusters');
  });

  it('renders the page extension with its host clusters', async () => {
    await renderTestApp({
      extensions: [virtualClustersPage],
      apis: [[virtualClustersApiRef, api]],
      initialRouteEntries: ['/virtual-clusters'],
    });
    expect(await screen.findByText('Local host cluster')).toBeInTheDocument();
    expect(screen.getByText('api: reachable')).toBeInTheDocument();
  });

  it('shows one cluster at its own address below the page', async () => {
    await renderTestApp({
      extensions: [virtualClustersPage],
      apis: [[virtualClustersApiRef, api]],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
      initialRouteEntries: ['/virtual-clusters/c1'],
    });
    expect(await screen.findByText('Backups')).toBeInTheDocument();
    expect(screen.getByText('https://127.0.0.2:443')).toBeInTheDocument();
  });

  it('offers the entity tab on components and virtual-cluster resources only', () => {
    const tester = createExtensionTester(entityVirtualClustersContent);
    // the filter function the catalog uses to decide where the tab shows
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    const entity = (kind: string, type?: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name: 'x' },
      spec: { type },
    });
    expect(filter(entity('Component', 'service'))).toBe(true);
    expect(filter(entity('Group'))).toBe(true);
    expect(filter(entity('Resource', 'virtual-cluster'))).toBe(true);
    expect(filter(entity('Resource', 'database'))).toBe(false);
    expect(filter(entity('API', 'openapi'))).toBe(false);
  });

  it('provides the template field VirtualClusterSleepPolicy', async () => {
    const load = createExtensionTester(sleepPolicyFormField).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    // the loaded field is opaque; its instance carries the options it was made with
    expect(await load()).toMatchObject({
      name: 'VirtualClusterSleepPolicy',
      component: expect.any(Function),
      validation: expect.any(Function),
    });
  });

  it('provides the template field VirtualClusterTimeToLive', async () => {
    const load = createExtensionTester(timeToLiveFormField).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    expect(await load()).toMatchObject({
      name: 'VirtualClusterTimeToLive',
      component: expect.any(Function),
      validation: expect.any(Function),
    });
  });

  it('provides the legacy plugin with its API', () => {
    expect(virtualClustersPlugin.getId()).toBe('virtual-clusters');
    expect(virtualClustersPlugin.getApis()).toHaveLength(1);
  });
});
