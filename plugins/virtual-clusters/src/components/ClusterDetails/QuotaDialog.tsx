import TextField from '@material-ui/core/TextField';
import {
  isKubernetesQuantity,
  VirtualCluster,
  VirtualClusterQuota,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { useEffect, useState } from 'react';
import { ActionDialog } from './ActionDialog';

/** The quota form's text, one field per resource; empty means no limit. */
export type QuotaForm = Record<'cpu' | 'memory' | 'storage' | 'pods', string>;

/**
 * Reads the form as the backend will: quantities like `2`, `500m`, `4Gi`, pods a
 * whole number; returns the quota or, per field, what is wrong.
 */
export function readQuotaForm(form: QuotaForm): {
  quota?: VirtualClusterQuota;
  errors: Partial<QuotaForm>;
} {
  const errors: Partial<QuotaForm> = {};
  const quota: VirtualClusterQuota = {};
  for (const field of ['cpu', 'memory', 'storage'] as const) {
    const value = form[field].trim();
    if (!value) continue;
    if (isKubernetesQuantity(value)) quota[field] = value;
    else errors[field] = 'A quantity like 2, 500m or 4Gi';
  }
  const pods = form.pods.trim();
  if (pods) {
    if (/^[1-9][0-9]*$/.test(pods)) quota.pods = Number(pods);
    else errors.pods = 'A whole number of at least 1';
  }
  if (Object.keys(errors).length) return { errors };
  if (!Object.keys(quota).length) {
    return { errors: { cpu: 'Set at least one limit' } };
  }
  return { quota, errors };
}

const LABELS: Record<keyof QuotaForm, string> = {
  cpu: 'CPU requests',
  memory: 'Memory requests',
  storage: 'Storage requests',
  pods: 'Pods',
};

/** Asks for the resource quota of a cluster on its host, starting from its current one. */
export function QuotaDialog(props: {
  cluster: VirtualCluster;
  open: boolean;
  busy: boolean;
  onClose: () => void;
  onSubmit: (quota: VirtualClusterQuota) => void;
}) {
  const { cluster, open } = props;
  const current = cluster.spec.quota ?? {};
  const [form, setForm] = useState<QuotaForm>({
    cpu: '',
    memory: '',
    storage: '',
    pods: '',
  });
  useEffect(() => {
    if (open) {
      setForm({
        cpu: current.cpu ?? '',
        memory: current.memory ?? '',
        storage: current.storage ?? '',
        pods: current.pods ? String(current.pods) : '',
      });
    }
    // the current quota when the dialog opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  const { quota, errors } = readQuotaForm(form);

  return (
    <ActionDialog
      open={open}
      title={`Change the quota of ${cluster.name}`}
      text={
        <>
          What the cluster may request in total on its host, its own control
          plane included. A field left empty keeps the vcluster chart&apos;s
          default. Applying it restarts the cluster&apos;s API server for a
          moment; workloads keep running.
        </>
      }
      confirm="Apply"
      disabled={!quota || props.busy}
      onClose={props.onClose}
      onConfirm={() => quota && props.onSubmit(quota)}
    >
      {(Object.keys(LABELS) as Array<keyof QuotaForm>).map(field => (
        <TextField
          key={field}
          fullWidth
          margin="dense"
          id={`virtual-cluster-quota-${field}`}
          label={LABELS[field]}
          value={form[field]}
          error={!!errors[field]}
          helperText={errors[field]}
          onChange={e => setForm({ ...form, [field]: e.target.value })}
        />
      ))}
    </ActionDialog>
  );
}
