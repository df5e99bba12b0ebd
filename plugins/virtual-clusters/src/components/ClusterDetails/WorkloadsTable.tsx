import {
  StatusError,
  StatusOK,
  StatusPending,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import CodeIcon from '@material-ui/icons/Code';
import DeleteIcon from '@material-ui/icons/Delete';
import EventNoteIcon from '@material-ui/icons/EventNote';
import ReplayIcon from '@material-ui/icons/Replay';
import SubjectIcon from '@material-ui/icons/Subject';
import LinearProgress from '@material-ui/core/LinearProgress';
import {
  RestartableWorkloadKind,
  Workload,
  WorkloadsResponse,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import Typography from '@material-ui/core/Typography';
import { createContext, MouseEvent, useContext, useState } from 'react';
import { virtualClustersApiRef } from '../../api';
import { useClusterAction, useClusterPermissions } from '../../hooks';
import { ActionDialog } from './ActionDialog';
import { PodLogsDialog } from './PodLogsDialog';
import { WorkloadEvents } from './WorkloadEvents';
import { WorkloadYamlDialog } from './WorkloadYamlDialog';

type Row = Workload & { id: string };

/** What material-table keeps on each row it shows. */
type ShownRow = Row & { tableData?: { showDetailPanel?: unknown } };

const RESTARTABLE: ReadonlyArray<string> = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
];

const isRestartable = (
  w: Workload,
): w is Workload & { kind: RestartableWorkloadKind } =>
  RESTARTABLE.includes(w.kind);

function statusOf(w: Workload) {
  if (w.errors.length > 0) {
    return <StatusError>{w.status}</StatusError>;
  }
  if (/^(Running|Available|Ready|Bound|Complete)/.test(w.status)) {
    return <StatusOK>{w.status}</StatusOK>;
  }
  return <StatusPending>{w.status}</StatusPending>;
}

const columns: TableColumn<Row>[] = [
  { title: 'Namespace', field: 'namespace', defaultGroupOrder: 0 },
  { title: 'Kind', field: 'kind' },
  { title: 'Name', field: 'name', highlight: true },
  { title: 'Status', field: 'status', render: statusOf },
  { title: 'Ready', field: 'ready', emptyValue: '—' },
  { title: 'Restarts', field: 'restarts', type: 'numeric', emptyValue: '—' },
  { title: 'Images', render: w => w.images.join(', ') || '—' },
  {
    title: 'Problems',
    render: w =>
      w.errors.length === 0 ? (
        '—'
      ) : (
        <Typography variant="body2" color="error">
          {w.errors.map(e => e.message).join('; ')}
        </Typography>
      ),
  },
];

/** What a row's detail panel needs from the table, kept out of the panel's identity. */
const PanelContext = createContext<{ clusterId: string; fetchedAt?: string }>({
  clusterId: '',
});

/**
 * A row's detail panel: its events. One component for all rows, since material-table
 * renders the panel as a component type (a new function each render would mount it
 * anew and load its events again).
 */
function EventsPanel(props: { rowData: Row }) {
  const { clusterId, fetchedAt } = useContext(PanelContext);
  const { namespace, kind, name } = props.rowData;
  return (
    <WorkloadEvents
      clusterId={clusterId}
      object={{ namespace, kind, name }}
      reloadKey={fetchedAt}
    />
  );
}

/** The open dialog and its row (kept while the dialog closes, for its title). */
type Dialog = { kind?: 'logs' | 'yaml' | 'restart' | 'delete'; row?: Row };

/** A row's button that does not also open or close its events. */
/** A row's action: an icon named by `label` (its tooltip and accessible name). */
function RowButton(props: {
  label: string;
  icon: JSX.Element;
  disabled?: boolean;
  color?: 'default' | 'secondary';
  onClick?: () => void;
  'aria-expanded'?: boolean;
  'data-testid'?: string;
}) {
  const { label, icon, onClick, ...rest } = props;
  const button = (
    <IconButton
      size="small"
      aria-label={label}
      {...rest}
      color={props.color ?? 'default'}
      onClick={
        onClick &&
        ((e: MouseEvent) => {
          e.stopPropagation();
          onClick();
        })
      }
    >
      {icon}
    </IconButton>
  );
  // a disabled button gets no pointer events: its tooltip needs a wrapper
  return (
    <Tooltip title={label}>
      {props.disabled ? <span>{button}</span> : button}
    </Tooltip>
  );
}

/**
 * Everything running inside a virtual cluster, grouped by namespace, errors
 * highlighted; `refreshSeconds` says how often the caller reloads it. A row opens
 * (click it, or Events) to show the object's events. Each row offers its YAML, a
 * pod its logs to users with the logs permission, and users who may update the
 * cluster Restart (a Deployment, StatefulSet or DaemonSet) or Delete pod, after a
 * confirmation; `onChanged` reloads the table after them.
 */
export function WorkloadsTable(props: {
  clusterId: string;
  workloads: WorkloadsResponse;
  refreshSeconds?: number;
  onChanged?: () => void;
}) {
  const { workloads, clusterId } = props;
  const api = useApi(virtualClustersApiRef);
  const { canUpdate, canReadLogs } = useClusterPermissions(clusterId);
  const action = useClusterAction(props.onChanged);
  const busy = !!action.busy;
  const [dialog, setDialog] = useState<Dialog>({});
  const close = () => setDialog(d => ({ row: d.row }));

  const rows: Row[] = workloads.namespaces.flatMap(ns =>
    ns.workloads.map(w => ({ ...w, id: `${w.kind}/${w.namespace}/${w.name}` })),
  );

  const restart = (row: Row) => {
    close();
    if (!isRestartable(row)) return;
    const { namespace, kind, name } = row;
    action.run(
      `Restarting ${kind} ${name}`,
      () => api.restartWorkload(clusterId, { namespace, kind, name }),
      () => ({
        message: `Restarted ${kind} ${name}: its pods are being replaced`,
      }),
    );
  };

  const deletePod = (row: Row) => {
    close();
    const { namespace, name } = row;
    action.run(
      `Deleting pod ${name}`,
      () => api.deletePod(clusterId, { namespace, name }),
      () => ({ message: `Pod ${name} is being deleted` }),
    );
  };

  const actionsColumn: TableColumn<Row> = {
    title: 'Actions',
    sorting: false,
    render: (row: ShownRow) => (
      <Box display="flex" flexWrap="nowrap" style={{ gap: 4 }}>
        {/* the row's click opens and closes the events: this button only names it */}
        <RowButton
          label="Events"
          icon={<EventNoteIcon fontSize="small" />}
          aria-expanded={!!row.tableData?.showDetailPanel}
          data-testid={`workload-events-${row.id}`}
        />
        {row.kind === 'Pod' && canReadLogs && (
          <RowButton
            label="Logs"
            icon={<SubjectIcon fontSize="small" />}
            onClick={() => setDialog({ kind: 'logs', row })}
          />
        )}
        <RowButton
          label="YAML"
          icon={<CodeIcon fontSize="small" />}
          onClick={() => setDialog({ kind: 'yaml', row })}
        />
        {canUpdate && isRestartable(row) && (
          <RowButton
            label="Restart"
            icon={<ReplayIcon fontSize="small" />}
            disabled={busy}
            onClick={() => setDialog({ kind: 'restart', row })}
          />
        )}
        {canUpdate && row.kind === 'Pod' && (
          <RowButton
            label="Delete pod"
            icon={<DeleteIcon fontSize="small" />}
            color="secondary"
            disabled={busy}
            onClick={() => setDialog({ kind: 'delete', row })}
          />
        )}
      </Box>
    ),
  };

  const shown = dialog.row;
  return (
    <>
      {workloads.errors.length > 0 && (
        <WarningPanel
          title="Some kinds could not be read"
          message={workloads.errors
            .map(e => `${e.kind}: ${e.message}`)
            .join('\n')}
        />
      )}
      {action.busy && (
        <Box mb={1} role="status">
          <Typography variant="body2">{action.busy}</Typography>
          <LinearProgress />
        </Box>
      )}
      <PanelContext.Provider
        value={{ clusterId, fetchedAt: workloads.fetchedAt }}
      >
        <Table<Row>
          title={`Workloads (${workloads.summary.runningPods}/${workloads.summary.pods} pods running, ${workloads.summary.withErrors} with problems)`}
          subtitle={`As of ${new Date(
            workloads.fetchedAt,
          ).toLocaleTimeString()}${
            props.refreshSeconds
              ? `, refreshed every ${props.refreshSeconds} s`
              : ''
          }`}
          options={{
            paging: false,
            search: true,
            grouping: true,
            defaultExpanded: true,
            padding: 'dense',
            detailPanelType: 'multiple',
          }}
          columns={[...columns, actionsColumn]}
          data={rows}
          detailPanel={EventsPanel}
          onRowClick={(_event, _row, togglePanel) => togglePanel?.()}
          emptyContent={
            <Typography style={{ padding: 16 }}>
              Nothing runs in this virtual cluster yet. Download a kubeconfig
              and deploy something.
            </Typography>
          }
        />
      </PanelContext.Provider>

      <PodLogsDialog
        clusterId={clusterId}
        pod={shown}
        open={dialog.kind === 'logs'}
        onClose={close}
      />
      <WorkloadYamlDialog
        clusterId={clusterId}
        object={shown}
        open={dialog.kind === 'yaml'}
        onClose={close}
      />
      <ActionDialog
        open={dialog.kind === 'restart'}
        title={`Restart ${shown?.kind} ${shown?.name}?`}
        text={
          <>
            Its pods are replaced one by one, as{' '}
            <code>kubectl rollout restart</code> does: the pod template gets a
            new <code>restartedAt</code> annotation.
          </>
        }
        confirm="Restart"
        disabled={busy}
        onClose={close}
        onConfirm={() => shown && restart(shown)}
      />
      <ActionDialog
        open={dialog.kind === 'delete'}
        title={`Delete pod ${shown?.name}?`}
        text="The pod is stopped and removed. If a Deployment, StatefulSet, DaemonSet or Job owns it, that makes a new one; a pod of its own is gone."
        confirm="Delete pod"
        color="secondary"
        disabled={busy}
        onClose={close}
        onConfirm={() => shown && deletePod(shown)}
      />
    </>
  );
}
