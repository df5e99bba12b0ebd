import { gunzipSync } from 'node:zlib';
import {
  VirtualCluster,
  VirtualClusterLayerStatus,
  VirtualClusterProfilesResponse,
  VirtualClusterProfileStatus,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import {
  ProfileLayer,
  ResolvedProfile,
} from '@virtual-clusters/plugin-virtual-clusters-node';
import { KubernetesClient } from '../kubernetes/KubernetesClient';
import { describeKubernetesError } from '../kubernetes/errors';
import {
  deployEntryHash,
  deployHelmEntry,
  deployManifests,
  DeployStatus,
  parseDeployStatus,
} from './deployValues';
import { layerSummary } from './profileSummary';
import { ProfileCatalog } from './ProfileCatalog';
import { AdminKubeConfigSource } from '../kubeconfig/AdminKubeConfigSource';

/** Where vcluster reports what it deployed (pkg/controllers/deploy/deploy.go v0.32.3). */
export const DEPLOY_STATUS_CONFIGMAP = {
  namespace: 'kube-system',
  name: 'vcluster-deploy',
  annotation: 'vcluster.loft.sh/status',
} as const;

const CONFIGMAPS = {
  group: '',
  version: 'v1',
  apiVersion: 'v1',
  kind: 'ConfigMap',
  name: 'configmaps',
  namespaced: true,
  verbs: ['get'],
};

/** `lastAppliedManifests` as vcluster stores it: gzip, then base64 (pkg/util/compress v0.32.3). */
function uncompress(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    return gunzipSync(Buffer.from(text, 'base64')).toString('utf8');
  } catch {
    return undefined;
  }
}

/** helm's answer to deleting a release that is not there, as vcluster words it. */
const NOT_FOUND = /^release '.*' was not found in namespace '.*'$/;

/**
 * Each attached layer's state, from what vcluster reported. A chart's `Success` counts
 * only when it is for the entry installed now (vcluster's hash of it): a Success of an
 * earlier version is still Pending for this one.
 */
export function layerStatuses(
  profiles: ResolvedProfile[],
  status: DeployStatus,
): {
  layers: VirtualClusterLayerStatus[][];
  removing: VirtualClusterLayerStatus[];
} {
  const rendered = deployManifests(profiles);
  const listed = new Set<string>();
  const statusOf = (layer: ProfileLayer): VirtualClusterLayerStatus => {
    const summary = layerSummary(layer);
    if (layer.type === 'manifests') {
      const reported = status.manifests;
      const applied = uncompress(
        (reported as { lastAppliedManifests?: string } | undefined)
          ?.lastAppliedManifests,
      );
      if (reported?.phase === 'Failed') {
        return { ...summary, phase: 'Failed', ...reasonOf(reported) };
      }
      if (reported?.phase === 'Success' && applied === rendered) {
        return { ...summary, phase: 'Success' };
      }
      return {
        ...summary,
        phase: 'Pending',
        message: 'vcluster has not applied these manifests yet',
      };
    }
    const { name, namespace } = layer.release;
    listed.add(`${namespace}/${name}`);
    const chart = status.charts.find(
      c => c.name === name && (c.namespace ?? 'default') === namespace,
    );
    if (chart?.phase === 'Failed') {
      return { ...summary, phase: 'Failed', ...reasonOf(chart) };
    }
    const current =
      chart?.lastAppliedChartConfigHash ===
      deployEntryHash(deployHelmEntry(layer));
    if (chart?.phase === 'Success' && current) {
      return { ...summary, phase: 'Success' };
    }
    return {
      ...summary,
      phase: 'Pending',
      message: chart
        ? `vcluster has not installed chart ${layer.chart} ${layer.version} yet (the release holds an earlier one)`
        : `vcluster has not installed chart ${layer.chart} ${layer.version} yet`,
    };
  };
  const layers = profiles.map(p => p.layers.map(statusOf));
  const removing = status.charts
    .filter(c => !listed.has(`${c.namespace ?? 'default'}/${c.name}`))
    // a chart that never installed (its pull failed) and was then detached: vcluster
    // keeps it as UninstallFailed with helm's "not found" (deleteHelmRelease,
    // pkg/helm/helm.go Delete, v0.32.3), though nothing is left to remove
    .filter(
      c => !(c.reason === 'UninstallFailed' && NOT_FOUND.test(c.message ?? '')),
    )
    .map(
      (c): VirtualClusterLayerStatus => ({
        type: 'helm',
        name: c.name ?? '',
        namespace: c.namespace ?? 'default',
        phase: c.phase === 'Failed' ? 'Failed' : 'Removing',
        ...reasonOf(c),
      }),
    );
  return { layers, removing };
}

