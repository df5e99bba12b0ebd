import {
  CoreV1Api,
  KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  loadYaml,
  PatchStrategy,
} from '@kubernetes/client-node';
import { parse } from 'yaml';
import { apiErrorMessage, ignoreStatus } from '../errors.ts';
import { coalesce, type Values } from './coalesce.ts';
import { chartDefaults, TOP_LEVEL_KEYS } from './defaults.ts';
import {
  CHART_NAME,
  CHART_REPOSITORY,
  isReleased,
  supportsK3s,
} from './releases.ts';
import { renderChart } from './render.ts';

/** A failed helm command; the message is what helm prints. */
export class HelmError extends Error {}

/** The type names of helm's schema errors (xeipuuv/gojsonschema's, as helm v3 prints them). */
function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number')
    return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

/**
 * chart/values.schema.json v0.32.3 for `experimental.deploy` (ExperimentalDeploy,
 * ExperimentalDeployHost, ExperimentalDeployVCluster, ExperimentalDeployHelm and its
 * Chart and Release): closed objects (`additionalProperties: false`) of strings, a
 * boolean `chart.insecure` and the `helm` array; the errors as helm prints them.
 */
export function deploySchemaErrors(given: Values): string[] {
  const errors: string[] = [];
  type Shape = { [key: string]: 'string' | 'boolean' | Shape | [Shape] };
  const chart: Shape = {
    name: 'string',
    repo: 'string',
    insecure: 'boolean',
    version: 'string',
    username: 'string',
    password: 'string',
  };
  const shape: Shape = {
    host: { manifests: 'string', manifestsTemplate: 'string' },
    vcluster: {
      manifests: 'string',
      manifestsTemplate: 'string',
      helm: [
        {
          chart,
          release: { name: 'string', namespace: 'string' },
          values: 'string',
          timeout: 'string',
          bundle: 'string',
        },
      ],
    },
  };
  const check = (value: unknown, expected: Shape[string], path: string) => {
    if (value === null || value === undefined) return;
    if (typeof expected === 'string') {
      if (typeof value !== expected) {
        errors.push(
          `- ${path}: Invalid type. Expected: ${expected}, given: ${jsonType(
            value,
          )}`,
        );
      }
      return;
    }
    if (Array.isArray(expected)) {
      if (!Array.isArray(value)) {
        errors.push(
          `- ${path}: Invalid type. Expected: array, given: ${jsonType(value)}`,
        );
        return;
      }
      value.forEach((item, i) => check(item, expected[0], `${path}.${i}`));
      return;
    }
    if (jsonType(value) !== 'object') {
      errors.push(
        `- ${path}: Invalid type. Expected: object, given: ${jsonType(value)}`,
      );
      return;
    }
    for (const [key, item] of Object.entries(value as Values)) {
      if (!(key in expected)) {
        errors.push(`- ${path}: Additional property ${key} is not allowed`);
      } else {
        check(item, expected[key], `${path}.${key}`);
      }
    }
  };
  const experimental = given.experimental as Values | undefined;
  if (experimental && typeof experimental === 'object') {
    check(experimental.deploy, shape, 'experimental.deploy');
  }
  return errors;
}

const RELEASE_LABELS = (name: string) => ({ owner: 'helm', name });

interface StoredRelease {
  revision: number;
  chartVersion: string;
  objects: Array<{ apiVersion: string; kind: string; name: string }>;
}

/**
 * The part of helm v3 that cluster-api-provider-vcluster uses
 * (`helm upgrade <name> <chart> --repo --version --namespace --install --values`,
 * pkg/helm/helm.go at CAPVC v0.2.2): resolve the chart in the repository, validate the
 * values against the chart's schema, merge them over the chart defaults, apply the
 * rendered objects in install order, delete what the previous revision had and this one
 * has not, and record the release in a Secret labelled `owner=helm,name=<release>` (the
 * label CAPVC looks up before `helm delete`). The release Secret's payload is the
 * stand-in's own JSON, not helm's encoding.
 */
export class Helm {
  readonly #objects: KubernetesObjectApi;
  readonly #core: CoreV1Api;

  constructor(kubeConfig: KubeConfig) {
    this.#objects = KubernetesObjectApi.makeApiClient(kubeConfig);
    this.#core = kubeConfig.makeApiClient(CoreV1Api);
  }

