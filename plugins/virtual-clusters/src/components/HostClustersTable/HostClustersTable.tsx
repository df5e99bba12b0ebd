import {
  StatusError,
  StatusOK,
  StatusPending,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { HostClusterStatus } from '@virtual-clusters/plugin-virtual-clusters-common';

const columns: TableColumn<HostClusterStatus>[] = [
  { title: 'Name', field: 'title', highlight: true },
  {
    title: 'Readiness',
    render: row => {
      if (row.checks.length === 0)
        return <StatusPending>Unchecked</StatusPending>;
      return row.ready ? (
        <StatusOK>Ready</StatusOK>
      ) : (
        <StatusError>
          {row.checks
            .filter(c => !c.ok)
            .map(c => c.message)
            .join('; ')}
        </StatusError>
      );
    },
  },
  { title: 'Exposure', render: row => row.exposure.type },
  { title: 'Default distro', render: row => row.defaults.distro },
  { title: 'API server', field: 'url' },
];

/** A table of host clusters with their readiness. @public */
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
