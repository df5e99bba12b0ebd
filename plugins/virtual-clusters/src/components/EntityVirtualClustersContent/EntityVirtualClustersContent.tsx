import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useState } from 'react';
import Box from '@material-ui/core/Box';
import { ANNOTATION_VIRTUAL_CLUSTER_ID } from '@virtual-clusters/plugin-virtual-clusters-common';
import { virtualClustersApiRef } from '../../api';
import { ClusterDetails } from '../ClusterDetails';
import { VirtualClustersTable } from '../VirtualClustersTable';

/** The "Virtual clusters" tab of a catalog entity. */
export function EntityVirtualClustersContent() {
  const { entity } = useEntity();
  const api = useApi(virtualClustersApiRef);
  const entityRef = stringifyEntityRef(entity);
  const ownId = entity.metadata.annotations?.[ANNOTATION_VIRTUAL_CLUSTER_ID];
  const [selected, setSelected] = useState<string | undefined>();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listClusters({ entityRef, include: 'cost' }),
    [api, entityRef],
  );
  if (ownId) {
    // the entity is a virtual cluster itself
    return <ClusterDetails clusterId={ownId} />;
  }
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.items.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No virtual clusters yet"
        description={`Nothing owned by or related to ${entityRef}. Create one with the "Virtual cluster" software template.`}
      />
    );
  }
  const current =
    selected ?? (value.items.length === 1 ? value.items[0].id : undefined);
  return (
    <>
      <VirtualClustersTable
        title={`Virtual clusters of ${
          entity.metadata.title ?? entity.metadata.name
        }`}
        clusters={value.items}
        onSelect={cluster => setSelected(cluster.id)}
      />
      {current && (
        <Box mt={3}>
          <ClusterDetails key={current} clusterId={current} onChanged={retry} />
        </Box>
      )}
    </>
  );
}
