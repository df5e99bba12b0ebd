import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import {
  HostClusterStatus,
  VirtualClusterSleepPolicy,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { useState } from 'react';
import {
  sleepPolicyErrors,
  SleepPolicyForm,
  sleepPolicyForm,
  sleepPolicyOf,
} from '../../helpers';
import { useHostClusterChoices } from '../../hooks';
import {
  SLEEP_FIELDS,
  SleepPolicyInputs,
  SleepSettings,
} from '../SleepPolicyInputs';

/** ui:options of the sleep policy field: where the host cluster or group is in the form. */
export interface SleepPolicyFieldOptions {
  hostClusterField?: string;
  clusterGroupField?: string;
}

type Props = FieldExtensionComponentProps<
  VirtualClusterSleepPolicy,
  SleepPolicyFieldOptions
>;

/**
 * The sleep defaults and limits a new cluster gets: of the chosen host, or of the
 * chosen group where all its members say the same (a group's settings are its
 * members'), with whose they are.
 */
export function sleepSettingsOf(
  hosts: HostClusterStatus[] | undefined,
  choice: { hostName?: string; groupName?: string },
): { settings?: SleepSettings; source?: string } {
  if (!hosts) return {};
  if (choice.hostName) {
    const host = hosts.find(h => h.name === choice.hostName);
    return host?.sleep ? { settings: host.sleep, source: host.title } : {};
  }
  if (choice.groupName) {
    const members = hosts.filter(h => h.clusterGroup === choice.groupName);
    const first = members[0]?.sleep;
    const same = members.every(
      m => JSON.stringify(m.sleep) === JSON.stringify(first),
    );
    return first && same
      ? { settings: first, source: `group ${choice.groupName}` }
      : {};
  }
  return {};
}

/**
 * Template field `VirtualClusterSleepPolicy`: when the new cluster sleeps, as the
 * create request's `sleep`: after inactivity (a duration like `2h`), a sleep and a
 * wake-up schedule (five-field cron expressions) in a time zone, or never sleep. The
 * chosen host's (or group's) defaults are the placeholders (`GET /host-clusters`);
 * its `ui:options` `hostClusterField` and `clusterGroupField` name those fields.
 * Its value is a SleepPolicy object without the keys left empty (`{}` for none, which
 * takes the defaults); never sleep leaves the others out.
 */
export function SleepPolicyField(props: Props) {
  const { formData, onChange, rawErrors, schema, uiSchema, formContext } =
    props;
  const options = uiSchema?.['ui:options'] ?? {};
  const form = (formContext?.formData ?? {}) as Record<string, unknown>;
  const hostName = form[options.hostClusterField ?? 'hostCluster'] as
    | string
    | undefined;
  const groupName = form[options.clusterGroupField ?? 'clusterGroup'] as
    | string
    | undefined;
  const { value: hosts } = useHostClusterChoices();
  const { settings, source } = sleepSettingsOf(hosts, { hostName, groupName });

  // the text as typed (spaces in a cron expression included); the value is trimmed
  const [text, setText] = useState<SleepPolicyForm>(() =>
    sleepPolicyForm(formData),
  );
  const change = (next: SleepPolicyForm) => {
    setText(next);
    onChange(sleepPolicyOf(next));
  };
  const id = props.idSchema?.$id ?? 'virtual-cluster-sleep';

  return (
    <FormControl fullWidth component="fieldset" error={!!rawErrors?.length}>
      <FormLabel component="legend">{schema.title ?? 'Sleep policy'}</FormLabel>
      <FormHelperText>
        {uiSchema?.['ui:help'] ??
          schema.description ??
          'When the cluster is paused to save money; fields left empty take the defaults'}
      </FormHelperText>
      <SleepPolicyInputs
        idPrefix={id}
        form={text}
        errors={sleepPolicyErrors(sleepPolicyOf(text))}
        onChange={change}
        settings={settings}
        source={source}
      />
      {rawErrors?.map(message => (
        <FormHelperText key={message} error>
          {message}
        </FormHelperText>
      ))}
    </FormControl>
  );
}

/** Validation of the sleep policy field: the shapes the backend accepts. */
export const validateSleepPolicyField: CustomFieldValidator<
  VirtualClusterSleepPolicy
> = (value, validation) => {
  const errors = sleepPolicyErrors(value ?? {});
  for (const [key, message] of Object.entries(errors)) {
    validation.addError(
      `${SLEEP_FIELDS[key as keyof typeof SLEEP_FIELDS].label}: ${message}`,
    );
  }
};
