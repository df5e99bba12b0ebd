import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  durationToMilliseconds,
  HumanDuration,
  JsonObject,
} from '@backstage/types';
import {
  isKubernetesQuantity,
  LAST_K3S_CHART_MINOR,
  RELEASED_VCLUSTER_CHART_VERSIONS,
  unreleasedVClusterChartMessage,
  validateVirtualClusterName,
  VirtualClusterDistro,
  VirtualClusterIsolation,
  VirtualClusterQuota,
  VirtualClusterSleepPolicy,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import {
  ClusterGroupSettings,
  HostClusterAuth,
  HostClusterSettings,
  OpenCostSettings,
  ProfileRef,
  VirtualClustersSettings,
  WorkloadsWatchSettings,
} from './HostClusterSettings';
import { readProfiles } from './readProfiles';
import { ProfileCatalog } from '../profiles/ProfileCatalog';
import {
  checkSleepPolicy,
  effectiveSleepPolicy,
  parseGoDuration,
  SleepSettings,
} from '../sleep/sleepPolicy';
import type { ExpirySettings } from '../sleep/expiry';
import { VirtualClustersConfigError } from './VirtualClustersConfigError';

export { VirtualClustersConfigError };
import { quotaBeyond } from '../services/quantities';
import { chartValuesProblem, mergeValues } from '../provisioner/chartValues';

/** Where the vcluster chart is published, unless a host names a mirror. */
export const DEFAULT_CHART_REPOSITORY = 'https://charts.loft.sh';

/** Chart versions used when a host cluster names none. k3s left vcluster in 0.33. */
export const DEFAULT_CHART_VERSIONS: Record<VirtualClusterDistro, string> = {
  k3s: '0.32.0',
  k8s: '0.33.0',
};

/** Kubernetes versions offered when a host cluster names none; the first is the default. */
export const DEFAULT_KUBERNETES_VERSIONS: Record<
  VirtualClusterDistro,
  string[]
> = {
  k3s: ['1.33', '1.32', '1.31'],
  k8s: ['1.34', '1.33', '1.32'],
};

const DISTROS: VirtualClusterDistro[] = ['k3s', 'k8s'];

/** The levels vcluster accepts for `policies.podSecurityStandard` (pkg/config/validation.go v0.32.3). */
const POD_SECURITY_STANDARDS = ['privileged', 'baseline', 'restricted'];

/** How far placed quotas may add up beyond a host's allocatable, as Palette's cluster groups default to. */
export const DEFAULT_OVERSUBSCRIPTION_PERCENT = 120;
const VERSION = /^[0-9]+\.[0-9]+(\.[0-9]+)?$/;

/** One place a setting may be read from, with the config key it has there. */
interface ConfigLayer {
  config: Config;
  key: string;
}

/**
 * A host's own entry over its group's: each setting is read from the first layer that
 * sets it, so an error names the key where the admin wrote the value.
 */
class LayeredConfig {
  readonly #layers: ConfigLayer[];

  constructor(layers: ConfigLayer[]) {
    this.#layers = layers;
  }

  /** The layer that sets `path`, as a layer whose key ends in `path`'s parent. */
  find(path: string): { config: Config; key: string } | undefined {
    const layer = this.#layers.find(l => l.config.has(path));
    return layer && { config: layer.config, key: `${layer.key}.${path}` };
  }
}

function semverTuple(version: string): number[] {
  return version.split('.').map(part => Number(part));
}

function readAuth(config: Config, key: string): HostClusterAuth {
  const auth = config.getConfig('auth');
  const type = auth.getString('type');
  switch (type) {
    case 'serviceAccountToken':
      return {
        type,
        serviceAccountToken: auth.getString('serviceAccountToken'),
      };
    case 'kubeconfig':
      return {
        type,
        kubeconfigPath: auth.getString('kubeconfigPath'),
        context: auth.getOptionalString('context'),
      };
    case 'inCluster':
      return { type };
    default:
      throw new VirtualClustersConfigError(
        `${key}.auth.type`,
        `must be one of serviceAccountToken, kubeconfig, inCluster (got '${type}')`,
      );
  }
}

function readQuota(
  config: Config | undefined,
  key: string,
): VirtualClusterQuota | undefined {
  if (!config) return undefined;
  const quota: VirtualClusterQuota = {};
  for (const field of ['cpu', 'memory', 'storage'] as const) {
    const value = config.getOptionalString(field);
    if (value === undefined) continue;
    if (!isKubernetesQuantity(value)) {
      throw new VirtualClustersConfigError(
        `${key}.${field}`,
        `'${value}' is not a Kubernetes quantity`,
      );
    }
    quota[field] = value;
  }
  const pods = config.getOptionalNumber('pods');
  if (pods !== undefined) quota.pods = pods;
  return quota;
}

function readMilliseconds(
  config: Config,
  field: string,
  key: string,
  fallback: number,
): number {
  if (!config.has(field)) return fallback;
  const ms = durationToMilliseconds(
    readDurationFromConfig(config, { key: field }),
  );
  if (!(ms > 0)) {
    throw new VirtualClustersConfigError(
      `${key}.${field}`,
      'must be a positive duration',
    );
  }
  return ms;
}

function readOpenCost(
  cost: Config | undefined,
  key: string,
): OpenCostSettings | undefined {
  if (!cost) return undefined;
  const opencost = cost.getOptionalConfig('opencost');
  const baseUrl =
    opencost?.getString('baseUrl') ?? cost.getOptionalString('openCostUrl');
  if (baseUrl === undefined) return undefined;
  const urlKey = opencost ? `${key}.opencost.baseUrl` : `${key}.openCostUrl`;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new VirtualClustersConfigError(urlKey, `'${baseUrl}' is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new VirtualClustersConfigError(urlKey, 'must be an http(s) URL');
  }
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    authorization: opencost?.getOptionalString('authorization'),
    timeoutMs: opencost
      ? readMilliseconds(opencost, 'timeout', `${key}.opencost`, 10_000)
      : 10_000,
    cacheTtlMs: opencost
      ? readMilliseconds(opencost, 'cacheTtl', `${key}.opencost`, 60_000)
      : 60_000,
  };
}

/** Reads an inheritable setting from the layer that sets it, with the key it has there. */
function layered<T>(
  settings: LayeredConfig,
  path: string,
  read: (config: Config, path: string, key: string) => T,
): T | undefined {
  const found = settings.find(path);
  return found && read(found.config, path, found.key);
}

function readDistros(config: Config, path: string, key: string) {
  const distros = config.getStringArray(path);
  const bad = distros.find(d => !DISTROS.includes(d as VirtualClusterDistro));
  if (bad !== undefined || distros.length === 0) {
    throw new VirtualClustersConfigError(
      key,
      bad !== undefined
        ? `'${bad}' is not a distro; use k3s or k8s`
        : 'must name at least one distro',
    );
  }
  return [...new Set(distros)] as VirtualClusterDistro[];
}

function readVersions(config: Config, path: string, key: string) {
  const versions = config.getStringArray(path);
  const bad = versions.find(v => !VERSION.test(v));
  if (bad || versions.length === 0) {
    throw new VirtualClustersConfigError(
      key,
      bad ? `'${bad}' is not a version like 1.31` : 'must not be empty',
    );
  }
  return versions;
}

function readPercent(config: Config, path: string, key: string) {
  const value = config.getNumber(path);
  if (!(value > 0)) {
    throw new VirtualClustersConfigError(key, 'must be a positive percentage');
  }
  return value;
}

function readRate(config: Config, path: string, key: string) {
  const value = config.getNumber(path);
  if (!(value >= 0)) throw new VirtualClustersConfigError(key, 'must be >= 0');
  return value;
}

/**
 * The advanced `values` of a host: its group's with its own merged over them, each
 * checked against the keys of the chart lines the host installs.
 */
/** The expiry block of a host, key by key from the host or its group. */
function readExpiry(settings: LayeredConfig): ExpirySettings {
  const days = (field: string) =>
    layered(settings, `expiry.${field}`, (c, path, key) => {
      const value = c.getNumber(path);
      if (!Number.isInteger(value) || value < 1) {
        throw new VirtualClustersConfigError(
          key,
          'must be a whole number of days, 1 or more',
        );
      }
      return value;
    });
  const defaultTtlDays = days('defaultTtlDays');
  const maxTtlDays = days('maxTtlDays');
  const expireAfterSleepingDays = days('expireAfterSleepingDays');
  if (defaultTtlDays && maxTtlDays && defaultTtlDays > maxTtlDays) {
    throw new VirtualClustersConfigError(
      settings.find('expiry.defaultTtlDays')!.key,
      `is more than expiry.maxTtlDays (${maxTtlDays})`,
    );
  }
  const notices = layered(settings, 'expiry.noticeDays', (c, path, key) => {
    const values = c.get<number[]>(path);
    if (
      !Array.isArray(values) ||
      values.some(v => !Number.isInteger(v) || v < 1)
    ) {
      throw new VirtualClustersConfigError(
        key,
        'must be a list of whole numbers of days, e.g. [7, 1]',
      );
    }
    return values;
  }) ?? [7, 1];
  return {
    ...(defaultTtlDays ? { defaultTtlDays } : {}),
    ...(maxTtlDays ? { maxTtlDays } : {}),
    noticeDays: [...new Set(notices)].sort((a, b) => b - a),
    ...(expireAfterSleepingDays ? { expireAfterSleepingDays } : {}),
  };
}

/** The sleep block of a host, key by key from the host or its group. */
function readSleep(settings: LayeredConfig): SleepSettings {
  const text = (field: string) =>
    layered(settings, `sleep.${field}`, (c, path) => c.getString(path));
  const defaults: VirtualClusterSleepPolicy = {};
  for (const field of [
    'afterInactivity',
    'schedule',
    'wakeupSchedule',
    'timezone',
  ] as const) {
    const value = text(field);
    if (value !== undefined) defaults[field] = value;
  }
  const at = (field: string) =>
    settings.find(`sleep.${field}`)?.key ?? `sleep.${field}`;
  const check = (fn: () => unknown, field: string) => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof InputError) {
        throw new VirtualClustersConfigError(
          at(field),
          error.message.replace(/^sleep\.\w+ /, ''),
        );
      }
      throw error;
    }
  };
  for (const field of Object.keys(defaults)) {
    check(
      () =>
        checkSleepPolicy({
          [field]: defaults[field as keyof VirtualClusterSleepPolicy],
        }),
      field,
    );
  }
  const max = text('maxAfterInactivity');
  const maxAfterInactivityMs =
    max === undefined ? undefined : parseGoDuration(max);
  if (max !== undefined && maxAfterInactivityMs === undefined) {
    throw new VirtualClustersConfigError(
      at('maxAfterInactivity'),
      `'${max}' is not a duration such as 8h or 90m`,
    );
  }
  const sleep: SleepSettings = {
    defaults,
    ...(maxAfterInactivityMs ? { maxAfterInactivityMs } : {}),
    allowNeverSleep:
      layered(settings, 'sleep.allowNeverSleep', (c, path) =>
        c.getBoolean(path),
      ) ?? true,
  };
  // the defaults must hold to the limits themselves
  check(() => effectiveSleepPolicy(undefined, sleep), 'afterInactivity');
  return sleep;
}

function readAdvancedValues(
  layers: ConfigLayer[],
  chartVersions: string[],
): JsonObject | undefined {
  let merged: JsonObject | undefined;
  for (const { config, key } of layers) {
    const value = config.getOptional('values');
    if (value === undefined) continue;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new VirtualClustersConfigError(
        `${key}.values`,
        'must be an object of vcluster.yaml values',
      );
    }
    for (const version of new Set(chartVersions)) {
      const problem = chartValuesProblem(value, version);
      if (problem) {
        throw new VirtualClustersConfigError(`${key}.values`, problem);
      }
    }
    merged = merged ? mergeValues(merged, value) : value;
  }
  return merged;
}

function readHostCluster(
  config: Config,
  key: string,
  group: { name: string; layer: ConfigLayer } | undefined,
  profiles: ProfileCatalog,
): HostClusterSettings {
  const name = config.getString('name');
  const nameError = validateVirtualClusterName(name);
  if (nameError) {
    throw new VirtualClustersConfigError(`${key}.name`, nameError);
  }
  const settings = new LayeredConfig(
    group ? [{ config, key }, group.layer] : [{ config, key }],
  );
  const auth = readAuth(config, key);
  const url = config.getOptionalString('url');
  if (!url && auth.type !== 'inCluster') {
    throw new VirtualClustersConfigError(
      `${key}.url`,
      'is required unless auth.type is inCluster',
    );
  }

  const exposureType =
    config.getOptionalString('exposure.type') ?? 'LoadBalancer';
  if (exposureType !== 'LoadBalancer' && exposureType !== 'Ingress') {
    throw new VirtualClustersConfigError(
      `${key}.exposure.type`,
      `must be LoadBalancer or Ingress (got '${exposureType}')`,
    );
  }
  const wildcardDomain = config
    .getOptionalString('exposure.wildcardDomain')
    ?.replace(/^\*\./, '');
  if (exposureType === 'Ingress' && !wildcardDomain) {
    throw new VirtualClustersConfigError(
      `${key}.exposure.wildcardDomain`,
      'is required for Ingress exposure',
    );
  }

  const distros = layered(settings, 'distros', readDistros) ?? [...DISTROS];
  const chartVersions = { ...DEFAULT_CHART_VERSIONS };
  const kubernetesVersions = { ...DEFAULT_KUBERNETES_VERSIONS };
  for (const distro of DISTROS) {
    const chart = settings.find(`chartVersions.${distro}`);
    if (chart) {
      const version = chart.config.getString(`chartVersions.${distro}`);
      const unreleased = unreleasedVClusterChartMessage(version);
      if (unreleased)
        throw new VirtualClustersConfigError(chart.key, unreleased);
      chartVersions[distro] = version;
    }
    kubernetesVersions[distro] =
      layered(settings, `kubernetesVersions.${distro}`, readVersions) ??
      kubernetesVersions[distro];
  }
  const [major, minor] = semverTuple(chartVersions.k3s);
  const [, lastK3sMinor] = semverTuple(LAST_K3S_CHART_MINOR);
  if (major > 0 || minor > lastK3sMinor) {
    throw new VirtualClustersConfigError(
      settings.find('chartVersions.k3s')?.key ?? `${key}.chartVersions.k3s`,
      `k3s was removed from vcluster in 0.33; use a released ${LAST_K3S_CHART_MINOR}.x chart or older (${RELEASED_VCLUSTER_CHART_VERSIONS[
        LAST_K3S_CHART_MINOR
      ].join(', ')}; got ${chartVersions.k3s})`,
    );
  }
  const chartRepository = (
    config.getOptionalString('chartRepository') ?? DEFAULT_CHART_REPOSITORY
  ).replace(/\/+$/, '');
  let repoUrl: URL | undefined;
  try {
    repoUrl = new URL(chartRepository);
  } catch {
    repoUrl = undefined;
  }
  if (!repoUrl || !['http:', 'https:', 'oci:'].includes(repoUrl.protocol)) {
    throw new VirtualClustersConfigError(
      `${key}.chartRepository`,
      `must be an http(s) or oci:// URL of a Helm repository (got '${chartRepository}')`,
    );
  }

  const distroAt = settings.find('defaults.distro');
  const distro = (distroAt?.config.getString('defaults.distro') ??
    distros[0]) as VirtualClusterDistro;
  if (!distros.includes(distro)) {
    throw new VirtualClustersConfigError(
      distroAt?.key ?? `${key}.defaults.distro`,
      `must be one of the distros offered, ${distros.join(
        ', ',
      )} (got '${distro}')`,
    );
  }
  const versionAt = settings.find('defaults.kubernetesVersion');
  const defaultVersion = versionAt?.config.getString(
    'defaults.kubernetesVersion',
  );
  if (defaultVersion && !kubernetesVersions[distro].includes(defaultVersion)) {
    throw new VirtualClustersConfigError(
      versionAt!.key,
      `${defaultVersion} is not among kubernetesVersions.${distro} (${kubernetesVersions[
        distro
      ].join(', ')})`,
    );
  }

  const readQuotaAt = (c: Config, path: string, at: string) =>
    readQuota(c.getConfig(path), at);
  const quota = layered(settings, 'defaults.quota', readQuotaAt);
  const maxQuota = layered(settings, 'maxQuota', readQuotaAt);
  const tooLarge = quota && quotaBeyond(quota, maxQuota);
  if (tooLarge) {
    throw new VirtualClustersConfigError(
      settings.find('defaults.quota')!.key,
      `is more than maxQuota allows (${tooLarge})`,
    );
  }

  const standard = settings.find('isolation.podSecurityStandard');
  const podSecurityStandard = standard?.config.getString(
    'isolation.podSecurityStandard',
  );
  if (
    podSecurityStandard !== undefined &&
    !POD_SECURITY_STANDARDS.includes(podSecurityStandard)
  ) {
    throw new VirtualClustersConfigError(
      standard!.key,
      `must be one of ${POD_SECURITY_STANDARDS.join(
        ', ',
      )} (got '${podSecurityStandard}')`,
    );
  }
  const isolation: VirtualClusterIsolation = {
    networkPolicy:
      settings
        .find('isolation.networkPolicy')
        ?.config.getBoolean('isolation.networkPolicy') ?? false,
    ...(podSecurityStandard
      ? {
          podSecurityStandard:
            podSecurityStandard as VirtualClusterIsolation['podSecurityStandard'],
        }
      : {}),
  };

  const values = readAdvancedValues(
    group ? [group.layer, { config, key }] : [{ config, key }],
    distros.map(d => chartVersions[d]),
  );

  const defaultProfiles = layered(
    settings,
    'defaults.profiles',
    (c, path, at) => readDefaultProfiles(c.getStringArray(path), at, profiles),
  );

  const rate = (field: string) =>
    layered(settings, `cost.${field}`, readRate) ?? 0;
  return {
    name,
    title: config.getOptionalString('title') ?? name,
    url,
    caData: config.getOptionalString('caData'),
    caFile: config.getOptionalString('caFile'),
    skipTLSVerify: config.getOptionalBoolean('skipTLSVerify') ?? false,
    auth,
    exposure: {
      type: exposureType,
      ingressClassName:
        exposureType === 'Ingress'
          ? config.getOptionalString('exposure.ingressClassName') ?? 'nginx'
          : undefined,
      wildcardDomain,
    },
    provisioner: config.getOptionalString('provisioner') ?? 'cluster-api',
    ...(group ? { group: group.name } : {}),
    distros,
    chartRepository,
    chartVersions,
    kubernetesVersions,
    defaults: {
      distro,
      kubernetesVersion: {
        k3s:
          distro === 'k3s' && defaultVersion
            ? defaultVersion
            : kubernetesVersions.k3s[0],
        k8s:
          distro === 'k8s' && defaultVersion
            ? defaultVersion
            : kubernetesVersions.k8s[0],
      },
      quota,
      ...(defaultProfiles ? { profiles: defaultProfiles } : {}),
    },
    ...(maxQuota ? { maxQuota } : {}),
    isolation,
    ...(values ? { values } : {}),
    oversubscriptionPercent:
      layered(settings, 'oversubscriptionPercent', readPercent) ??
      DEFAULT_OVERSUBSCRIPTION_PERCENT,
    sleep: readSleep(settings),
    expiry: readExpiry(settings),
    limits: {
      maxVirtualClusters: config.getOptionalNumber('limits.maxVirtualClusters'),
      perOwner: config.getOptionalNumber('limits.perOwner'),
    },
    cost: {
      currency:
        settings.find('cost.currency')?.config.getString('cost.currency') ??
        'USD',
      cpuCoreHour: rate('cpuCoreHour'),
      memoryGiBHour: rate('memoryGiBHour'),
      storageGiBMonth: rate('storageGiBMonth'),
      loadBalancerHour: rate('loadBalancerHour'),
      // OpenCost runs on a host: it is not inherited from a group
      opencost: readOpenCost(config.getOptionalConfig('cost'), `${key}.cost`),
    },
  };
}

