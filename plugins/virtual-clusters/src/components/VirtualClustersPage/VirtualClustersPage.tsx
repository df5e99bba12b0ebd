import {
  Content,
  EmptyState,
  Header,
  Page,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Grid from '@material-ui/core/Grid';
import { hostClusterReadPermission } from '@virtual-clusters/plugin-virtual-clusters-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { virtualClustersApiRef } from '../../api';
import { ClusterDetails } from '../ClusterDetails';
import { HostClustersTable } from '../HostClustersTable';
import { VirtualClustersTable } from '../VirtualClustersTable';

/**
 * The `/virtual-clusters` page: every cluster the user may see, filterable, with the
 * details of the one clicked; for users allowed to read host clusters (portal
 * admins) the host clusters with readiness, capacity and clusters per host.
 */
export function VirtualClustersPage() {
  const api = useApi(virtualClustersApiRef);
  const canReadHosts = usePermission({
    permission: hostClusterReadPermission,
  });
  const hosts = useAsyncRetry(
    async () => (canReadHosts.allowed ? api.listHostClusters() : undefined),
    [api, canReadHosts.allowed],
  );
  const clusters = useAsyncRetry(
    () => api.listClusters({ include: 'cost' }),
    [api],
  );
  const [selected, setSelected] = useState<string | undefined>();
  const items = clusters.value?.items ?? [];

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
                clusters={items}
                onSelect={cluster => setSelected(cluster.id)}
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
          {selected && (
            <Grid item xs={12}>
              <ClusterDetails
                clusterId={selected}
                onChanged={() => clusters.retry()}
              />
            </Grid>
          )}
          {canReadHosts.allowed && (
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
