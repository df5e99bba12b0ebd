/**
 * The chart repository the stand-in plays: https://charts.loft.sh serving chart
 * `vcluster` in the versions loft-sh/vcluster has released (its git tags v0.20.0 to
 * v0.36.1 without pre-releases, as of 2026-12; vcluster.yaml-style values since 0.20).
 */
export const CHART_REPOSITORY = 'https://charts.loft.sh';
export const CHART_NAME = 'vcluster';

/** Last patch release of each minor line (loft-sh/vcluster tags). */
const LAST_PATCH: Record<string, number> = {
  '0.20': 6,
  '0.21': 6,
  '0.22': 6,
  '0.23': 3,
  '0.24': 2,
  '0.25': 2,
  '0.26': 5,
  '0.27': 3,
  '0.28': 2,
  '0.29': 3,
  '0.30': 5,
  '0.31': 3,
  '0.32': 3,
  '0.33': 4,
  '0.34': 7,
  '0.35': 3,
  '0.36': 1,
};

/** Whether `version` (with or without a leading v) is a released chart version. */
export function isReleased(version: string): boolean {
  const match = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!match) return false;
  const last = LAST_PATCH[`${match[1]}.${match[2]}`];
  return last !== undefined && Number(match[3]) <= last;
}

/** The minor line of a chart version, e.g. `0.32`. */
export function chartLine(version: string): string {
  const [major, minor] = version.replace(/^v/, '').split('.');
  return `${major}.${minor}`;
}

/** k3s was removed from the chart in 0.33.0 (chart/values.yaml at v0.33.0 has only `distro.k8s`). */
export function supportsK3s(version: string): boolean {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major === 0 && minor <= 32;
}
