/**
 * Released versions of the vcluster Helm chart, per minor line: the git tags of
 * loft-sh/vcluster (no pre-releases) as of 2026-12, from 0.20.0 on. Only these can be
 * installed; a version that was never tagged makes helm fail on the host.
 *
 * @public
 */
export const RELEASED_VCLUSTER_CHART_VERSIONS: Readonly<
  Record<string, readonly string[]>
> = Object.freeze(
  Object.fromEntries(
    (
      [
        ['0.20', 6],
        ['0.21', 6],
        ['0.22', 6],
        ['0.23', 3],
        ['0.24', 2],
        ['0.25', 2],
        ['0.26', 5],
        ['0.27', 3],
        ['0.28', 2],
        ['0.29', 3],
        ['0.30', 5],
        ['0.31', 3],
        ['0.32', 3],
        ['0.33', 4],
        ['0.34', 7],
        ['0.35', 3],
        ['0.36', 1],
      ] as const
    ).map(([minor, lastPatch]) => [
      minor,
      Object.freeze(
        Array.from(
          { length: lastPatch + 1 },
          (_, patch) => `${minor}.${patch}`,
        ),
      ),
    ]),
  ),
);

/** The last chart line that still has the k3s distro (removed in 0.33.0). @public */
export const LAST_K3S_CHART_MINOR = '0.32';

/** The minor line of a version, `0.32` of `0.32.3`. */
function minorOf(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

/** Whether a vcluster chart version was released. @public */
export function isReleasedVClusterChart(version: string): boolean {
  return (
    RELEASED_VCLUSTER_CHART_VERSIONS[minorOf(version)]?.includes(version) ??
    false
  );
}

/**
 * Why a vcluster chart version cannot be used, naming the released versions of its
 * minor line (or the released lines); undefined when it was released.
 *
 * @public
 */
export function unreleasedVClusterChartMessage(
  version: string,
): string | undefined {
  if (isReleasedVClusterChart(version)) return undefined;
  const released = RELEASED_VCLUSTER_CHART_VERSIONS[minorOf(version)];
  if (released) {
    return `vcluster chart ${version} was never released; released ${minorOf(
      version,
    )}.x: ${released.join(', ')}`;
  }
  const lines = Object.keys(RELEASED_VCLUSTER_CHART_VERSIONS);
  return `vcluster chart ${version} was never released; released lines: ${lines
    .map(l => `${l}.x`)
    .join(', ')}`;
}
