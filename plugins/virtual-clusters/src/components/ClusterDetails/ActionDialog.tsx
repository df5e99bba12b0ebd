import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { ReactNode, useState } from 'react';

/** Ids of the dialogs' titles (React 16 and 17, which the plugin supports, have no useId). */
let dialogs = 0;

/**
 * The dialog before an action on a cluster: what it does (`text`), the fields it
 * needs (`children`), Cancel and the button that runs it (`confirm`, in `color`,
 * off while `disabled`).
 */
export function ActionDialog(props: {
  open: boolean;
  title: ReactNode;
  text: ReactNode;
  children?: ReactNode;
  confirm: string;
  color?: 'primary' | 'secondary';
  disabled?: boolean;
  onClose: () => void;
  onConfirm: () => void;
}) {
  // the dialog is named by its title (for assistive technology and role queries)
  const [titleId] = useState(() => `action-dialog-${++dialogs}`);
  return (
    <Dialog open={props.open} onClose={props.onClose} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{props.title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{props.text}</DialogContentText>
        {props.children}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color={props.color ?? 'primary'}
          disabled={props.disabled}
          onClick={props.onConfirm}
        >
          {props.confirm}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
