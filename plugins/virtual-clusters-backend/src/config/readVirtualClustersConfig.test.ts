import { ConfigReader } from '@backstage/config';
import { readVirtualClustersConfig } from './readVirtualClustersConfig';

const base = {
  name: 'local',
  url: 'https://127.0.0.1:16443',
  auth: { type: 'serviceAccountToken', serviceAccountToken: 'secret' },
};

function read(hostClusters: object[], extra: object = {}) {
  return readVirtualClustersConfig(
    new ConfigReader({ virtualClusters: { hostClusters, ...extra } }),
  );
}

describe('readVirtualClustersConfig', () => {
  it('applies defaults', () => {
    const { hostClusters, kubeconfig, workloads, backups } = read([base]);
    expect(hostClusters[0]).toMatchObject({
      name: 'local',
      title: 'local',
      exposure: { type: 'LoadBalancer' },
      provisioner: 'cluster-api',
      chartRepository: 'https://charts.loft.sh',
      chartVersions: { k3s: '0.32.0', k8s: '0.33.0' },
      defaults: { distro: 'k3s', kubernetesVersion: { k3s: '1.33' } },
      cost: { currency: 'USD', cpuCoreHour: 0 },
    });
    expect(kubeconfig).toEqual({
      tokenTtl: { hours: 8 },
      allowAdminCertificates: false,
    });
    expect(workloads).toEqual({
      watch: { enabled: true, idleTimeoutMs: 300_000, maxClusters: 50 },
    });
    expect(backups).toEqual({});
  });

  it('reads ingress exposure and strips the wildcard', () => {
    const [host] = read([
      {
        ...base,
        exposure: { type: 'Ingress', wildcardDomain: '*.vc.example.com' },
      },
    ]).hostClusters;
    expect(host.exposure).toEqual({
      type: 'Ingress',
      ingressClassName: 'nginx',
      wildcardDomain: 'vc.example.com',
    });
  });

  it('accepts only released chart versions, naming those of the same minor', () => {
    expect(() => read([{ ...base, chartVersions: { k8s: '0.32.9' } }])).toThrow(
      "Invalid config at 'virtualClusters.hostClusters[0].chartVersions.k8s': vcluster chart 0.32.9 was never released; released 0.32.x: 0.32.0, 0.32.1, 0.32.2, 0.32.3",
    );
    expect(() => read([{ ...base, chartVersions: { k3s: '0.19.7' } }])).toThrow(
      /chartVersions\.k3s'.*never released; released lines: 0\.20\.x, .*0\.36\.x/,
    );
    expect(() =>
      read([{ ...base, chartVersions: { k3s: '0.32.1-rc.1' } }]),
    ).toThrow('vcluster chart 0.32.1-rc.1 was never released');
    const [host] = read([
      { ...base, chartVersions: { k3s: '0.32.3', k8s: '0.36.1' } },
    ]).hostClusters;
    expect(host.chartVersions).toEqual({ k3s: '0.32.3', k8s: '0.36.1' });
  });

  it('reads a chart repository mirror', () => {
    const [mirror, oci] = read([
      { ...base, chartRepository: 'https://charts.mirror.internal/loft/' },
      {
        ...base,
        name: 'oci',
        chartRepository: 'oci://registry.internal/charts',
      },
    ]).hostClusters;
    expect(mirror.chartRepository).toBe('https://charts.mirror.internal/loft');
    expect(oci.chartRepository).toBe('oci://registry.internal/charts');
    expect(() =>
      read([{ ...base, chartRepository: 'charts.loft.sh' }]),
    ).toThrow("hostClusters[0].chartRepository'");
  });

  it('returns no host clusters without config', () => {
    expect(
      readVirtualClustersConfig(new ConfigReader({})).hostClusters,
    ).toEqual([]);
  });

  it.each([
    [{ ...base, name: 'Bad_Name' }, "hostClusters[0].name'"],
    [{ ...base, url: undefined }, "hostClusters[0].url'"],
    [{ ...base, auth: { type: 'magic' } }, "hostClusters[0].auth.type'"],
    [
      { ...base, exposure: { type: 'Ingress' } },
      "hostClusters[0].exposure.wildcardDomain'",
    ],
    [
      { ...base, exposure: { type: 'NodePort' } },
      "hostClusters[0].exposure.type'",
    ],
    [
      { ...base, chartVersions: { k3s: '0.33.1' } },
      "hostClusters[0].chartVersions.k3s'",
    ],
    [
      { ...base, defaults: { kubernetesVersion: '1.20' } },
      "hostClusters[0].defaults.kubernetesVersion'",
    ],
    [
      { ...base, defaults: { quota: { cpu: 'lots' } } },
      "hostClusters[0].defaults.quota.cpu'",
    ],
    [
      { ...base, cost: { cpuCoreHour: -1 } },
      "hostClusters[0].cost.cpuCoreHour'",
    ],
    [
      { ...base, cost: { opencost: { baseUrl: 'opencost:9003' } } },
      "hostClusters[0].cost.opencost.baseUrl'",
    ],
    [
      { ...base, cost: { opencost: { baseUrl: 'http://o', timeout: '0s' } } },
      "hostClusters[0].cost.opencost.timeout'",
    ],
  ])('names the bad key of %j', (host, key) => {
    expect(() => read([host])).toThrow(key);
  });

  it('reads OpenCost settings, and the older openCostUrl', () => {
    const [withOpenCost, legacy, without] = read([
      {
        ...base,
        cost: {
          currency: 'EUR',
          opencost: {
            baseUrl: 'http://opencost.opencost:9003/',
            authorization: 'Bearer t0ken',
            timeout: '5s',
            cacheTtl: { minutes: 2 },
          },
        },
      },
      {
        ...base,
        name: 'legacy',
        cost: { openCostUrl: 'https://opencost.example.com' },
      },
      { ...base, name: 'plain' },
    ]).hostClusters;
    expect(withOpenCost.cost.opencost).toEqual({
      baseUrl: 'http://opencost.opencost:9003',
      authorization: 'Bearer t0ken',
      timeoutMs: 5000,
      cacheTtlMs: 120_000,
    });
    expect(legacy.cost.opencost).toEqual({
      baseUrl: 'https://opencost.example.com',
      authorization: undefined,
      timeoutMs: 10_000,
      cacheTtlMs: 60_000,
    });
    expect(without.cost.opencost).toBeUndefined();
  });

  it('rejects duplicate names', () => {
    expect(() => read([base, base])).toThrow(
      "'virtualClusters.hostClusters[1].name': duplicate host cluster name 'local'",
    );
  });

  it('reads the token lifetime', () => {
    expect(read([base], { kubeconfig: { tokenTtl: '2h' } }).kubeconfig).toEqual(
      { tokenTtl: { hours: 2 }, allowAdminCertificates: false },
    );
  });

  it('reads the workloads watch settings and rejects a bad size', () => {
    const watch = (w: object) => read([base], { workloads: { watch: w } });
    expect(
      watch({ enabled: false, idleTimeout: '30s', maxClusters: 5 }).workloads,
    ).toEqual({
      watch: { enabled: false, idleTimeoutMs: 30_000, maxClusters: 5 },
    });
    expect(() => watch({ maxClusters: 0 })).toThrow(
      "'virtualClusters.workloads.watch.maxClusters': must be a whole number of at least 1",
    );
  });

  it('reads the backup encryption key and refuses a short one', () => {
    expect(
      read([base], { backups: { encryptionKey: 'a'.repeat(16) } }).backups,
    ).toEqual({ encryptionKey: 'a'.repeat(16) });
    expect(() => read([base], { backups: { encryptionKey: 'short' } })).toThrow(
      "'virtualClusters.backups.encryptionKey': must be at least 16 characters",
    );
    expect(
      read([base], {
        backups: {
          encryptionKey: 'b'.repeat(16),
          previousEncryptionKeys: ['a'.repeat(16)],
        },
      }).backups,
    ).toEqual({
      encryptionKey: 'b'.repeat(16),
      previousEncryptionKeys: ['a'.repeat(16)],
    });
    expect(() =>
      read([base], { backups: { previousEncryptionKeys: ['a'.repeat(16)] } }),
    ).toThrow(
      "'virtualClusters.backups.previousEncryptionKeys': needs encryptionKey",
    );
  });

  describe('cluster groups', () => {
    const hosts = [
      { ...base, name: 'east' },
      {
        ...base,
        name: 'west',
        kubernetesVersions: { k3s: ['1.32'] },
        cost: { cpuCoreHour: 0.05 },
      },
      { ...base, name: 'alone' },
    ];
    const group = {
      name: 'dev',
      title: 'Development',
      description: 'Clusters for feature branches',
      hostClusters: ['east', 'west'],
      distros: ['k3s'],
      kubernetesVersions: { k3s: ['1.33', '1.32'] },
      defaults: { quota: { cpu: '2', memory: '4Gi' } },
      maxQuota: { cpu: '4', memory: '8Gi' },
      oversubscriptionPercent: 150,
      isolation: { networkPolicy: true, podSecurityStandard: 'baseline' },
      limits: {
        maxVirtualClusters: 10,
        perOwner: 3,
        ownerQuota: { cpu: '6', memory: '12Gi', storage: '50Gi' },
      },
      cost: { currency: 'EUR', cpuCoreHour: 0.04, memoryGiBHour: 0.01 },
    };

    it('reads a group and resolves what its members inherit, each key from where it is set', () => {
      const { clusterGroups, hostClusters } = read(hosts, {
        clusterGroups: [group],
      });
      expect(clusterGroups).toEqual([
        {
          name: 'dev',
          title: 'Development',
          description: 'Clusters for feature branches',
          hostClusters: ['east', 'west'],
          limits: {
            maxVirtualClusters: 10,
            perOwner: 3,
            ownerQuota: { cpu: '6', memory: '12Gi', storage: '50Gi' },
          },
        },
      ]);
      const [east, west, alone] = hostClusters;
      expect(east).toMatchObject({
        group: 'dev',
        distros: ['k3s'],
        kubernetesVersions: { k3s: ['1.33', '1.32'] },
        defaults: { quota: { cpu: '2', memory: '4Gi' } },
        maxQuota: { cpu: '4', memory: '8Gi' },
        oversubscriptionPercent: 150,
        isolation: { networkPolicy: true, podSecurityStandard: 'baseline' },
        cost: { currency: 'EUR', cpuCoreHour: 0.04, memoryGiBHour: 0.01 },
      });
      // a member's own keys win, key by key
      expect(west).toMatchObject({
        group: 'dev',
        kubernetesVersions: { k3s: ['1.32'] },
        defaults: { kubernetesVersion: { k3s: '1.32' } },
        cost: { currency: 'EUR', cpuCoreHour: 0.05, memoryGiBHour: 0.01 },
      });
      // a host in no group keeps the plugin defaults
      expect(alone.group).toBeUndefined();
      expect(alone).toMatchObject({
        distros: ['k3s', 'k8s'],
        oversubscriptionPercent: 120,
        isolation: { networkPolicy: false },
        cost: { currency: 'USD', cpuCoreHour: 0 },
      });
      expect(alone.maxQuota).toBeUndefined();
    });

    it.each([
      [
        { ...group, hostClusters: ['east', 'nowhere'] },
        "clusterGroups[0].hostClusters[1]': 'nowhere' is not a configured host cluster (east, west, alone)",
      ],
      [
        { ...group, hostClusters: [] },
        "clusterGroups[0].hostClusters': must name at least one host cluster",
      ],
      [{ ...group, name: 'Dev Group' }, "clusterGroups[0].name'"],
      [
        { ...group, distros: ['k3s', 'microk8s'] },
        "clusterGroups[0].distros': 'microk8s' is not a distro; use k3s or k8s",
      ],
      [
        { ...group, defaults: { quota: { cpu: '8' } } },
        "clusterGroups[0].defaults.quota': is more than maxQuota allows (cpu 8 > 4)",
      ],
      [
        { ...group, defaults: { distro: 'k8s' } },
        "clusterGroups[0].defaults.distro': must be one of the distros offered, k3s (got 'k8s')",
      ],
      [
        { ...group, oversubscriptionPercent: 0 },
        "clusterGroups[0].oversubscriptionPercent': must be a positive percentage",
      ],
      [
        { ...group, limits: { perOwner: 1.5 } },
        "clusterGroups[0].limits.perOwner': must be a whole number >= 0",
      ],
      [
        { ...group, limits: { ownerQuota: { memory: 'much' } } },
        "clusterGroups[0].limits.ownerQuota.memory': 'much' is not a Kubernetes quantity",
      ],
      [
        { ...group, isolation: { podSecurityStandard: 'strict' } },
        "clusterGroups[0].isolation.podSecurityStandard': must be one of privileged, baseline, restricted (got 'strict')",
      ],
      [
        { ...group, cost: { cpuCoreHour: -1 } },
        "clusterGroups[0].cost.cpuCoreHour': must be >= 0",
      ],
    ])('names the bad key of group %j', (bad, message) => {
      expect(() => read(hosts, { clusterGroups: [bad] })).toThrow(message);
    });

    it('names the key where the value is wrong when a member and its group meet', () => {
      expect(() =>
        read([{ ...hosts[0], maxQuota: { cpu: '1' } }, hosts[1]], {
          clusterGroups: [group],
        }),
      ).toThrow(
        "Invalid config at 'virtualClusters.clusterGroups[0].defaults.quota': is more than maxQuota allows (cpu 2 > 1)",
      );
      expect(() =>
        read([{ ...hosts[0], kubernetesVersions: { k3s: [] } }, hosts[1]], {
          clusterGroups: [group],
        }),
      ).toThrow(
        "Invalid config at 'virtualClusters.hostClusters[0].kubernetesVersions.k3s': must not be empty",
      );
    });

    it('puts a host into one group only, and group names are unique', () => {
      expect(() =>
        read(hosts, {
          clusterGroups: [group, { name: 'prod', hostClusters: ['west'] }],
        }),
      ).toThrow(
        "Invalid config at 'virtualClusters.clusterGroups[1].hostClusters[0]': host cluster 'west' is already a member of cluster group 'dev'; a host belongs to one group",
      );
      expect(() =>
        read(hosts, {
          clusterGroups: [group, { name: 'dev', hostClusters: ['alone'] }],
        }),
      ).toThrow("clusterGroups[1].name': duplicate cluster group name 'dev'");
    });

    it("merges a member's advanced values over the group's, each checked against the chart's keys", () => {
      const [east] = read(
        [
          {
            ...hosts[0],
            values: { sync: { toHost: { ingresses: { enabled: false } } } },
          },
          hosts[1],
        ],
        {
          clusterGroups: [
            {
              ...group,
              values: {
                sync: { toHost: { ingresses: { enabled: true } } },
                controlPlane: { statefulSet: { labels: { team: 'a' } } },
              },
            },
          ],
        },
      ).hostClusters;
      expect(east.values).toEqual({
        sync: { toHost: { ingresses: { enabled: false } } },
        controlPlane: { statefulSet: { labels: { team: 'a' } } },
      });
      expect(() =>
        read(hosts, {
          clusterGroups: [
            { ...group, values: { controlPlane: { replicas: 3 } } },
          ],
        }),
      ).toThrow(
        /^Invalid config at 'virtualClusters\.clusterGroups\[0\]\.values': 'controlPlane\.replicas' is not a value of the vcluster chart 0\.32\.x /,
      );
    });
  });

  describe('default profiles', () => {
    const profile = (version: string) => ({
      name: 'hello',
      version,
      layers: [
        {
          helm: {
            repository: 'http://127.0.88.1:8080',
            chart: 'hello-profile',
            version,
          },
        },
      ],
    });
    const profiles = [profile('1.0.0'), profile('1.1.0')];

    it("pins a group's default profiles for its members, the newest version unless one is named", () => {
      const { hostClusters } = read(
        [
          { ...base, name: 'east' },
          { ...base, name: 'west', defaults: { profiles: ['hello@1.0.0'] } },
        ],
        {
          profiles,
          clusterGroups: [
            {
              name: 'dev',
              hostClusters: ['east', 'west'],
              defaults: { profiles: ['hello'] },
            },
          ],
        },
      );
      expect(hostClusters.map(h => h.defaults.profiles)).toEqual([
        [{ name: 'hello', version: '1.1.0' }],
        [{ name: 'hello', version: '1.0.0' }],
      ]);
    });

    it('names the key of a default profile that does not exist', () => {
      expect(() =>
        read([{ ...base, defaults: { profiles: ['hello@2.0.0'] } }], {
          profiles,
        }),
      ).toThrow(
        "Invalid config at 'virtualClusters.hostClusters[0].defaults.profiles': Profile hello has no version 2.0.0; its versions are 1.1.0, 1.0.0",
      );
    });
  });
});
