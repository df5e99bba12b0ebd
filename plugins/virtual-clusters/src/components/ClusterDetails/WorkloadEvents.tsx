import { StatusOK, StatusWarning } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { alpha, makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  WorkloadEvent,
  WorkloadObjectKind,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { formatDateTime, formatRelativeTime } from '../../helpers';
import { useWorkloadEvents } from '../../hooks';
import { Loaded } from '../Loaded';

const useStyles = makeStyles(theme => ({
  warning: {
    backgroundColor: alpha(theme.palette.warning.main, 0.12),
  },
  message: { whiteSpace: 'pre-wrap', wordBreak: 'break-word' },
}));

/** Newest first by when each was last seen (the backend sorts them so too). */
export function newestFirst(events: WorkloadEvent[]): WorkloadEvent[] {
  const at = (e: WorkloadEvent) => Date.parse(e.lastSeen) || 0;
  return [...events].sort((a, b) => at(b) - at(a));
}

/** The events of one object, newest first, warnings tinted and marked. */
export function WorkloadEventsList(props: {
  object: { kind: string; name: string };
  events: WorkloadEvent[];
}) {
  const classes = useStyles();
  const { object } = props;
  if (props.events.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No events of {object.kind} {object.name}. Kubernetes keeps events for
        about an hour.
      </Typography>
    );
  }
  return (
    <Table
      size="small"
      aria-label={`Events of ${object.kind} ${object.name}`}
      data-testid="workload-events"
    >
      <TableHead>
        <TableRow>
          <TableCell>Type</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Message</TableCell>
          <TableCell align="right">Count</TableCell>
          <TableCell>Last seen</TableCell>
          <TableCell>Source</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {newestFirst(props.events).map((e, i) => {
          const warning = e.type === 'Warning';
          const other =
            e.involvedObject.kind !== object.kind ||
            e.involvedObject.name !== object.name;
          return (
            <TableRow
              key={i}
              className={warning ? classes.warning : undefined}
              data-event-type={e.type}
            >
              <TableCell>
                {warning ? (
                  <StatusWarning>Warning</StatusWarning>
                ) : (
                  <StatusOK>{e.type}</StatusOK>
                )}
              </TableCell>
              <TableCell>{e.reason}</TableCell>
              <TableCell className={classes.message}>
                {other && (
                  <Typography variant="caption" display="block">
                    {e.involvedObject.kind} {e.involvedObject.name}
                  </Typography>
                )}
                {e.message}
              </TableCell>
              <TableCell align="right">{e.count}</TableCell>
              <TableCell title={formatDateTime(e.lastSeen)}>
                {formatRelativeTime(e.lastSeen)}
              </TableCell>
              <TableCell>{e.source ?? '—'}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/**
 * A workloads table row's detail: every event of the object (for a Deployment also
 * its ReplicaSets'), loaded when it opens and again with each refresh of the table
 * (`reloadKey`).
 */
export function WorkloadEvents(props: {
  clusterId: string;
  object: { namespace: string; kind: WorkloadObjectKind; name: string };
  reloadKey?: string;
}) {
  const events = useWorkloadEvents(
    props.clusterId,
    props.object,
    props.reloadKey,
  );
  return (
    <Box px={4} py={2}>
      <Typography variant="subtitle2" gutterBottom>
        Events of {props.object.kind} {props.object.name}
      </Typography>
      <Loaded state={events}>
        {value => <WorkloadEventsList object={props.object} events={value} />}
      </Loaded>
    </Box>
  );
}
