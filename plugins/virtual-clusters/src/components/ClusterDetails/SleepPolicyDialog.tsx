import Alert from '@material-ui/lab/Alert';
import {
  VirtualCluster,
  VirtualClusterSleepPolicy,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { useEffect, useState } from 'react';
import {
  readSleepPolicyForm,
  SleepPolicyForm,
  sleepPolicyForm,
} from '../../helpers';
import { errorMessage } from '../../hooks/useClusterAction';
import { SleepPolicyInputs, SleepSettings } from '../SleepPolicyInputs';
import { ActionDialog } from './ActionDialog';

/**
 * Asks for a cluster's sleep policy, starting from its current one: after inactivity,
 * the sleep and wake-up schedules and their time zone, or never sleep (where the host
 * allows it). A field left empty takes the host's (or group's) default. The checks
 * here are of the shapes; what the backend refuses (a limit, a value cron does not
 * know) is shown as its message, and the dialog stays open.
 */
export function SleepPolicyDialog(props: {
  cluster: VirtualCluster;
  open: boolean;
  /** The host's defaults and limits, where known. */
  settings?: SleepSettings;
  onClose: () => void;
  /** Saves the policy; rejects with the backend's refusal. */
  onSubmit: (sleep: VirtualClusterSleepPolicy) => Promise<void>;
}) {
  const { cluster, open } = props;
  const [form, setForm] = useState<SleepPolicyForm>(sleepPolicyForm());
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | undefined>();
  useEffect(() => {
    if (open) {
      setForm(sleepPolicyForm(cluster.spec.sleep));
      setRefusal(undefined);
    }
    // the current policy when the dialog opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  const { policy, errors } = readSleepPolicyForm(form);

  const submit = async () => {
    if (!policy) return;
    // turning never sleep off must say so: a key left out keeps the default
    const sleep =
      !form.neverSleep && cluster.spec.sleep?.neverSleep
        ? { ...policy, neverSleep: false }
        : policy;
    setSaving(true);
    setRefusal(undefined);
    try {
      await props.onSubmit(sleep);
    } catch (error) {
      setRefusal(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <ActionDialog
      open={open}
      title={`Sleep policy of ${cluster.name}`}
      text={
        <>
          While asleep the cluster is paused and its workloads stop; a
          kubeconfig download, the Wake button or the wake-up schedule wakes it.
          A field left empty takes the host&apos;s default.
        </>
      }
      confirm="Save"
      disabled={!policy || saving}
      onClose={props.onClose}
      onConfirm={submit}
    >
      {refusal && <Alert severity="error">{refusal}</Alert>}
      <SleepPolicyInputs
        idPrefix="virtual-cluster-sleep"
        form={form}
        errors={errors}
        onChange={setForm}
        settings={props.settings}
        source={cluster.hostCluster}
        disabled={saving}
      />
    </ActionDialog>
  );
}
