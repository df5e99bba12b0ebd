import { VirtualClusterPhase } from '@virtual-clusters/plugin-virtual-clusters-common';

/**
 * Topic on the Backstage events service where the virtual-clusters backend publishes
 * every phase change of a virtual cluster (its LifecycleNotifier).
 */
export const LIFECYCLE_TOPIC = 'virtual-clusters.lifecycle';

/** The parts of a lifecycle event this module acts on. */
export interface LifecycleEvent {
  /** The virtual cluster's id. */
  id: string;
  /** The virtual cluster's name (its entity is `vc-<name>`). */
  name: string;
  /** The phase the cluster left. */
  from?: VirtualClusterPhase;
  /** The phase the cluster entered. */
  to?: VirtualClusterPhase;
}

/** The event in an events-service payload, or undefined when it names no cluster. */
export function parseLifecycleEvent(
  payload: unknown,
): LifecycleEvent | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const { id, name, from, to } = payload as Record<string, unknown>;
  if (typeof id !== 'string' || !id) return undefined;
  if (typeof name !== 'string' || !name) return undefined;
  return {
    id,
    name,
    from: typeof from === 'string' ? (from as VirtualClusterPhase) : undefined,
    to: typeof to === 'string' ? (to as VirtualClusterPhase) : undefined,
  };
}
