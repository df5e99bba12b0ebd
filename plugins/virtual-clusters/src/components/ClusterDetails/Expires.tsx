import Box from '@material-ui/core/Box';
import { expiresSoon, formatExpiry } from '../../helpers';

/**
 * When the backend deletes the cluster (after a final backup): `in 6 days (10 Dec
 * 2026, 12:00)`, in the warning colour within the last day, or `Never`.
 */
export function Expires(props: { expiresAt?: string }) {
  const text = formatExpiry(props.expiresAt);
  if (!expiresSoon(props.expiresAt)) return <>{text}</>;
  return (
    <Box component="span" color="warning.main" fontWeight="fontWeightBold">
      {text}
    </Box>
  );
}