function readCount(config: Config, path: string, key: string) {
  const value = config.getOptionalNumber(path);
  if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
    throw new VirtualClustersConfigError(
      `${key}.${path}`,
      'must be a whole number >= 0',
    );
  }
  return value;
}

/**
 * Reads `clusterGroups[]`: each group's own settings, and for each member host the
 * group layer it inherits from.
 */
function readClusterGroups(
  configs: Config[],
  hostNames: string[],
): {
  clusterGroups: ClusterGroupSettings[];
  groupOf: Map<string, { name: string; layer: ConfigLayer }>;
} {
  const groupOf = new Map<string, { name: string; layer: ConfigLayer }>();
  const names = new Set<string>();
  const clusterGroups = configs.map((config, i): ClusterGroupSettings => {
    const key = `virtualClusters.clusterGroups[${i}]`;
    const name = config.getString('name');
    const nameError = validateVirtualClusterName(name);
    if (nameError) {
      throw new VirtualClustersConfigError(`${key}.name`, nameError);
    }
    if (names.has(name)) {
      throw new VirtualClustersConfigError(
        `${key}.name`,
        `duplicate cluster group name '${name}'`,
      );
    }
    names.add(name);
    const members = config.getStringArray('hostClusters');
    if (members.length === 0) {
      throw new VirtualClustersConfigError(
        `${key}.hostClusters`,
        'must name at least one host cluster',
      );
    }
    members.forEach((member, m) => {
      const memberKey = `${key}.hostClusters[${m}]`;
      if (!hostNames.includes(member)) {
        throw new VirtualClustersConfigError(
          memberKey,
          `'${member}' is not a configured host cluster (${hostNames.join(
            ', ',
          )})`,
        );
      }
      const other = groupOf.get(member);
      if (other) {
        throw new VirtualClustersConfigError(
          memberKey,
          `host cluster '${member}' is already a member of cluster group '${other.name}'; a host belongs to one group`,
        );
      }
      groupOf.set(member, { name, layer: { config, key } });
    });
    const ownerQuota = readQuota(
      config.getOptionalConfig('limits.ownerQuota'),
      `${key}.limits.ownerQuota`,
    );
    return {
      name,
      title: config.getOptionalString('title') ?? name,
      ...(config.has('description')
        ? { description: config.getString('description') }
        : {}),
      hostClusters: members,
      limits: {
        maxVirtualClusters: readCount(config, 'limits.maxVirtualClusters', key),
        perOwner: readCount(config, 'limits.perOwner', key),
        ...(ownerQuota ? { ownerQuota } : {}),
      },
    };
  });
  return { clusterGroups, groupOf };
}

