import { InfoCard, StatusWarning } from '@backstage/core-components';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  VirtualCluster,
  VirtualClusterQuota,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { formatQuotaValue, parseQuantity } from '../../helpers';

/** The ResourceQuota keys a cluster's own quota sets, in the order shown. */
const REQUESTED: Array<{ key: string; field: keyof VirtualClusterQuota }> = [
  { key: 'requests.cpu', field: 'cpu' },
  { key: 'requests.memory', field: 'memory' },
  { key: 'requests.storage', field: 'storage' },
  { key: 'count/pods', field: 'pods' },
];

/** From this share of the hard limit on, a row is highlighted. */
const NEARLY_FULL_PERCENT = 90;

const useStyles = makeStyles(theme => ({
  nearlyFull: { backgroundColor: alpha(theme.palette.warning.main, 0.15) },
  warningBar: { backgroundColor: theme.palette.warning.main },
  bar: { minWidth: 80 },
  accordion: { boxShadow: 'none', '&:before': { display: 'none' } },
  summary: { padding: 0 },
  details: { padding: 0 },
}));

type Row = {
  resource: string;
  /** What the host reports, or undefined before it did. */
  used?: string;
  hard?: string;
  /** What the cluster's quota asks for this key, when it does. */
  asked?: string;
};

/** Used as a share of hard, in percent; undefined when there is nothing to compare. */
function percentOf(row: Row): number | undefined {
  if (row.used === undefined || row.hard === undefined) return undefined;
  const used = parseQuantity(row.used);
  const hard = parseQuantity(row.hard);
  if (Number.isNaN(used) || Number.isNaN(hard)) return undefined;
  if (hard <= 0) return used > 0 ? 100 : undefined;
  return (used / hard) * 100;
}

/** Where the row's limit comes from, when it is not plainly what was asked. */
function origin(row: Row): string | undefined {
  if (row.asked === undefined) return 'chart default';
  if (row.hard === undefined) return `asked ${row.asked}, not reported yet`;
  if (parseQuantity(row.hard) !== parseQuantity(row.asked)) {
    return `asked ${row.asked}, not applied yet`;
  }
  return undefined;
}

function isNearlyFull(percent: number | undefined): percent is number {
  return percent !== undefined && percent >= NEARLY_FULL_PERCENT;
}

function QuotaRow(props: { row: Row }) {
  const classes = useStyles();
  const { row } = props;
  const percent = percentOf(row);
  const nearlyFull = isNearlyFull(percent);
  const note = origin(row);
  const value = (v?: string) =>
    v === undefined ? (
      '—'
    ) : (
      <span title={v}>{formatQuotaValue(row.resource, v)}</span>
    );
  return (
    <TableRow
      aria-label={row.resource}
      className={nearlyFull ? classes.nearlyFull : undefined}
    >
      <TableCell component="th" scope="row">
        <Typography variant="body2">{row.resource}</Typography>
        {note && (
          <Typography variant="caption" color="textSecondary">
            {note}
          </Typography>
        )}
      </TableCell>
      <TableCell align="right">{value(row.used)}</TableCell>
      <TableCell align="right">{value(row.hard)}</TableCell>
      <TableCell className={classes.bar}>
        {percent !== undefined && (
          <>
            <LinearProgress
              variant="determinate"
              value={Math.min(100, percent)}
              classes={nearlyFull ? { bar: classes.warningBar } : undefined}
              aria-label={`${row.resource} used`}
            />
            <Typography variant="caption">
              {nearlyFull ? (
                <StatusWarning>{Math.round(percent)} %</StatusWarning>
              ) : (
                `${Math.round(percent)} %`
              )}
            </Typography>
          </>
        )}
      </TableCell>
    </TableRow>
  );
}

function QuotaTable(props: { rows: Row[]; label: string }) {
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell>Resource</TableCell>
          <TableCell align="right">Used</TableCell>
          <TableCell align="right">Hard</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(row => (
          <QuotaRow key={row.resource} row={row} />
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * The rows of a cluster's quota: the keys its own quota sets first (in REQUESTED
 * order, each where the host enforces it or the cluster asks for it), then the
 * chart's other defaults, by name.
 */
export function quotaRows(cluster: VirtualCluster): {
  requested: Row[];
  defaults: Row[];
} {
  const hard = cluster.effectiveQuota?.hard ?? {};
  const used = cluster.effectiveQuota?.used ?? {};
  const quota = cluster.spec.quota ?? {};
  const reported = Object.keys(hard).length > 0;
  const row = (resource: string, asked?: string): Row => ({
    resource,
    hard: hard[resource],
    // a limit the host enforces counts from 0 even before its first status
    used: used[resource] ?? (hard[resource] !== undefined ? '0' : undefined),
    asked,
  });
  const requested = REQUESTED.flatMap(({ key, field }) => {
    const asked = quota[field] === undefined ? undefined : String(quota[field]);
    return hard[key] !== undefined || asked !== undefined
      ? [row(key, asked)]
      : [];
  });
  const mine = new Set(REQUESTED.map(r => r.key));
  const defaults = reported
    ? Object.keys(hard)
        .filter(key => !mine.has(key))
        .sort()
        .map(key => row(key))
    : [];
  return { requested, defaults };
}

/**
 * The ResourceQuota the host enforces for a cluster (`vc-<name>` in its host
 * namespace): used against hard for each resource, the keys the cluster's quota sets
 * first and the chart's other defaults folded away, rows at 90 % or more highlighted.
 */
export function QuotaCard(props: { cluster: VirtualCluster }) {
  const classes = useStyles();
  const { cluster } = props;
  const { requested, defaults } = quotaRows(cluster);
  const reported = Object.keys(cluster.effectiveQuota?.hard ?? {}).length > 0;
  const defaultsNearlyFull = defaults.filter(row =>
    isNearlyFull(percentOf(row)),
  ).length;
  return (
    <InfoCard title="Quota on the host">
      {requested.length === 0 && defaults.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No quota
        </Typography>
      ) : (
        <>
          <Typography variant="body2" color="textSecondary">
            Enforced by the host in namespace {cluster.namespace}; includes the
            cluster's own control plane.
            {!reported && ' The host has not reported it yet.'}
          </Typography>
          {requested.length > 0 && (
            <QuotaTable rows={requested} label="Quota of the cluster" />
          )}
          {defaults.length > 0 && (
            <Accordion
              className={classes.accordion}
              TransitionProps={{ unmountOnExit: true }}
            >
              <AccordionSummary
                className={classes.summary}
                expandIcon={<ExpandMoreIcon />}
                aria-controls="virtual-cluster-quota-defaults"
                id="virtual-cluster-quota-defaults-header"
              >
                <Typography variant="subtitle2">
                  Chart defaults also enforced ({defaults.length})
                </Typography>
                {defaultsNearlyFull > 0 && (
                  <Box ml={1}>
                    <StatusWarning>
                      {defaultsNearlyFull} at {NEARLY_FULL_PERCENT} % or more
                    </StatusWarning>
                  </Box>
                )}
              </AccordionSummary>
              <AccordionDetails
                className={classes.details}
                id="virtual-cluster-quota-defaults"
              >
                <Box width="100%">
                  <QuotaTable rows={defaults} label="Chart defaults" />
                </Box>
              </AccordionDetails>
            </Accordion>
          )}
        </>
      )}
    </InfoCard>
  );
}
