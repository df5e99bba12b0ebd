import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import {
  canDo,
  VirtualCluster,
  VirtualClusterAction,
  VirtualClusterSleepPolicy,
  VirtualClusterUpdate,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { useState } from 'react';
import { virtualClustersApiRef } from '../../api';
import {
  clusterVersion,
  ExpirySettings,
  formatDateTime,
  isSleeping,
} from '../../helpers';
import { saveTextFile } from '../../helpers/download';
import { useClusterAction, useClusterPermissions } from '../../hooks';
import { errorMessage } from '../../hooks/useClusterAction';
import { ActionDialog } from './ActionDialog';
import { ExtendDialog } from './ExtendDialog';
import { QuotaDialog } from './QuotaDialog';
import { SleepSettings } from '../SleepPolicyInputs';
import { SleepPolicyDialog } from './SleepPolicyDialog';

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

/** A kubeconfig, or the backend's word that the cluster was asleep and wakes now. */
type KubeconfigAnswer = { yaml: string } | { waking: string };

/**
 * Day-2 actions on one cluster, each shown only to users allowed to do it. A cluster
 * the backend put to sleep offers Wake instead of Resume, and its kubeconfig download
 * to its owners: the backend wakes it and answers 503 with a note, shown as such. A
 * cluster with an expiry offers its owners Extend.
 */
export function ClusterActions(props: {
  cluster: VirtualCluster;
  kubernetesVersions: string[];
  /** The host's sleep defaults and limits, for the sleep policy dialog. */
  sleepSettings?: SleepSettings;
  /** The host's expiry settings (its maxTtlDays), for the extend dialog. */
  expirySettings?: ExpirySettings;
  onChanged: () => void;
}) {
  const { cluster } = props;
  const api = useApi(virtualClustersApiRef);
  const alertApi = useApi(alertApiRef);
  const { canUpdate, canDelete, canReadKubeconfig } = useClusterPermissions(
    cluster.id,
  );
  const action = useClusterAction(props.onChanged);
  const busy = !!action.busy;
  const sleeping = isSleeping(cluster);
  const [dialog, setDialog] = useState<
    'upgrade' | 'quota' | 'delete' | 'sleep' | 'extend' | undefined
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
  const ending = cluster.phase === 'Deleting' || cluster.phase === 'Deleted';

  const downloadKubeconfig = () =>
    action.run(
      `Kubeconfig for ${cluster.name} downloaded`,
      async (): Promise<KubeconfigAnswer> => {
        try {
          return { yaml: await api.getKubeconfig(cluster.id) };
        } catch (error) {
          // a sleeping cluster: the backend wakes it and asks to come back later
          if (ResponseError.is(error) && error.statusCode === 503) {
            return { waking: errorMessage(error) };
          }
          throw error;
        }
      },
      answer => {
        if ('waking' in answer) {
          return { message: answer.waking, severity: 'info' };
        }
        saveTextFile(
          `${cluster.name}.kubeconfig.yaml`,
          answer.yaml,
          'application/yaml',
        );
        return { message: `Kubeconfig for ${cluster.name} downloaded` };
      },
    );

  const saveSleepPolicy = async (sleep: VirtualClusterSleepPolicy) => {
    await api.updateCluster(cluster.id, { action: 'set-sleep-policy', sleep });
    setDialog(undefined);
    alertApi.post({
      message: `Sleep policy of ${cluster.name} saved`,
      severity: 'success',
      display: 'transient',
    });
    props.onChanged();
  };

  const extend = async (days: number) => {
    const updated = await api.updateCluster(cluster.id, {
      action: 'extend',
      days,
    });
    setDialog(undefined);
    alertApi.post({
      message: `Expiry of ${cluster.name} moved to ${formatDateTime(
        updated.expiresAt ?? '',
      )}`,
      severity: 'success',
      display: 'transient',
    });
    props.onChanged();
  };

  // a sleeping cluster's kubeconfig wakes it, which only its owners may ask for
  const kubeconfigButton = (
    <Button
      variant="contained"
      color="primary"
      disabled={!(can('kubeconfig') || (sleeping && canUpdate)) || busy}
      onClick={downloadKubeconfig}
    >
      Download kubeconfig
    </Button>
  );
  const targets = upgradeTargets(
    cluster.spec.kubernetesVersion,
    props.kubernetesVersions,
  );

  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
      {canReadKubeconfig &&
        (sleeping ? (
          <Tooltip
            title={
              canUpdate
                ? 'Wakes the cluster; download again once it runs'
                : 'The cluster is asleep; its owners can wake it'
            }
          >
            <span>{kubeconfigButton}</span>
          </Tooltip>
        ) : (
          kubeconfigButton
        ))}
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
            update(
              { action: 'resume' },
              sleeping ? `Waking ${cluster.name}` : `Resuming ${cluster.name}`,
            )
          }
        >
          {sleeping ? 'Wake' : 'Resume'}
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
      {canUpdate && !ending && (
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() => setDialog('sleep')}
        >
          Sleep policy
        </Button>
      )}
      {canUpdate && !ending && cluster.expiresAt && (
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() => setDialog('extend')}
        >
          Extend
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

      <SleepPolicyDialog
        cluster={cluster}
        open={dialog === 'sleep'}
        settings={props.sleepSettings}
        onClose={() => setDialog(undefined)}
        onSubmit={saveSleepPolicy}
      />

      {cluster.expiresAt && (
        <ExtendDialog
          cluster={cluster}
          open={dialog === 'extend'}
          settings={props.expirySettings}
          onClose={() => setDialog(undefined)}
          onSubmit={extend}
        />
      )}

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
