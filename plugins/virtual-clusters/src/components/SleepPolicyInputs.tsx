import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import TextField from '@material-ui/core/TextField';
import { HostCluster } from '@virtual-clusters/plugin-virtual-clusters-common';
import { SleepPolicyErrors, SleepPolicyForm } from '../helpers';

/** What a host says about sleep: its defaults and limits (`GET /host-clusters`). */
export type SleepSettings = NonNullable<HostCluster['sleep']>;

type TextKey = Exclude<keyof SleepPolicyForm, 'neverSleep'>;

/** Each text field of a sleep policy: its label, an example, and what it does. */
export const SLEEP_FIELDS: Record<
  TextKey,
  { label: string; example: string; help: string }
> = {
  afterInactivity: {
    label: 'Sleep after inactivity',
    example: '2h',
    help: 'How long without a kubeconfig, a portal view or a change inside, e.g. 2h or 1h30m',
  },
  schedule: {
    label: 'Sleep schedule',
    example: '0 20 * * 1-5',
    help: 'Cron expression of when it goes to sleep, e.g. 0 20 * * 1-5 (weekdays at 20:00)',
  },
  wakeupSchedule: {
    label: 'Wake-up schedule',
    example: '0 8 * * 1-5',
    help: 'Cron expression of when it wakes, e.g. 0 8 * * 1-5 (weekdays at 08:00)',
  },
  timezone: {
    label: 'Time zone',
    example: 'Europe/Berlin',
    help: 'IANA time zone of the schedules, e.g. Europe/Berlin; UTC when empty',
  },
};

/**
 * The helper text of a field: what is wrong, else what it does, then the default and
 * the limit of `source` (a host or a group) where known, e.g. `…; default 2h on Local
 * host cluster; at most 8h`.
 */
export function sleepFieldHelp(
  key: TextKey,
  settings: SleepSettings | undefined,
  source: string | undefined,
  error?: string,
): string {
  if (error) return error;
  const parts = [SLEEP_FIELDS[key].help];
  const fallback = settings?.defaults[key];
  if (fallback)
    parts.push(`default ${fallback}${source ? ` on ${source}` : ''}`);
  if (key === 'afterInactivity' && settings?.maxAfterInactivity) {
    parts.push(`at most ${settings.maxAfterInactivity}`);
  }
  return parts.join('; ');
}

/**
 * The inputs of a sleep policy: after inactivity, the sleep and wake-up schedules and
 * their time zone (each with the default of `settings` as its placeholder), and never
 * sleep, which turns the others off and is refused where `settings` does not allow it.
 */
export function SleepPolicyInputs(props: {
  idPrefix: string;
  form: SleepPolicyForm;
  errors: SleepPolicyErrors;
  onChange: (form: SleepPolicyForm) => void;
  settings?: SleepSettings;
  /** Whose defaults `settings` are, for the helper texts: a host's or group's title. */
  source?: string;
  disabled?: boolean;
}) {
  const { form, errors, settings, source } = props;
  const neverSleepAllowed = settings?.allowNeverSleep !== false;
  return (
    <>
      {(Object.keys(SLEEP_FIELDS) as TextKey[]).map(key => (
        <TextField
          key={key}
          fullWidth
          margin="dense"
          id={`${props.idPrefix}-${key}`}
          label={SLEEP_FIELDS[key].label}
          placeholder={settings?.defaults[key] ?? SLEEP_FIELDS[key].example}
          InputLabelProps={{ shrink: true }}
          value={form[key]}
          disabled={props.disabled || form.neverSleep}
          error={!!errors[key]}
          helperText={sleepFieldHelp(key, settings, source, errors[key])}
          onChange={e => props.onChange({ ...form, [key]: e.target.value })}
        />
      ))}
      <FormControlLabel
        control={
          <Checkbox
            color="primary"
            checked={form.neverSleep}
            disabled={
              props.disabled || (!neverSleepAllowed && !form.neverSleep)
            }
            onChange={e =>
              props.onChange({ ...form, neverSleep: e.target.checked })
            }
          />
        }
        label="Never sleep"
      />
      <FormHelperText>
        {neverSleepAllowed
          ? 'Keeps the cluster awake, where the host allows it'
          : `${source ?? 'The host'} does not allow clusters that never sleep`}
      </FormHelperText>
    </>
  );
}
