/*
 * Helpers the frontend shares: how amounts and clusters are shown.
 */
export { clusterEntityRef, clusterVersion } from './cluster';
export {
  formatBytes,
  formatMoney,
  formatQuotaValue,
  parseQuantity,
} from './format';
