import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import MenuItem from '@material-ui/core/MenuItem';
import { makeStyles } from '@material-ui/core/styles';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  PodLogsRequest,
  Workload,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { useEffect, useRef, useState } from 'react';
import { virtualClustersApiRef } from '../../api';
import { saveTextFile } from '../../helpers/download';
import { errorMessage } from '../../hooks/useClusterAction';

/** The tail lengths offered; the last is "all" (the backend's maximum). */
export const TAIL_CHOICES: Array<{ lines: number; label: string }> = [
  { lines: 100, label: '100' },
  { lines: 500, label: '500' },
  { lines: 2000, label: '2000' },
  { lines: 100000, label: 'All' },
];

/** How long a follow streams before the backend ends it. */
export const FOLLOW_SECONDS = 300;

/** How much followed text the dialog keeps (the oldest is dropped beyond it). */
const MAX_CHARS = 2_000_000;

const useStyles = makeStyles(theme => ({
  log: {
    fontFamily: 'monospace',
    fontSize: theme.typography.pxToRem(12),
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    margin: 0,
    padding: theme.spacing(1),
    minHeight: 200,
    height: '55vh',
    overflow: 'auto',
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
  },
}));

/** The pod, with its containers as the workloads API lists them. */
type Pod = Pick<Workload, 'namespace' | 'name' | 'containers'>;

/**
 * A pod's log, read by the backend with the user's own rights inside the cluster:
 * container, tail length, the previous container's log, follow (streams for
 * {@link FOLLOW_SECONDS} and stops when turned off or the dialog closes) and download
 * as `<pod>-<container>.log`. The backend's refusals are shown in the dialog.
 */
export function PodLogsDialog(props: {
  clusterId: string;
  /** Open while set, unless `open` says otherwise (the pod kept while it closes). */
  pod?: Pod;
  open?: boolean;
  onClose: () => void;
}) {
  const { pod } = props;
  const open = !!pod && props.open !== false;
  return (
    <Dialog
      open={open}
      onClose={props.onClose}
      maxWidth="lg"
      fullWidth
      aria-labelledby="pod-logs-title"
    >
      <DialogTitle id="pod-logs-title">Logs of {pod?.name}</DialogTitle>
      {open && pod && (
        <PodLogs
          key={`${pod.namespace}/${pod.name}`}
          clusterId={props.clusterId}
          pod={pod}
          onClose={props.onClose}
        />
      )}
    </Dialog>
  );
}

function PodLogs(props: { clusterId: string; pod: Pod; onClose: () => void }) {
  const classes = useStyles();
  const api = useApi(virtualClustersApiRef);
  const { clusterId } = props;
  const { namespace, name } = props.pod;

  const choices = props.pod.containers ?? [];
  const [chosen, setChosen] = useState<string | undefined>();
  const container = chosen ?? choices[0]?.name ?? '';
  const [tailLines, setTailLines] = useState(500);
  const [previous, setPrevious] = useState(false);
  const [follow, setFollow] = useState(false);
  const [reloads, setReloads] = useState(0);

  const [text, setText] = useState('');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [downloading, setDownloading] = useState(false);

  const request: PodLogsRequest = {
    ...(container ? { container } : {}),
    tailLines,
    previous,
  };
  const requestKey = JSON.stringify(request);

  // the log as it is now, again whenever what is asked for changes
  useEffect(() => {
    if (follow) return undefined;
    let current = true;
    setLoading(true);
    setError(undefined);
    api
      .getPodLogs(clusterId, { namespace, name }, JSON.parse(requestKey))
      .then(
        log => current && setText(log),
        e => {
          if (!current) return;
          setText('');
          setError(errorMessage(e));
        },
      )
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [api, clusterId, namespace, name, requestKey, follow, reloads]);

  // following: the tail, then each new piece, until the backend ends the stream, the
  // user turns it off or the dialog closes (the effect's cleanup aborts it)
  useEffect(() => {
    if (!follow) return undefined;
    const controller = new AbortController();
    setText('');
    setError(undefined);
    setLoading(false);
    api
      .followPodLogs(
        clusterId,
        { namespace, name },
        { ...JSON.parse(requestKey), followSeconds: FOLLOW_SECONDS },
        piece =>
          setText(t => {
            const all = t + piece;
            return all.length > MAX_CHARS ? all.slice(-MAX_CHARS) : all;
          }),
        { signal: controller.signal },
      )
      .catch(e => {
        if (!controller.signal.aborted) setError(errorMessage(e));
      })
      .finally(() => {
        if (!controller.signal.aborted) setFollow(false);
      });
    return () => controller.abort();
  }, [api, clusterId, namespace, name, requestKey, follow]);

  // kept at the bottom, unless the user scrolled up to read
  const logRef = useRef<HTMLPreElement>(null);
  const atBottom = useRef(true);
  useEffect(() => {
    const el = logRef.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [text]);

  const download = async () => {
    setDownloading(true);
    setError(undefined);
    try {
      const log = await api.getPodLogs(clusterId, { namespace, name }, request);
      saveTextFile(container ? `${name}-${container}.log` : `${name}.log`, log);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <>
      <DialogContent>
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          style={{ gap: 16 }}
          mb={1}
        >
          <TextField
            select
            id="pod-logs-container"
            label="Container"
            style={{ minWidth: 180 }}
            value={container}
            disabled={choices.length === 0}
            onChange={e => setChosen(e.target.value)}
          >
            {choices.length === 0 && (
              <MenuItem value="">the pod&apos;s only container</MenuItem>
            )}
            {choices.map(c => (
              <MenuItem key={c.name} value={c.name}>
                {c.init ? `${c.name} (init)` : c.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            id="pod-logs-tail"
            label="Lines"
            style={{ minWidth: 100 }}
            value={tailLines}
            onChange={e => setTailLines(Number(e.target.value))}
          >
            {TAIL_CHOICES.map(c => (
              <MenuItem key={c.lines} value={c.lines}>
                {c.label}
              </MenuItem>
            ))}
          </TextField>
          <FormControlLabel
            control={
              <Checkbox
                checked={previous}
                disabled={follow}
                onChange={e => setPrevious(e.target.checked)}
              />
            }
            label="Previous container"
          />
          <FormControlLabel
            control={
              <Switch
                checked={follow}
                disabled={previous}
                onChange={e => setFollow(e.target.checked)}
              />
            }
            label="Follow"
          />
          {follow && (
            <Typography variant="body2" color="textSecondary" role="status">
              following… (stops after {FOLLOW_SECONDS / 60} minutes)
            </Typography>
          )}
        </Box>
        {error && (
          <Box mb={1}>
            <Alert severity="error" data-testid="pod-logs-error">
              {error}
            </Alert>
          </Box>
        )}
        {loading && <LinearProgress />}
        <pre
          ref={logRef}
          className={classes.log}
          role="log"
          aria-label={`Log of ${name}`}
          data-testid="pod-logs"
          // a scrolling region is focusable, for keyboard users to scroll it
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
          onScroll={e => {
            const el = e.currentTarget;
            atBottom.current =
              el.scrollHeight - el.scrollTop - el.clientHeight < 24;
          }}
        >
          {text}
        </pre>
      </DialogContent>
      <DialogActions>
        <Button
          disabled={follow || loading}
          onClick={() => setReloads(n => n + 1)}
        >
          Reload
        </Button>
        <Button disabled={downloading} onClick={download}>
          Download
        </Button>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </>
  );
}
