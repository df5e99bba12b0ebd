import { ConflictError } from '@backstage/errors';
import {
  decideAction,
  LifecycleSubject,
  VirtualClusterAction,
  VirtualClusterPhase,
} from '@virtual-clusters/plugin-virtual-clusters-common';

/** What an allowed action comes to: the phase it moves to, or already done. */
export type AllowedAction = {
  /** The phase the action moves the cluster to; none for a read or a no-op. */
  to?: VirtualClusterPhase;
  /** The action is already done or under way: asking again changes nothing. */
  unchanged: boolean;
};

/**
 * The lifecycle table's answer (`-common` LIFECYCLE) for an action on a cluster, a
 * refusal thrown as a 409 that says why: where the backend asks whether an action may
 * run now.
 */
export function requireAction(
  cluster: LifecycleSubject,
  action: VirtualClusterAction,
): AllowedAction {
  const decision = decideAction(cluster, action);
  switch (decision.outcome) {
    case 'refused':
      throw new ConflictError(decision.message);
    case 'to':
      return { to: decision.to, unchanged: false };
    case 'unchanged':
      return { unchanged: true };
    default:
      return { unchanged: false };
  }
}

/**
 * {@link requireAction} for an action that always changes the phase where it is
 * allowed (upgrade, resize): the phase it moves the cluster to.
 */
export function requireTransition(
  cluster: LifecycleSubject,
  action: VirtualClusterAction,
): VirtualClusterPhase {
  const { to } = requireAction(cluster, action);
  if (!to) {
    throw new Error(`The lifecycle table gives ${action} no next phase`);
  }
  return to;
}
