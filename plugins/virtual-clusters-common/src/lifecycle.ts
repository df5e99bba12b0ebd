import { VirtualClusterPhase } from './types';

/*
 * The lifecycle of a virtual cluster as data: which phases the backend moves a cluster
 * out of by itself, which are final, and what each action does in each phase. The
 * backend's services and the frontend's buttons read these, so the rules live here only.
 */

/**
 * What a user (or the backend on a user's behalf) can do to a virtual cluster.
 * `pause`…`delete` change its phase; the others need it in a given phase.
 *
 * @public
 */
export type VirtualClusterAction =
  | 'pause'
  | 'resume'
  | 'upgrade'
  | 'resize'
  | 'profiles'
  | 'delete'
  | 'backup'
  | 'restore'
  | 'kubeconfig'
  | 'workloads';

/**
 * How a phase behaves: the backend's reconciler moves a cluster out of a
 * `transitional` one by itself (the UI polls it there), a `steady` one lasts until a
 * user acts, a `terminal` one is never left.
 *
 * @public
 */
export type PhaseKind = 'transitional' | 'steady' | 'terminal';

/**
 * Every phase in lifecycle order, with its kind: the one list of phases (the type
 * checks that none is missing).
 *
 * @public
 */
export const PHASE_KINDS = {
  Pending: 'transitional',
  Provisioning: 'transitional',
  Running: 'steady',
  Pausing: 'transitional',
  Paused: 'steady',
  Resuming: 'transitional',
  Upgrading: 'transitional',
  Failed: 'steady',
  Deleting: 'transitional',
  Deleted: 'terminal',
} as const satisfies Record<VirtualClusterPhase, PhaseKind>;

/** The phases of one kind of {@link PHASE_KINDS}. @public */
export type PhaseOfKind<K extends PhaseKind> = {
  [P in VirtualClusterPhase]: (typeof PHASE_KINDS)[P] extends K ? P : never;
}[VirtualClusterPhase];

/** A phase the backend moves a cluster out of by itself. @public */
export type TransitionalPhase = PhaseOfKind<'transitional'>;

/** All lifecycle phases, in lifecycle order. @public */
export const VIRTUAL_CLUSTER_PHASES = Object.keys(
  PHASE_KINDS,
) as readonly VirtualClusterPhase[];

function phasesOf<K extends PhaseKind>(kind: K): readonly PhaseOfKind<K>[] {
  return VIRTUAL_CLUSTER_PHASES.filter(
    (p): p is PhaseOfKind<K> => PHASE_KINDS[p] === kind,
  );
}

/**
 * Phases the backend's reconciler moves a cluster out of by itself; the UI polls a
 * cluster in one of them.
 *
 * @public
 */
export const TRANSITIONAL_PHASES: readonly VirtualClusterPhase[] =
  phasesOf('transitional');

/** Phases a cluster never leaves. @public */
export const TERMINAL_PHASES: readonly VirtualClusterPhase[] =
  phasesOf('terminal');

/** True for a phase the backend moves a cluster out of by itself. @public */
export function isTransitionalPhase(
  phase: VirtualClusterPhase,
): phase is TransitionalPhase {
  return PHASE_KINDS[phase] === 'transitional';
}

/**
 * What an action does in one phase: `to` the phase it moves the cluster to,
 * `unchanged` where it is already done (asking again is not an error), `allowed` for
 * an action that needs the phase but does not change it. A phase missing from an
 * action's row refuses it.
 *
 * @public
 */
export type LifecycleRule =
  | { to: VirtualClusterPhase }
  | 'unchanged'
  | 'allowed';

/**
 * The lifecycle table: action × phase → rule. Upgrades and quota changes go through
 * Upgrading; a deletion may start (or start over, after a Failed one) from any phase.
 *
 * @public
 */
export const LIFECYCLE: Readonly<
  Record<
    VirtualClusterAction,
    Readonly<Partial<Record<VirtualClusterPhase, LifecycleRule>>>
  >
