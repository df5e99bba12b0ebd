import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { virtualClustersApiRef } from '../../api';
import { VirtualClustersTable } from '../VirtualClustersTable';

/** The "Virtual clusters" tab of a catalog entity. */
export function EntityVirtualClustersContent() {
  const { entity } = useEntity();
  const api = useApi(virtualClustersApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.listClusters({ entityRef }),
    [api, entityRef],
  );
  if (loading) return <Progress />;
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
  return (
    <VirtualClustersTable
      title={`Virtual clusters of ${
        entity.metadata.title ?? entity.metadata.name
      }`}
      clusters={value.items}
    />
  );
}
