import { createHash } from 'node:crypto';

// The status vcluster's deploy controller keeps in ConfigMap kube-system/vcluster-deploy,
// and the pure parts of computing it (pkg/controllers/deploy at vcluster v0.32.3).

/** pkg/controllers/deploy/deploy.go v0.32.3: InitObjectStatus. */
export type Phase = 'Pending' | 'Success' | 'Failed';

// pkg/controllers/deploy/deploy.go v0.32.3: the constants
export const STATUS_KEY = 'vcluster.loft.sh/status';
export const DEPLOY_CONFIG_MAP = 'vcluster-deploy';
export const DEPLOY_CONFIG_MAP_NAMESPACE = 'kube-system';
export const CHART_PULL_ERROR = 'ChartPullFailed';
export const INSTALL_ERROR = 'InstallFailed';
export const UPGRADE_ERROR = 'UpgradeFailed';
export const UNINSTALL_ERROR = 'UninstallFailed';
/** DefaultTimeOut: a chart's install or upgrade when its `timeout` does not parse. */
export const DEFAULT_TIMEOUT_MS = 180_000;

/** pkg/controllers/deploy/types.go v0.32.3: ChartStatus. */
export interface ChartStatus {
  name?: string;
  namespace?: string;
  phase?: string;
  reason?: string;
  message?: string;
  lastAppliedChartConfigHash?: string;
}

/** pkg/controllers/deploy/types.go v0.32.3: ManifestsStatus. */
export interface ManifestsStatus {
  phase?: string;
  reason?: string;
  message?: string;
  lastAppliedManifests?: string;
}

/** pkg/controllers/deploy/types.go v0.32.3: Status. */
export interface Status {
  phase?: string;
  reason?: string;
  message?: string;
  charts?: ChartStatus[];
  manifests: ManifestsStatus;
}

/** config/config.go v0.32.3: ExperimentalDeployHelm (with its chart and release). */
export interface DeployHelm {
  chart: {
    name: string;
    repo: string;
    insecure: boolean;
    version: string;
    username: string;
    password: string;
  };
  release: { name: string; namespace: string };
  values: string;
  timeout: string;
  bundle: string;
}

/** config/config.go v0.32.3: ExperimentalDeployVCluster (manifestsTemplate is not rendered here). */
export interface DeployVCluster {
  manifests: string;
  manifestsTemplate: string;
  helm: DeployHelm[];
}

/**
 * A Go `json.Marshal` of a value built of objects (keys in struct order), arrays,
 * strings, booleans and numbers: JSON with `<`, `>`, `&`, U+2028 and U+2029 escaped
 * (encoding/json's HTML-safe default, which json.Marshal always applies).
 */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : '';

/**
 * `experimental.deploy.vcluster` of the vcluster config as the syncer's Go structs read
 * it (config/config.go v0.32.3): missing strings are "", missing lists empty.
 */
export function deployConfig(values: unknown): DeployVCluster {
  const at = (v: unknown, key: string): Record<string, unknown> => {
    const next =
      v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : {};
    return next && typeof next === 'object' && !Array.isArray(next)
      ? (next as Record<string, unknown>)
      : {};
  };
  const vcluster = at(at(at(values, 'experimental'), 'deploy'), 'vcluster');
  const helm = Array.isArray(vcluster.helm) ? vcluster.helm : [];
  return {
    manifests: text(vcluster.manifests),
    manifestsTemplate: text(vcluster.manifestsTemplate),
    helm: helm.map((entry: unknown) => {
      const chart = (entry && typeof entry === 'object' ? entry : {}) as Record<
        string,
        unknown
      >;
      const c = at(chart, 'chart');
      const r = at(chart, 'release');
      return {
        chart: {
          name: text(c.name),
          repo: text(c.repo),
          insecure: c.insecure === true,
          version: text(c.version),
          username: text(c.username),
          password: text(c.password),
        },
        release: { name: text(r.name), namespace: text(r.namespace) },
        values: text(chart.values),
        timeout: text(chart.timeout),
        bundle: text(chart.bundle),
      };
    }),
  };
}

