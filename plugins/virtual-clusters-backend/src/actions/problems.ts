import { WorkloadsResponse } from '@virtual-clusters/plugin-virtual-clusters-common';
import { VirtualClusterRecord } from '../store/types';
import { Zod } from './types';

/** One thing wrong with a cluster, for an assistant to explain or act on. */
export type Problem = {
  /**
   * Where it was found: the cluster's `phase` (its reason and message), one of its
   * `condition`s, a `workload` inside it, the `workloads` as a whole (a kind that
   * could not be read), or its `cost`.
   */
  source: 'phase' | 'condition' | 'workload' | 'workloads' | 'cost';
  message: string;
  reason?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  /** Of a workload's error: higher is worse (the Kubernetes plugin's scale). */
  severity?: number;
  proposedFix?: string;
};

/** Most problems one answer lists; the rest are counted. */
export const MAX_PROBLEMS = 50;

/** {@link Problem} as a zod schema. */
export function problemSchema(z: Zod) {
  return z.object({
    source: z.enum(['phase', 'condition', 'workload', 'workloads', 'cost']),
    message: z.string(),
    reason: z.string().optional(),
    kind: z
      .string()
      .optional()
      .describe('Kind of the workload, or of the condition'),
    namespace: z
      .string()
      .optional()
      .describe('Namespace inside the virtual cluster'),
    name: z.string().optional(),
    severity: z.number().optional().describe('Higher is worse'),
    proposedFix: z.string().optional().describe('What usually fixes it'),
  });
}

/** Phases in which a condition that is not True means trouble. */
const STEADY_RUNNING = new Set(['Running', 'Failed']);

/**
 * What the cluster record itself says is wrong: a Failed phase or a step being
 * retried (its reason and message), and conditions that are not True while it runs.
 */
export function problemsOfCluster(record: VirtualClusterRecord): Problem[] {
  const problems: Problem[] = [];
  if (record.phase === 'Failed' || record.reason || record.attempts > 0) {
    problems.push({
      source: 'phase',
      reason: record.reason,
      message: record.message ?? `${record.name} is ${record.phase}`,
    });
  }
  if (STEADY_RUNNING.has(record.phase)) {
    for (const c of record.conditions) {
      if (c.status === 'True') continue;
      problems.push({
        source: 'condition',
        kind: c.type,
        reason: c.reason,
        message: c.message ?? `${c.type} is ${c.status}`,
      });
    }
  }
  return problems;
}

/** The errors the workloads view found inside a running cluster, worst first. */
export function problemsOfWorkloads(workloads: WorkloadsResponse): Problem[] {
  const found: Problem[] = workloads.namespaces.flatMap(ns =>
    ns.workloads.flatMap(w =>
      w.errors.map(e => ({
        source: 'workload' as const,
        kind: w.kind,
        namespace: ns.name,
        name: w.name,
        severity: e.severity,
        message: e.message,
        proposedFix: e.proposedFix,
      })),
    ),
  );
  found.sort((a, b) => (b.severity ?? 0) - (a.severity ?? 0));
  const unread: Problem[] = workloads.errors.map(e => ({
    source: 'workloads',
    kind: e.kind,
    message: `${e.kind} could not be read: ${e.message}`,
  }));
  return [...found, ...unread];
}
