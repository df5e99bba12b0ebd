import { HttpAuthService } from '@backstage/backend-plugin-api';
import { VirtualClusterPhase } from '@virtual-clusters/plugin-virtual-clusters-common';
import express from 'express';
import { BackupServices } from './backups';
import { CostRates } from './config';
import { CostService } from './cost/CostService';
import { createOpenApiRouter } from './schema/openapi.generated';
import { ClusterGroupService } from './placement/ClusterGroupService';
import { HostClusterService } from './services/HostClusterService';
import { KubeconfigService } from './services/KubeconfigService';
import { toApi, VirtualClusterService } from './services/VirtualClusterService';
import { WorkloadsService } from './workloads/WorkloadsService';
import { ProfileService } from './profiles/ProfileService';
import { AccessGrantService } from './kubeconfig/AccessGrantService';
import { WorkloadObjectReader } from './workloads/inside/WorkloadObjectReader';
import { WorkloadOperations } from './workloads/inside/WorkloadOperations';
import { PodLogService } from './workloads/inside/PodLogService';

/** Largest request body; every request the API takes is far smaller. */
const MAX_BODY = '64kb';

/** Services the router delegates to; it only parses requests and shapes responses. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  hostClusters: HostClusterService;
  clusterGroups: ClusterGroupService;
  clusters: VirtualClusterService;
  kubeconfigs: KubeconfigService;
  workloads: WorkloadsService;
  /** One object's events and YAML. */
  workloadObjects: WorkloadObjectReader;
  /** Restarts and pod deletions. */
  workloadOperations: WorkloadOperations;
  podLogs: PodLogService;
  /** Who holds kubeconfigs, and revoking them. */
  access: AccessGrantService;
  profiles: ProfileService;
  costs: CostService;
  /** Cost rates of a host cluster. */
  ratesOf: (hostCluster: string) => CostRates;
  /** Backups, restores and clones; without them those routes are not served. */
  backups?: BackupServices;
}

