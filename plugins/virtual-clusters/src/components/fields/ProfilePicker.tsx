import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import {
  VirtualClusterProfile,
  VirtualClusterProfileRequest,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { useEffect } from 'react';
import { virtualClustersApiRef } from '../../api';
import { useProfiles } from '../../hooks';
import {
  ProfileVersionSelect,
  ProfileVersionSummary,
  versionOf,
} from '../Profiles';

type Props = FieldExtensionComponentProps<VirtualClusterProfileRequest[]>;

/**
 * The form value with `profile` turned on or off: the chosen profiles in the order
 * the admins list them (each once, a new one at its newest version), then those the
 * backend does not offer, as they were.
 */
export function toggleProfile(
  chosen: VirtualClusterProfileRequest[],
  profiles: VirtualClusterProfile[],
  profile: VirtualClusterProfile,
  on: boolean,
): VirtualClusterProfileRequest[] {
  const byName = new Map(chosen.map(c => [c.name, c]));
  if (on) {
    byName.set(profile.name, {
      name: profile.name,
      version: profile.versions[0].version,
    });
  } else {
    byName.delete(profile.name);
  }
  const offered = new Set(profiles.map(p => p.name));
  return [
    ...profiles.flatMap(p => byName.get(p.name) ?? []),
    ...[...byName.values()].filter(c => !offered.has(c.name)),
  ];
}

function ProfileOption(props: {
  id: string;
  profile: VirtualClusterProfile;
  chosen?: VirtualClusterProfileRequest;
  onToggle: (on: boolean) => void;
  onVersion: (version: string) => void;
}) {
  const { profile, chosen } = props;
  const version = chosen?.version ?? profile.versions[0]?.version;
  const notOffered = chosen && !versionOf(profile, version);
  return (
    <Box mt={1}>
      <FormControlLabel
        control={
          <Checkbox
            checked={!!chosen}
            onChange={e => props.onToggle(e.target.checked)}
            color="primary"
          />
        }
        label={profile.title}
      />
      <Box ml={4}>
        {chosen && (
          <ProfileVersionSelect
            id={`${props.id}-${profile.name}-version`}
            profile={profile}
            value={version ?? ''}
            onChange={props.onVersion}
          />
        )}
        {notOffered && (
          <FormHelperText error>
            {profile.title} has no version {version}; choose another
          </FormHelperText>
        )}
        <ProfileVersionSummary
          profile={profile}
          version={versionOf(profile, version)}
        />
      </Box>
    </Box>
  );
}

/**
 * Template field `VirtualClusterProfilePicker`: the application profiles admins
 * configured (`GET /profiles`), each to turn on with a version (newest first, the
 * newest by default), its description and what the chosen version installs (Helm
 * charts with their version and release, manifests by kind). Its value is an array
 * of `{ name, version }` in the order the profiles are listed, empty for none.
 */
export function ProfilePicker(props: Props) {
  const { formData, onChange, required, rawErrors, schema, uiSchema } = props;
  const { value: profiles, loading, error } = useProfiles();
  const chosen = formData ?? [];
  const id = props.idSchema?.$id ?? 'virtual-cluster-profiles';
  const title = schema.title ?? 'Application profiles';

  useEffect(() => {
    // none chosen is an empty list, not a missing value
    if (formData === undefined) onChange([]);
  }, [formData, onChange]);

  const offered = new Set(profiles?.map(p => p.name));
  const unknown = profiles ? chosen.filter(c => !offered.has(c.name)) : [];

  return (
    <FormControl
      fullWidth
      component="fieldset"
      required={required}
      error={!!rawErrors?.length || !!error}
    >
      <FormLabel component="legend">{title}</FormLabel>
      <FormHelperText>
        {error
          ? `Could not load application profiles: ${error.message}`
          : uiSchema?.['ui:help'] ??
            schema.description ??
            'Applications installed inside the virtual cluster, at the version you choose'}
      </FormHelperText>
      {loading && !profiles && (
        <LinearProgress aria-label="Loading application profiles" />
      )}
      {profiles?.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No application profiles are offered
        </Typography>
      )}
      {profiles?.map(profile => (
        <ProfileOption
          key={profile.name}
          id={id}
          profile={profile}
          chosen={chosen.find(c => c.name === profile.name)}
          onToggle={on =>
            onChange(toggleProfile(chosen, profiles, profile, on))
          }
          onVersion={version =>
            onChange(
              chosen.map(c =>
                c.name === profile.name ? { ...c, version } : c,
              ),
            )
          }
        />
      ))}
      {unknown.map(c => (
        <Box key={c.name} mt={1} display="flex" alignItems="center">
          <FormHelperText error>
            There is no application profile {c.name}
          </FormHelperText>
          <Box ml={1}>
            <Button
              size="small"
              onClick={() => onChange(chosen.filter(x => x.name !== c.name))}
            >
              Remove {c.name}
            </Button>
          </Box>
        </Box>
      ))}
      {rawErrors?.map(message => (
        <FormHelperText key={message} error>
          {message}
        </FormHelperText>
      ))}
    </FormControl>
  );
}

/**
 * Validation of the profile field: each profile once; where the API is at hand, each
 * one offered at the version asked for (the backend checks the same at create).
 */
export const validateProfilePickerField: CustomFieldValidator<
  VirtualClusterProfileRequest[]
> = async (value, validation, context) => {
  const chosen = value ?? [];
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const { name } of chosen) {
    if (seen.has(name)) twice.add(name);
    seen.add(name);
  }
  for (const name of twice) {
    validation.addError(`Profile ${name} is chosen more than once`);
  }

  const api = context?.apiHolder?.get(virtualClustersApiRef);
  if (!api || !chosen.length) return;
  let profiles: VirtualClusterProfile[];
  try {
    profiles = await api.listProfiles();
  } catch {
    return; // the field shows why the profiles could not be loaded
  }
  for (const { name, version } of chosen.filter(
    (c, i) => chosen.findIndex(x => x.name === c.name) === i,
  )) {
    const profile = profiles.find(p => p.name === name);
    if (!profile) {
      validation.addError(`There is no application profile ${name}`);
    } else if (version && !versionOf(profile, version)) {
      validation.addError(`${profile.title} has no version ${version}`);
    }
  }
};
