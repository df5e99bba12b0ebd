import {
  StatusError,
  StatusOK,
  StatusPending,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ClusterGroupMember,
  ClusterGroupStatus,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { describeGroupLimits, failingChecks } from '../../helpers';

const round = (n: number) => Math.round(n * 10) / 10;

/** One resource of a member: placed against its capacity, and what is free. */
function Placement(props: {
  label: string;
  unit: string;
  placed: number;
  capacity?: number;
  free?: number;
}) {
  const { label, unit, placed, capacity, free } = props;
  return (
    <Typography variant="caption" component="div">
      {label}: {round(placed)}
      {unit} placed
      {capacity !== undefined
        ? ` of ${round(capacity)}${unit}, ${round(free ?? 0)}${unit} free`
        : ', capacity unknown'}
    </Typography>
  );
}

function MemberCapacity(props: { member: ClusterGroupMember }) {
  const { member } = props;
  return (
    <Box mb={1} minWidth={220}>
      <Typography variant="body2">
        {member.title} ({member.oversubscriptionPercent} % of allocatable)
      </Typography>
      <Placement
        label="CPU"
        unit=" cores"
        placed={member.placed.cpuCores}
        capacity={member.capacity?.cpuCores}
        free={member.free?.cpuCores}
      />
      <Placement
        label="Memory"
        unit=" GiB"
        placed={member.placed.memoryGiB}
        capacity={member.capacity?.memoryGiB}
        free={member.free?.memoryGiB}
      />
    </Box>
  );
}

function MemberReadiness(props: { member: ClusterGroupMember }) {
  const { member } = props;
  if (member.ready) return <StatusOK>{member.title}: ready</StatusOK>;
  if (member.checks.length === 0) {
    return <StatusPending>{member.title}: unchecked</StatusPending>;
  }
  return (
    <StatusError>
      {member.title}: {failingChecks(member.checks)}
    </StatusError>
  );
}

const columns: TableColumn<ClusterGroupStatus>[] = [
  {
    title: 'Name',
    field: 'title',
    highlight: true,
    render: row => (
      <>
        <Typography variant="body2">{row.title}</Typography>
        <Typography variant="caption" color="textSecondary" component="div">
          {row.name}
        </Typography>
        {row.description && (
          <Typography variant="caption">{row.description}</Typography>
        )}
      </>
    ),
  },
  {
    title: 'Hosts',
    render: row => (
      <>
        {row.hostClusters.map(member => (
          <Box key={member.name}>
            <MemberReadiness member={member} />
          </Box>
        ))}
      </>
    ),
  },
  {
    title: 'Placed / capacity',
    render: row => (
      <>
        {row.hostClusters.map(member => (
          <MemberCapacity key={member.name} member={member} />
        ))}
      </>
    ),
  },
  {
    title: 'Virtual clusters',
    render: row => (
      <>
        <Typography variant="body2">{describeGroupLimits(row)}</Typography>
        {row.hostClusters.map(member => (
          <Typography key={member.name} variant="caption" component="div">
            {member.title}: {member.virtualClusters}
            {member.maxVirtualClusters !== undefined
              ? ` of ${member.maxVirtualClusters}`
              : ''}
          </Typography>
        ))}
      </>
    ),
  },
];

/**
 * Cluster groups with each member's readiness, what the clusters placed on it ask for
 * against its capacity for placement (allocatable × oversubscription) and what is
 * free, and the group's clusters against its limits.
 */
export function ClusterGroupsTable(props: {
  clusterGroups: ClusterGroupStatus[];
}) {
  return (
    <Table<ClusterGroupStatus>
      title="Cluster groups"
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={props.clusterGroups}
    />
  );
}
