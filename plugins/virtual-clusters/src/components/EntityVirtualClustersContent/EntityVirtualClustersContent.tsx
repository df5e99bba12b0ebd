import { EmptyState } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useState } from 'react';
import Box from '@material-ui/core/Box';
import { ANNOTATION_VIRTUAL_CLUSTER_ID } from '@virtual-clusters/plugin-virtual-clusters-common';
import { useClusters } from '../../hooks';
import { ClusterDetails } from '../ClusterDetails';
import { Loaded } from '../Loaded';
import { VirtualClustersTable } from '../VirtualClustersTable';

/** The "Virtual clusters" tab of a catalog entity. */
export function EntityVirtualClustersContent() {
  const { entity } = useEntity();
  const ownId = entity.metadata.annotations?.[ANNOTATION_VIRTUAL_CLUSTER_ID];
  if (ownId) {
    // the entity is a virtual cluster itself
    return <ClusterDetails clusterId={ownId} />;
  }
  return (
    <RelatedClusters
      entityRef={stringifyEntityRef(entity)}
      title={`Virtual clusters of ${
        entity.metadata.title ?? entity.metadata.name
      }`}
    />
  );
}

/** The clusters owned by or related to an entity, with the details of the one selected. */
function RelatedClusters(props: { entityRef: string; title: string }) {
  const { entityRef } = props;
  const clusters = useClusters(entityRef);
  const [selected, setSelected] = useState<string | undefined>();
  return (
    <Loaded state={clusters}>
      {({ items }) => {
        if (items.length === 0) {
          return (
            <EmptyState
              missing="data"
              title="No virtual clusters yet"
              description={`Nothing owned by or related to ${entityRef}. Create one with the "Virtual cluster" software template.`}
            />
          );
        }
        const current =
          selected ?? (items.length === 1 ? items[0].id : undefined);
        return (
          <>
            <VirtualClustersTable
              title={props.title}
              clusters={items}
              selectedId={current}
              onSelect={cluster => setSelected(cluster.id)}
            />
            {current && (
              <Box mt={3}>
                <ClusterDetails
                  key={current}
                  clusterId={current}
                  onChanged={clusters.retry}
                />
              </Box>
            )}
          </>
        );
      }}
    </Loaded>
  );
}
