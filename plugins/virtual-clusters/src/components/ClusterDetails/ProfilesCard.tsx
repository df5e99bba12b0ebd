import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  canDo,
  VirtualCluster,
  VirtualClusterLayerPhase,
  VirtualClusterLayerStatus,
  VirtualClusterProfile,
  VirtualClusterProfilesResponse,
  VirtualClusterProfileStatus,
  VirtualClusterUpdate,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { useState } from 'react';
import { virtualClustersApiRef } from '../../api';
import { describeLayer, LAYER_PHASE_LABELS } from '../../helpers';
import {
  useClusterAction,
  useClusterPermissions,
  useClusterProfiles,
  useProfiles,
} from '../../hooks';
import { Loaded } from '../Loaded';
import {
  layerKey,
  ProfileVersionSelect,
  ProfileVersionSummary,
  versionOf,
} from '../Profiles';
import { ActionDialog } from './ActionDialog';

/** A layer's phase with the status colour that fits it; vcluster's Success reads `Deployed`. */
export function LayerPhaseStatus(props: { phase: VirtualClusterLayerPhase }) {
  const label = LAYER_PHASE_LABELS[props.phase];
  switch (props.phase) {
    case 'Success':
      return <StatusOK>{label}</StatusOK>;
    case 'Failed':
      return <StatusError>{label}</StatusError>;
    case 'Pending':
      return <StatusPending>{label}</StatusPending>;
    case 'Removing':
      return <StatusRunning>{label}</StatusRunning>;
    default:
      return <StatusWarning>{label}</StatusWarning>;
  }
}

/**
 * What to say below a layer's phase: vcluster's reason and message (helm's error text)
 * for a Failed one, the message of a Pending or Removing one, and for an Unknown one
 * why it is not known (its own message, else the response's).
 */
export function layerDetail(
  layer: VirtualClusterLayerStatus,
  responseMessage?: string,
): string | undefined {
  switch (layer.phase) {
    case 'Success':
      return undefined;
    case 'Failed':
      return (
        [layer.reason, layer.message].filter(Boolean).join(': ') || undefined
      );
    case 'Unknown':
      return layer.message ?? responseMessage;
    default:
      return layer.message;
  }
}

