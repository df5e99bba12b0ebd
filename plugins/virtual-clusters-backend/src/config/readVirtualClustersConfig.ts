import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import {
  isKubernetesQuantity,
  LAST_K3S_CHART_MINOR,
  RELEASED_VCLUSTER_CHART_VERSIONS,
  unreleasedVClusterChartMessage,
  validateVirtualClusterName,
  VirtualClusterDistro,
  VirtualClusterQuota,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import {
  HostClusterAuth,
  HostClusterSettings,
  OpenCostSettings,
  VirtualClustersSettings,
  WorkloadsWatchSettings,
} from './HostClusterSettings';

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
const VERSION = /^[0-9]+\.[0-9]+(\.[0-9]+)?$/;

/** A config value that is present but wrong; the message names its key. */
export class VirtualClustersConfigError extends Error {
  constructor(key: string, message: string) {
    super(`Invalid config at '${key}': ${message}`);
    this.name = 'VirtualClustersConfigError';
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

function positive(
  config: Config,
  field: string,
  key: string,
  fallback: number,
): number {
  const value = config.getOptionalNumber(field) ?? fallback;
  if (!(value >= 0)) {
    throw new VirtualClustersConfigError(`${key}.${field}`, 'must be >= 0');
  }
  return value;
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

function readHostCluster(config: Config, key: string): HostClusterSettings {
  const name = config.getString('name');
  const nameError = validateVirtualClusterName(name);
  if (nameError) {
    throw new VirtualClustersConfigError(`${key}.name`, nameError);
  }
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

  const chartVersions = { ...DEFAULT_CHART_VERSIONS };
  const kubernetesVersions = { ...DEFAULT_KUBERNETES_VERSIONS };
  for (const distro of DISTROS) {
    const chart = config.getOptionalString(`chartVersions.${distro}`);
    if (chart) chartVersions[distro] = chart;
    const versions = config.getOptionalStringArray(
      `kubernetesVersions.${distro}`,
    );
    if (versions) {
      const bad = versions.find(v => !VERSION.test(v));
      if (bad || versions.length === 0) {
        throw new VirtualClustersConfigError(
          `${key}.kubernetesVersions.${distro}`,
          bad ? `'${bad}' is not a version like 1.31` : 'must not be empty',
        );
      }
      kubernetesVersions[distro] = versions;
    }
  }
  for (const distro of DISTROS) {
    const unreleased = unreleasedVClusterChartMessage(chartVersions[distro]);
    if (unreleased) {
      throw new VirtualClustersConfigError(
        `${key}.chartVersions.${distro}`,
        unreleased,
      );
    }
  }
  const [major, minor] = semverTuple(chartVersions.k3s);
  const [, lastK3sMinor] = semverTuple(LAST_K3S_CHART_MINOR);
  if (major > 0 || minor > lastK3sMinor) {
    throw new VirtualClustersConfigError(
      `${key}.chartVersions.k3s`,
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

  const distro = (config.getOptionalString('defaults.distro') ??
    'k3s') as VirtualClusterDistro;
  if (!DISTROS.includes(distro)) {
    throw new VirtualClustersConfigError(
      `${key}.defaults.distro`,
      `must be k3s or k8s (got '${distro}')`,
    );
  }
  const defaultVersion = config.getOptionalString('defaults.kubernetesVersion');
  if (defaultVersion && !kubernetesVersions[distro].includes(defaultVersion)) {
    throw new VirtualClustersConfigError(
      `${key}.defaults.kubernetesVersion`,
      `${defaultVersion} is not among kubernetesVersions.${distro} (${kubernetesVersions[
        distro
      ].join(', ')})`,
    );
  }

  const cost = config.getOptionalConfig('cost');
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
      quota: readQuota(
        config.getOptionalConfig('defaults.quota'),
        `${key}.defaults.quota`,
      ),
    },
    limits: {
      maxVirtualClusters: config.getOptionalNumber('limits.maxVirtualClusters'),
      perOwner: config.getOptionalNumber('limits.perOwner'),
    },
    cost: {
      currency: cost?.getOptionalString('currency') ?? 'USD',
      cpuCoreHour: cost ? positive(cost, 'cpuCoreHour', `${key}.cost`, 0) : 0,
      memoryGiBHour: cost
        ? positive(cost, 'memoryGiBHour', `${key}.cost`, 0)
        : 0,
      storageGiBMonth: cost
        ? positive(cost, 'storageGiBMonth', `${key}.cost`, 0)
        : 0,
      loadBalancerHour: cost
        ? positive(cost, 'loadBalancerHour', `${key}.cost`, 0)
        : 0,
      opencost: readOpenCost(cost, `${key}.cost`),
    },
  };
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
  const hostClusters = (
    config?.getOptionalConfigArray('hostClusters') ?? []
  ).map((c, i) => readHostCluster(c, `virtualClusters.hostClusters[${i}]`));
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