> = {
  pause: {
    Running: { to: 'Pausing' },
    Pausing: 'unchanged',
    Paused: 'unchanged',
  },
  resume: {
    Paused: { to: 'Resuming' },
    Pausing: { to: 'Resuming' },
    Resuming: 'unchanged',
    Running: 'unchanged',
  },
  upgrade: { Running: { to: 'Upgrading' } },
  resize: { Running: { to: 'Upgrading' } },
  // attaching, detaching or moving a profile changes the values: vcluster restarts
  // and its deploy controller installs, upgrades or uninstalls
  profiles: { Running: { to: 'Upgrading' } },
  delete: {
    Pending: { to: 'Deleting' },
    Provisioning: { to: 'Deleting' },
    Running: { to: 'Deleting' },
    Pausing: { to: 'Deleting' },
    Paused: { to: 'Deleting' },
    Resuming: { to: 'Deleting' },
    Upgrading: { to: 'Deleting' },
    Failed: { to: 'Deleting' },
    Deleting: 'unchanged',
    Deleted: 'unchanged',
  },
  backup: { Running: 'allowed' },
  restore: { Running: 'allowed' },
  kubeconfig: { Running: 'allowed' },
  // the workloads inside stay readable while an upgrade rolls the control plane
  workloads: { Running: 'allowed', Upgrading: 'allowed' },
};

/** The parts of a cluster the lifecycle looks at. @public */
export type LifecycleSubject = {
  name: string;
  phase: VirtualClusterPhase;
  /** `deleted` once a deletion was asked for: nothing but deleting again is allowed. */
  desiredState?: 'running' | 'paused' | 'deleted';
};

/**
 * What an action on a cluster comes to: done with a phase change (`to`), nothing to do
 * (`unchanged`), allowed without a change, or refused with a message for the user.
 *
 * @public
 */
export type LifecycleDecision =
  | { outcome: 'to'; to: VirtualClusterPhase }
  | { outcome: 'unchanged' }
  | { outcome: 'allowed' }
  | { outcome: 'refused'; message: string };

/** Words for an action in a refusal: what it is, as a noun phrase and done to a cluster. */
const WORDING: Record<VirtualClusterAction, { doing: string; done: string }> = {
  pause: { doing: 'pausing', done: 'paused' },
  resume: { doing: 'resuming', done: 'resumed' },
  upgrade: { doing: 'upgrading', done: 'upgraded' },
  resize: { doing: 'resizing', done: 'resized' },
  profiles: {
    doing: 'changing the profiles of',
    done: 'given other profiles',
  },
  delete: { doing: 'deleting', done: 'deleted' },
  backup: { doing: 'a backup', done: 'backed up' },
  restore: { doing: 'a restore', done: 'restored into' },
  kubeconfig: { doing: 'a kubeconfig', done: 'given kubeconfigs' },
  workloads: { doing: 'reading workloads', done: 'read' },
};

function refusal(
  subject: LifecycleSubject,
  action: VirtualClusterAction,
): string {
  const { name, phase } = subject;
  const { doing, done } = WORDING[action];
  switch (action) {
    case 'resume':
      return `Only a Paused cluster can be resumed; ${name} is ${phase}`;
    case 'backup':
    case 'restore':
      return `${name} is ${phase}: ${doing} needs a Running cluster`;
    case 'kubeconfig':
      return `${name} is ${phase}; kubeconfigs are handed out for Running clusters`;
    case 'workloads':
      return `${name} is ${phase}: workloads can be read while it runs`;
    case 'upgrade':
    case 'resize':
    case 'profiles':
      // a paused cluster's owner is told what to do first
      if (phase === 'Paused' || phase === 'Pausing') {
        return `Resume ${name} before ${doing} it`;
      }
      return `Only a Running cluster can be ${done}; ${name} is ${phase}`;
    default:
      return `Only a Running cluster can be ${done}; ${name} is ${phase}`;
  }
}

/**
 * Looks an action up in {@link LIFECYCLE} for a cluster. A cluster whose deletion was
 * asked for refuses everything but another delete.
 *
 * @public
 */
export function decideAction(
  subject: LifecycleSubject,
  action: VirtualClusterAction,
): LifecycleDecision {
  if (subject.desiredState === 'deleted' && action !== 'delete') {
    return { outcome: 'refused', message: `${subject.name} is being deleted` };
  }
  const rule = LIFECYCLE[action][subject.phase];
  if (!rule) return { outcome: 'refused', message: refusal(subject, action) };
  if (rule === 'unchanged' || rule === 'allowed') return { outcome: rule };
  return { outcome: 'to', to: rule.to };
}

/**
 * True where the action would do something for this cluster now (a phase change or an
 * allowed read): what a UI offers as a button.
 *
 * @public
 */
export function canDo(
  subject: LifecycleSubject,
  action: VirtualClusterAction,
): boolean {
  const { outcome } = decideAction(subject, action);
  return outcome === 'to' || outcome === 'allowed';
}
