import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { VirtualClusterDistro } from '@virtual-clusters/plugin-virtual-clusters-common';
import { useHostClusterChoices } from '../../hooks';

/** ui:options of the version picker: where the host cluster and distro are in the form. */
export interface KubernetesVersionPickerOptions {
  hostClusterField?: string;
  distroField?: string;
}

/**
 * Template field `VirtualClusterKubernetesVersionPicker`: the Kubernetes versions the
 * chosen host cluster offers for the chosen distro; empty means the host's default.
 */
export function KubernetesVersionPicker(
  props: FieldExtensionComponentProps<string, KubernetesVersionPickerOptions>,
) {
  const { formData, onChange, schema, uiSchema, formContext } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const form = (formContext?.formData ?? {}) as Record<string, unknown>;
  const hostName = form[options.hostClusterField ?? 'hostCluster'] as
    | string
    | undefined;
  const distro =
    (form[options.distroField ?? 'distro'] as
      | VirtualClusterDistro
      | undefined) ?? undefined;
  const { value: hosts } = useHostClusterChoices();
  const host = hosts?.find(h => h.name === hostName);
  const effectiveDistro = distro ?? host?.defaults.distro ?? 'k3s';
  const versions = host?.kubernetesVersions[effectiveDistro] ?? [];

  return (
    <FormControl fullWidth>
      <TextField
        id={props.idSchema?.$id}
        select
        label={schema.title ?? 'Kubernetes version'}
        value={formData ?? ''}
        onChange={e => onChange(e.target.value || undefined!)}
        disabled={!host}
        inputProps={{ 'aria-label': schema.title ?? 'Kubernetes version' }}
      >
        <MenuItem value="">
          Default
          {host
            ? ` (${
                host.defaults.distro === effectiveDistro
                  ? host.defaults.kubernetesVersion
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
        {host
          ? `Versions ${host.title} offers for ${effectiveDistro}`
          : 'Choose a host cluster first'}
      </FormHelperText>
    </FormControl>
  );
}
