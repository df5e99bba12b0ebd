import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { virtualClustersApiRef } from '../../api';
import { PhaseStatus } from '../PhaseStatus';
import { BackupsCard } from './BackupsCard';
import { ClusterActions } from './ClusterActions';
import { CostCard } from './CostCard';
import { QuotaCard } from './QuotaCard';
import { Timeline } from './Timeline';
import { WorkloadsTable } from './WorkloadsTable';

const TRANSITIONAL = [
  'Pending',
  'Provisioning',
  'Pausing',
  'Resuming',
  'Upgrading',
  'Deleting',
];

/** How often the workloads of a Running cluster are reloaded. */
const WORKLOADS_REFRESH_SECONDS = 10;

/**
 * Everything about one virtual cluster: status, actions, the quota on the host,
 * timeline, workloads, cost.
 */
export function ClusterDetails(props: {
  clusterId: string;
  onChanged?: () => void;
}) {
  const api = useApi(virtualClustersApiRef);
  const cluster = useAsyncRetry(
    () => api.getCluster(props.clusterId),
    [props.clusterId],
  );
  const events = useAsyncRetry(
    () => api.listEvents(props.clusterId),
    [props.clusterId],
  );
  const hosts = useAsyncRetry(() => api.listHostClusters().catch(() => []), []);
  const value: VirtualCluster | undefined = cluster.value;
  const running = value?.phase === 'Running';
  const workloads = useAsyncRetry(
    async () => (running ? api.getWorkloads(props.clusterId) : undefined),
    [props.clusterId, running],
  );
  const cost = useAsyncRetry(
    () => api.getCost(props.clusterId),
    [props.clusterId],
  );

  // the backend answers workloads from watches, so following them live is cheap
  useInterval(
    () => workloads.retry(),
    running ? WORKLOADS_REFRESH_SECONDS * 1000 : null,
  );

  // follow transitions while they run
  useInterval(
    () => {
      cluster.retry();
      events.retry();
    },
    value && TRANSITIONAL.includes(value.phase) ? 3000 : null,
  );

  if (cluster.loading && !value) return <Progress />;
  if (cluster.error) return <ResponseErrorPanel error={cluster.error} />;
  if (!value) return null;

  const host = hosts.value?.find(h => h.name === value.hostCluster);
  const refresh = () => {
    cluster.retry();
    events.retry();
    workloads.retry();
    cost.retry();
    props.onChanged?.();
  };

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <InfoCard title={value.name} subheader={value.message}>
          <StructuredMetadataTable
            metadata={{
              phase: <PhaseStatus phase={value.phase} />,
              ...(value.reason ? { reason: value.reason } : {}),
              endpoint: value.endpoint ?? 'not yet known',
              version: `${value.spec.distro} ${value.spec.kubernetesVersion} (vcluster chart ${value.spec.chartVersion})`,
              'host cluster': `${value.hostCluster} · namespace ${value.namespace}`,
              exposure: value.spec.exposure.type,
              owner: value.owner,
              created: `${new Date(value.createdAt).toLocaleString()} by ${
                value.createdBy
              }`,
            }}
          />
          <ClusterActions
            cluster={value}
            kubernetesVersions={
              host?.kubernetesVersions[value.spec.distro] ?? []
            }
            onChanged={refresh}
          />
        </InfoCard>
        {value.phase !== 'Deleted' && (
          <Box mt={3}>
            <QuotaCard cluster={value} />
          </Box>
        )}
      </Grid>
      <Grid item xs={12} md={6}>
        {cost.error && <ResponseErrorPanel error={cost.error} />}
        {cost.value && <CostCard cost={cost.value} />}
      </Grid>
      <Grid item xs={12}>
        {!running && (
          <Typography color="textSecondary">
            Workloads are shown while the cluster is Running (it is{' '}
            {value.phase}).
          </Typography>
        )}
        {workloads.error && <ResponseErrorPanel error={workloads.error} />}
        {workloads.value && (
          <WorkloadsTable
            workloads={workloads.value}
            refreshSeconds={WORKLOADS_REFRESH_SECONDS}
          />
        )}
      </Grid>
      <Grid item xs={12} md={6}>
        {events.value && <Timeline events={events.value} />}
      </Grid>
      <Grid item xs={12} md={6}>
        {value.phase !== 'Deleted' && (
          <BackupsCard cluster={value} onChanged={refresh} />
        )}
      </Grid>
    </Grid>
  );
}
