import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { VirtualClusterCost } from '@virtual-clusters/plugin-virtual-clusters-common';
import { formatMoney } from '../../helpers';
import { describeSleepSavings } from '../../helpers/savings';

function Figure(props: { label: string; value: string }) {
  return (
    <Box role="group" aria-label={props.label}>
      <Typography variant="caption" color="textSecondary">
        {props.label}
      </Typography>
      <Typography variant="h6">{props.value}</Typography>
    </Box>
  );
}

/** A small bar chart of daily cost, drawn as SVG. */
function DailyChart(props: {
  daily: VirtualClusterCost['daily'];
  currency: string;
}) {
  const theme = useTheme();
  const max = Math.max(...props.daily.map(d => d.cost), 0);
  if (props.daily.length === 0 || max === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No cost recorded this month yet.
      </Typography>
    );
  }
  // one slot per day of the month, so that a young cluster's few days are not drawn
  // as if they were the whole month
  const [year, month] = props.daily[0].date.split('-').map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const width = 300;
  const height = 80;
  const barWidth = width / daysInMonth;
  return (
    <svg
      width="100%"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label="Daily cost this month"
    >
      {props.daily.map(d => {
        const h = Math.max(1, (d.cost / max) * (height - 4));
        const day = Number(d.date.slice(8, 10));
        return (
          <rect
            key={d.date}
            x={(day - 1) * barWidth + 1}
            y={height - h}
            width={Math.max(1, barWidth - 2)}
            height={h}
            fill={theme.palette.primary.main}
          >
            <title>{`${d.date}: ${formatMoney(d.cost, props.currency)}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}

/**
 * What sleep saved this month, when the cluster slept: the hours, the money, and what
 * the month would have cost without sleep.
 */
function SleepSavings(props: {
  sleep: NonNullable<VirtualClusterCost['sleep']>;
  currency: string;
}) {
  const { sleep, currency } = props;
  return (
    <Box role="group" aria-label="Sleep this month">
      <Typography variant="subtitle2">
        {describeSleepSavings(
          { hours: sleep.hoursThisMonth, saved: sleep.savedThisMonth },
          currency,
        )}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Without sleep this month:{' '}
        {formatMoney(sleep.withoutSleepMonthToDate, currency)} (the hours asleep
        at the rate it ran at before each sleep)
      </Typography>
    </Box>
  );
}

/** What a virtual cluster costs: rate now, month to date, projection, daily chart, breakdown. */
export function CostCard(props: { cost: VirtualClusterCost }) {
  const { cost } = props;
  const c = cost.currency;
  return (
    <InfoCard
      title="Cost"
      subheader={`From ${
        cost.source === 'opencost'
          ? 'OpenCost'
          : 'requested resources × configured rates'
      }${
        cost.sampledAt
          ? `, sampled ${new Date(cost.sampledAt).toLocaleTimeString()}`
          : ''
      }`}
    >
      <Grid container spacing={2}>
        {cost.note && (
          <Grid item xs={12}>
            <Typography variant="body2" color="error">
              {cost.note}
            </Typography>
          </Grid>
        )}
        <Grid item xs={4}>
          <Figure
            label="Rate now"
            value={`${formatMoney(cost.hourlyRate, c)}/h`}
          />
        </Grid>
        <Grid item xs={4}>
          <Figure
            label="Month to date"
            value={formatMoney(cost.monthToDate, c)}
          />
        </Grid>
        <Grid item xs={4}>
          <Figure
            label="Projected this month"
            value={formatMoney(cost.projectedMonth, c)}
          />
        </Grid>
        {cost.sleep && cost.sleep.hoursThisMonth > 0 && (
          <Grid item xs={12}>
            <SleepSavings sleep={cost.sleep} currency={c} />
          </Grid>
        )}
        <Grid item xs={12}>
          <DailyChart daily={cost.daily} currency={c} />
        </Grid>
        <Grid item xs={6}>
          <Typography variant="subtitle2">By resource</Typography>
          {Object.entries(cost.byResource).map(([k, v]) => (
            <Typography key={k} variant="body2">
              {k}: {formatMoney(v, c)}
            </Typography>
          ))}
        </Grid>
        <Grid item xs={6}>
          <Typography variant="subtitle2">By namespace</Typography>
          {cost.byNamespace.slice(0, 8).map(n => (
            <Typography key={n.namespace} variant="body2">
              {n.namespace}: {formatMoney(n.cost, c)}
            </Typography>
          ))}
        </Grid>
        <Grid item xs={12}>
          <Typography variant="caption" color="textSecondary">
            Requested now: {cost.current.cpuCores} CPU cores,{' '}
            {cost.current.memoryGiB} GiB memory, {cost.current.storageGiB} GiB
            storage, {cost.current.loadBalancers} load balancer(s). A paused
            cluster costs its storage and load balancer only.
          </Typography>
        </Grid>
      </Grid>
    </InfoCard>
  );
}
