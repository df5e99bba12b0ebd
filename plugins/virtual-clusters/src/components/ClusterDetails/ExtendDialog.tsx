import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';
import { useEffect, useState } from 'react';
import {
  checkDays,
  ExpirySettings,
  formatExpiry,
  maxExtensionDays,
  parseDays,
} from '../../helpers';
import { errorMessage } from '../../hooks/useClusterAction';
import { ActionDialog } from './ActionDialog';

/** Days an extension adds unless the owner asks for other. */
export const DEFAULT_EXTEND_DAYS = 7;

/**
 * Asks by how many days to move a cluster's expiry later (from its current expiry).
 * Where the host's maximum is known (`GET /host-clusters`) it is shown and checked as
 * the backend does; what the backend refuses (the maximum, when it is not known here)
 * is shown as its message, and the dialog stays open.
 */
export function ExtendDialog(props: {
  cluster: VirtualCluster;
  open: boolean;
  /** The host's expiry settings, where known. */
  settings?: ExpirySettings;
  onClose: () => void;
  /** Extends the expiry; rejects with the backend's refusal. */
  onSubmit: (days: number) => Promise<void>;
}) {
  const { cluster, open, settings } = props;
  const expiresAt = cluster.expiresAt ?? '';
  const [text, setText] = useState(String(DEFAULT_EXTEND_DAYS));
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | undefined>();
  const most = maxExtensionDays(expiresAt, settings);
  useEffect(() => {
    if (open) {
      setText(
        String(most && most < DEFAULT_EXTEND_DAYS ? most : DEFAULT_EXTEND_DAYS),
      );
      setRefusal(undefined);
    }
    // the defaults when the dialog opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const days = parseDays(text);
  const problem =
    days === undefined
      ? 'How many days to add'
      : checkDays(days, most, cluster.hostCluster);

  const submit = async () => {
    if (problem || days === undefined) return;
    setSaving(true);
    setRefusal(undefined);
    try {
      await props.onSubmit(days);
    } catch (error) {
      setRefusal(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const limit =
    settings?.maxTtlDays === undefined
      ? ''
      : ` ${cluster.hostCluster} lets a cluster live at most ${
          settings.maxTtlDays
        } days from now${
          most === 0
            ? ': this one already expires as late as that.'
            : `, so ${most} more days at most.`
        }`;

  return (
    <ActionDialog
      open={open}
      title={`Extend ${cluster.name}`}
      text={`${cluster.name} expires ${formatExpiry(
        cluster.expiresAt,
      )}: the backend takes a final backup and deletes it. Extending moves that later by the days given.${limit}`}
      confirm="Extend"
      disabled={!!problem || saving}
      onClose={props.onClose}
      onConfirm={submit}
    >
      {refusal && <Alert severity="error">{refusal}</Alert>}
      <TextField
        fullWidth
        id="virtual-cluster-extend-days"
        label="Days"
        type="number"
        inputProps={{ min: 1, ...(most ? { max: most } : {}), step: 1 }}
        value={text}
        error={!!problem && text !== ''}
        helperText={
          problem && text !== ''
            ? problem
            : `Days added to the expiry${
                settings?.maxTtlDays !== undefined
                  ? `; at most ${settings.maxTtlDays} days from now on ${cluster.hostCluster}`
                  : ''
              }`
        }
        disabled={saving}
        onChange={e => setText(e.target.value)}
      />
    </ActionDialog>
  );
}
