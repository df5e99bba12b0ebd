import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { authWithActorsFactory } from '@virtual-clusters/test-cluster';
import { resolve } from 'node:path';
import {
  catalogModuleLocalPublish,
  scaffolderModuleLocalPublish,
} from '../modules/localPublish';

/** What a template test backend needs to know. */
export interface TemplateBackendOptions {
  /** Folder of the SQLite databases, one file per plugin; kept across restarts. */
  databaseDirectory: string;
  /** The local publish folder of `publish:local`. */
  publishDirectory: string;
  /** The local control plane's API server and admin kubeconfig. */
  hostCluster: { url: string; kubeconfigPath: string };
}

// test helper run from the repository, never bundled
// eslint-disable-next-line no-restricted-syntax
const EXAMPLES = resolve(__dirname, '../../../../examples/templates');

/**
 * Starts the parts of the demo backend that run a template: the real scaffolder and
 * catalog backends, the virtual-clusters plugin and its modules, `publish:local`, the
 * real permission backend with the demo's policy, the real scheduler, and SQLite
 * files that outlive the process. Only auth is the test kind (mock tokens that keep
 * their actor), so tests can act as users.
 */
export async function startTemplateBackend(options: TemplateBackendOptions) {
  return startTestBackend({
    features: [
      import('@backstage/plugin-scaffolder-backend'),
      import('@backstage/plugin-catalog-backend'),
      import(
        '@backstage/plugin-catalog-backend-module-scaffolder-entity-model'
      ),
      import('@backstage/plugin-permission-backend'),
      import('../modules/permissionPolicy'),
      import('@virtual-clusters/plugin-virtual-clusters-backend'),
      import(
        '@virtual-clusters/plugin-scaffolder-backend-module-virtual-clusters'
      ),
      import(
        '@virtual-clusters/plugin-catalog-backend-module-virtual-clusters'
      ),
      scaffolderModuleLocalPublish,
      catalogModuleLocalPublish,
      authWithActorsFactory,
      schedulerServiceFactory,
      databaseServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: {
              client: 'better-sqlite3',
              connection: { directory: options.databaseDirectory },
            },
          },
          permission: { enabled: true },
          catalog: {
            rules: [
              {
                allow: ['Component', 'Resource', 'Location', 'Template'],
              },
            ],
            locations: ['virtual-cluster', 'service-with-virtual-cluster'].map(
              name => ({
                type: 'file',
                target: resolve(EXAMPLES, name, 'template.yaml'),
              }),
            ),
            providers: {
              virtualClusters: {
                schedule: {
                  frequency: { seconds: 2 },
                  timeout: { seconds: 30 },
                },
              },
            },
          },
          scaffolder: {
            taskRecovery: { enabled: true, staleTimeout: { seconds: 3 } },
          },
          localPublish: { directory: options.publishDirectory },
          virtualClusters: {
            clusterGroups: [{ name: 'dev', hostClusters: ['local'] }],
            hostClusters: [
              {
                name: 'local',
                url: options.hostCluster.url,
                auth: {
                  type: 'kubeconfig',
                  kubeconfigPath: options.hostCluster.kubeconfigPath,
                },
              },
            ],
            reconcile: {
              // a backend killed mid-cycle holds the cycle's lock until the timeout
              schedule: {
                frequency: { seconds: 1 },
                timeout: { seconds: 10 },
              },
            },
          },
        },
      }),
    ],
  });
}
