import {
  Content,
  Header,
  Page,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import { virtualClustersApiRef } from '../../api';
import { HostClustersTable } from '../HostClustersTable';
import { VirtualClustersTable } from '../VirtualClustersTable';

/** The `/virtual-clusters` page: all visible clusters and the host clusters. */
export function VirtualClustersPage() {
  const api = useApi(virtualClustersApiRef);
  const hosts = useAsync(() => api.listHostClusters(), [api]);
  const clusters = useAsync(() => api.listClusters(), [api]);
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
                isLoading={clusters.loading}
                clusters={clusters.value?.items ?? []}
              />
            )}
          </Grid>
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
        </Grid>
      </Content>
    </Page>
  );
}
