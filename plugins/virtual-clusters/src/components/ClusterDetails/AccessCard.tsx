import {
  EmptyState,
  InfoCard,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import {
  canDo,
  VirtualCluster,
  VirtualClusterAccessGrant,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { useState } from 'react';
import { virtualClustersApiRef } from '../../api';
import { formatDateTime } from '../../helpers';
import {
  useAccessGrants,
  useClusterAction,
  useClusterPermissions,
} from '../../hooks';
import { Loaded } from '../Loaded';
import { ActionDialog } from './ActionDialog';

/** A principal as a catalog link where it is a user or group, else as it is. */
function Principal(props: { principal: string }) {
  return /^(user|group):/.test(props.principal) ? (
    <EntityRefLink entityRef={props.principal} />
  ) : (
    <>{props.principal}</>
  );
}

/**
 * Who holds kubeconfigs of the cluster (one ServiceAccount inside it per principal,
 * which every token they were given belongs to), with Revoke per principal after a
 * confirmation; for users who may update the cluster, read while it runs.
 */
export function AccessCard(props: {
  cluster: VirtualCluster;
  onChanged?: () => void;
}) {
  const { cluster } = props;
  const api = useApi(virtualClustersApiRef);
  const { canUpdate } = useClusterPermissions(cluster.id);
  const running = canDo(cluster, 'workloads');
  const grants = useAccessGrants(cluster.id, canUpdate && running);
  const { busy, run } = useClusterAction(() => {
    grants.retry();
    props.onChanged?.();
  });
  const [revoking, setRevoking] = useState<
    VirtualClusterAccessGrant | undefined
  >();

  if (!canUpdate) return null;

  const revoke = (grant: VirtualClusterAccessGrant) => {
    setRevoking(undefined);
    return run(
      `Revoking the kubeconfigs of ${grant.principal}`,
      () => api.revokeAccess(cluster.id, grant.principal),
      result => ({
        message:
          result.revoked.length > 0
            ? `Revoked every kubeconfig of ${
                result.principal
              } (ServiceAccount ${result.revoked.join(', ')} deleted)`
            : `${result.principal} held no kubeconfigs of ${cluster.name}`,
      }),
    );
  };

  const columns: TableColumn<VirtualClusterAccessGrant>[] = [
    {
      title: 'Principal',
      field: 'principal',
      render: g => <Principal principal={g.principal} />,
    },
    { title: 'Level', field: 'level' },
    {
      // with when it was made below it: a column of its own does not fit a half-width card
      title: 'ServiceAccount',
      field: 'serviceAccount',
      render: g => (
        <>
          <Typography variant="body2" style={{ wordBreak: 'break-all' }}>
            {g.serviceAccount}
          </Typography>
          {g.createdAt && (
            <Typography variant="caption" color="textSecondary">
              created {formatDateTime(g.createdAt)}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: '',
      render: g => (
        <Button
          size="small"
          variant="outlined"
          color="secondary"
          disabled={!!busy}
          data-testid={`revoke-${g.principal}`}
          onClick={() => setRevoking(g)}
        >
          Revoke
        </Button>
      ),
    },
  ];

  return (
    <Box mt={3} component="section" aria-label="Access">
      <InfoCard
        title="Access"
        subheader="Who holds kubeconfigs of this cluster"
      >
        {busy && (
          <Box mb={2} role="status">
            <Typography variant="body2">{busy}</Typography>
            <LinearProgress />
          </Box>
        )}
        {!running && (
          <Typography color="textSecondary">
            Access is read from inside the cluster while it runs (it is{' '}
            {cluster.phase}).
          </Typography>
        )}
        <Loaded state={grants}>
          {items =>
            items.length === 0 ? (
              <EmptyState
                missing="data"
                title="Nobody holds a kubeconfig"
                description="A kubeconfig downloaded from here gives its holder a ServiceAccount inside the cluster; they are listed here."
              />
            ) : (
              <Table
                options={{ search: false, paging: false, toolbar: false }}
                columns={columns}
                data={items}
              />
            )
          }
        </Loaded>

        <ActionDialog
          open={!!revoking}
          title={`Revoke the access of ${revoking?.principal}?`}
          text={
            <>
              Every kubeconfig {revoking?.principal} was given for{' '}
              {cluster.name} stops working at once: their ServiceAccount{' '}
              <code>{revoking?.serviceAccount}</code> inside the cluster is
              deleted, with its bindings. They may download a new kubeconfig if
              the permission policy still allows them.
            </>
          }
          confirm="Revoke"
          color="secondary"
          disabled={!!busy}
          onClose={() => setRevoking(undefined)}
          onConfirm={() => revoking && revoke(revoking)}
        />
      </InfoCard>
    </Box>
  );
}
