import {
  StatusError,
  StatusOK,
  StatusPending,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import {
  HostClusterCapacity,
  HostClusterStatus,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { formatMoney } from '../../helpers/format';
import { describeSleepSavings } from '../../helpers/savings';

const round = (n: number) => Math.round(n * 10) / 10;

/** One resource of a host: requested by its virtual clusters against allocatable. */
function Usage(props: {
  label: string;
  requested: number;
  allocatable: number;
  unit?: string;
}) {
  const { label, requested, allocatable, unit = '' } = props;
  const percent =
    allocatable > 0 ? Math.min(100, (requested / allocatable) * 100) : 0;
  return (
    <Box mb={0.5} minWidth={160}>
      <Typography variant="caption">
        {label}: {round(requested)}
        {unit} of {round(allocatable)}
        {unit} ({Math.round(percent)}%)
      </Typography>
      <LinearProgress
        variant="determinate"
        value={percent}
        color={percent >= 90 ? 'secondary' : 'primary'}
        aria-label={`${label} requested`}
      />
    </Box>
  );
}

function Capacity(props: { capacity?: HostClusterCapacity }) {
  const { capacity } = props;
  if (!capacity) return <StatusPending>not measured</StatusPending>;
  return (
    <>
      <Usage
        label="CPU"
        requested={capacity.requested.cpuCores}
        allocatable={capacity.allocatable.cpuCores}
        unit=" cores"
      />
      <Usage
        label="Memory"
        requested={capacity.requested.memoryGiB}
        allocatable={capacity.allocatable.memoryGiB}
        unit=" GiB"
      />
      <Usage
        label="Pods"
        requested={capacity.requested.pods}
        allocatable={capacity.allocatable.pods}
      />
    </>
  );
}

/**
 * What the host's virtual clusters cost this month and what their sleep saved, added
 * up by the backend (none where the host's cost comes from OpenCost, or nothing was
 * sampled on it this month).
 */
function MonthCost(props: { cost: HostClusterStatus['cost'] }) {
  const { currency, monthToDate, sleptHours, savedBySleep } = props.cost;
  if (monthToDate === undefined) return <>—</>;
  return (
    <Box role="group" aria-label="Cost this month">
      <Typography variant="body2">
        {formatMoney(monthToDate, currency)}
      </Typography>
      {!!sleptHours && (
        <Typography variant="caption" color="textSecondary">
          {describeSleepSavings(
            { hours: sleptHours, saved: savedBySleep ?? 0 },
            currency,
          )}
        </Typography>
      )}
    </Box>
  );
}

const columns: TableColumn<HostClusterStatus>[] = [
  {
    title: 'Name',
    field: 'title',
    highlight: true,
    render: row => (
      <>
        <Typography variant="body2">{row.title}</Typography>
        <Typography variant="caption" color="textSecondary">
          {row.name} · {row.url}
        </Typography>
      </>
    ),
  },
  {
    title: 'Readiness',
    render: row => {
      if (row.checks.length === 0) {
        return <StatusPending>Unchecked</StatusPending>;
      }
      return (
        <>
          {row.checks.map(check => (
            <Box key={check.name}>
              {check.ok ? (
                <StatusOK>
                  {check.name}: {check.message}
                </StatusOK>
              ) : (
                <StatusError>
                  {check.name}: {check.message}
                </StatusError>
              )}
            </Box>
          ))}
        </>
      );
    },
  },
  {
    title: 'Virtual clusters',
    render: row =>
      row.capacity
        ? `${row.capacity.virtualClusters}${
            row.capacity.maxVirtualClusters !== undefined
              ? ` of ${row.capacity.maxVirtualClusters}`
              : ''
          }`
        : '—',
  },
  {
    title: 'Requested / allocatable',
    render: row => <Capacity capacity={row.capacity} />,
  },
  {
    title: 'This month',
    render: row => <MonthCost cost={row.cost} />,
  },
  {
    title: 'Offers',
    render: row =>
      row.distros
        .map(
          d =>
            `${d} ${row.kubernetesVersions[d].join(', ')}${
              d === row.defaults.distro ? ' (default)' : ''
            }`,
        )
        .join(' · '),
  },
  { title: 'Exposure', render: row => row.exposure.type },
];

/**
 * Host clusters with their readiness checks, what their virtual clusters request
 * against what they can allocate, how many virtual clusters each runs, and what they
 * cost this month with what sleep saved.
 *
 * @public
 */
export function HostClustersTable(props: {
  hostClusters: HostClusterStatus[];
  isLoading?: boolean;
}) {
  return (
    <Table<HostClusterStatus>
      title="Host clusters"
      options={{ paging: false, search: false, padding: 'dense' }}
      isLoading={props.isLoading}
      columns={columns}
      data={props.hostClusters}
    />
  );
}
