import { InputError } from '@backstage/errors';
import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';
import { parse } from 'yaml';
import { ProfileSettings } from '../config';
import { ProfileCatalog, ProfileChangedError } from './ProfileCatalog';

const hello = (version: string, extra: object = {}): ProfileSettings => ({
  name: 'hello',
  version,
  title: 'Hello',
  layers: [
    {
      type: 'helm',
      repository: 'http://127.0.88.1:8080',
      chart: 'hello-profile',
      version,
      values: { greeting: 'hi {{ cluster.name }} of {{ cluster.owner }}' },
      release: { name: 'hello', namespace: 'default' },
      ...extra,
    },
  ],
});

const settingsLayer: ProfileSettings = {
  name: 'team-config',
  version: '0.1.0',
  title: 'Team config',
  layers: [
    {
      type: 'manifests',
      name: 'settings',
      manifests:
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  cluster: "{{ cluster.name }}"\n  api: "{{ cluster.endpoint }}"\n',
    },
  ],
};

const catalog = ProfileCatalog.create([
  hello('1.0.0'),
  hello('1.1.0'),
  settingsLayer,
]);

const cluster = (
  profiles: VirtualCluster['spec']['profiles'],
  extra: Partial<VirtualCluster> = {},
): VirtualCluster =>
  ({
    id: 'id-1',
    name: 'dev',
    namespace: 'vcluster-dev',
    hostCluster: 'local',
    owner: 'group:default/team-a',
    spec: {
      distro: 'k3s',
      kubernetesVersion: '1.32',
      chartVersion: '0.32.3',
      exposure: { type: 'Ingress', host: 'dev.vc.example.com' },
      profiles,
    },
    ...extra,
  } as VirtualCluster);

describe('ProfileCatalog', () => {
  it('pins the newest version when none is named, and the one named', () => {
    const pinned = catalog.pin([
      { name: 'hello' },
      { name: 'team-config', version: '0.1.0' },
    ]);
    expect(pinned.map(p => `${p.name}@${p.version}`)).toEqual([
      'hello@1.1.0',
      'team-config@0.1.0',
    ]);
    expect(pinned[0].digest).toMatch(/^[0-9a-f]{16}$/);
    expect(pinned[0].digest).not.toBe(
      catalog.pin([{ name: 'hello', version: '1.0.0' }])[0].digest,
    );
  });

  it.each([
    [
      [{ name: 'nope' }],
      "No application profile 'nope'; the profiles are hello, team-config",
    ],
    [
      [{ name: 'hello', version: '2.0.0' }],
      'Profile hello has no version 2.0.0; its versions are 1.1.0, 1.0.0',
    ],
    [
      [{ name: 'hello' }, { name: 'hello', version: '1.0.0' }],
      'Profile hello is asked for twice',
    ],
  ])('refuses %j with a message', (requests, message) => {
    expect(() => catalog.pin(requests)).toThrow(InputError);
    expect(() => catalog.pin(requests)).toThrow(message);
  });

  it('refuses two profiles that install the same Helm release', () => {
    const other = { ...hello('3.0.0'), name: 'other-hello' };
    expect(() =>
      ProfileCatalog.create([hello('1.0.0'), other]).pin([
        { name: 'hello' },
        { name: 'other-hello' },
      ]),
    ).toThrow(
      'Profiles hello and other-hello both install Helm release default/hello',
    );
  });

  it("resolves a cluster's profiles with its variables put into values and manifests", () => {
    const refs = catalog.pin([{ name: 'hello' }, { name: 'team-config' }]);
    const [helloResolved, config] = catalog.resolve(cluster(refs));
    expect(helloResolved.layers[0]).toMatchObject({
      type: 'helm',
      version: '1.1.0',
      values: { greeting: 'hi dev of group:default/team-a' },
    });
    const manifests = (config.layers[0] as { manifests: string }).manifests;
    expect(parse(manifests)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings' },
      data: { cluster: 'dev', api: 'https://dev.vc.example.com:443' },
    });
  });

  it('puts values in as strings: what a cluster carries never becomes YAML structure', () => {
    const refs = catalog.pin([{ name: 'team-config' }]);
    const hostile = cluster(refs, {
      name: 'x"\nextra: injected\n---\nkind: Secret',
    });
    const manifests = (
      catalog.resolve(hostile)[0].layers[0] as { manifests: string }
    ).manifests;
    const parsed = parse(manifests);
    expect(parsed.data.cluster).toBe('x"\nextra: injected\n---\nkind: Secret');
    expect(Object.keys(parsed)).toEqual([
      'apiVersion',
      'kind',
      'metadata',
      'data',
    ]);
  });

  it('refuses a version changed in place or removed since the cluster got it', () => {
    const refs = catalog.pin([{ name: 'hello', version: '1.0.0' }]);
    const edited = ProfileCatalog.create([
      hello('1.0.0', { values: { greeting: 'changed' } }),
    ]);
    expect(() => edited.resolve(cluster(refs))).toThrow(ProfileChangedError);
    expect(() => edited.resolve(cluster(refs))).toThrow(
      'Profile hello 1.0.0 was changed in app-config since dev got it',
    );
    expect(() => ProfileCatalog.create([]).resolve(cluster(refs))).toThrow(
      'Profile hello 1.0.0, which dev uses, is no longer in app-config',
    );
  });

  it('says when a LoadBalancer cluster cannot take a profile using the endpoint yet', () => {
    const lb = {
      name: 'dev',
      spec: { exposure: { type: 'LoadBalancer' } },
    } as VirtualCluster;
    expect(ProfileCatalog.unresolvable([settingsLayer], lb)).toBe(
      'Profile team-config uses {{ cluster.endpoint }}, which a LoadBalancer cluster has only once it runs; attach it to dev when it is Running',
    );
    expect(
      ProfileCatalog.unresolvable([settingsLayer], {
        ...lb,
        endpoint: 'https://127.0.0.9:443',
      }),
    ).toBeUndefined();
    expect(ProfileCatalog.unresolvable([hello('1.0.0')], lb)).toBeUndefined();
  });
});