/** The layers' state in one word: Failed before Pending before Success. */
export function summaryPhase(
  layers: VirtualClusterLayerStatus[],
): 'Pending' | 'Success' | 'Failed' | undefined {
  if (!layers.length) return undefined;
  if (layers.some(l => l.phase === 'Failed')) return 'Failed';
  if (layers.some(l => l.phase !== 'Success')) return 'Pending';
  return 'Success';
}

/** vcluster's reason and message (helm's output, whose last newline is dropped). */
function reasonOf(status: { reason?: string; message?: string }) {
  const message = status.message?.trimEnd();
  return {
    ...(status.reason ? { reason: status.reason } : {}),
    ...(message ? { message } : {}),
  };
}

/**
 * The profiles attached to a cluster and how each layer stands inside it, read from
 * ConfigMap `kube-system/vcluster-deploy` in the virtual cluster (never from the host).
 */
export class ClusterProfilesReader {
  readonly #catalog: ProfileCatalog;
  readonly #kubeconfigs: AdminKubeConfigSource;

  static create(options: {
    catalog: ProfileCatalog;
    kubeconfigs: AdminKubeConfigSource;
  }) {
    return new ClusterProfilesReader(options.catalog, options.kubeconfigs);
  }

  private constructor(
    catalog: ProfileCatalog,
    kubeconfigs: AdminKubeConfigSource,
  ) {
    this.#catalog = catalog;
    this.#kubeconfigs = kubeconfigs;
  }

  async read(cluster: VirtualCluster): Promise<VirtualClusterProfilesResponse> {
    const refs = cluster.spec.profiles ?? [];
    // each profile on its own, so that one changed in app-config does not hide the rest
    const resolved = refs.map(ref => {
      const settings = this.#catalog.settingsOf([ref])[0];
      try {
        const profile = this.#catalog.resolveOne(cluster, ref);
        return { ref, settings, profile };
      } catch (error) {
        return { ref, settings, problem: (error as Error).message };
      }
    });
    const installable = resolved.flatMap(r => (r.profile ? [r.profile] : []));

    let status: DeployStatus | undefined;
    let unknown: string | undefined;
    if (cluster.phase !== 'Running' && cluster.phase !== 'Upgrading') {
      unknown = `${cluster.name} is ${cluster.phase}: the layers' state is read while it runs`;
    } else {
      // read even without profiles: releases of detached ones may still be removed
      try {
        status = await this.#readStatus(cluster);
      } catch (error) {
        unknown = `Could not read vcluster's deploy status: ${describeKubernetesError(
          error,
        )}`;
      }
    }

    const { layers, removing } = status
      ? layerStatuses(installable, status)
      : {
          layers: installable.map(p =>
            p.layers.map(l => ({
              ...layerSummary(l),
              phase: 'Unknown' as const,
            })),
          ),
          removing: [],
        };
    const message = unknown ?? status?.message;
    const phase = summaryPhase([...layers.flat(), ...removing]);
    let next = 0;
    const profiles = resolved.map((r): VirtualClusterProfileStatus => {
      const base = {
        name: r.ref.name,
        version: r.ref.version,
        title: r.settings?.title ?? r.ref.name,
        ...(r.settings?.description
          ? { description: r.settings.description }
          : {}),
      };
      if (!r.profile) return { ...base, problem: r.problem, layers: [] };
      return { ...base, layers: layers[next++] };
    });
    return {
      profiles,
      removing,
      ...(status && phase ? { phase } : {}),
      ...(message ? { message } : {}),
    };
  }

  async #readStatus(cluster: VirtualCluster): Promise<DeployStatus> {
    const client = KubernetesClient.create(
      await this.#kubeconfigs.adminKubeConfig(cluster),
      { timeoutMs: 10_000 },
    );
    try {
      const configMap = await client.read(
        CONFIGMAPS,
        DEPLOY_STATUS_CONFIGMAP.name,
        DEPLOY_STATUS_CONFIGMAP.namespace,
      );
      const annotations = configMap?.metadata?.annotations as
        | Record<string, string>
        | undefined;
      return parseDeployStatus(
        annotations?.[DEPLOY_STATUS_CONFIGMAP.annotation],
      );
    } finally {
      await client.close();
    }
  }
}