function LayerRows(props: {
  layers: VirtualClusterLayerStatus[];
  label: string;
  responseMessage?: string;
}) {
  return (
    <Table size="small" aria-label={props.label}>
      <TableBody>
        {props.layers.map(layer => {
          const detail = layerDetail(layer, props.responseMessage);
          return (
            <TableRow key={layerKey(layer)} aria-label={layer.name}>
              <TableCell component="th" scope="row">
                <Typography variant="body2">{describeLayer(layer)}</Typography>
                {detail && (
                  <Typography
                    variant="caption"
                    component="div"
                    color={layer.phase === 'Failed' ? 'error' : 'textSecondary'}
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {detail}
                  </Typography>
                )}
              </TableCell>
              {/* the phase on one line; a long message goes under the layer */}
              <TableCell style={{ whiteSpace: 'nowrap', width: '1%' }}>
                <LayerPhaseStatus phase={layer.phase} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** The response's message, unless every Unknown layer already shows it. */
function topMessage(status: VirtualClusterProfilesResponse) {
  const layers = [
    ...status.profiles.flatMap(p => p.layers),
    ...status.removing,
  ];
  const shownByLayers = layers.some(l => l.phase === 'Unknown' && !l.message);
  return shownByLayers ? undefined : status.message;
}

type DialogState =
  | { kind: 'attach' }
  | { kind: 'move'; profile: VirtualClusterProfileStatus }
  | { kind: 'detach'; profile: VirtualClusterProfileStatus };

/**
 * The application profiles attached to a cluster (`GET /clusters/{id}/profiles`),
 * each with its version and every layer's state inside the cluster as vcluster
 * reports it, and the releases of detached profiles still being uninstalled; followed
 * while the cluster is Upgrading or a layer is Pending or Removing. Users who may
 * change a Running cluster can attach a profile, move one to another version and
 * detach one.
 */
export function ProfilesCard(props: {
  cluster: VirtualCluster;
  onChanged?: () => void;
}) {
  const { cluster } = props;
  const api = useApi(virtualClustersApiRef);
  const { canUpdate } = useClusterPermissions(cluster.id);
  const status = useClusterProfiles(cluster);
  const mayChange = canUpdate && canDo(cluster, 'profiles');
  const catalog = useProfiles(mayChange);
  const { busy, run } = useClusterAction(() => {
    status.retry();
    props.onChanged?.();
  });
  const [dialog, setDialog] = useState<DialogState | undefined>();
  const [attachName, setAttachName] = useState('');
  const [version, setVersion] = useState('');

  const attached = new Set(
    (cluster.spec.profiles ?? [])
      .map(p => p.name)
      .concat(status.value?.profiles.map(p => p.name) ?? []),
  );
  const attachable = (catalog.value ?? []).filter(p => !attached.has(p.name));
  const profileNamed = (name?: string): VirtualClusterProfile | undefined =>
    catalog.value?.find(p => p.name === name);
  const otherVersions = (p: VirtualClusterProfileStatus) =>
    profileNamed(p.name)?.versions.filter(v => v.version !== p.version) ?? [];

  const update = (body: VirtualClusterUpdate, what: string) => {
    setDialog(undefined);
    return run(what, () => api.updateCluster(cluster.id, body));
  };

  const openAttach = () => {
    const first = attachable[0];
    setAttachName(first?.name ?? '');
    setVersion(first?.versions[0]?.version ?? '');
    setDialog({ kind: 'attach' });
  };
  const openMove = (profile: VirtualClusterProfileStatus) => {
    setVersion(otherVersions(profile)[0]?.version ?? '');
    setDialog({ kind: 'move', profile });
  };

  const toAttach = profileNamed(attachName);
  const moving = dialog?.kind === 'move' ? dialog.profile : undefined;
  const movingProfile = profileNamed(moving?.name);

  return (
    <InfoCard
      title="Application profiles"
      subheader="Installed inside the cluster by vcluster"
      action={
        mayChange ? (
          <Button
            color="primary"
            variant="contained"
            disabled={!!busy || attachable.length === 0}
            title={
              catalog.value && attachable.length === 0
                ? 'Every application profile is attached'
                : undefined
            }
            onClick={openAttach}
          >
            Attach profile
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
      {mayChange && catalog.error && (
        <Typography variant="body2" color="error">
          Could not load the application profiles: {catalog.error.message}
        </Typography>
      )}
      <Loaded state={status}>
        {value => (
          <>
            {topMessage(value) && (
              <Typography variant="body2" color="textSecondary">
                {topMessage(value)}
              </Typography>
            )}
            {value.profiles.length === 0 && value.removing.length === 0 && (
              <Typography variant="body2" color="textSecondary">
                No application profiles are attached
              </Typography>
            )}
            {value.profiles.map(profile => (
              <Box
                key={profile.name}
                component="section"
                aria-label={profile.title}
                mt={2}
              >
                <Box
                  display="flex"
                  alignItems="center"
                  flexWrap="wrap"
                  style={{ gap: 8 }}
                >
                  <Typography variant="subtitle1">{profile.title}</Typography>
                  <Typography variant="body2" color="textSecondary">
                    version {profile.version}
                  </Typography>
                  <Box flexGrow={1} />
                  {mayChange && otherVersions(profile).length > 0 && (
                    <Button
                      size="small"
                      variant="outlined"
                      disabled={!!busy}
                      onClick={() => openMove(profile)}
                    >
                      Change version
                    </Button>
                  )}
                  {mayChange && (
                    <Button
                      size="small"
                      variant="outlined"
                      color="secondary"
                      disabled={!!busy}
                      onClick={() => setDialog({ kind: 'detach', profile })}
                    >
                      Detach
                    </Button>
                  )}
                </Box>
                {profile.description && (
                  <Typography variant="body2" color="textSecondary">
                    {profile.description}
                  </Typography>
                )}
                {profile.problem && (
                  <StatusError>{profile.problem}</StatusError>
                )}
                {profile.layers.length > 0 && (
                  <LayerRows
                    layers={profile.layers}
                    label={`Layers of ${profile.title}`}
                    responseMessage={value.message}
                  />
                )}
              </Box>
            ))}
            {value.removing.length > 0 && (
              <Box component="section" aria-label="Being uninstalled" mt={2}>
                <Typography variant="subtitle1">Being uninstalled</Typography>
                <Typography variant="body2" color="textSecondary">
                  Releases of detached profiles that vcluster has not removed
                  yet
                </Typography>
                <LayerRows
                  layers={value.removing}
                  label="Releases being uninstalled"
                  responseMessage={value.message}
                />
              </Box>
            )}
          </>
        )}
      </Loaded>

      <ActionDialog
        open={dialog?.kind === 'attach'}
        title={`Attach a profile to ${cluster.name}`}
        text={
          <>
            vcluster installs what the profile holds inside the cluster. The
            cluster is Upgrading while its control plane restarts to take the
            new values; workloads keep running.
          </>
        }
        confirm="Attach"
        disabled={!toAttach || !versionOf(toAttach, version) || !!busy}
        onClose={() => setDialog(undefined)}
        onConfirm={() =>
          toAttach &&
          update(
            { action: 'attach-profile', profile: toAttach.name, version },
            `Attaching ${toAttach.title} ${version} to ${cluster.name}`,
          )
        }
      >
        <TextField
          select
          fullWidth
          margin="dense"
          id="virtual-cluster-attach-profile"
          label="Profile"
          value={attachName}
          onChange={e => {
            setAttachName(e.target.value);
            setVersion(
              profileNamed(e.target.value)?.versions[0]?.version ?? '',
            );
          }}
        >
          {attachable.map(p => (
            <MenuItem key={p.name} value={p.name}>
              {p.title}
            </MenuItem>
          ))}
        </TextField>
        {toAttach && (
          <>
            <ProfileVersionSelect
              id="virtual-cluster-attach-profile-version"
              profile={toAttach}
              label="Version"
              value={version}
              onChange={setVersion}
            />
            <ProfileVersionSummary
              profile={toAttach}
              version={versionOf(toAttach, version)}
            />
          </>
        )}
      </ActionDialog>

      <ActionDialog
        open={dialog?.kind === 'move'}
        title={`Change the version of ${moving?.title ?? ''}`}
        text={
          <>
            From version {moving?.version}. vcluster upgrades its Helm releases
            and applies its manifests at the chosen version; the cluster is
            Upgrading meanwhile.
          </>
        }
        confirm="Change version"
        disabled={
          !movingProfile ||
          !versionOf(movingProfile, version) ||
          version === moving?.version ||
          !!busy
        }
        onClose={() => setDialog(undefined)}
        onConfirm={() =>
          moving &&
          update(
            { action: 'move-profile', profile: moving.name, version },
            `Moving ${moving.title} of ${cluster.name} to ${version}`,
          )
        }
      >
        {movingProfile && moving && (
          <>
            <ProfileVersionSelect
              id="virtual-cluster-move-profile-version"
              profile={movingProfile}
              label="Version"
              exclude={moving.version}
              value={version}
              onChange={setVersion}
            />
            <ProfileVersionSummary
              profile={movingProfile}
              version={versionOf(movingProfile, version)}
            />
          </>
        )}
      </ActionDialog>

      <ActionDialog
        open={dialog?.kind === 'detach'}
        title={`Detach ${
          dialog?.kind === 'detach' ? dialog.profile.title : ''
        } from ${cluster.name}?`}
        text={
          <>
            vcluster uninstalls its Helm releases and deletes the objects of its
            manifests inside the cluster; what they hold is lost. The cluster is
            Upgrading meanwhile.
          </>
        }
        confirm="Detach"
        color="secondary"
        disabled={!!busy}
        onClose={() => setDialog(undefined)}
        onConfirm={() =>
          dialog?.kind === 'detach' &&
          update(
            { action: 'detach-profile', profile: dialog.profile.name },
            `Detaching ${dialog.profile.title} from ${cluster.name}`,
          )
        }
      />
    </InfoCard>
  );
}
