import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  HostClusterStatus,
  VirtualClusterDistro,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { useClusterGroups, useHostClusterChoices } from '../../hooks';

/**
 * ui:options of the version picker: where the host cluster (or the cluster group) and
 * the distro are in the form.
 */
export interface KubernetesVersionPickerOptions {
  hostClusterField?: string;
  clusterGroupField?: string;
  distroField?: string;
}

/** What offers versions: a host cluster, or a cluster group (what its members offer). */
type VersionSource = Pick<
  HostClusterStatus,
  'title' | 'defaults' | 'kubernetesVersions'
>;

type Props = FieldExtensionComponentProps<
  string,
  KubernetesVersionPickerOptions
>;

/** The versions `source` offers for `distro` (its default distro when none is chosen). */
function VersionSelect(
  props: Props & {
    source?: VersionSource;
    distro?: VirtualClusterDistro;
    choose: string;
  },
) {
  const { formData, onChange, schema, source, distro, choose } = props;
  const effectiveDistro = distro ?? source?.defaults.distro ?? 'k3s';
  const versions = source?.kubernetesVersions[effectiveDistro] ?? [];

  return (
    <FormControl fullWidth>
      <TextField
        id={props.idSchema?.$id}
        select
        label={schema.title ?? 'Kubernetes version'}
        value={formData ?? ''}
        onChange={e => onChange(e.target.value || undefined!)}
        disabled={!source}
        inputProps={{ 'aria-label': schema.title ?? 'Kubernetes version' }}
      >
        <MenuItem value="">
          Default
          {source
            ? ` (${
                source.defaults.distro === effectiveDistro
                  ? source.defaults.kubernetesVersion
                  : versions[0]
              })`
            : ''}
        </MenuItem>
        {versions.map(v => (
          <MenuItem key={v} value={v}>
            {v}
          </MenuItem>
        ))}
      </TextField>
      <FormHelperText>
        {source
          ? `Versions ${source.title} offers for ${effectiveDistro}`
          : choose}
      </FormHelperText>
    </FormControl>
  );
}

function HostVersions(
  props: Props & { hostName?: string; distro?: VirtualClusterDistro },
) {
  const { value: hosts } = useHostClusterChoices();
  const host = hosts?.find(h => h.name === props.hostName);
  return (
    <VersionSelect
      {...props}
      source={host}
      choose="Choose a host cluster first"
    />
  );
}

function GroupVersions(
  props: Props & { groupName?: string; distro?: VirtualClusterDistro },
) {
  const { value: groups } = useClusterGroups();
  const group = groups?.find(g => g.name === props.groupName);
  return (
    <VersionSelect
      {...props}
      source={group}
      choose="Choose a cluster group first"
    />
  );
}

/**
 * Template field `VirtualClusterKubernetesVersionPicker`: the Kubernetes versions the
 * chosen host cluster offers for the chosen distro; empty means the host's default.
 * In a form that chooses a cluster group instead of a host (its `clusterGroup` field
 * is set, or its schema has that field and no host field), the versions some member
 * of the group offers and the group's default.
 */
export function KubernetesVersionPicker(props: Props) {
  const { uiSchema, formContext, registry } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const form = (formContext?.formData ?? {}) as Record<string, unknown>;
  const hostField = options.hostClusterField ?? 'hostCluster';
  const groupField = options.clusterGroupField ?? 'clusterGroup';
  const hostName = form[hostField] as string | undefined;
  const groupName = form[groupField] as string | undefined;
  const distro =
    (form[options.distroField ?? 'distro'] as
      | VirtualClusterDistro
      | undefined) ?? undefined;

  // before either is chosen, the form's own fields say which it asks for
  const fields = registry?.rootSchema?.properties ?? {};
  const byGroup =
    !hostName &&
    (!!groupName || (groupField in fields && !(hostField in fields)));

  return byGroup ? (
    <GroupVersions {...props} groupName={groupName} distro={distro} />
  ) : (
    <HostVersions {...props} hostName={hostName} distro={distro} />
  );
}
