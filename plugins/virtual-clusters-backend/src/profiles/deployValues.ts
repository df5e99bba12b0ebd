import { createHash } from 'node:crypto';
import { JsonObject } from '@backstage/types';
import {
  HelmProfileLayer,
  ManifestsProfileLayer,
  ResolvedProfile,
} from '@virtual-clusters/plugin-virtual-clusters-node';
import { stringify } from 'yaml';

/**
 * One entry of `experimental.deploy.vcluster.helm` (config/config.go v0.32.3,
 * ExperimentalDeployHelm): the chart, the release, and the values as a YAML string.
 */
export type DeployHelmEntry = {
  chart: { name: string; repo: string; version: string };
  release: { name: string; namespace: string };
  values?: string;
};

/** The entry vcluster is given for one chart layer. */
export function deployHelmEntry(layer: HelmProfileLayer): DeployHelmEntry {
  return {
    chart: {
      name: layer.chart,
      repo: layer.repository,
      version: layer.version,
    },
    release: { name: layer.release.name, namespace: layer.release.namespace },
    ...(layer.values && Object.keys(layer.values).length
      ? { values: stringify(layer.values) }
      : {}),
  };
}

/**
 * Go's `json.Marshal` of a string: JSON with `<`, `>`, `&`, U+2028 and U+2029
 * escaped (encoding/json's HTML-safe default).
 */
function goString(text: string): string {
  return JSON.stringify(text).replace(
    /[<>&\u2028\u2029]/g,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The hash vcluster keeps of the entry it last installed, `lastAppliedChartConfigHash`:
 * md5 of Go's `json.Marshal` of the ExperimentalDeployHelm struct (getHashedConfig in
 * pkg/controllers/deploy/deploy.go v0.32.3; fields in struct order, empty strings
 * omitted, the chart and release objects always written). A status whose hash is not
 * this one is about an earlier entry.
 */
export function deployEntryHash(entry: DeployHelmEntry): string {
  const fields = (pairs: Array<[string, string | undefined]>) =>
    `{${pairs
      .filter(([, v]) => v)
      .map(([k, v]) => `"${k}":${goString(v!)}`)
      .join(',')}}`;
  const json = `{"chart":${fields([
    ['name', entry.chart.name],
    ['repo', entry.chart.repo],
    ['version', entry.chart.version],
  ])},"release":${fields([
    ['name', entry.release.name],
    ['namespace', entry.release.namespace],
  ])}${entry.values ? `,"values":${goString(entry.values)}` : ''}}`;
  return createHash('md5').update(json).digest('hex');
}

/**
 * The manifests layers of the profiles as vcluster is given them: one string of YAML
 * documents (`experimental.deploy.vcluster.manifests`), empty when there are none.
 */
export function deployManifests(profiles: ResolvedProfile[]): string {
  return profiles
    .flatMap(p => p.layers)
    .filter((l): l is ManifestsProfileLayer => l.type === 'manifests')
    .map(m => m.manifests.replace(/\n*$/, '\n'))
    .join('---\n');
}

/**
 * The `experimental.deploy.vcluster` values that make vcluster install a cluster's
 * profiles itself (chart/values.schema.json v0.32.3: `helm[]` entries, `manifests` one
 * string of YAML documents). vcluster's deploy controller (pkg/controllers/deploy
 * v0.32.3) installs or upgrades each chart whose entry changed and uninstalls a release
 * no longer listed; an empty or missing block are the same to it, so a cluster
 * without profiles gets none (and its values stay as they were before profiles).
 */
export function deployValues(profiles: ResolvedProfile[]): JsonObject {
  const charts = profiles
    .flatMap(p => p.layers)
    .filter((l): l is HelmProfileLayer => l.type === 'helm');
  const manifests = deployManifests(profiles);
  if (!charts.length && !manifests) return {};
  return {
    experimental: {
      deploy: {
        vcluster: {
          ...(charts.length ? { helm: charts.map(deployHelmEntry) } : {}),
          ...(manifests ? { manifests } : {}),
        },
      },
    },
  };
}

/** One chart's state as vcluster's deploy controller reports it. */
export interface DeployChartStatus {
  name?: string;
  namespace?: string;
  phase?: 'Pending' | 'Success' | 'Failed';
  reason?: string;
  message?: string;
  lastAppliedChartConfigHash?: string;
}

/**
 * What vcluster reports in ConfigMap `kube-system/vcluster-deploy`, annotation
 * `vcluster.loft.sh/status` (pkg/controllers/deploy/types.go v0.32.3): an overall
 * phase, each chart's, and the manifests'.
 */
export interface DeployStatus {
  phase?: 'Pending' | 'Success' | 'Failed';
  reason?: string;
  message?: string;
  charts: DeployChartStatus[];
  manifests?: Omit<
    DeployChartStatus,
    'name' | 'namespace' | 'lastAppliedChartConfigHash'
  >;
}

/** The annotation `vcluster.loft.sh/status` read; none yet (or unreadable) is all Pending. */
export function parseDeployStatus(
  annotation: string | undefined,
): DeployStatus {
  if (!annotation) return { phase: 'Pending', charts: [] };
  try {
    const status = JSON.parse(annotation);
    return {
      ...(status.phase ? { phase: status.phase } : {}),
      ...(status.reason ? { reason: status.reason } : {}),
      ...(status.message ? { message: status.message } : {}),
      charts: Array.isArray(status.charts) ? status.charts : [],
      ...(status.manifests ? { manifests: status.manifests } : {}),
    };
  } catch {
    return {
      phase: 'Pending',
      message: 'vcluster-deploy status is not JSON',
      charts: [],
    };
  }
}