function readWorkloadsWatch(
  config: Config | undefined,
): WorkloadsWatchSettings {
  const key = 'virtualClusters.workloads.watch';
  const maxClusters = config?.getOptionalNumber('maxClusters') ?? 50;
  if (!Number.isInteger(maxClusters) || maxClusters < 1) {
    throw new VirtualClustersConfigError(
      `${key}.maxClusters`,
      'must be a whole number of at least 1',
    );
  }
  return {
    enabled: config?.getOptionalBoolean('enabled') ?? true,
    idleTimeoutMs: config
      ? readMilliseconds(config, 'idleTimeout', key, 5 * 60_000)
      : 5 * 60_000,
    maxClusters,
  };
}

function readBackups(config: Config | undefined) {
  const encryptionKey = config?.getOptionalString('encryptionKey');
  if (encryptionKey !== undefined && encryptionKey.length < 16) {
    throw new VirtualClustersConfigError(
      'virtualClusters.backups.encryptionKey',
      'must be at least 16 characters',
    );
  }
  const previousEncryptionKeys = config?.getOptionalStringArray(
    'previousEncryptionKeys',
  );
  if (previousEncryptionKeys?.length && !encryptionKey) {
    throw new VirtualClustersConfigError(
      'virtualClusters.backups.previousEncryptionKeys',
      'needs encryptionKey, the key new backups are encrypted with',
    );
  }
  return {
    ...(encryptionKey ? { encryptionKey } : {}),
    ...(previousEncryptionKeys?.length ? { previousEncryptionKeys } : {}),
  };
}

