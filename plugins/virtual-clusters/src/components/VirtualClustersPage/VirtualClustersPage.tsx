import {
  Content,
  EmptyState,
  Header,
  Page,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { Route, Routes, useParams } from 'react-router-dom';
import { useClusters, useHostClusters } from '../../hooks';
import { clusterRouteRef } from '../../routes';
import { ClusterDetails } from '../ClusterDetails';
import { HostClustersTable } from '../HostClustersTable';
import { VirtualClustersTable } from '../VirtualClustersTable';

/**
 * The `/virtual-clusters` page: every cluster the user may see, filterable, with the
 * details of the one at `/virtual-clusters/:id` (a click on a row goes there); for
 * users allowed to read host clusters (portal admins) the host clusters with
 * readiness, capacity and clusters per host.
 */
export function VirtualClustersPage() {
  return (
    <Routes>
      <Route path="/" element={<ClustersPage />} />
      <Route path={clusterRouteRef.path} element={<ClustersPage />} />
    </Routes>
  );
}

function ClustersPage() {
  const { id } = useParams<{ id?: string }>();
  const hosts = useHostClusters();
  const clusters = useClusters();

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
