import {
  VirtualClusterLayerPhase,
  VirtualClusterProfileLayer,
} from '@virtual-clusters/plugin-virtual-clusters-common';

/** Object counts of a manifests layer, by kind: `2 ConfigMap, 1 Secret`. */
export function describeKinds(kinds: Record<string, number> = {}): string {
  return Object.keys(kinds)
    .sort()
    .map(kind => `${kinds[kind]} ${kind}`)
    .join(', ');
}

/**
 * What a layer installs, for people: `Helm chart hello-profile 1.0.0 · release hello
 * in namespace apps`, or `Manifests settings: 2 ConfigMap, 1 Secret`. A release
 * without its chart (one being uninstalled) is `Helm release hello in namespace apps`.
 */
export function describeLayer(layer: VirtualClusterProfileLayer): string {
  if (layer.type === 'manifests') {
    const kinds = describeKinds(layer.kinds);
    return `Manifests ${layer.name}${kinds ? `: ${kinds}` : ''}`;
  }
  const release = `release ${layer.name} in namespace ${
    layer.namespace ?? 'default'
  }`;
  if (!layer.chart) return `Helm ${release}`;
  const chart = [layer.chart, layer.chartVersion].filter(Boolean).join(' ');
  return `Helm chart ${chart} · ${release}`;
}

/** How a layer's phase reads on the page: vcluster's `Success` is `Deployed`. */
export const LAYER_PHASE_LABELS: Record<VirtualClusterLayerPhase, string> = {
  Success: 'Deployed',
  Failed: 'Failed',
  Pending: 'Pending',
  Removing: 'Removing',
  Unknown: 'Unknown',
};

/** Phases vcluster moves a layer out of by itself: the UI follows a layer in one. */
export function isLayerInProgress(phase: VirtualClusterLayerPhase): boolean {
  return phase === 'Pending' || phase === 'Removing';
}
