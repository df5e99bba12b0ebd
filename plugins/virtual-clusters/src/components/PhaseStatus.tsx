import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import MoonIcon from '@material-ui/icons/Brightness3';
import {
  VirtualClusterPhase,
  VirtualClusterSleepState,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { describeSleep, isSleeping } from '../helpers';

/** Shows a lifecycle phase with the status colour that fits it. */
function PhaseOnly(props: { phase: VirtualClusterPhase }) {
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

/**
 * Shows a lifecycle phase with the status colour that fits it. A cluster the backend
 * put to sleep (`sleep` set, Paused or Pausing) shows `Sleeping` with a moon, why and
 * since when in a tooltip, and with `showWhy` also below it: distinct from a pause a
 * user asked for, which shows `Paused`.
 */
export function PhaseStatus(props: {
  phase: VirtualClusterPhase;
  sleep?: VirtualClusterSleepState;
  showWhy?: boolean;
}) {
  const { phase, sleep } = props;
  if (!sleep || !isSleeping({ phase, sleep })) return <PhaseOnly {...props} />;
  const why = describeSleep(sleep);
  return (
    <>
      <Tooltip title={why}>
        <Box component="span" display="inline-flex" alignItems="center">
          <StatusAborted>Sleeping</StatusAborted>
          <MoonIcon
            fontSize="inherit"
            color="action"
            style={{ marginLeft: 4 }}
          />
        </Box>
      </Tooltip>
      {props.showWhy && (
        <Typography variant="caption" color="textSecondary" component="div">
          {why}
        </Typography>
      )}
    </>
  );
}
