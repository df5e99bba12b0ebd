import { Link, Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { clusterVersion, formatMoney } from '../../helpers';
import { shownPhase } from '../../helpers/sleep';
import { formatHours } from '../../helpers/savings';
import { useClusterLink } from '../../hooks';
import { PhaseStatus } from '../PhaseStatus';

/** Props of {@link VirtualClustersTable}. @public */
export interface VirtualClustersTableProps {
  title?: string;
  clusters: VirtualCluster[];
  isLoading?: boolean;
  emptyContent?: JSX.Element;
  /**
   * Called when a row is clicked; without it a click opens the cluster on the
   * virtual clusters page (`/virtual-clusters/:id`), where its name links to.
   */
  onSelect?: (cluster: VirtualCluster) => void;
  /** The id of the cluster shown beside the table, highlighted. */
  selectedId?: string;
  /** Show filters by phase, host cluster and owner beside the table. */
  filters?: boolean;
}

/** A row: the cluster and the phase as users see it (`Sleeping` included), which the phase filter lists. */
type Row = VirtualCluster & { shownPhase: ReturnType<typeof shownPhase> };

/** The columns, the name a link to the cluster's page where the app has one. */
function columnsOf(
  link: ((cluster: VirtualCluster) => string) | undefined,
): TableColumn<Row>[] {
  return [
    {
      title: 'Name',
      field: 'name',
      highlight: true,
      render: row =>
        link ? (
          // the row's own click would open the same page again
          <Link to={link(row)} onClick={e => e.stopPropagation()}>
            {row.name}
          </Link>
        ) : (
          row.name
        ),
    },
    {
      title: 'Phase',
      field: 'shownPhase',
      render: row => <PhaseStatus phase={row.phase} sleep={row.sleep} />,
    },
    { title: 'Host cluster', field: 'hostCluster' },
    { title: 'Version', render: row => clusterVersion(row) },
    { title: 'Endpoint', render: row => row.endpoint ?? '—' },
    {
      title: 'Owner',
      field: 'owner',
      render: row => <EntityRefLink entityRef={row.owner} />,
    },
    {
      title: 'Created',
      field: 'createdAt',
      render: row => new Date(row.createdAt).toLocaleString(),
    },
  ];
}

/** Shown when the clusters come with their cost (lists asked with `include: 'cost'`). */
const costColumn: TableColumn<Row> = {
  title: 'Month to date',
  align: 'right',
  render: row =>
    row.cost ? formatMoney(row.cost.monthToDate, row.cost.currency) : '—',
  customSort: (a, b) =>
    (a.cost?.monthToDate ?? -1) - (b.cost?.monthToDate ?? -1),
};

/** What sleep saved this month, with the hours slept; `—` for a cluster that did not sleep. */
const savedColumn: TableColumn<Row> = {
  title: 'Saved by sleep',
  align: 'right',
  render: row =>
    row.cost?.savedBySleep !== undefined ? (
      <>
        {formatMoney(row.cost.savedBySleep, row.cost.currency)}
        <Typography variant="caption" color="textSecondary" display="block">
          slept {formatHours(row.cost.sleptHours ?? 0)}
        </Typography>
      </>
    ) : (
      '—'
    ),
  customSort: (a, b) =>
    (a.cost?.savedBySleep ?? -1) - (b.cost?.savedBySleep ?? -1),
};

/**
 * `$12.30 this month in all · $3.20 saved by sleep`, per currency, when the clusters
 * come with their cost.
 */
function totalCostOf(clusters: VirtualCluster[]): string | undefined {
  const totals = new Map<string, number>();
  const saved = new Map<string, number>();
  for (const c of clusters) {
    if (!c.cost) continue;
    const { currency, monthToDate, savedBySleep } = c.cost;
    totals.set(currency, (totals.get(currency) ?? 0) + monthToDate);
    if (savedBySleep !== undefined) {
      saved.set(currency, (saved.get(currency) ?? 0) + savedBySleep);
    }
  }
  if (totals.size === 0) return undefined;
  const sum = (amounts: Map<string, number>) =>
    [...amounts]
      .map(([currency, total]) => formatMoney(total, currency))
      .join(' + ');
  return `${sum(totals)} this month in all${
    saved.size > 0 ? ` · ${sum(saved)} saved by sleep` : ''
  }`;
}

/** A table of virtual clusters. @public */
export function VirtualClustersTable(props: VirtualClustersTableProps) {
  const theme = useTheme();
  const navigate = useNavigate();
  const link = useClusterLink();
  const columns = useMemo(() => columnsOf(link), [link]);
  const rows = useMemo(
    () => props.clusters.map(c => ({ ...c, shownPhase: shownPhase(c) })),
    [props.clusters],
  );
  const select =
    props.onSelect ?? (link && ((row: VirtualCluster) => navigate(link(row))));
  return (
    <Table<Row>
      title={props.title ?? 'Virtual clusters'}
      subtitle={totalCostOf(props.clusters)}
      options={{
        paging: false,
        search: true,
        padding: 'dense',
        rowStyle: (row: Row) =>
          row.id === props.selectedId
            ? { backgroundColor: theme.palette.action.selected }
            : {},
      }}
      isLoading={props.isLoading}
      columns={
        props.clusters.some(c => c.cost)
          ? [...columns, costColumn, savedColumn]
          : columns
      }
      data={rows}
      emptyContent={props.emptyContent}
      filters={
        props.filters
          ? [
              { column: 'Phase', type: 'multiple-select' },
              { column: 'Host cluster', type: 'select' },
              { column: 'Owner', type: 'select' },
            ]
          : undefined
      }
      onRowClick={
        select
          ? (_event, row) => {
              const cluster = row && props.clusters.find(c => c.id === row.id);
              if (cluster) select(cluster);
            }
          : undefined
      }
    />
  );
}
