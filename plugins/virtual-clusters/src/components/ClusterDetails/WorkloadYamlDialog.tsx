import { CodeSnippet, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import { WorkloadObjectKind } from '@virtual-clusters/plugin-virtual-clusters-common';
import useAsync from 'react-use/esm/useAsync';
import { virtualClustersApiRef } from '../../api';
import { errorMessage } from '../../hooks/useClusterAction';

/**
 * One object's YAML as the backend reads it (without managed fields, a Secret without
 * its data), with a copy button.
 */
export function WorkloadYamlDialog(props: {
  clusterId: string;
  /** Open while set, unless `open` says otherwise (the object kept while it closes). */
  object?: { namespace: string; kind: WorkloadObjectKind; name: string };
  open?: boolean;
  onClose: () => void;
}) {
  const { object } = props;
  const open = !!object && props.open !== false;
  return (
    <Dialog
      open={open}
      onClose={props.onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="workload-yaml-title"
    >
      <DialogTitle id="workload-yaml-title">
        YAML of {object?.kind} {object?.name}
      </DialogTitle>
      <DialogContent>
        <DialogContentText variant="body2">
          As the cluster has it now, in namespace {object?.namespace}.{' '}
          <code>metadata.managedFields</code> and a Secret&apos;s data are left
          out.
        </DialogContentText>
        {open && object && (
          <YamlView clusterId={props.clusterId} object={object} />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

function YamlView(props: {
  clusterId: string;
  object: { namespace: string; kind: WorkloadObjectKind; name: string };
}) {
  const api = useApi(virtualClustersApiRef);
  const { clusterId } = props;
  const { namespace, kind, name } = props.object;
  const yaml = useAsync(
    () => api.getWorkloadYaml(clusterId, { namespace, kind, name }),
    [api, clusterId, namespace, kind, name],
  );
  if (yaml.error) {
    return <Alert severity="error">{errorMessage(yaml.error)}</Alert>;
  }
  if (yaml.value === undefined) return <Progress />;
  return (
    <div data-testid="workload-yaml">
      <CodeSnippet
        text={yaml.value}
        language="yaml"
        showCopyCodeButton
        customStyle={{ maxHeight: '60vh', overflow: 'auto' }}
      />
    </div>
  );
}
