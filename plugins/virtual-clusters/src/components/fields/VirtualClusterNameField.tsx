import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import {
  MAX_VIRTUAL_CLUSTER_NAME_LENGTH,
  validateVirtualClusterName,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { FieldValidation } from '@rjsf/utils';

/** Template field `VirtualClusterName`: a name checked exactly as the backend does. */
export function VirtualClusterNameField(
  props: FieldExtensionComponentProps<string>,
) {
  const { formData, onChange, required, rawErrors, schema } = props;
  return (
    <TextField
      id={props.idSchema?.$id}
      fullWidth
      label={schema.title ?? 'Name'}
      value={formData ?? ''}
      required={required}
      error={!!rawErrors?.length}
      helperText={
        rawErrors?.[0] ??
        `Lower case letters, digits and dashes; at most ${MAX_VIRTUAL_CLUSTER_NAME_LENGTH} characters`
      }
      onChange={e => onChange(e.target.value)}
    />
  );
}

/** Validation of the name field: the backend's own rule. */
export function validateVirtualClusterNameField(
  value: string,
  validation: FieldValidation,
) {
  const problem = value ? validateVirtualClusterName(value) : undefined;
  if (problem) validation.addError(problem);
}
