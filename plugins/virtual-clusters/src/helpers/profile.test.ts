import { describeKinds, describeLayer, isLayerInProgress } from './profile';

describe('describeLayer', () => {
  it('names a Helm chart with its version and release', () => {
    expect(
      describeLayer({
        type: 'helm',
        name: 'hello',
        namespace: 'apps',
        chart: 'hello-profile',
        chartVersion: '1.0.0',
      }),
    ).toBe('Helm chart hello-profile 1.0.0 · release hello in namespace apps');
  });

  it('names a release without its chart, as one being uninstalled is', () => {
    expect(
      describeLayer({ type: 'helm', name: 'metrics', namespace: 'monitoring' }),
    ).toBe('Helm release metrics in namespace monitoring');
  });

  it('counts the objects of manifests by kind', () => {
    expect(
      describeLayer({
        type: 'manifests',
        name: 'settings',
        kinds: { Secret: 1, ConfigMap: 2 },
      }),
    ).toBe('Manifests settings: 2 ConfigMap, 1 Secret');
    expect(describeLayer({ type: 'manifests', name: 'empty' })).toBe(
      'Manifests empty',
    );
    expect(describeKinds({})).toBe('');
  });
});

describe('isLayerInProgress', () => {
  it('follows layers vcluster is still installing or removing', () => {
    expect(isLayerInProgress('Pending')).toBe(true);
    expect(isLayerInProgress('Removing')).toBe(true);
    expect(isLayerInProgress('Success')).toBe(false);
    expect(isLayerInProgress('Failed')).toBe(false);
    expect(isLayerInProgress('Unknown')).toBe(false);
  });
});
