import { ResolvedProfile } from '@virtual-clusters/plugin-virtual-clusters-node';
import {
  deployEntryHash,
  deployValues,
  parseDeployStatus,
} from './deployValues';

const profile = (
  name: string,
  layers: ResolvedProfile['layers'],
): ResolvedProfile => ({ name, version: '1.0.0', layers });

describe('deployValues', () => {
  it("renders charts and manifests as vcluster's experimental.deploy.vcluster", () => {
    expect(
      deployValues([
        profile('web', [
          {
            type: 'helm',
            repository: 'http://127.0.0.1:8879',
            chart: 'hello',
            version: '0.1.0',
            values: { replicas: 2 },
            release: { name: 'hello', namespace: 'web' },
          },
          {
            type: 'manifests',
            name: 'settings',
            manifests:
              'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n\n\n',
          },
        ]),
        profile('team', [
          {
            type: 'manifests',
            name: 'ns',
            manifests: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: t',
          },
        ]),
      ]),
    ).toEqual({
      experimental: {
        deploy: {
          vcluster: {
            helm: [
              {
                chart: {
                  name: 'hello',
                  repo: 'http://127.0.0.1:8879',
                  version: '0.1.0',
                },
                release: { name: 'hello', namespace: 'web' },
                values: 'replicas: 2\n',
              },
            ],
            manifests:
              'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: t\n',
          },
        },
      },
    });
  });

  it('renders no block without profiles (to vcluster the same as an empty one), and leaves out what is empty', () => {
    expect(deployValues([])).toEqual({});
    expect(
      deployValues([
        profile('ns', [
          {
            type: 'manifests',
            name: 'ns',
            manifests:
              'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: t\n',
          },
        ]),
      ]),
    ).toEqual({
      experimental: {
        deploy: {
          vcluster: {
            manifests:
              'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: t\n',
          },
        },
      },
    });
  });
});

describe('deployEntryHash', () => {
  // expected digests: md5sum of the JSON Go's encoding/json writes for the struct
  it("is the md5 of Go's json.Marshal of the entry, as vcluster stores it", () => {
    expect(
      deployEntryHash({
        chart: {
          name: 'hello-profile',
          repo: 'http://127.0.88.1:8080',
          version: '1.0.0',
        },
        release: { name: 'hello', namespace: 'default' },
      }),
    ).toBe('debc5dcf28d26eae32119f207f19a0e3');
  });

  it('escapes <, > and & in values as Go does', () => {
    expect(
      deployEntryHash({
        chart: {
          name: 'hello-profile',
          repo: 'http://127.0.88.1:8080',
          version: '1.1.0',
        },
        release: { name: 'hello', namespace: 'apps' },
        values: 'greeting: <hi> & bye\n',
      }),
    ).toBe('1d8abbb9383a5b2cb9d410fb6d4be3d4');
  });
});

describe('parseDeployStatus', () => {
  it("reads vcluster's status annotation", () => {
    const annotation = JSON.stringify({
      phase: 'Failed',
      reason: 'InstallError',
      message: 'chart "nope" version "9.9.9" not found',
      charts: [
        {
          name: 'hello',
          namespace: 'web',
          phase: 'Failed',
          reason: 'InstallError',
          message: 'chart "nope" version "9.9.9" not found',
          lastAppliedChartConfigHash: 'abc',
        },
      ],
      manifests: { phase: 'Success', lastAppliedManifests: '...' },
    });
    expect(parseDeployStatus(annotation)).toMatchObject({
      phase: 'Failed',
      reason: 'InstallError',
      charts: [{ name: 'hello', namespace: 'web', phase: 'Failed' }],
      manifests: { phase: 'Success' },
    });
  });

  it('is Pending before vcluster wrote anything, and says so when it cannot read it', () => {
    expect(parseDeployStatus(undefined)).toEqual({
      phase: 'Pending',
      charts: [],
    });
    expect(parseDeployStatus('{')).toEqual({
      phase: 'Pending',
      message: 'vcluster-deploy status is not JSON',
      charts: [],
    });
  });
});