/** Creates the HTTP API of the plugin, validated against src/schema/openapi.yaml. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, hostClusters, clusterGroups, clusters, kubeconfigs } =
    options;
  const router = await createOpenApiRouter();

  const allow: ['user', 'service'] = ['user', 'service'];

  router.get('/host-clusters', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow });
    const items = await hostClusters.list({ credentials });
    const totals = await options.costs.hostTotals(
      items.map(h => h.name),
      options.ratesOf,
    );
    res.json({
      items: items.map(h =>
        totals.has(h.name)
          ? { ...h, cost: { ...h.cost, ...totals.get(h.name) } }
          : h,
      ),
    });
  });

  router.get('/cluster-groups', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow });
    res.json({ items: await clusterGroups.list({ credentials }) });
  });

  router.get('/profiles', async (req, res) => {
    await httpAuth.credentials(req, { allow });
    res.json({ items: options.profiles.list() });
  });

  router.get('/clusters', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow });
    const q = req.query;
    // one `phase=` may arrive as a string (the validator does not coerce)
    const phase: VirtualClusterPhase[] | VirtualClusterPhase | undefined =
      q.phase;
    const page = await clusters.list(
      {
        owner: q.owner,
        entityRef: q.entityRef,
        hostCluster: q.hostCluster,
        phase:
          phase === undefined
            ? undefined
            : ([] as VirtualClusterPhase[]).concat(phase),
        limit: q.limit,
        cursor: q.cursor,
      },
      { credentials },
    );
    if (q.include === 'cost') {
      const costs = await options.costs.monthToDate(
        page.items,
        options.ratesOf,
      );
      page.items = page.items.map(c =>
        costs.has(c.id) ? { ...c, cost: costs.get(c.id) } : c,
      );
    }
    res.json(page);
  });

  router.post('/clusters', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow });
    const dryRun = String(req.query.dryRun) === 'true';
    const { cluster, created } = await clusters.create(req.body, {
      credentials,
      dryRun,
    });
    res.status(created ? 201 : 200).json(cluster);
  });

  router.get('/clusters/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow });
    const read = String(req.query.refresh) === 'true' ? 'get' : 'view';
    res.json(toApi(await clusters[read](req.params.id, { credentials })));
  });

  router.patch('/clusters/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow });
    res.json(
      await clusters.update(req.params.id, req.body, {
        credentials,
      }),
    );
  });

  router.delete('/clusters/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow });
    res.status(202).json(await clusters.delete(req.params.id, { credentials }));
  });

  router.get('/clusters/:id/events', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow });
    res.json({ items: await clusters.events(req.params.id, { credentials }) });
  });

  router.get('/clusters/:id/workloads', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow });
    const record = await clusters.get(req.params.id, { credentials });
    res.json(await options.workloads.list(toApi(record)));
  });

  router.get(
    '/clusters/:id/workloads/:namespace/:kind/:name/events',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow });
      const { id, ...ref } = req.params;
      const record = await clusters.get(id, { credentials });
      res.json({
        items: await options.workloadObjects.events(toApi(record), ref),
      });
    },
  );

  router.get(
    '/clusters/:id/workloads/:namespace/:kind/:name/yaml',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow });
      const { id, ...ref } = req.params;
      const record = await clusters.get(id, { credentials });
      res
        .type('application/yaml')
        .send(await options.workloadObjects.yaml(toApi(record), ref));
    },
  );

  router.post(
    '/clusters/:id/workloads/:namespace/:kind/:name/restart',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow });
      const { id, ...ref } = req.params;
      res.json(
        await options.workloadOperations.restart(id, ref, {
          credentials,
          request: req,
        }),
      );
    },
  );

  router.delete(
    '/clusters/:id/workloads/:namespace/pods/:name',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow });
      const { id, ...pod } = req.params;
      res.status(202).json(
        await options.workloadOperations.deletePod(id, pod, {
          credentials,
          request: req,
        }),
      );
    },
  );

  router.get(
    '/clusters/:id/workloads/:namespace/pods/:name/logs',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow });
      const { id, ...pod } = req.params;
      // query values may arrive as strings (the validator does not coerce)
      const q = req.query;
      const flag = (v: unknown) =>
        v === undefined ? undefined : String(v) === 'true';
      const count = (v: unknown) => (v === undefined ? undefined : Number(v));
      const log = await options.podLogs.open(
        id,
        pod,
        {
          container: q.container,
          tailLines: count(q.tailLines),
          previous: flag(q.previous),
          timestamps: flag(q.timestamps),
          follow: flag(q.follow),
          followSeconds: count(q.followSeconds),
        },
        { credentials },
      );
      // the response's close: the client went (or the answer ended); a request's
      // close only says it was read
      res.on('close', log.stop);
      if (req.socket.destroyed) log.stop();
      res.status(200).type('text/plain; charset=utf-8');
      if (flag(q.download)) {
        const file = `${pod.name}${
          log.container ? `-${log.container}` : ''
        }.log`;
        res.setHeader('Content-Disposition', `attachment; filename="${file}"`);
      }
      if (flag(q.follow)) {
        // each piece at once: not held back by compression or a buffering proxy
        res.setHeader('Cache-Control', 'no-cache, no-transform');
        res.setHeader('X-Accel-Buffering', 'no');
        res.flushHeaders();
      }
      log.text.pipe(res);
    },
  );

  router.get('/clusters/:id/access', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow });
    res.json({
      items: await options.access.list(req.params.id, { credentials }),
    });
  });

  router.post('/clusters/:id/access/revoke', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow });
    res.json(
      await options.access.revoke(req.params.id, req.body.principal, {
        credentials,
        request: req,
      }),
    );
  });

  router.get('/clusters/:id/profiles', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow });
    const record = await clusters.get(req.params.id, { credentials });
    res.json(await options.profiles.ofCluster(toApi(record)));
  });

  router.get('/clusters/:id/cost', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow });
    const record = await clusters.get(req.params.id, { credentials });
    res.json(
      await options.costs.report(record, options.ratesOf(record.hostCluster)),
    );
  });

  router.get('/clusters/:id/kubeconfig', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow });
    const { yaml, fileName } = await kubeconfigs.download(req.params.id, {
      credentials,
      mode: req.query.mode ?? 'token',
      request: req,
    });
    res
      .status(200)
      .type('application/yaml')
      .setHeader('Content-Disposition', `attachment; filename="${fileName}"`)
      .send(yaml);
  });

  if (options.backups) {
    const { backups, restores, clones } = options.backups;
    router.get('/clusters/:id/backups', async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow });
      res.json({ items: await backups.list(req.params.id, { credentials }) });
    });

    router.post('/clusters/:id/backups', async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow });
      res
        .status(201)
        .json(
          await backups.create(req.params.id, { credentials, request: req }),
        );
    });

    router.get('/clusters/:id/backups/:backupId', async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow });
      res.json(
        await backups.get(req.params.id, req.params.backupId, { credentials }),
      );
    });

    router.post('/clusters/:id/clone', async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow });
      res.status(202).json(
        await clones.clone(req.params.id, req.body, {
          credentials,
          request: req,
        }),
      );
    });

    router.post('/clusters/:id/restore', async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow });
      res.json(
        await restores.restore(req.params.id, req.body, {
          credentials,
          request: req,
        }),
      );
    });
  }

  // The body limit is enforced in front of the generated router: it would turn the
  // parser's 413 into a 400, as it does with every error of its own middleware
  // (validatorErrorTransformer in @backstage/backend-openapi-utils 0.7); its own parser
  // then finds the body parsed.
  const api = express.Router();
  api.use(express.json({ limit: MAX_BODY }));
  api.use(router);
  return api;
}
