import { JsonObject } from '@backstage/types';
import { HelmLayer, ManifestsLayer, ProfileSettings } from '../config';

/**
 * The `experimental.deploy.vcluster` values that make vcluster install a cluster's
 * profiles itself (chart/values.schema.json v0.32.3, ExperimentalDeployHelm: `chart`
 * {name, repo, version}, `release` {name, namespace}, `values` as a YAML string;
 * `manifests` one string of YAML documents). vcluster's deploy controller
 * (pkg/controllers/deploy, v0.32.3) installs or upgrades each chart when its entry
 * changes and uninstalls a release that is no longer listed.
 */
export function deployValues(profiles: ProfileSettings[]): JsonObject {
  const layers = profiles.flatMap(p => p.layers);
  const charts = layers.filter((l): l is HelmLayer => l.type === 'helm');
  const manifests = layers.filter(
    (l): l is ManifestsLayer => l.type === 'manifests',
  );
  return {
    experimental: {
      deploy: {
        vcluster: {
          helm: charts.map(chart => ({
            chart: {
              name: chart.chart,
              repo: chart.repository,
              version: chart.version,
            },
            release: {
              name: chart.release.name,
              namespace: chart.release.namespace,
            },
            ...(chart.values ? { values: chart.values } : {}),
          })),
          manifests: manifests
            .map(m => m.manifests.replace(/\n*$/, '\n'))
            .join('---\n'),
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
  manifests?: Omit<DeployChartStatus, 'name' | 'namespace'>;
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