/** Drops the empty fields of an object, as `omitempty` does (its key order kept). */
function omitEmpty<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== '' && v !== false),
  ) as Partial<T>;
}

/**
 * pkg/controllers/deploy/deploy.go v0.32.3 getHashedConfig: md5 of the JSON of the
 * entry (the chart and release objects are always written, even empty).
 */
export function hashedConfig(chart: DeployHelm): string {
  const json = goJson({
    chart: omitEmpty(chart.chart),
    release: omitEmpty(chart.release),
    ...omitEmpty({
      values: chart.values,
      timeout: chart.timeout,
      bundle: chart.bundle,
    }),
  });
  return createHash('md5').update(json).digest('hex');
}

/** pkg/controllers/deploy/deploy.go v0.32.3 getTargetRelease: the release name defaults to the chart's, the namespace to `default`. */
export function targetRelease(chart: DeployHelm): {
  name: string;
  namespace: string;
} {
  return {
    name: chart.release.name || chart.chart.name,
    namespace: chart.release.namespace || 'default',
  };
}

/**
 * pkg/controllers/deploy/deploy.go v0.32.3 ParseStatus: the annotation read into the
 * Status struct; unreadable is an empty status.
 */
export function parseStatus(annotation: string | undefined): Status {
  if (!annotation) return { manifests: {} };
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(annotation);
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      return { manifests: {} };
    }
  } catch {
    return { manifests: {} };
  }
  const str = (o: Record<string, unknown>, k: string) =>
    typeof o[k] === 'string' ? (o[k] as string) : undefined;
  const manifests =
    raw.manifests && typeof raw.manifests === 'object'
      ? (raw.manifests as Record<string, unknown>)
      : {};
  const charts = Array.isArray(raw.charts)
    ? (raw.charts as Array<Record<string, unknown>>)
    : [];
  return {
    phase: str(raw, 'phase'),
    reason: str(raw, 'reason'),
    message: str(raw, 'message'),
    charts: charts.map(c => ({
      name: str(c, 'name'),
      namespace: str(c, 'namespace'),
      phase: str(c, 'phase'),
      reason: str(c, 'reason'),
      message: str(c, 'message'),
      lastAppliedChartConfigHash: str(c, 'lastAppliedChartConfigHash'),
    })),
    manifests: {
      phase: str(manifests, 'phase'),
      reason: str(manifests, 'reason'),
      message: str(manifests, 'message'),
      lastAppliedManifests: str(manifests, 'lastAppliedManifests'),
    },
  };
}

/**
 * pkg/controllers/deploy/deploy.go v0.32.3 encodeStatus: json.Marshal of the Status
 * struct (types.go): fields in struct order, empty ones omitted, except `manifests`,
 * a struct, which `omitempty` never drops.
 */
export function encodeStatus(status: Status): string {
  const charts = (status.charts ?? []).map(c =>
    omitEmpty({
      name: c.name ?? '',
      namespace: c.namespace ?? '',
      phase: c.phase ?? '',
      reason: c.reason ?? '',
      message: c.message ?? '',
      lastAppliedChartConfigHash: c.lastAppliedChartConfigHash ?? '',
    }),
  );
  const m = status.manifests;
  return goJson({
    ...omitEmpty({
      phase: status.phase ?? '',
      reason: status.reason ?? '',
      message: status.message ?? '',
    }),
    ...(charts.length ? { charts } : {}),
    manifests: omitEmpty({
      phase: m.phase ?? '',
      reason: m.reason ?? '',
      message: m.message ?? '',
      lastAppliedManifests: m.lastAppliedManifests ?? '',
    }),
  });
}

/**
 * pkg/controllers/deploy/deploy.go v0.32.3 UpdateConfigMap: the overall phase from the
 * manifests' and the charts' (the first failure wins), Success only when every listed
 * chart has a status and the pass ended without error, Failed with reason Unknown when
 * it ended with an error nothing else explains. Returns the new annotation.
 */
