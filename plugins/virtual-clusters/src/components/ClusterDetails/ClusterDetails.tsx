import {
  InfoCard,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  canDo,
  isTransitionalPhase,
  TERMINAL_PHASES,
  VirtualCluster,
  VirtualClusterIsolation,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import {
  clusterEntityRef,
  clusterVersion,
  describeActivity,
  describeSleepPolicy,
} from '../../helpers';
import {
  FOLLOW_TRANSITION_MS,
  useCluster,
  useClusterEvents,
  useCost,
  useHostClusters,
  useWorkloads,
} from '../../hooks';
import { Loaded } from '../Loaded';
import { PhaseStatus } from '../PhaseStatus';
import { AccessCard } from './AccessCard';
import { BackupsCard } from './BackupsCard';
import { ClusterActions } from './ClusterActions';
import { CostCard } from './CostCard';
import { Expires } from './Expires';
import { ProfilesCard } from './ProfilesCard';
import { QuotaCard } from './QuotaCard';
import { Timeline } from './Timeline';
import { WorkloadsTable } from './WorkloadsTable';

/** A cluster's isolation on its host in words, e.g. `NetworkPolicy · Pod Security restricted`. */
function describeIsolation(isolation?: VirtualClusterIsolation): string {
  const parts = [
    ...(isolation?.networkPolicy ? ['NetworkPolicy'] : []),
    ...(isolation?.podSecurityStandard
      ? [`Pod Security ${isolation.podSecurityStandard}`]
      : []),
  ];
  return parts.length ? parts.join(' · ') : 'none';
}

/** How often the workloads of a Running cluster are reloaded. */
const WORKLOADS_REFRESH_SECONDS = 10;

/**
 * Everything about one virtual cluster: status, actions, the quota on the host, the
 * application profiles inside, timeline, workloads, cost; followed while it changes.
 */
export function ClusterDetails(props: {
  clusterId: string;
  onChanged?: () => void;
}) {
  const cluster = useCluster(props.clusterId);
  return (
    <Loaded state={cluster}>
      {value => (
        <ClusterView
          cluster={value}
          onChanged={() => {
            cluster.retry();
            props.onChanged?.();
          }}
        />
      )}
    </Loaded>
  );
}

function ClusterView(props: {
  cluster: VirtualCluster;
  onChanged: () => void;
}) {
  const { cluster } = props;
  const events = useClusterEvents(
    cluster.id,
    isTransitionalPhase(cluster.phase) ? FOLLOW_TRANSITION_MS : null,
  );
  const readable = canDo(cluster, 'workloads');
  const workloads = useWorkloads(
    cluster.id,
    readable ? WORKLOADS_REFRESH_SECONDS * 1000 : null,
  );
  const cost = useCost(cluster.id);
  const hosts = useHostClusters();
  const host = hosts.value?.find(h => h.name === cluster.hostCluster);
  const deleted = TERMINAL_PHASES.includes(cluster.phase);

  const refresh = () => {
    events.retry();
    workloads.retry();
    cost.retry();
    props.onChanged();
  };

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <InfoCard title={cluster.name} subheader={cluster.message}>
          <StructuredMetadataTable
            metadata={{
              phase: (
                <PhaseStatus
                  phase={cluster.phase}
                  sleep={cluster.sleep}
                  showWhy
                />
              ),
              ...(cluster.reason ? { reason: cluster.reason } : {}),
              endpoint: cluster.endpoint ?? 'not yet known',
              version: `${clusterVersion(cluster)} (vcluster chart ${
                cluster.spec.chartVersion
              })`,
              'host cluster': `${cluster.hostCluster} · namespace ${cluster.namespace}`,
              ...(cluster.clusterGroup
                ? { 'cluster group': cluster.clusterGroup }
                : {}),
              exposure: cluster.spec.exposure.type,
              isolation: describeIsolation(cluster.spec.isolation),
              ...(deleted
                ? {}
                : { 'sleep policy': describeSleepPolicy(cluster.spec.sleep) }),
              ...(cluster.lastActivity
                ? { 'last activity': describeActivity(cluster.lastActivity) }
                : {}),
              ...(deleted
                ? {}
                : { expires: <Expires expiresAt={cluster.expiresAt} /> }),
              owner: <EntityRefLink entityRef={cluster.owner} />,
              created: (
                <>
                  {new Date(cluster.createdAt).toLocaleString()} by{' '}
                  <EntityRefLink entityRef={cluster.createdBy} />
                </>
              ),
              ...(deleted
                ? {}
                : {
                    'in the catalog': (
                      <EntityRefLink entityRef={clusterEntityRef(cluster)} />
                    ),
                  }),
            }}
          />
          <ClusterActions
            cluster={cluster}
            kubernetesVersions={
              host?.kubernetesVersions[cluster.spec.distro] ?? []
            }
            sleepSettings={host?.sleep}
            expirySettings={host?.expiry}
            onChanged={refresh}
          />
          {hosts.error && <ResponseErrorPanel error={hosts.error} />}
        </InfoCard>
        {!deleted && (
          <Box mt={3}>
            <QuotaCard cluster={cluster} />
          </Box>
        )}
      </Grid>
      <Grid item xs={12} md={6}>
        <Loaded state={cost}>{value => <CostCard cost={value} />}</Loaded>
        {!deleted && (
          <Box mt={3}>
            <ProfilesCard cluster={cluster} onChanged={refresh} />
          </Box>
        )}
      </Grid>
      <Grid item xs={12}>
        {!readable && (
          <Typography color="textSecondary">
            Workloads are shown while the cluster is Running (it is{' '}
            {cluster.phase}).
          </Typography>
        )}
        <Loaded state={workloads}>
          {value => (
            <WorkloadsTable
              clusterId={cluster.id}
              workloads={value}
              refreshSeconds={WORKLOADS_REFRESH_SECONDS}
              onChanged={workloads.retry}
            />
          )}
        </Loaded>
      </Grid>
      <Grid item xs={12} md={6}>
        <Loaded state={events}>{value => <Timeline events={value} />}</Loaded>
      </Grid>
      <Grid item xs={12} md={6}>
        {!deleted && <BackupsCard cluster={cluster} onChanged={refresh} />}
        {!deleted && <AccessCard cluster={cluster} onChanged={refresh} />}
      </Grid>
    </Grid>
  );
}