/** `name` or `name@version` entries, pinned to versions that exist. */
function readDefaultProfiles(
  entries: string[],
  key: string,
  profiles: ProfileCatalog,
): ProfileRef[] {
  try {
    return profiles
      .pin(
        entries.map(entry => {
          const [name, version] = entry.split('@');
          return version ? { name, version } : { name };
        }),
      )
      .map(({ name, version }) => ({ name, version }));
  } catch (error) {
    if (error instanceof InputError) {
      throw new VirtualClustersConfigError(key, error.message);
    }
    throw error;
  }
}

function readTokenTtl(config: Config | undefined): HumanDuration {
  if (!config?.has('tokenTtl')) return { hours: 8 };
  return readDurationFromConfig(config, { key: 'tokenTtl' });
}

/**
 * Reads and validates `virtualClusters` from app-config, once at start-up.
 *
 * @throws VirtualClustersConfigError or the config reader's error, naming the bad key.
 */
export function readVirtualClustersConfig(
  root: Config,
): VirtualClustersSettings {
  const config = root.getOptionalConfig('virtualClusters');
  const hostConfigs = config?.getOptionalConfigArray('hostClusters') ?? [];
  const { clusterGroups, groupOf } = readClusterGroups(
    config?.getOptionalConfigArray('clusterGroups') ?? [],
    hostConfigs.map(c => c.getString('name')),
  );
  const profiles = readProfiles(
    config?.getOptionalConfigArray('profiles') ?? [],
  );
  const catalog = ProfileCatalog.create(profiles);
  const hostClusters = hostConfigs.map((c, i) =>
    readHostCluster(
      c,
      `virtualClusters.hostClusters[${i}]`,
      groupOf.get(c.getString('name')),
      catalog,
    ),
  );
  const seen = new Set<string>();
  hostClusters.forEach((h, i) => {
    if (seen.has(h.name)) {
      throw new VirtualClustersConfigError(
        `virtualClusters.hostClusters[${i}].name`,
        `duplicate host cluster name '${h.name}'`,
      );
    }
    seen.add(h.name);
  });
  const kubeconfig = config?.getOptionalConfig('kubeconfig');
  return {
    hostClusters,
    clusterGroups,
    profiles,
    kubeconfig: {
      tokenTtl: readTokenTtl(kubeconfig),
      allowAdminCertificates:
        kubeconfig?.getOptionalBoolean('allowAdminCertificates') ?? false,
    },
    backups: readBackups(config?.getOptionalConfig('backups')),
    workloads: {
      watch: readWorkloadsWatch(config?.getOptionalConfig('workloads.watch')),
    },
  };
}
