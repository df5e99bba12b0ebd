import {
  StatusError,
  StatusOK,
  StatusPending,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import {
  Workload,
  WorkloadsResponse,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import Typography from '@material-ui/core/Typography';

type Row = Workload & { id: string };

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

/**
 * Everything running inside a virtual cluster, grouped by namespace, errors
 * highlighted; `refreshSeconds` says how often the caller reloads it.
 */
export function WorkloadsTable(props: {
  workloads: WorkloadsResponse;
  refreshSeconds?: number;
}) {
  const { workloads } = props;
  const rows: Row[] = workloads.namespaces.flatMap(ns =>
    ns.workloads.map(w => ({ ...w, id: `${w.kind}/${w.namespace}/${w.name}` })),
  );
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
      <Table<Row>
        title={`Workloads (${workloads.summary.runningPods}/${workloads.summary.pods} pods running, ${workloads.summary.withErrors} with problems)`}
        subtitle={`As of ${new Date(workloads.fetchedAt).toLocaleTimeString()}${
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
        }}
        columns={columns}
        data={rows}
        emptyContent={
          <Typography style={{ padding: 16 }}>
            Nothing runs in this virtual cluster yet. Download a kubeconfig and
            deploy something.
          </Typography>
        }
      />
    </>
  );
}
