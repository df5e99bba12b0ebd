import { deploySchemaErrors } from './helm.ts';

// chart/values.schema.json v0.32.3: ExperimentalDeploy and what it holds
describe('helm’s schema check of experimental.deploy', () => {
  it('accepts what the schema allows', () => {
    expect(
      deploySchemaErrors({
        experimental: {
          deploy: {
            vcluster: {
              manifests: 'kind: ConfigMap\n',
              helm: [
                {
                  chart: { name: 'a', repo: 'http://r', version: '1.0.0' },
                  release: { name: 'a', namespace: 'b' },
                  values: 'x: 1\n',
                  timeout: '5m',
                },
              ],
            },
          },
        },
      }),
    ).toEqual([]);
    expect(deploySchemaErrors({})).toEqual([]);
  });

  it('refuses unknown keys and values that are not strings', () => {
    expect(
      deploySchemaErrors({
        experimental: {
          deploy: {
            vcluster: {
              helm: [
                {
                  chart: { name: 'a', insecure: 'yes' },
                  values: { x: 1 },
                  wait: true,
                },
              ],
            },
            cluster: {},
          },
        },
      }),
    ).toEqual([
      '- experimental.deploy.vcluster.helm.0.chart.insecure: Invalid type. Expected: boolean, given: string',
      '- experimental.deploy.vcluster.helm.0.values: Invalid type. Expected: string, given: object',
      '- experimental.deploy.vcluster.helm.0: Additional property wait is not allowed',
      '- experimental.deploy: Additional property cluster is not allowed',
    ]);
  });
});
