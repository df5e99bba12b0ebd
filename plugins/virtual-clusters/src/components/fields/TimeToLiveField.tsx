import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import { HostClusterStatus } from '@virtual-clusters/plugin-virtual-clusters-common';
import { useState } from 'react';
import { virtualClustersApiRef } from '../../api';
import { checkDays, ExpirySettings, parseDays } from '../../helpers';
import { useHostClusterChoices } from '../../hooks';

/** ui:options of the time to live field: where the host cluster or group is in the form. */
export interface TimeToLiveFieldOptions {
  hostClusterField?: string;
  clusterGroupField?: string;
}

type Props = FieldExtensionComponentProps<
  number | undefined,
  TimeToLiveFieldOptions
>;

/**
 * The expiry settings a new cluster gets: of the chosen host, or of the chosen group
 * where all its members say the same (a group's settings are its members'), with whose
 * they are.
 */
export function expirySettingsOf(
  hosts: HostClusterStatus[] | undefined,
  choice: { hostName?: string; groupName?: string },
): { settings?: ExpirySettings; source?: string } {
  if (!hosts) return {};
  if (choice.hostName) {
    const host = hosts.find(h => h.name === choice.hostName);
    return host?.expiry ? { settings: host.expiry, source: host.title } : {};
  }
  if (choice.groupName) {
    const members = hosts.filter(h => h.clusterGroup === choice.groupName);
    const first = members[0]?.expiry;
    const same = members.every(
      m =>
        m.expiry?.defaultTtlDays === first?.defaultTtlDays &&
        m.expiry?.maxTtlDays === first?.maxTtlDays,
    );
    return first && same
      ? { settings: first, source: `group ${choice.groupName}` }
      : {};
  }
  return {};
}

/** The host or group chosen elsewhere in the form, as `ui:options` name their fields. */
function choiceOf(
  formData: Record<string, unknown> | undefined,
  options: TimeToLiveFieldOptions | undefined,
) {
  const form = formData ?? {};
  return {
    hostName: form[options?.hostClusterField ?? 'hostCluster'] as
      | string
      | undefined,
    groupName: form[options?.clusterGroupField ?? 'clusterGroup'] as
      | string
      | undefined,
  };
}

/**
 * What the field says under it: what is wrong, else what it does with the default and
 * the maximum of `source` where known, e.g. `Days until the cluster is deleted (after
 * a final backup); empty for the default: 14 days on Local host cluster; at most 30`.
 */
export function timeToLiveHelp(
  settings: ExpirySettings | undefined,
  source: string | undefined,
): string {
  const parts = ['Days until the cluster is deleted (after a final backup)'];
  const on = source ? ` on ${source}` : '';
  if (!settings) {
    parts.push("empty for the host's default");
  } else if (settings.defaultTtlDays !== undefined) {
    parts.push(`empty for the default: ${settings.defaultTtlDays} days${on}`);
  } else {
    parts.push(`empty: it does not expire${on}`);
  }
  if (settings?.maxTtlDays !== undefined) {
    parts.push(`at most ${settings.maxTtlDays}`);
  }
  return parts.join('; ');
}

/**
 * Template field `VirtualClusterTimeToLive`: how many days the new cluster lives, as
 * the create request's `ttlDays`; the backend deletes it then, after a final backup.
 * Empty takes the chosen host's (or group's) default (`GET /host-clusters`), shown
 * with its maximum; its `ui:options` `hostClusterField` and `clusterGroupField` name
 * those fields. Its value is a whole number of days, or undefined when empty.
 */
export function TimeToLiveField(props: Props) {
  const {
    formData,
    onChange,
    rawErrors,
    required,
    schema,
    uiSchema,
    formContext,
  } = props;
  const { value: hosts } = useHostClusterChoices();
  const { settings, source } = expirySettingsOf(
    hosts,
    choiceOf(formContext?.formData, uiSchema?.['ui:options']),
  );
  // the text as typed; the value is its number
  const [text, setText] = useState(
    formData === undefined ? '' : String(formData),
  );
  const days = parseDays(text);
  const problem =
    days === undefined
      ? undefined
      : checkDays(days, settings?.maxTtlDays, source);

  return (
    <TextField
      fullWidth
      id={props.idSchema?.$id ?? 'virtual-cluster-ttl-days'}
      label={schema.title ?? 'Time to live (days)'}
      type="number"
      required={required}
      placeholder={
        settings?.defaultTtlDays !== undefined
          ? String(settings.defaultTtlDays)
          : undefined
      }
      inputProps={{
        min: 1,
        ...(settings?.maxTtlDays !== undefined
          ? { max: settings.maxTtlDays }
          : {}),
        step: 1,
      }}
      value={text}
      error={!!problem || !!rawErrors?.length}
      helperText={
        problem ??
        rawErrors?.[0] ??
        uiSchema?.['ui:help'] ??
        timeToLiveHelp(settings, source)
      }
      onChange={e => {
        setText(e.target.value);
        onChange(parseDays(e.target.value));
      }}
    />
  );
}

/**
 * Validation of the time to live field: a whole number of days from 1, at most the
 * chosen host's (or group's) `maxTtlDays` where the API is at hand (the backend checks
 * the same at create); empty is the default.
 */
export const validateTimeToLiveField: CustomFieldValidator<
  number | undefined,
  TimeToLiveFieldOptions
> = async (value, validation, context) => {
  if (value === undefined || value === null) return;
  let max: number | undefined;
  let source: string | undefined;
  const api = context?.apiHolder?.get(virtualClustersApiRef);
  if (api) {
    try {
      const found = expirySettingsOf(
        await api.listHostClusters(),
        choiceOf(context.formData, context.uiSchema?.['ui:options']),
      );
      max = found.settings?.maxTtlDays;
      source = found.source;
    } catch {
      // the field shows the host's limits where it can; the backend checks at create
    }
  }
  const problem = checkDays(value, max, source);
  if (problem) validation.addError(`Time to live: ${problem}`);
};
