import { ProfileSettings } from '../config';
import { deployValues, parseDeployStatus } from './deployValues';

const profile = (
  name: string,
  layers: ProfileSettings['layers'],
): ProfileSettings => ({ name, version: '1.0.0', title: name, layers });

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
            values: 'replicas: 2\n',
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

  it('renders nothing to install without profiles, so vcluster uninstalls what was', () => {
    expect(deployValues([])).toEqual({
      experimental: { deploy: { vcluster: { helm: [], manifests: '' } } },
    });
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
