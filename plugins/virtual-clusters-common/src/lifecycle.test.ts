import { VirtualClusterPhase } from './types';
import {
  canDo,
  decideAction,
  isTransitionalPhase,
  LifecycleDecision,
  VirtualClusterAction,
} from './lifecycle';

const to = (phase: VirtualClusterPhase): LifecycleDecision => ({
  outcome: 'to',
  to: phase,
});
const unchanged: LifecycleDecision = { outcome: 'unchanged' };
const allowed: LifecycleDecision = { outcome: 'allowed' };
const refused = (message: string): LifecycleDecision => ({
  outcome: 'refused',
  message,
});

describe('the lifecycle table', () => {
  // every phase × action pair the services and the UI rely on, written out
  it.each<[VirtualClusterPhase, VirtualClusterAction, LifecycleDecision]>([
    ['Running', 'pause', to('Pausing')],
    ['Pausing', 'pause', unchanged],
    ['Paused', 'pause', unchanged],
    [
      'Resuming',
      'pause',
      refused('Only a Running cluster can be paused; dev is Resuming'),
    ],
    [
      'Failed',
      'pause',
      refused('Only a Running cluster can be paused; dev is Failed'),
    ],
    ['Paused', 'resume', to('Resuming')],
    ['Pausing', 'resume', to('Resuming')],
    ['Resuming', 'resume', unchanged],
    ['Running', 'resume', unchanged],
    [
      'Provisioning',
      'resume',
      refused('Only a Paused cluster can be resumed; dev is Provisioning'),
    ],
    ['Running', 'upgrade', to('Upgrading')],
    ['Paused', 'upgrade', refused('Resume dev before upgrading it')],
    ['Pausing', 'upgrade', refused('Resume dev before upgrading it')],
    [
      'Upgrading',
      'upgrade',
      refused('Only a Running cluster can be upgraded; dev is Upgrading'),
    ],
    ['Running', 'resize', to('Upgrading')],
    ['Paused', 'resize', refused('Resume dev before resizing it')],
    [
      'Pending',
      'resize',
      refused('Only a Running cluster can be resized; dev is Pending'),
    ],
    ['Running', 'profiles', to('Upgrading')],
    [
      'Paused',
      'profiles',
      refused('Resume dev before changing the profiles of it'),
    ],
    [
      'Provisioning',
      'profiles',
      refused(
        'Only a Running cluster can be given other profiles; dev is Provisioning',
      ),
    ],
    ['Pending', 'delete', to('Deleting')],
    ['Running', 'delete', to('Deleting')],
    ['Paused', 'delete', to('Deleting')],
    ['Failed', 'delete', to('Deleting')],
    ['Deleting', 'delete', unchanged],
    ['Deleted', 'delete', unchanged],
    ['Running', 'backup', allowed],
    [
      'Paused',
      'backup',
      refused('dev is Paused: a backup needs a Running cluster'),
    ],
    ['Running', 'restore', allowed],
    [
      'Upgrading',
      'restore',
      refused('dev is Upgrading: a restore needs a Running cluster'),
    ],
    ['Running', 'kubeconfig', allowed],
    [
      'Paused',
      'kubeconfig',
      refused('dev is Paused; kubeconfigs are handed out for Running clusters'),
    ],
    ['Running', 'workloads', allowed],
    ['Upgrading', 'workloads', allowed],
    [
      'Paused',
      'workloads',
      refused('dev is Paused: workloads can be read while it runs'),
    ],
  ])('%s, %s', (phase, action, expected) => {
    expect(decideAction({ name: 'dev', phase }, action)).toEqual(expected);
  });

  it('refuses everything but another delete once a deletion was asked for', () => {
    const failedDeletion = {
      name: 'dev',
      phase: 'Failed' as const,
      desiredState: 'deleted' as const,
    };
    expect(decideAction(failedDeletion, 'pause')).toEqual(
      refused('dev is being deleted'),
    );
    expect(decideAction(failedDeletion, 'backup')).toEqual(
      refused('dev is being deleted'),
    );
    // a deletion that failed is started over
    expect(decideAction(failedDeletion, 'delete')).toEqual(to('Deleting'));
  });

  it('offers as buttons only what changes something or is allowed', () => {
    expect(canDo({ name: 'dev', phase: 'Running' }, 'pause')).toBe(true);
    expect(canDo({ name: 'dev', phase: 'Paused' }, 'pause')).toBe(false);
    expect(canDo({ name: 'dev', phase: 'Deleting' }, 'delete')).toBe(false);
    expect(canDo({ name: 'dev', phase: 'Running' }, 'kubeconfig')).toBe(true);
  });

  it('knows the phases the backend leaves by itself', () => {
    expect(isTransitionalPhase('Pending')).toBe(true);
    expect(isTransitionalPhase('Deleting')).toBe(true);
    expect(isTransitionalPhase('Running')).toBe(false);
    expect(isTransitionalPhase('Failed')).toBe(false);
  });
});
