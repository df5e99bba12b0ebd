import { ConfigReader } from '@backstage/config';
import { readVirtualClustersConfig } from './readVirtualClustersConfig';

const read = (profiles: object[]) =>
  readVirtualClustersConfig(
    new ConfigReader({ virtualClusters: { hostClusters: [], profiles } }),
  ).profiles;

const web = {
  name: 'web-base',
  version: '1.0.0',
  title: 'Web base',
  description: 'An ingress controller and a config map',
  layers: [
    {
      helm: {
        repository: 'http://127.0.0.1:8879/charts/',
        chart: 'hello',
        version: '0.1.0',
        values: { replicas: 2, greeting: { text: 'hi' } },
        release: { namespace: 'web' },
      },
    },
    {
      name: 'settings',
      manifests:
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n',
    },
  ],
};

describe('readProfiles', () => {
  it('reads each version of a profile with its layers', () => {
    expect(read([web, { ...web, version: '1.1.0' }])).toEqual([
      {
        name: 'web-base',
        version: '1.0.0',
        title: 'Web base',
        description: 'An ingress controller and a config map',
        layers: [
          {
            type: 'helm',
            repository: 'http://127.0.0.1:8879/charts',
            chart: 'hello',
            version: '0.1.0',
            values: { replicas: 2, greeting: { text: 'hi' } },
            release: { name: 'hello', namespace: 'web' },
          },
          {
            type: 'manifests',
            name: 'settings',
            manifests: web.layers[1].manifests,
          },
        ],
      },
      expect.objectContaining({ name: 'web-base', version: '1.1.0' }),
    ]);
  });

  const layer = (extra: object) => ({
    ...web,
    layers: [{ helm: { ...web.layers[0].helm, ...extra } }],
  });

  it("leaves a chart's own {{ … }} alone: only cluster.* names are variables", () => {
    const tpl = layer({
      values: { alert: '{{ $labels.instance }} on {{ cluster.name }}' },
    });
    expect(read([tpl])[0].layers[0]).toMatchObject({
      values: { alert: '{{ $labels.instance }} on {{ cluster.name }}' },
    });
  });

  it("reads the owner as an entity ref, a group's by default", () => {
    expect(read([{ ...web, owner: 'team-platform' }])[0].owner).toBe(
      'group:default/team-platform',
    );
  });

  it.each([
    [
      [web, web],
      "profiles[1].version': profile web-base 1.0.0 is defined twice; a new version is a new entry",
    ],
    [
      [{ ...web, version: 'latest' }],
      "profiles[0].version': must be a version such as 1.0.0 (got 'latest')",
    ],
    [[{ ...web, name: 'Web Base' }], "profiles[0].name'"],
    [
      [{ ...web, layers: [] }],
      "profiles[0].layers': must hold at least one layer",
    ],
    [
      [{ ...web, layers: [{ name: 'x' }] }],
      "profiles[0].layers[0]': must be either `helm` (a chart) or `manifests` (YAML documents)",
    ],
    [
      [layer({ repository: 'ftp://charts' })],
      "profiles[0].layers[0].helm.repository': must be an http(s) or oci:// URL of a Helm repository (got 'ftp://charts')",
    ],
    [
      [layer({ version: '>=0.1' })],
      "profiles[0].layers[0].helm.version': must be a chart version such as 1.2.3 (got '>=0.1'): a profile version installs exactly one chart version",
    ],
    [
      [layer({ release: { name: 'Hello_World' } })],
      "profiles[0].layers[0].helm.release.name': 'Hello_World' is not a Helm release name",
    ],
    [
      [{ ...web, layers: [{ name: 'bad', manifests: 'just: text\n' }] }],
      "profiles[0].layers[0].manifests': document 1 is not a Kubernetes object with apiVersion, kind and metadata.name",
    ],
    [
      [layer({ values: { host: '{{ cluster.domain }}.example.com' } })],
      "profiles[0].layers[0].helm.values': uses {{ cluster.domain }}, which is not a variable; the variables are {{ cluster.name }}",
    ],
    [
      [
        {
          ...web,
          layers: [
            {
              name: 'cm',
              manifests:
                'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "{{ cluster.nam }}"\n',
            },
          ],
        },
      ],
      "profiles[0].layers[0].manifests': uses {{ cluster.nam }}, which is not a variable",
    ],
    [
      [{ ...web, owner: 'user:' }],
      "profiles[0].owner': must be an entity ref such as group:default/platform-team",
    ],
  ])('names the bad key of %j', (profiles, message) => {
    expect(() => read(profiles)).toThrow(message);
  });
});
