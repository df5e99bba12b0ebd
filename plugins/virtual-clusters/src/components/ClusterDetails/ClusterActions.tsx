import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  canDo,
  VirtualCluster,
  VirtualClusterAction,
  VirtualClusterUpdate,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { useState } from 'react';
import { virtualClustersApiRef } from '../../api';
import { clusterVersion } from '../../helpers';
import { useClusterAction, useClusterPermissions } from '../../hooks';
import { ActionDialog } from './ActionDialog';
import { QuotaDialog } from './QuotaDialog';

/** Versions an upgrade may go to: the same minor (newer patch) or the next minor. */
export function upgradeTargets(current: string, offered: string[]): string[] {
  const [major, minor] = current.split('.').map(Number);
  return offered.filter(v => {
    const [ma, mi] = v.split('.').map(Number);
    return (
      ma === major && (mi === minor + 1 || (mi === minor && v !== current))
    );
  });
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(
    new Blob([text], { type: 'application/yaml' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}.kubeconfig.yaml`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

/** Day-2 actions on one cluster, each shown only to users allowed to do it. */
export function ClusterActions(props: {
  cluster: VirtualCluster;
  kubernetesVersions: string[];
  onChanged: () => void;
}) {
  const { cluster } = props;
  const api = useApi(virtualClustersApiRef);
  const { canUpdate, canDelete, canReadKubeconfig } = useClusterPermissions(
    cluster.id,
  );
  const action = useClusterAction(props.onChanged);
  const busy = !!action.busy;
  const [dialog, setDialog] = useState<
    'upgrade' | 'quota' | 'delete' | undefined
  >();
  const [version, setVersion] = useState('');
  const [confirmName, setConfirmName] = useState('');

  const run = (what: string, fn: () => Promise<unknown>) => {
    setDialog(undefined);
    return action.run(what, fn);
  };
  const update = (u: VirtualClusterUpdate, what: string) =>
    run(what, () => api.updateCluster(cluster.id, u));

  const can = (a: VirtualClusterAction) => canDo(cluster, a);
  const targets = upgradeTargets(
    cluster.spec.kubernetesVersion,
    props.kubernetesVersions,
  );

  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
      {canReadKubeconfig && (
        <Button
          variant="contained"
          color="primary"
          disabled={!can('kubeconfig') || busy}
          onClick={() =>
            run(`Kubeconfig for ${cluster.name} downloaded`, async () =>
              download(cluster.name, await api.getKubeconfig(cluster.id)),
            )
          }
        >
          Download kubeconfig
        </Button>
      )}
      {canUpdate && can('pause') && (
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() => update({ action: 'pause' }, `Pausing ${cluster.name}`)}
        >
          Pause
        </Button>
      )}
      {canUpdate && can('resume') && (
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() =>
            update({ action: 'resume' }, `Resuming ${cluster.name}`)
          }
        >
          Resume
        </Button>
      )}
      {canUpdate && can('upgrade') && targets.length > 0 && (
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() => {
            setVersion(targets[0]);
            setDialog('upgrade');
          }}
        >
          Upgrade
        </Button>
      )}
      {canUpdate && can('resize') && (
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() => setDialog('quota')}
        >
          Change quota
        </Button>
      )}
      {canDelete && can('delete') && (
        <Button
          variant="outlined"
          color="secondary"
          disabled={busy}
          onClick={() => {
            setConfirmName('');
            setDialog('delete');
          }}
        >
          Delete
        </Button>
      )}

      <ActionDialog
        open={dialog === 'upgrade'}
        title={`Upgrade ${cluster.name}`}
        text={`From ${clusterVersion(
          cluster,
        )}. Minor versions cannot be skipped and there is no downgrade.`}
        confirm="Upgrade"
        disabled={!version || busy}
        onClose={() => setDialog(undefined)}
        onConfirm={() =>
          update(
            { action: 'upgrade', kubernetesVersion: version },
            `Upgrading ${cluster.name} to ${version}`,
          )
        }
      >
        <TextField
          select
          fullWidth
          id="virtual-cluster-upgrade-version"
          label="Kubernetes version"
          value={version}
          onChange={e => setVersion(e.target.value)}
        >
          {targets.map(v => (
            <MenuItem key={v} value={v}>
              {v}
            </MenuItem>
          ))}
        </TextField>
      </ActionDialog>

      <QuotaDialog
        cluster={cluster}
        open={dialog === 'quota'}
        busy={busy}
        onClose={() => setDialog(undefined)}
        onSubmit={quota =>
          update(
            { action: 'resize', quota },
            `Applying the new quota to ${cluster.name}`,
          )
        }
      />

      <ActionDialog
        open={dialog === 'delete'}
        title={`Delete ${cluster.name}?`}
        text={
          <>
            This removes the virtual cluster, its data volume and its namespace
            on {cluster.hostCluster}. Everything inside is lost. Type{' '}
            <b>{cluster.name}</b> to confirm.
          </>
        }
        confirm="Delete"
        color="secondary"
        disabled={confirmName !== cluster.name || busy}
        onClose={() => setDialog(undefined)}
        onConfirm={() =>
          run(`Deleting ${cluster.name}`, () => api.deleteCluster(cluster.id))
        }
      >
        <TextField
          fullWidth
          id="virtual-cluster-delete-confirm-name"
          label="Cluster name"
          value={confirmName}
          onChange={e => setConfirmName(e.target.value)}
        />
      </ActionDialog>
    </Box>
  );
}
