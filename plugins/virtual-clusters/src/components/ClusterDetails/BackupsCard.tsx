import {
  EmptyState,
  InfoCard,
  StatusError,
  StatusOK,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  canDo,
  validateVirtualClusterName,
  VirtualCluster,
  VirtualClusterBackup,
  VirtualClusterRestoreResult,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { useState } from 'react';
import { virtualClustersApiRef } from '../../api';
import { clusterVersion, formatBytes } from '../../helpers';
import {
  useBackups,
  useClusterAction,
  useClusterPermissions,
} from '../../hooks';
import { Loaded } from '../Loaded';
import { ActionDialog } from './ActionDialog';

function restoreSummary(result: VirtualClusterRestoreResult): string {
  const parts = [`${result.applied} of ${result.objectCount} objects applied`];
  if (result.skipped) parts.push(`${result.skipped} left as they were`);
  if (result.failed) {
    const first = result.failures[0];
    parts.push(
      `${result.failed} failed${
        first ? ` (first: ${first.kind} ${first.name}: ${first.message})` : ''
      }`,
    );
  }
  return parts.join(', ');
}

type DialogState =
  | { kind: 'restore'; backup: VirtualClusterBackup }
  | { kind: 'clone'; backup: VirtualClusterBackup };

/**
 * The cluster's backups (API objects, not volume data) with "Back up now", restore
 * into this cluster and clone into a new cluster, each shown only to users allowed
 * to do it.
 */
export function BackupsCard(props: {
  cluster: VirtualCluster;
  onChanged?: () => void;
}) {
  const { cluster } = props;
  const api = useApi(virtualClustersApiRef);
  const { canUpdate, canCreate } = useClusterPermissions(cluster.id);
  const backups = useBackups(cluster.id);
  const { busy, run } = useClusterAction(() => {
    backups.retry();
    props.onChanged?.();
  });
  const [dialog, setDialog] = useState<DialogState | undefined>();
  const [cloneName, setCloneName] = useState('');
  const canBackUp = canDo(cluster, 'backup');
  const canRestore = canDo(cluster, 'restore');

  const backUp = () =>
    run(
      `Backing up ${cluster.name}`,
      () => api.createBackup(cluster.id),
      backup =>
        backup.status === 'failed'
          ? {
              message: `Backup failed: ${backup.error ?? 'no reason given'}`,
              severity: 'error',
            }
          : {
              message: `Backed up ${backup.objectCount} objects (${formatBytes(
                backup.sizeBytes,
              )})`,
            },
    );

  const restore = (backup: VirtualClusterBackup) => {
    setDialog(undefined);
    return run(
      `Restoring ${backup.objectCount} objects into ${cluster.name}`,
      () => api.restoreBackup(cluster.id, { backupId: backup.id }),
      result => ({
        message: `Restored into ${cluster.name}: ${restoreSummary(result)}`,
        severity: result.failed ? 'warning' : 'success',
        display: 'permanent',
      }),
    );
  };

  const clone = (backup: VirtualClusterBackup, name: string) => {
    setDialog(undefined);
    return run(
      `Creating ${name}`,
      () => api.cloneBackup(cluster.id, { backupId: backup.id, name }),
      created => ({
        message: `Creating ${created.name} on ${created.hostCluster}: the backend restores the ${backup.objectCount} objects of this backup into it once it runs. Its timeline shows the outcome.`,
        display: 'permanent',
      }),
    );
  };

  const columns: TableColumn<VirtualClusterBackup>[] = [
    {
      title: 'Taken',
      render: b => new Date(b.createdAt).toLocaleString(),
    },
    { title: 'By', field: 'createdBy' },
    {
      title: 'Status',
      render: b =>
        b.status === 'completed' ? (
          <StatusOK>completed</StatusOK>
        ) : (
          <StatusError>failed: {b.error}</StatusError>
        ),
    },
    { title: 'Objects', field: 'objectCount', type: 'numeric' },
    { title: 'Size', render: b => formatBytes(b.sizeBytes) },
    {
      title: '',
      render: b =>
        b.status === 'completed' && (
          <Box display="flex" style={{ gap: 8 }}>
            {canUpdate && (
              <Button
                size="small"
                variant="outlined"
                disabled={!canRestore || !!busy}
                title={
                  canRestore ? undefined : 'Restore needs a Running cluster'
                }
                onClick={() => setDialog({ kind: 'restore', backup: b })}
              >
                Restore
              </Button>
            )}
            {canUpdate && canCreate && (
              <Button
                size="small"
                variant="outlined"
                disabled={!!busy}
                onClick={() => {
                  setCloneName(`${cluster.name}-clone`.slice(0, 52));
                  setDialog({ kind: 'clone', backup: b });
                }}
              >
                Clone
              </Button>
            )}
          </Box>
        ),
    },
  ];

  const nameError = cloneName ? validateVirtualClusterName(cloneName) : '';

  return (
    <InfoCard
      title="Backups"
      subheader="The cluster's API objects (not the data in its volumes)"
      action={
        canUpdate ? (
          <Button
            color="primary"
            variant="contained"
            disabled={!canBackUp || !!busy}
            onClick={backUp}
          >
            Back up now
          </Button>
        ) : undefined
      }
    >
      {busy && (
        <Box mb={2} role="status">
          <Typography variant="body2">{busy}</Typography>
          <LinearProgress />
        </Box>
      )}
      <Loaded state={backups}>
        {items =>
          items.length === 0 ? (
            <EmptyState
              missing="data"
              title="No backups yet"
              description={
                canUpdate
                  ? 'Back up now to keep a copy of the objects inside this cluster; you can restore it here or clone it into a new cluster.'
                  : 'The owners of this cluster can back it up.'
              }
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
        open={dialog?.kind === 'restore'}
        title={`Restore into ${cluster.name}?`}
        text={
          <>
            The {dialog?.backup.objectCount} objects of the backup of{' '}
            {dialog && new Date(dialog.backup.createdAt).toLocaleString()} are
            applied again: deleted ones come back, changed ones get their backed
            up state. Objects made since are left alone. Volume data is not
            restored.
          </>
        }
        confirm="Restore"
        onClose={() => setDialog(undefined)}
        onConfirm={() => dialog && restore(dialog.backup)}
      />

      <ActionDialog
        open={dialog?.kind === 'clone'}
        title={`Clone ${cluster.name} into a new cluster`}
        text={
          <>
            A new cluster on {cluster.hostCluster} ({clusterVersion(cluster)},
            owner <EntityRefLink entityRef={cluster.owner} />) gets the objects
            of this backup once it runs; the backend does it, so you may leave
            this page.
          </>
        }
        confirm="Clone"
        disabled={!cloneName || !!nameError}
        onClose={() => setDialog(undefined)}
        onConfirm={() => dialog && clone(dialog.backup, cloneName)}
      >
        <TextField
          fullWidth
          id="virtual-cluster-clone-name"
          label="Name of the new cluster"
          value={cloneName}
          error={!!nameError}
          helperText={
            nameError ||
            'Lower case letters, digits and dashes; at most 52 characters.'
          }
          onChange={e => setCloneName(e.target.value)}
        />
      </ActionDialog>
    </InfoCard>
  );
}
