import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { HostClusterStatus } from '@virtual-clusters/plugin-virtual-clusters-common';
import { useEffect } from 'react';
import { useHostClusterChoices } from '../../hooks';

/** One line about a host: exposure, readiness and free capacity. */
export function describeHost(host: HostClusterStatus): string {
  const parts: string[] = [host.exposure.type];
  if (!host.ready) {
    parts.push(
      `not ready: ${
        host.checks
          .filter(c => !c.ok)
          .map(c => c.message)
          .join('; ') || 'unchecked'
      }`,
    );
  }
  if (host.capacity) {
    const { allocatable, requested, virtualClusters, maxVirtualClusters } =
      host.capacity;
    const cpu = Math.max(0, allocatable.cpuCores - requested.cpuCores);
    const mem = Math.max(0, allocatable.memoryGiB - requested.memoryGiB);
    parts.push(`${cpu.toFixed(1)} CPU and ${mem.toFixed(0)} GiB free`);
    parts.push(
      `${virtualClusters}${
        maxVirtualClusters !== undefined ? `/${maxVirtualClusters}` : ''
      } virtual clusters`,
    );
  }
  return parts.join(' · ');
}

/**
 * Template field `VirtualClusterHostClusterPicker`: the host clusters with exposure,
 * readiness and free capacity; hosts that are not ready cannot be chosen.
 */
export function HostClusterPicker(props: FieldExtensionComponentProps<string>) {
  const { formData, onChange, required, rawErrors, schema, uiSchema } = props;
  const { value: hosts, loading, error } = useHostClusterChoices();

  useEffect(() => {
    // choose the only ready host when there is just one
    const ready = hosts?.filter(h => h.ready) ?? [];
    if (!formData && ready.length === 1) onChange(ready[0].name);
  }, [hosts, formData, onChange]);

  return (
    <FormControl
      fullWidth
      required={required}
      error={!!rawErrors?.length || !!error}
    >
      <TextField
        id={props.idSchema?.$id}
        select
        label={schema.title ?? 'Host cluster'}
        value={formData ?? ''}
        onChange={e => onChange(e.target.value)}
        disabled={loading}
        required={required}
        inputProps={{ 'aria-label': schema.title ?? 'Host cluster' }}
      >
        {(hosts ?? []).map(host => (
          <MenuItem key={host.name} value={host.name} disabled={!host.ready}>
            <div>
              <div>{host.title}</div>
              <FormHelperText>{describeHost(host)}</FormHelperText>
            </div>
          </MenuItem>
        ))}
      </TextField>
      <FormHelperText>
        {error
          ? `Could not load host clusters: ${error.message}`
          : uiSchema?.['ui:help'] ??
            schema.description ??
            'Where the virtual cluster runs'}
      </FormHelperText>
    </FormControl>
  );
}
