import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  VirtualClusterProfile,
  VirtualClusterProfileLayer,
  VirtualClusterProfileVersion,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { describeLayer } from '../helpers';

/** A key for a layer among a profile's: its kind, namespace and name. */
export function layerKey(layer: VirtualClusterProfileLayer): string {
  return `${layer.type}/${layer.namespace ?? ''}/${layer.name}`;
}

/**
 * What a version of a profile installs, one line per layer: a Helm chart with its
 * version and release, or manifests with their objects by kind.
 */
export function ProfileLayers(props: {
  layers: VirtualClusterProfileLayer[];
  label?: string;
}) {
  const { layers } = props;
  if (!layers.length) {
    return (
      <Typography variant="caption" color="textSecondary">
        Installs nothing
      </Typography>
    );
  }
  return (
    <Box component="ul" m={0} pl={2} aria-label={props.label}>
      {layers.map(layer => (
        <Typography key={layerKey(layer)} variant="caption" component="li">
          {describeLayer(layer)}
        </Typography>
      ))}
    </Box>
  );
}

/** The version `version` of `profile`, if it offers it. */
export function versionOf(
  profile: VirtualClusterProfile | undefined,
  version: string | undefined,
): VirtualClusterProfileVersion | undefined {
  return profile?.versions.find(v => v.version === version);
}

/**
 * A select of a profile's versions, newest first and marked so; a `value` the
 * profile does not offer (any more) is shown as such and cannot be chosen again.
 * `exclude` leaves versions out (the one a cluster has).
 */
export function ProfileVersionSelect(props: {
  id: string;
  profile: VirtualClusterProfile;
  value: string;
  onChange: (version: string) => void;
  label?: string;
  exclude?: string;
  disabled?: boolean;
}) {
  const { profile, value } = props;
  const versions = profile.versions.filter(v => v.version !== props.exclude);
  const offered = versions.some(v => v.version === value);
  return (
    <TextField
      select
      fullWidth
      margin="dense"
      id={props.id}
      label={props.label ?? `${profile.title} version`}
      value={value}
      disabled={props.disabled}
      onChange={e => props.onChange(e.target.value)}
    >
      {versions.map(v => (
        <MenuItem key={v.version} value={v.version}>
          {v.version}
          {v.version === profile.versions[0].version ? ' (newest)' : ''}
        </MenuItem>
      ))}
      {!offered && value && (
        <MenuItem value={value} disabled>
          {value} (not offered)
        </MenuItem>
      )}
    </TextField>
  );
}

/** A version's description (else its profile's) and what it installs. */
export function ProfileVersionSummary(props: {
  profile: VirtualClusterProfile;
  version?: VirtualClusterProfileVersion;
}) {
  const { profile, version } = props;
  const description = version?.description ?? profile.description;
  return (
    <Box mt={0.5}>
      {description && (
        <Typography variant="body2" color="textSecondary">
          {description}
        </Typography>
      )}
      {version && (
        <ProfileLayers
          layers={version.layers}
          label={`What ${profile.title} ${version.version} installs`}
        />
      )}
    </Box>
  );
}
