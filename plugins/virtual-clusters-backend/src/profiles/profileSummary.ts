import {
  VirtualClusterProfile,
  VirtualClusterProfileLayer,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { ProfileLayer } from '@virtual-clusters/plugin-virtual-clusters-node';
import { parseAllDocuments } from 'yaml';
import type { ProfileSettings } from '../config';

/** What a layer installs, for users: never its values, which may hold secrets. */
export function layerSummary(layer: ProfileLayer): VirtualClusterProfileLayer {
  if (layer.type === 'helm') {
    return {
      type: 'helm',
      name: layer.release.name,
      namespace: layer.release.namespace,
      chart: layer.chart,
      chartVersion: layer.version,
      repository: layer.repository,
    };
  }
  const kinds: Record<string, number> = {};
  for (const doc of parseAllDocuments(layer.manifests)) {
    const kind = String(doc.toJS()?.kind ?? 'Unknown');
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return { type: 'manifests', name: layer.name, kinds };
}

/** The profiles for the API: one entry per name, its versions newest first. */
export function profileList(
  settings: ProfileSettings[],
): VirtualClusterProfile[] {
  const byName = new Map<string, ProfileSettings[]>();
  for (const profile of settings) {
    byName.set(profile.name, [...(byName.get(profile.name) ?? []), profile]);
  }
  return [...byName.values()].map(versions => ({
    name: versions[0].name,
    title: versions[0].title,
    ...(versions[0].description
      ? { description: versions[0].description }
      : {}),
    ...(versions[0].owner ? { owner: versions[0].owner } : {}),
    versions: versions.map(v => ({
      version: v.version,
      title: v.title,
      ...(v.description ? { description: v.description } : {}),
      layers: v.layers.map(layerSummary),
    })),
  }));
}
