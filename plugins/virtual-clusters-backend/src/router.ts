import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { HostClusterService } from './services/HostClusterService';

/** Services the router delegates to; it only parses requests and shapes responses. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  hostClusters: HostClusterService;
}

/** Creates the HTTP API of the plugin. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, hostClusters } = options;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  router.get('/host-clusters', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json({ items: await hostClusters.list({ credentials }) });
  });

  return router;
}
