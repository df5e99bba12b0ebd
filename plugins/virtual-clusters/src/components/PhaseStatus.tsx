import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { VirtualClusterPhase } from '@virtual-clusters/plugin-virtual-clusters-common';

/** Shows a lifecycle phase with the status colour that fits it. */
export function PhaseStatus(props: { phase: VirtualClusterPhase }) {
  const { phase } = props;
  switch (phase) {
    case 'Running':
      return <StatusOK>{phase}</StatusOK>;
    case 'Failed':
      return <StatusError>{phase}</StatusError>;
    case 'Paused':
      return <StatusAborted>{phase}</StatusAborted>;
    case 'Pending':
      return <StatusPending>{phase}</StatusPending>;
    case 'Deleting':
    case 'Deleted':
      return <StatusWarning>{phase}</StatusWarning>;
    default:
      return <StatusRunning>{phase}</StatusRunning>;
  }
}