  async upgradeInstall(options: {
    name: string;
    namespace: string;
    repo: string;
    chart: string;
    version: string;
    values: string;
  }): Promise<{ revision: number; values: Values }> {
    const { name, namespace, repo, chart } = options;
    const version = options.version.replace(/^v/, '');
    if (repo.replace(/\/+$/, '') !== CHART_REPOSITORY) {
      throw new HelmError(
        `Error: looks like "${repo}" is not a valid chart repository or cannot be reached: Get "${repo}/index.yaml": dial tcp: lookup ${
          new URL(repo, 'https://invalid').hostname
        }: no such host`,
      );
    }
    if (chart !== CHART_NAME || !isReleased(version)) {
      throw new HelmError(
        `Error: chart "${chart}" version "${version}" not found in ${repo} repository`,
      );
    }
    let given: Values;
    try {
      given = (parse(options.values) as Values | null) ?? {};
    } catch (error) {
      throw new HelmError(
        `Error: failed to parse values: error converting YAML to JSON: ${error}`,
      );
    }
    const schemaErrors = Object.keys(given)
      .filter(k => !TOP_LEVEL_KEYS.has(k))
      .map(k => `- (root): Additional property ${k} is not allowed`);
    const distros = (given.controlPlane as Values | undefined)?.distro as
      | Values
      | undefined;
    if (distros && 'k3s' in distros && !supportsK3s(version)) {
      schemaErrors.push(
        '- controlPlane.distro: Additional property k3s is not allowed',
      );
    }
    // chart/values.schema.json v0.32.3: Policies.podSecurityStandard is `type: string`
    const standard = (given.policies as Values | undefined)
      ?.podSecurityStandard;
    if (
      standard !== undefined &&
      standard !== null &&
      typeof standard !== 'string'
    ) {
      schemaErrors.push(
        `- policies.podSecurityStandard: Invalid type. Expected: string, given: ${jsonType(
          standard,
        )}`,
      );
    }
    schemaErrors.push(...deploySchemaErrors(given));
    if (schemaErrors.length) {
      throw new HelmError(
        `Error: values don't meet the specifications of the schema(s) in the following chart(s):\nvcluster:\n${schemaErrors.join(
          '\n',
        )}`,
      );
    }
    const values = coalesce(chartDefaults(supportsK3s(version)), given);
    let rendered;
    try {
      rendered = renderChart({
        name,
        namespace,
        chartVersion: version,
        values,
      });
    } catch (error) {
      throw new HelmError(
        `Error: template: vcluster: ${(error as Error).message}`,
      );
    }
    const previous = await this.#release(name, namespace);
    const revision = (previous?.revision ?? 0) + 1;
    const verb = previous ? 'UPGRADE FAILED' : 'INSTALLATION FAILED';
    for (const object of rendered.objects) {
      try {
        // KubernetesObjectApi serializes known kinds from their typed models (a
        // LimitRange's `default` is `_default` there): convert the manifest first
        await this.#objects.patch(
          loadYaml<KubernetesObject>(JSON.stringify(object)),
          undefined,
          undefined,
          'helm',
          true,
          PatchStrategy.ServerSideApply,
        );
      } catch (error) {
        throw new HelmError(
          `Error: ${verb}: failed to create resource: ${apiErrorMessage(
            error,
          )}`,
        );
      }
    }
    const kept = new Set(
      rendered.objects.map(o => `${o.kind}/${o.metadata!.name}`),
    );
    for (const old of previous?.objects ?? []) {
      if (kept.has(`${old.kind}/${old.name}`)) continue;
      await this.#delete(old, namespace);
    }
    await this.#store(name, namespace, {
      revision,
      chartVersion: version,
      objects: rendered.objects.map(o => ({
        apiVersion: o.apiVersion!,
        kind: o.kind!,
        name: o.metadata!.name!,
      })),
    });
    return { revision, values };
  }

  /** `helm delete`: removes the release's objects and its record. */
  async uninstall(name: string, namespace: string): Promise<boolean> {
    const release = await this.#release(name, namespace);
    if (!release) return false;
    for (const object of [...release.objects].reverse()) {
      await this.#delete(object, namespace);
    }
    await this.#core
      .deleteCollectionNamespacedSecret({
        namespace,
        labelSelector: `owner=helm,name=${name}`,
      })
      .catch(() => undefined);
    return true;
  }

  async #delete(
    ref: { apiVersion: string; kind: string; name: string },
    namespace: string,
  ) {
    await this.#objects
      .delete({
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        metadata: { name: ref.name, namespace },
      })
      .catch(ignoreStatus(404));
  }

  async #release(
    name: string,
    namespace: string,
  ): Promise<StoredRelease | undefined> {
    const list = await this.#core.listNamespacedSecret({
      namespace,
      labelSelector: `owner=helm,name=${name}`,
    });
    const latest = list.items
      .map(s => Number(s.metadata?.labels?.version ?? 0))
      .reduce((a, b) => Math.max(a, b), 0);
    const secret = list.items.find(
      s => Number(s.metadata?.labels?.version) === latest,
    );
    if (!secret?.data?.release) return undefined;
    return JSON.parse(
      Buffer.from(secret.data.release, 'base64').toString('utf8'),
    );
  }

  async #store(name: string, namespace: string, release: StoredRelease) {
    await this.#core.createNamespacedSecret({
      namespace,
      body: {
        metadata: {
          name: `sh.helm.release.v1.${name}.v${release.revision}`,
          namespace,
          labels: {
            ...RELEASE_LABELS(name),
            status: 'deployed',
            version: String(release.revision),
          },
        },
        type: 'helm.sh/release.v1',
        data: {
          release: Buffer.from(JSON.stringify(release)).toString('base64'),
        },
      },
    });
    // helm keeps a history (--history-max 10); the stand-in keeps the latest only
    await this.#core
      .deleteCollectionNamespacedSecret({
        namespace,
        labelSelector: `owner=helm,name=${name},version!=${release.revision}`,
      })
      .catch(() => undefined);
  }
}
