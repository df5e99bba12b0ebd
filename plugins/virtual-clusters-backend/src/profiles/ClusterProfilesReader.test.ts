import { gzipSync } from 'node:zlib';
import { ResolvedProfile } from '@virtual-clusters/plugin-virtual-clusters-node';
import { layerStatuses, summaryPhase } from './ClusterProfilesReader';
import { parseDeployStatus } from './deployValues';

const hello = (version: string): ResolvedProfile => ({
  name: 'hello',
  version,
  layers: [
    {
      type: 'helm',
      repository: 'http://127.0.88.1:8080',
      chart: 'hello-profile',
      version,
      release: { name: 'hello', namespace: 'default' },
    },
  ],
});

const manifests =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n';
const settings: ResolvedProfile = {
  name: 'settings',
  version: '0.1.0',
  layers: [{ type: 'manifests', name: 'settings', manifests }],
};

// vcluster's lastAppliedManifests: gzip then base64 (pkg/util/compress v0.32.3)
const compressed = (text: string) => gzipSync(text).toString('base64');

/** md5sum of Go's json.Marshal of hello 1.0.0's ExperimentalDeployHelm entry. */
const HELLO_1_0_0_HASH = 'debc5dcf28d26eae32119f207f19a0e3';

const status = (value: object) => parseDeployStatus(JSON.stringify(value));

describe('layerStatuses', () => {
  it('counts a Success only for the entry installed now', () => {
    const reported = status({
      phase: 'Success',
      charts: [
        {
          name: 'hello',
          namespace: 'default',
          phase: 'Success',
          lastAppliedChartConfigHash: HELLO_1_0_0_HASH,
        },
      ],
      manifests: { phase: 'Success' },
    });
    expect(layerStatuses([hello('1.0.0')], reported).layers).toEqual([
      [expect.objectContaining({ name: 'hello', phase: 'Success' })],
    ]);
    // moved to 1.1.0, vcluster has not restarted yet: still the 1.0.0 release
    expect(layerStatuses([hello('1.1.0')], reported).layers).toEqual([
      [
        expect.objectContaining({
          phase: 'Pending',
          message:
            'vcluster has not installed chart hello-profile 1.1.0 yet (the release holds an earlier one)',
        }),
      ],
    ]);
  });

  it("reports a Failed chart with vcluster's reason and helm's message", () => {
    const message =
      'error executing helm pull hello-profile --repo http://127.0.88.1:8080 --version 9.9.9: Error: chart "hello-profile" version "9.9.9" not found';
    const reported = status({
      phase: 'Failed',
      reason: 'ChartPullFailed',
      message,
      charts: [
        {
          name: 'hello',
          namespace: 'default',
          phase: 'Failed',
          reason: 'ChartPullFailed',
          // helm's output as it printed it
          message: `${message}\n`,
        },
      ],
    });
    expect(layerStatuses([hello('9.9.9')], reported).layers[0][0]).toEqual({
      type: 'helm',
      name: 'hello',
      namespace: 'default',
      chart: 'hello-profile',
      chartVersion: '9.9.9',
      repository: 'http://127.0.88.1:8080',
      phase: 'Failed',
      reason: 'ChartPullFailed',
      message,
    });
  });

  it('lists releases of detached profiles as Removing, and charts not reported yet as Pending', () => {
    const reported = status({
      charts: [
        {
          name: 'old',
          namespace: 'tools',
          phase: 'Success',
          lastAppliedChartConfigHash: 'x',
        },
      ],
    });
    const { layers, removing } = layerStatuses([hello('1.0.0')], reported);
    expect(layers[0][0]).toMatchObject({
      phase: 'Pending',
      message: 'vcluster has not installed chart hello-profile 1.0.0 yet',
    });
    expect(removing).toEqual([
      { type: 'helm', name: 'old', namespace: 'tools', phase: 'Removing' },
    ]);
  });

  it('leaves out a detached chart that never installed, which vcluster keeps as UninstallFailed', () => {
    const reported = status({
      phase: 'Failed',
      charts: [
        {
          name: 'broken',
          namespace: 'default',
          phase: 'Failed',
          reason: 'UninstallFailed',
          message: "release 'broken' was not found in namespace 'default'",
        },
      ],
    });
    expect(layerStatuses([], reported).removing).toEqual([]);
    expect(summaryPhase([])).toBeUndefined();
  });

  it('counts manifests applied only when vcluster applied exactly these', () => {
    const applied = status({
      manifests: {
        phase: 'Success',
        lastAppliedManifests: compressed(manifests),
      },
    });
    expect(layerStatuses([settings], applied).layers[0][0]).toMatchObject({
      type: 'manifests',
      name: 'settings',
      kinds: { ConfigMap: 1 },
      phase: 'Success',
    });
    const earlier = status({
      manifests: {
        phase: 'Success',
        lastAppliedManifests: compressed('apiVersion: v1\nkind: Secret\n'),
      },
    });
    expect(layerStatuses([settings], earlier).layers[0][0]).toMatchObject({
      phase: 'Pending',
      message: 'vcluster has not applied these manifests yet',
    });
  });
});
