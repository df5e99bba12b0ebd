import { LoggerService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { toError } from '@backstage/errors';
import {
  canDo,
  VirtualClusterCost,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { toApi } from '../services/VirtualClusterService';
import { VirtualClusterRecord } from '../store/types';
import {
  clusterIdInput,
  clusterSummarySchema,
  toClusterSummary,
} from './clusterSchema';
import {
  MAX_PROBLEMS,
  Problem,
  problemSchema,
  problemsOfCluster,
  problemsOfWorkloads,
} from './problems';
import { VirtualClusterActionServices } from './types';

type Inside = {
  workloads?: {
    workloads: number;
    withErrors: number;
    pods: number;
    runningPods: number;
  };
  problems: Problem[];
};

/** The workloads' summary and errors of a running cluster; a failed read is a problem. */
async function readInside(
  record: VirtualClusterRecord,
  services: VirtualClusterActionServices,
  logger: LoggerService,
): Promise<Inside> {
  // where the lifecycle table lets `GET .../workloads` read them
  if (!canDo(record, 'workloads')) return { problems: [] };
  try {
    const response = await services.workloads.list(toApi(record));
    return {
      workloads: response.summary,
      problems: problemsOfWorkloads(response),
    };
  } catch (error) {
    const { message } = toError(error);
    logger.warn('Workloads of a virtual cluster could not be read', {
      clusterId: record.id,
      cluster: record.name,
      error: message,
    });
    return {
      problems: [
        {
          source: 'workloads',
          message: `Workloads could not be read: ${message}`,
        },
      ],
    };
  }
}

/** The cost report of a cluster; a failed read is a problem. */
async function readCost(
  record: VirtualClusterRecord,
  services: VirtualClusterActionServices,
  logger: LoggerService,
): Promise<{ cost?: VirtualClusterCost; problems: Problem[] }> {
  try {
    const rates = services.ratesOf(record.hostCluster);
    return { cost: await services.costs.report(record, rates), problems: [] };
  } catch (error) {
    const { message } = toError(error);
    logger.warn('Cost of a virtual cluster could not be read', {
      clusterId: record.id,
      cluster: record.name,
      error: message,
    });
    return {
      problems: [
        { source: 'cost', message: `Cost could not be read: ${message}` },
      ],
    };
  }
}

/**
 * `get-virtual-cluster`: one cluster with its phase, endpoint, cost of the month so
 * far and its problems: the phase's reason and message, conditions that are not
 * True, and, while it runs, the errors of the workloads inside.
 */
export function createGetClusterAction(
  actionsRegistry: ActionsRegistryService,
  services: VirtualClusterActionServices,
) {
  actionsRegistry.register({
    name: 'get-virtual-cluster',
    title: 'Get a virtual cluster',
    description: `Reads one virtual Kubernetes cluster (vcluster) by id: its lifecycle phase with reason and message, API endpoint, owner, host cluster, spec (distro, Kubernetes and chart version, exposure, quota, application profiles), its cost (month to date, hourly rate, projection for the month) and its problems.
Problems are what the portal knows to be wrong: a Failed phase or a step being retried, conditions that are not True, and, while the cluster runs, the errors found in its workloads (crash-looping containers, failing pods, image pull errors and the like) with a proposed fix. A cluster the caller may not see is not found. No kubeconfig or credential is returned; users download kubeconfigs from the portal.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z => z.object({ id: clusterIdInput(z) }),
      output: z =>
        z.object({
          cluster: clusterSummarySchema(z).extend({
            conditions: z.array(
              z.object({
                type: z.string(),
                status: z.enum(['True', 'False', 'Unknown']),
                reason: z.string().optional(),
                message: z.string().optional(),
                lastTransitionTime: z.string(),
              }),
            ),
          }),
          cost: z
            .object({
              currency: z.string(),
              source: z.enum(['rates', 'opencost']),
              monthToDate: z.number(),
              hourlyRate: z.number().describe('Cost per hour of what runs now'),
              projectedMonth: z
                .number()
                .describe(
                  'Month to date plus the current rate until month end',
                ),
              note: z
                .string()
                .optional()
                .describe('Why the figures are not from the configured source'),
            })
            .optional()
            .describe(
              'Left out when the cost could not be read (see problems)',
            ),
          workloads: z
            .object({
              workloads: z.number(),
              withErrors: z.number(),
              pods: z.number(),
              runningPods: z.number(),
            })
            .optional()
            .describe('Counts inside the cluster, while it runs'),
          problems: z.array(problemSchema(z)),
          moreProblems: z
            .number()
            .optional()
            .describe(`Problems beyond the first ${MAX_PROBLEMS}, not listed`),
        }),
    },
    action: async ({ input, credentials, logger }) => {
      const record = await services.clusters.get(input.id, { credentials });
      const [inside, cost] = await Promise.all([
        readInside(record, services, logger),
        readCost(record, services, logger),
      ]);
      const problems = [
        ...problemsOfCluster(record),
        ...inside.problems,
        ...cost.problems,
      ];
      const report = cost.cost;
      return {
        output: {
          cluster: {
            ...toClusterSummary(toApi(record)),
            conditions: record.conditions.map(c => ({
              type: c.type,
              status: c.status,
              reason: c.reason,
              message: c.message,
              lastTransitionTime: c.lastTransitionTime,
            })),
          },
          cost: report && {
            currency: report.currency,
            source: report.source,
            monthToDate: report.monthToDate,
            hourlyRate: report.hourlyRate,
            projectedMonth: report.projectedMonth,
            note: report.note,
          },
          workloads: inside.workloads,
          problems: problems.slice(0, MAX_PROBLEMS),
          moreProblems:
            problems.length > MAX_PROBLEMS
              ? problems.length - MAX_PROBLEMS
              : undefined,
        },
      };
    },
  });
}
