import {
  deployConfig,
  type DeployHelm,
  encodeStatus,
  goJson,
  hashedConfig,
  helmTimeoutMs,
  parseGoDuration,
  parseStatus,
  popFromStatus,
  setChartStatus,
  setChartStatusLastApplied,
  setManifestsStatus,
  targetRelease,
  updatedStatus,
  upgradeNeeded,
} from './status.ts';

const entry = (over: Partial<DeployHelm> = {}): DeployHelm => ({
  ...deployConfig({
    experimental: {
      deploy: {
        vcluster: {
          helm: [
            {
              chart: {
                name: 'hello-profile',
                repo: 'http://127.0.88.1:8080',
                version: '1.0.0',
              },
              release: { name: 'hello', namespace: 'hello' },
              values: 'greeting: hi <&>\n',
            },
          ],
        },
      },
    },
  }).helm[0],
  ...over,
});

// the expected strings were printed by Go 1.26's encoding/json and crypto/md5 over the
// structs of config/config.go and pkg/controllers/deploy/types.go at vcluster v0.32.3
describe('the deploy controller’s status and hashes (pkg/controllers/deploy v0.32.3)', () => {
  it('hashes an entry as md5 of its Go JSON (getHashedConfig)', () => {
    expect(hashedConfig(entry())).toBe('25a4dac5a1570e0c4b02001e45deb564');
    expect(
      hashedConfig(
        entry({
          chart: {
            ...entry().chart,
            name: 'team-config',
            version: '0.1.0',
            insecure: true,
          },
          release: { name: '', namespace: '' },
          values: '',
        }),
      ),
    ).toBe('cd6113d4d84d2be50db44c0c9fd7cd14');
    expect(
      hashedConfig({
        chart: {
          name: 'x',
          repo: '',
          insecure: false,
          version: '',
          username: '',
          password: '',
        },
        release: { name: '', namespace: '' },
        values: '',
        timeout: '5m',
        bundle: 'H4sI',
      }),
    ).toBe('9d8a9f6b7c02c45eda3aa9a8ed08f0cc');
  });

  it('escapes what Go escapes', () => {
    expect(goJson({ a: '<&>\u2028"\n' })).toBe(
      '{"a":"\\u003c\\u0026\\u003e\\u2028\\"\\n"}',
    );
  });

  it('encodes the status in struct order, manifests always written', () => {
    expect(encodeStatus({ manifests: {} })).toBe('{"manifests":{}}');
    expect(
      encodeStatus({
        phase: 'Failed',
        reason: 'ChartPullFailed',
        message:
          'error executing helm pull: Error: chart "a" <not> found\n\ttab \u2028',
        charts: [
          {
            name: 'a',
            namespace: 'default',
            phase: 'Failed',
            reason: 'ChartPullFailed',
            message: 'm',
          },
        ],
        manifests: {},
      }),
    ).toBe(
      '{"phase":"Failed","reason":"ChartPullFailed","message":"error executing helm pull: Error: chart \\"a\\" \\u003cnot\\u003e found\\n\\ttab \\u2028","charts":[{"name":"a","namespace":"default","phase":"Failed","reason":"ChartPullFailed","message":"m"}],"manifests":{}}',
    );
  });

  it('reads an unreadable annotation as an empty status (ParseStatus)', () => {
    expect(parseStatus('not json')).toEqual({ manifests: {} });
    expect(parseStatus(undefined)).toEqual({ manifests: {} });
  });

  it('computes the overall phase as UpdateConfigMap does', () => {
    const config = deployConfig({
      experimental: {
        deploy: {
          vcluster: {
            helm: [{ chart: { name: 'hello-profile' } }],
          },
        },
      },
    });
    // manifests not yet successful: Failed with their reason
    expect(updatedStatus(undefined, undefined, config)).toBe(
      '{"phase":"Failed","manifests":{}}',
    );
    const manifestsDone = setManifestsStatus(undefined, 'Success', '', '');
    // charts still missing from the status: Pending
    expect(updatedStatus(manifestsDone, undefined, config)).toBe(
      '{"phase":"Pending","manifests":{"phase":"Success"}}',
    );
    // an error no status explains: Unknown
    expect(updatedStatus(manifestsDone, new Error('boom'), config)).toBe(
      '{"phase":"Failed","reason":"Unknown","message":"boom","manifests":{"phase":"Success"}}',
    );
    const installed = setChartStatusLastApplied(manifestsDone, {
      ...entry(),
      chart: { ...entry().chart, name: 'hello-profile' },
      release: { name: '', namespace: '' },
    });
    expect(JSON.parse(updatedStatus(installed, undefined, config))).toEqual({
      phase: 'Success',
      charts: [
        {
          name: 'hello-profile',
          namespace: 'default',
          phase: 'Success',
          lastAppliedChartConfigHash: expect.stringMatching(/^[0-9a-f]{32}$/),
        },
      ],
      manifests: { phase: 'Success' },
    });
    // the first failed chart gives its reason and message
    const failed = setChartStatus(
      installed,
      { name: 'hello-profile', namespace: 'default' },
      'Failed',
      'UpgradeFailed',
      'no',
    );
    expect(JSON.parse(updatedStatus(failed, undefined, config))).toMatchObject({
      phase: 'Failed',
      reason: 'UpgradeFailed',
      message: 'no',
    });
    // the hash is kept when a chart fails, and a success clears reason and message
    expect(parseStatus(failed).charts![0].lastAppliedChartConfigHash).toBe(
      parseStatus(installed).charts![0].lastAppliedChartConfigHash,
    );
    // an uninstalled release leaves the list
    expect(
      popFromStatus(failed, { name: 'hello-profile', namespace: 'default' }),
    ).toBe('{"manifests":{"phase":"Success"}}');
  });

  it('upgrades when no status has the release or its hash differs (checkIfUpgradeNeeded)', () => {
    const chart = entry();
    expect(upgradeNeeded(undefined, chart)).toBe(true);
    const applied = setChartStatusLastApplied(undefined, chart);
    expect(upgradeNeeded(applied, chart)).toBe(false);
    expect(
      upgradeNeeded(applied, {
        ...chart,
        chart: { ...chart.chart, version: '1.1.0' },
      }),
    ).toBe(true);
  });

  it('names the release after the chart in namespace default unless given (getTargetRelease)', () => {
    expect(
      targetRelease({ ...entry(), release: { name: '', namespace: '' } }),
    ).toEqual({ name: 'hello-profile', namespace: 'default' });
    expect(targetRelease(entry())).toEqual({
      name: 'hello',
      namespace: 'hello',
    });
  });

  it('parses timeouts as Go’s time.ParseDuration, 180 s when it fails', () => {
    // printed by Go's time.ParseDuration (milliseconds, or an error)
    expect(parseGoDuration('5m')).toBe(300_000);
    expect(parseGoDuration('1h30m')).toBe(5_400_000);
    expect(parseGoDuration('1.5s')).toBe(1500);
    expect(parseGoDuration('300ms')).toBe(300);
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('-2s')).toBe(-2000);
    expect(parseGoDuration('2h45m30.5s')).toBe(9_930_500);
    expect(parseGoDuration('')).toBeUndefined();
    expect(parseGoDuration('10')).toBeUndefined();
    expect(helmTimeoutMs({ ...entry(), timeout: '' })).toBe(180_000);
    expect(helmTimeoutMs({ ...entry(), timeout: '10m' })).toBe(600_000);
  });

  it('reads experimental.deploy.vcluster as the config structs do', () => {
    expect(deployConfig({})).toEqual({
      manifests: '',
      manifestsTemplate: '',
      helm: [],
    });
    expect(entry()).toEqual({
      chart: {
        name: 'hello-profile',
        repo: 'http://127.0.88.1:8080',
        insecure: false,
        version: '1.0.0',
        username: '',
        password: '',
      },
      release: { name: 'hello', namespace: 'hello' },
      values: 'greeting: hi <&>\n',
      timeout: '',
      bundle: '',
    });
  });
});
