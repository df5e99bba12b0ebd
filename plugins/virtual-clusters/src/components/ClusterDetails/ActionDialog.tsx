import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { ReactNode } from 'react';

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
  return (
    <Dialog open={props.open} onClose={props.onClose}>
      <DialogTitle>{props.title}</DialogTitle>
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
