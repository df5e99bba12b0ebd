import {
  Content,
  EmptyState,
  Header,
  Page,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import Grid from '@material-ui/core/Grid';
import { virtualClusterCreatePermission } from '@virtual-clusters/plugin-virtual-clusters-common';
import { Route, Routes, useParams } from 'react-router-dom';
import { useClusterGroups, useClusters, useHostClusters } from '../../hooks';
import { clusterRouteRef } from '../../routes';
import { ClusterDetails } from '../ClusterDetails';
import { ClusterGroupsTable } from '../ClusterGroupsTable';
import { HostClustersTable } from '../HostClustersTable';
import { Loaded } from '../Loaded';
import { VirtualClustersTable } from '../VirtualClustersTable';

/**
 * The `/virtual-clusters` page: every cluster the user may see, filterable, with the
 * details of the one at `/virtual-clusters/:id` (a click on a row goes there); for
 * users allowed to create clusters the cluster groups (where there are any) with
 * their members' readiness and free capacity; for users allowed to read host
 * clusters (portal admins) the host clusters with readiness, capacity and clusters
 * per host.
 */
export function VirtualClustersPage() {
  return (
    <Routes>
      <Route path="/" element={<ClustersPage />} />
      <Route path={clusterRouteRef.path} element={<ClustersPage />} />
    </Routes>
  );
}

/**
 * The cluster groups with their members, where there are any (nothing shows while
 * they load, as there may be none); the backend shows them to users who may create
 * clusters.
 */
function ClusterGroups() {
  const groups = useClusterGroups();
  if (!groups.error && !groups.value?.length) return null;
  return (
    <Grid item xs={12}>
      <Loaded state={groups}>
        {value => <ClusterGroupsTable clusterGroups={value} />}
      </Loaded>
    </Grid>
  );
}

function ClustersPage() {
  const { id } = useParams<{ id?: string }>();
  const hosts = useHostClusters();
  const clusters = useClusters();
  const { allowed: mayCreate } = usePermission({
    permission: virtualClusterCreatePermission,
  });

  return (
    <Page themeId="tool">
      <Header
        title="Virtual clusters"
        subtitle="Self-service virtual Kubernetes clusters on shared host clusters"
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            {clusters.error ? (
              <ResponseErrorPanel error={clusters.error} />
            ) : (
              <VirtualClustersTable
                filters
                isLoading={clusters.loading}
                clusters={clusters.value?.items ?? []}
                selectedId={id}
                emptyContent={
                  <EmptyState
                    missing="data"
                    title="No virtual clusters you can see"
                    description='Create one with the "Virtual cluster" software template; clusters of your teams show here too.'
                  />
                }
              />
            )}
          </Grid>
          {id && (
            <Grid item xs={12}>
              <ClusterDetails
                key={id}
                clusterId={id}
                onChanged={clusters.retry}
              />
            </Grid>
          )}
          {mayCreate && <ClusterGroups />}
          {hosts.allowed && (
            <Grid item xs={12}>
              {hosts.error ? (
                <ResponseErrorPanel error={hosts.error} />
              ) : (
                <HostClustersTable
                  isLoading={hosts.loading}
                  hostClusters={hosts.value ?? []}
                />
              )}
            </Grid>
          )}
        </Grid>
      </Content>
    </Page>
  );
}
