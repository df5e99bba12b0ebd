import {
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { apiErrorMessage, ignoreStatus, statusOf } from '../errors.ts';
import { compress, uncompress } from './compress.ts';
import { HelmClient, Stopped } from './HelmClient.ts';
import {
  manifestObjects,
  processedManifests,
  removedObjects,
} from './manifests.ts';
import {
  CHART_PULL_ERROR,
  type ChartStatus,
  DEPLOY_CONFIG_MAP,
  DEPLOY_CONFIG_MAP_NAMESPACE,
  type DeployHelm,
  type DeployVCluster,
  encodeStatus,
  helmTimeoutMs,
  INSTALL_ERROR,
  parseStatus,
  popFromStatus,
  setChartStatus,
  setChartStatusLastApplied,
  setManifestsStatus,
  STATUS_KEY,
  targetRelease,
  UNINSTALL_ERROR,
  UPGRADE_ERROR,
  updatedStatus,
  upgradeNeeded,
} from './status.ts';

const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** pkg/controllers/deploy/deploy.go v0.32.3 defaultBundleName. */
const DEFAULT_BUNDLE_NAME = 'chart-bundle';

/** The ConfigMap's status annotation while a pass works on it (upstream mutates the object). */
interface Held {
  annotation?: string;
}

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/**
 * pkg/controllers/deploy/deploy.go v0.32.3 getTarballDir: the directory a chart is
 * pulled to, named by the first 10 hex digits of sha256(repo + name + version).
 */
export function tarballDir(
  helmWorkDir: string,
  repo: string,
  name: string,
  version: string,
): string {
  const digest = createHash('sha256')
    .update(repo + name + version)
    .digest('hex');
  return join(helmWorkDir, digest.slice(0, 10));
}

/**
 * kubectl's printed errors as the Go errors behind them (what upstream's in-process
 * applier returns): warnings dropped, the CLI's `Error from server (<Reason>): ` and
 * `error: ` prefixes removed, several errors in brackets as an aggregate prints them.
 */
export function kubectlError(stderr: string): string {
  const errors = stderr
    .split('\n')
    .filter(l => l.trim() && !l.startsWith('Warning:'))
    .map(l => l.replace(/^Error from server \([A-Za-z]+\): /, ''))
    .map(l => l.replace(/^error: /, ''));
  return errors.length > 1 ? `[${errors.join(', ')}]` : errors[0] ?? '';
}

/**
 * vcluster's deploy controller (pkg/controllers/deploy v0.32.3), run once per start of
 * the syncer (start.go RegisterInitManifestsController): `experimental.deploy.vcluster.
 * manifests` are applied in the foreground (an error fails `vcluster start`), then the
 * `helm[]` charts are pulled, installed or upgraded, and releases no longer listed
 * uninstalled, in a background loop that retries the whole pass every 10 s until one
 * pass succeeds. The status goes to ConfigMap kube-system/vcluster-deploy, annotation
 * `vcluster.loft.sh/status`. Helm is the real binary; manifests are applied with the
 * plane's kubectl (client-side apply, field manager `vcluster`, as pkg/util/applier).
 */
export class Deployer {
  readonly #core: CoreV1Api;
  readonly #objects: KubernetesObjectApi;
  readonly #kubectl: string;
  readonly #kubeconfigFile: string;
  readonly #workDir: string;
  readonly #helm: HelmClient;
  readonly #retryMs: number;
  readonly #log: (message: string) => void;
  readonly #abort = new AbortController();
  #loop?: Promise<void>;

  constructor(options: {
    /** The admin kubeconfig of the virtual API server. */
    kubeconfig: string;
    /** The same, as a file (for kubectl). */
    kubeconfigFile: string;
    kubectl: string;
    helm: string;
    /** Plays the syncer container's /tmp (HelmWorkDir): empty at each start. */
    workDir: string;
    /** Plays the container's HOME (helm's cache and config). */
    home: string;
    /** start.go: the helm pass is retried after 10 s. */
    retryMs?: number;
    log: (message: string) => void;
  }) {
    const virtual = new KubeConfig();
    virtual.loadFromString(options.kubeconfig);
    this.#core = virtual.makeApiClient(CoreV1Api);
    this.#objects = KubernetesObjectApi.makeApiClient(virtual);
    this.#kubectl = options.kubectl;
    this.#kubeconfigFile = options.kubeconfigFile;
    this.#workDir = options.workDir;
    this.#retryMs = options.retryMs ?? 10_000;
    this.#log = options.log;
    mkdirSync(options.workDir, { recursive: true });
    mkdirSync(options.home, { recursive: true });
    this.#helm = new HelmClient({
      helmPath: options.helm,
      kubeconfig: options.kubeconfig,
      tmpDir: options.workDir,
      home: options.home,
      signal: this.#abort.signal,
    });
  }

  /** The syncer went away (pause, restart, uninstall): the helm loop ends, its command is killed. */
  stop(): void {
    this.#abort.abort();
  }

  get stopped(): boolean {
    return this.#abort.signal.aborted;
  }

  /** Resolves when the background helm loop has ended (succeeded or stopped). */
  get helmDone(): Promise<void> {
    return this.#loop ?? Promise.resolve();
  }

  /** start.go v0.32.3: `error deploying experimental.deploy.vCluster.manifests: …` fails the start. */
  async deployInitManifests(config: DeployVCluster): Promise<void> {
    try {
      await this.#apply(config, held =>
        this.#processInitManifests(config, held),
      );
    } catch (error) {
      if (error instanceof Stopped) throw error;
      throw new Error(
        `error deploying experimental.deploy.vCluster.manifests: ${messageOf(
          error,
        )}`,
      );
    }
  }

  /** start.go v0.32.3: the helm charts in a goroutine, the whole pass again 10 s after an error. */
  startHelmCharts(config: DeployVCluster): void {
    this.#loop = (async () => {
      while (!this.stopped) {
        try {
          await this.#apply(config, held =>
            this.#processHelmChart(config, held),
          );
          return;
        } catch (error) {
          if (this.stopped) return;
          this.#log(
            `Error deploying experimental.deploy.vCluster.helm: ${messageOf(
              error,
            )}`,
          );
          await new Promise<void>(resolve => {
            const timer = setTimeout(resolve, this.#retryMs);
            this.#abort.signal.addEventListener(
              'abort',
              () => {
                clearTimeout(timer);
                resolve();
              },
              { once: true },
            );
          });
        }
      }
    })();
  }

  /**
   * deploy.go v0.32.3 apply: the ConfigMap read (created only when there is something
   * to deploy), the pass run on it, then its status recomputed and patched whether the
   * pass failed or not (UpdateConfigMap).
   */
  async #apply(
    config: DeployVCluster,
    fn: (held: Held) => Promise<void>,
  ): Promise<void> {
    if (this.stopped) throw new Stopped();
    let configMap = await this.#core
      .readNamespacedConfigMap({
        name: DEPLOY_CONFIG_MAP,
        namespace: DEPLOY_CONFIG_MAP_NAMESPACE,
      })
      .catch(ignoreStatus(404));
    if (!configMap) {
      if (
        config.manifests === '' &&
        config.manifestsTemplate === '' &&
        config.helm.length === 0
      ) {
        return;
      }
      try {
        configMap = await this.#core.createNamespacedConfigMap({
          namespace: DEPLOY_CONFIG_MAP_NAMESPACE,
          body: {
            metadata: {
              name: DEPLOY_CONFIG_MAP,
              namespace: DEPLOY_CONFIG_MAP_NAMESPACE,
            },
          },
        });
      } catch (error) {
        throw new Error(
          `create deploy status config map: ${apiErrorMessage(error)}`,
        );
      }
    }
    const before = configMap.metadata?.annotations?.[STATUS_KEY];
    const held: Held = { annotation: before };
    let failure: unknown;
    try {
      await fn(held);
    } catch (error) {
      failure = error;
    }
    if (failure instanceof Stopped || this.stopped) throw new Stopped();
    let patchError: unknown;
    try {
      const lastError =
        failure === undefined ? undefined : new Error(messageOf(failure));
      const after = updatedStatus(held.annotation, lastError, config);
      if (after !== before) {
        await this.#core.patchNamespacedConfigMap(
          {
            name: DEPLOY_CONFIG_MAP,
            namespace: DEPLOY_CONFIG_MAP_NAMESPACE,
            body: { metadata: { annotations: { [STATUS_KEY]: after } } },
          },
          merge,
        );
      }
    } catch (error) {
      this.#log(`error updating configmap status: ${apiErrorMessage(error)}`);
      patchError = new Error(apiErrorMessage(error));
    }
    if (failure !== undefined) throw failure;
    if (patchError) throw patchError;
  }

  /** deploy.go v0.32.3 ProcessInitManifests. */
  async #processInitManifests(config: DeployVCluster, held: Held) {
    if (config.manifestsTemplate) {
      this.#log(
        'experimental.deploy.vcluster.manifestsTemplate is not rendered by the stand-in; only manifests are applied',
      );
    }
    const manifests = config.manifests;
    const status = parseStatus(held.annotation);
    let lastApplied = '';
    if (status.manifests.lastAppliedManifests) {
      try {
        lastApplied = uncompress(status.manifests.lastAppliedManifests);
      } catch (error) {
        this.#log(`error decompressing manifests: ${messageOf(error)}`);
      }
    }
    if (manifests === lastApplied) {
      held.annotation = setManifestsStatus(held.annotation, 'Success', '', '');
      return;
    }
    try {
      await this.#applyGivenInitManifests(manifests, lastApplied);
    } catch (error) {
      if (error instanceof Stopped) throw error;
      this.#log(`error applying init manifests: ${messageOf(error)}`);
      held.annotation = setManifestsStatus(
        held.annotation,
        'Failed',
        INSTALL_ERROR,
        messageOf(error),
      );
      throw error;
    }
    status.manifests.lastAppliedManifests = compress(manifests);
    held.annotation = setManifestsStatus(
      encodeStatus(status),
      'Success',
      '',
      '',
    );
  }

  /** helper.go v0.32.3 ApplyGivenInitManifests. */
  async #applyGivenInitManifests(raw: string, lastApplied: string) {
    const last = manifestObjects(lastApplied);
    if (last.error) {
      throw new Error(`unable to parse last applied manifests: ${last.error}`);
    }
    const current = manifestObjects(raw);
    if (current.error) {
      throw new Error(`unable to parse objects: ${current.error}`);
    }
    if (!last.objects.length && !current.objects.length) return;
    if (current.objects.length) {
      this.#log(`got ${current.objects.length} objs to be applied`);
      await this.#kubectlApply(processedManifests(current.objects));
    }
    for (const object of removedObjects(last.objects, current.objects)) {
      this.#log(
        `delete non existing init object: ${object.apiVersion} ${object.kind} ${object.metadata.namespace}/${object.metadata.name}`,
      );
      try {
        await this.#objects.delete(object);
      } catch (error) {
        if (statusOf(error) === 404) continue;
        throw new Error(
          `unable to delete old object: ${
            object.metadata.name
          }: ${apiErrorMessage(error)}`,
        );
      }
    }
  }

  /** pkg/util/applier v0.32.3: client-side apply (ServerSideApply false), field manager `vcluster`. */
  async #kubectlApply(manifests: string) {
    const dir = mkdtempSync(join(this.#workDir, 'apply-'));
    try {
      // the stream upstream builds is named "manifests"; kubectl names it after the file
      writeFileSync(join(dir, 'manifests'), manifests);
      await new Promise<void>((resolve, reject) => {
        execFile(
          this.#kubectl,
          [
            '--kubeconfig',
            this.#kubeconfigFile,
            'apply',
            '--field-manager=vcluster',
            '--overwrite',
            '--validate=warn',
            '-f',
            'manifests',
          ],
          { cwd: dir, signal: this.#abort.signal, timeout: 120_000 },
          (error, _stdout, stderr) => {
            if (this.stopped) reject(new Stopped());
            else if (error) {
              reject(
                new Error(
                  `apply manifests: ${kubectlError(stderr) || error.message}`,
                ),
              );
            } else resolve();
          },
        );
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** deploy.go v0.32.3 ProcessHelmChart. */
  async #processHelmChart(config: DeployVCluster, held: Held) {
    const statusMap = new Map<string, ChartStatus>();
    for (const s of parseStatus(held.annotation).charts ?? []) {
      statusMap.set(`${s.namespace}/${s.name}`, s);
    }
    for (const chart of config.helm) {
      const release = targetRelease(chart);
      statusMap.delete(`${release.namespace}/${release.name}`);
      try {
        await this.#pullChartArchive(chart);
      } catch (error) {
        if (error instanceof Stopped) throw error;
        held.annotation = setChartStatus(
          held.annotation,
          release,
          'Failed',
          CHART_PULL_ERROR,
          messageOf(error),
        );
        throw error;
      }
      if (await this.#helm.exists(release.name, release.namespace)) {
        if (upgradeNeeded(held.annotation, chart)) {
          try {
            await this.#initiateUpgrade(chart);
          } catch (error) {
            if (error instanceof Stopped) throw error;
            held.annotation = setChartStatus(
              held.annotation,
              release,
              'Failed',
              UPGRADE_ERROR,
              messageOf(error),
            );
            throw error;
          }
          held.annotation = setChartStatusLastApplied(held.annotation, chart);
        }
        continue;
      }
      this.#log(
        `initiating installation for release ${release.namespace}/${release.name}`,
      );
      try {
        await this.#initiateInstall(chart);
      } catch (error) {
        if (error instanceof Stopped) throw error;
        this.#log(
          `error installing release ${release.namespace}/${release.name}`,
        );
        held.annotation = setChartStatus(
          held.annotation,
          release,
          'Failed',
          INSTALL_ERROR,
          messageOf(error),
        );
        throw error;
      }
      held.annotation = setChartStatusLastApplied(held.annotation, chart);
    }
    for (const chartStatus of statusMap.values()) {
      try {
        await this.#deleteHelmRelease(held, chartStatus);
      } catch (error) {
        if (error instanceof Stopped) throw error;
        throw new Error(`delete helm release: ${messageOf(error)}`);
      }
    }
  }

  /** deploy.go v0.32.3 findChart: the tarball whose name starts with the chart's (or the bundle's default). */
  #findChart(chart: DeployHelm): string {
    const dir = tarballDir(
      this.#workDir,
      chart.chart.repo,
      chart.chart.name,
      chart.chart.version,
    );
    if (!existsSync(dir)) return '';
    const file = readdirSync(dir)
      .sort()
      .find(
        f =>
          f.startsWith(chart.chart.name) || f.startsWith(DEFAULT_BUNDLE_NAME),
      );
    return file ? join(dir, file) : '';
  }

  /** deploy.go v0.32.3 pullChartArchive: pulled once per start (or the bundle written). */
  async #pullChartArchive(chart: DeployHelm) {
    if (this.#findChart(chart)) return;
    const dir = tarballDir(
      this.#workDir,
      chart.chart.repo,
      chart.chart.name,
      chart.chart.version,
    );
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    if (chart.bundle) {
      // Go's base64.StdEncoding refuses what is not base64
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(chart.bundle)) {
        throw new Error('illegal base64 data');
      }
      const name = chart.chart.name || DEFAULT_BUNDLE_NAME;
      writeFileSync(
        join(dir, `${name}.tar.gz`),
        Buffer.from(chart.bundle, 'base64'),
      );
      return;
    }
    try {
      await this.#helm.pull(chart.chart.name, {
        chart: chart.chart.name,
        repo: chart.chart.repo,
        insecure: chart.chart.insecure,
        version: chart.chart.version,
        username: chart.chart.username,
        password: chart.chart.password,
        workDir: dir,
      });
    } catch (error) {
      if (!(error instanceof Stopped)) {
        this.#log(
          `unable to pull chart ${chart.chart.name}: ${messageOf(error)}`,
        );
      }
      throw error;
    }
  }

  /** deploy.go v0.32.3 initiateInstall / initiateUpgrade: helm with the tarball, rolled back or uninstalled on failure. */
  async #installOrUpgrade(chart: DeployHelm, upgrade: boolean) {
    const { name, namespace } = targetRelease(chart);
    const path = this.#findChart(chart);
    if (!path) {
      const quoted = JSON.stringify(chart.chart.name);
      throw new Error(
        upgrade
          ? `couldn't find chart ${quoted}`
          : `couldn't find chart: ${quoted}`,
      );
    }
    this.#log(
      `${upgrade ? 'Upgrading' : 'Installing'} release ${namespace}/${name}`,
    );
    const options = {
      chart: name,
      path,
      createNamespace: true,
      values: chart.values,
      workDir: this.#workDir,
    };
    try {
      if (upgrade) {
        await this.#helm.upgrade(
          name,
          namespace,
          options,
          helmTimeoutMs(chart),
        );
      } else {
        await this.#helm.install(
          name,
          namespace,
          options,
          helmTimeoutMs(chart),
        );
      }
    } catch (error) {
      if (error instanceof Stopped) throw error;
      this.#log(
        `unable to ${
          upgrade ? 'upgrade' : 'install'
        } chart ${name}: ${messageOf(error)}`,
      );
      await this.#rollbackOrUninstall(name, namespace);
      throw error;
    }
    this.#log(
      `successfully ${upgrade ? 'upgraded' : 'installed'} chart ${name}`,
    );
  }

  #initiateInstall(chart: DeployHelm) {
    return this.#installOrUpgrade(chart, false);
  }

  #initiateUpgrade(chart: DeployHelm) {
    return this.#installOrUpgrade(chart, true);
  }

  /**
   * deploy.go v0.32.3 rollbackOrUninstall: a release stuck in pending-install is
   * uninstalled, any other rolled back; an error here replaces the install's.
   */
  async #rollbackOrUninstall(name: string, namespace: string) {
    const { output, error } = await this.#helm.status(name, namespace);
    if (error) {
      this.#log(`error getting helm status: ${error}`);
      throw new Error(error);
    }
    if (output.includes('pending-install')) {
      this.#log('release stuck in pending state, proceeding to uninstall');
      await this.#helm.delete(name, namespace);
      return;
    }
    this.#log(`rolling back release ${name}`);
    await this.#helm.rollback(name, namespace);
  }

  /** deploy.go v0.32.3 deleteHelmRelease: uninstalled and dropped from the status, or marked UninstallFailed. */
  async #deleteHelmRelease(held: Held, chartStatus: ChartStatus) {
    try {
      await this.#helm.delete(
        chartStatus.name ?? '',
        chartStatus.namespace ?? '',
      );
    } catch (error) {
      if (error instanceof Stopped) throw error;
      this.#log(
        `error deleting helm release ${chartStatus.namespace}/${
          chartStatus.name
        }: ${messageOf(error)}`,
      );
      held.annotation = setChartStatus(
        held.annotation,
        {
          name: chartStatus.name ?? '',
          namespace: chartStatus.namespace || 'default',
        },
        'Failed',
        UNINSTALL_ERROR,
        messageOf(error),
      );
      return;
    }
    held.annotation = popFromStatus(held.annotation, chartStatus);
  }
}
