/*
 * Helpers the frontend shares: how amounts and clusters are shown.
 */
export { clusterEntityRef, clusterVersion } from './cluster';
export {
  describeGroupFree,
  describeGroupLimits,
  describeMember,
  failingChecks,
  formatPlacement,
  groupFree,
  groupUnavailable,
} from './clusterGroup';
export {
  checkDays,
  expiresSoon,
  formatDateTime,
  formatExpiry,
  MAX_TTL_DAYS,
  maxExtensionDays,
  parseDays,
} from './expiry';
export type { ExpirySettings } from './expiry';
export { formatBytes, formatMoney, formatQuotaValue } from './format';
export {
  describeKinds,
  describeLayer,
  isLayerInProgress,
  LAYER_PHASE_LABELS,
} from './profile';
export { parseQuantity } from '@virtual-clusters/plugin-virtual-clusters-common';
export {
  checkCron,
  checkDuration,
  checkTimezone,
  describeActivity,
  describeSleep,
  describeSleepPolicy,
  formatRelativeTime,
  isSleeping,
  shownPhase,
  readSleepPolicyForm,
  sleepPolicyErrors,
  sleepPolicyForm,
  sleepPolicyOf,
} from './sleep';
export type { SleepPolicyErrors, SleepPolicyForm } from './sleep';
