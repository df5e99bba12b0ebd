import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { ClusterGroupStatus } from '@virtual-clusters/plugin-virtual-clusters-common';
import { useEffect } from 'react';
import {
  describeGroupFree,
  describeGroupLimits,
  describeMember,
  groupUnavailable,
} from '../../helpers';
import { useClusterGroups } from '../../hooks';

/** The chosen group below the select: its description, limits and each member with its free capacity. */
function GroupSummary(props: { group: ClusterGroupStatus }) {
  const { group } = props;
  return (
    <Box mt={1}>
      {group.description && (
        <Typography variant="body2">{group.description}</Typography>
      )}
      <Typography variant="caption" color="textSecondary" component="div">
        {describeGroupLimits(group)}
      </Typography>
      <Box component="ul" m={0} pl={2}>
        {group.hostClusters.map(member => (
          <Typography key={member.name} variant="caption" component="li">
            {member.title}: {describeMember(member)}
          </Typography>
        ))}
      </Box>
    </Box>
  );
}

/**
 * Template field `VirtualClusterGroupPicker`: the cluster groups with the free capacity
 * of their ready members; a group that cannot take a cluster (full, no ready member,
 * no room on one) cannot be chosen and says why. Below the select, the chosen group's
 * description and members. Its value is the group's name.
 */
export function ClusterGroupPicker(
  props: FieldExtensionComponentProps<string>,
) {
  const { formData, onChange, required, rawErrors, schema, uiSchema } = props;
  const { value: groups, loading, error } = useClusterGroups();
  const chosen = groups?.find(g => g.name === formData);

  useEffect(() => {
    // choose the only group that can take a cluster when there is just one
    const available = groups?.filter(g => !groupUnavailable(g)) ?? [];
    if (!formData && available.length === 1) onChange(available[0].name);
  }, [groups, formData, onChange]);

  return (
    <FormControl
      fullWidth
      required={required}
      error={!!rawErrors?.length || !!error}
    >
      <TextField
        id={props.idSchema?.$id}
        select
        label={schema.title ?? 'Cluster group'}
        value={formData ?? ''}
        onChange={e => onChange(e.target.value)}
        disabled={loading}
        required={required}
        inputProps={{ 'aria-label': schema.title ?? 'Cluster group' }}
      >
        {(groups ?? []).map(group => {
          const unavailable = groupUnavailable(group);
          return (
            <MenuItem
              key={group.name}
              value={group.name}
              disabled={!!unavailable}
            >
              <div>
                <div>{group.title}</div>
                <FormHelperText>
                  {unavailable ?? describeGroupFree(group)}
                </FormHelperText>
              </div>
            </MenuItem>
          );
        })}
      </TextField>
      <FormHelperText>
        {error
          ? `Could not load cluster groups: ${error.message}`
          : uiSchema?.['ui:help'] ??
            schema.description ??
            'The host clusters the virtual cluster may be placed on'}
      </FormHelperText>
      {chosen && <GroupSummary group={chosen} />}
    </FormControl>
  );
}