export function updatedStatus(
  annotation: string | undefined,
  lastError: Error | undefined,
  config: DeployVCluster,
): string {
  const status = parseStatus(annotation);
  status.phase = 'Pending';
  status.reason = '';
  status.message = '';
  if (status.manifests.phase !== 'Success') {
    status.phase = 'Failed';
    status.reason = status.manifests.reason;
    status.message = status.manifests.message;
  } else {
    const failed = (status.charts ?? []).find(c => c.phase !== 'Success');
    if (failed) {
      status.phase = 'Failed';
      status.reason = failed.reason;
      status.message = failed.message;
    }
  }
  if (status.phase === 'Pending') {
    if (!lastError) {
      status.phase =
        (status.charts ?? []).length !== config.helm.length
          ? 'Pending'
          : 'Success';
    } else {
      status.phase = 'Failed';
      status.reason = 'Unknown';
      status.message = lastError.message;
    }
  }
  return encodeStatus(status);
}

/** pkg/controllers/deploy/deploy.go v0.32.3 setManifestsStatus. */
export function setManifestsStatus(
  annotation: string | undefined,
  phase: Phase,
  reason: string,
  message: string,
): string {
  const status = parseStatus(annotation);
  status.manifests = { ...status.manifests, phase, reason, message };
  return encodeStatus(status);
}

/** pkg/controllers/deploy/deploy.go v0.32.3 setChartStatus: the chart's entry updated, or appended. */
export function setChartStatus(
  annotation: string | undefined,
  release: { name: string; namespace: string },
  phase: Phase,
  reason: string,
  message: string,
): string {
  const status = parseStatus(annotation);
  const charts = status.charts ?? [];
  const found = charts.find(
    c => c.name === release.name && c.namespace === release.namespace,
  );
  if (found) Object.assign(found, { phase, reason, message });
  else charts.push({ ...release, phase, reason, message });
  status.charts = charts;
  return encodeStatus(status);
}

/** pkg/controllers/deploy/deploy.go v0.32.3 setChartStatusLastApplied: Success with the entry's hash. */
export function setChartStatusLastApplied(
  annotation: string | undefined,
  chart: DeployHelm,
): string {
  const status = parseStatus(annotation);
  const release = targetRelease(chart);
  const hash = hashedConfig(chart);
  const charts = status.charts ?? [];
  const found = charts.find(
    c => c.name === release.name && c.namespace === release.namespace,
  );
  const success = { phase: 'Success', reason: '', message: '' };
  if (found)
    Object.assign(found, { lastAppliedChartConfigHash: hash, ...success });
  else
    charts.push({ ...release, lastAppliedChartConfigHash: hash, ...success });
  status.charts = charts;
  return encodeStatus(status);
}

/** pkg/controllers/deploy/deploy.go v0.32.3 popFromStatus: an uninstalled release leaves the list. */
export function popFromStatus(
  annotation: string | undefined,
  chart: ChartStatus,
): string {
  const status = parseStatus(annotation);
  status.charts = (status.charts ?? []).filter(
    c => !(c.name === chart.name && c.namespace === chart.namespace),
  );
  return encodeStatus(status);
}

/** pkg/controllers/deploy/deploy.go v0.32.3 checkIfUpgradeNeeded: no status for the release, or another hash. */
export function upgradeNeeded(
  annotation: string | undefined,
  chart: DeployHelm,
): boolean {
  const release = targetRelease(chart);
  const found = (parseStatus(annotation).charts ?? []).find(
    c => c.name === release.name && c.namespace === release.namespace,
  );
  return found
    ? hashedConfig(chart) !== found.lastAppliedChartConfigHash
    : true;
}

/**
 * Go's time.ParseDuration in milliseconds (a chart's `timeout`); undefined where Go
 * fails ("", a number without unit, an unknown unit).
 */
export function parseGoDuration(value: string): number | undefined {
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    μs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  let rest = value;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest[0] === '-' ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  while (rest) {
    const match = /^(\d*\.?\d*)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!match || match[1] === '' || match[1] === '.') return undefined;
    total += Number(match[1]) * units[match[2]];
    rest = rest.slice(match[0].length);
  }
  return sign * total;
}

/** pkg/controllers/deploy/deploy.go v0.32.3 parseTimeout. */
export function helmTimeoutMs(chart: DeployHelm): number {
  return parseGoDuration(chart.timeout) ?? DEFAULT_TIMEOUT_MS;
}
