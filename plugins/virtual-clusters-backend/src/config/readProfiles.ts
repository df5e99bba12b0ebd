import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { validateVirtualClusterName } from '@virtual-clusters/plugin-virtual-clusters-common';
import semver from 'semver';
import { JsonObject } from '@backstage/types';
import { parseAllDocuments } from 'yaml';
import {
  PROFILE_VARIABLES,
  unknownVariables,
} from '../profiles/profileVariables';
import {
  HelmLayer,
  ManifestsLayer,
  ProfileSettings,
} from './HostClusterSettings';
import { VirtualClustersConfigError } from './VirtualClustersConfigError';

/** Helm's rule for release names (helm v3 pkg/chartutil/validate_name.go): DNS-1123, at most 53. */
const RELEASE_NAME =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function readHelmLayer(config: Config, key: string): HelmLayer {
  const repository = config.getString('repository').replace(/\/+$/, '');
  let url: URL | undefined;
  try {
    url = new URL(repository);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:', 'oci:'].includes(url.protocol)) {
    throw new VirtualClustersConfigError(
      `${key}.repository`,
      `must be an http(s) or oci:// URL of a Helm repository (got '${repository}')`,
    );
  }
  const version = config.getString('version');
  if (!semver.valid(version)) {
    throw new VirtualClustersConfigError(
      `${key}.version`,
      `must be a chart version such as 1.2.3 (got '${version}'): a profile version installs exactly one chart version`,
    );
  }
  const chart = config.getString('chart');
  const name = config.getOptionalString('release.name') ?? chart;
  if (name.length > 53 || !RELEASE_NAME.test(name)) {
    throw new VirtualClustersConfigError(
      `${key}.release.name`,
      `'${name}' is not a Helm release name (lower case letters, digits, '-' and '.', at most 53 characters)`,
    );
  }
  const namespace = config.getOptionalString('release.namespace') ?? 'default';
  const namespaceError = validateVirtualClusterName(namespace);
  if (namespaceError) {
    throw new VirtualClustersConfigError(
      `${key}.release.namespace`,
      namespaceError,
    );
  }
  const values = config.getOptional('values');
  if (
    values !== undefined &&
    (typeof values !== 'object' || values === null || Array.isArray(values))
  ) {
    throw new VirtualClustersConfigError(
      `${key}.values`,
      'must be an object of Helm values',
    );
  }
  checkVariables(JSON.stringify(values ?? {}), `${key}.values`);
  return {
    type: 'helm',
    repository,
    chart,
    version,
    ...(values ? { values: values as JsonObject } : {}),
    release: { name, namespace },
  };
}

function readOwner(owner: string, key: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    throw new VirtualClustersConfigError(
      key,
      `must be an entity ref such as group:default/platform-team (${
        (error as Error).message
      })`,
    );
  }
}

function checkVariables(text: string, key: string) {
  const unknown = unknownVariables(text);
  if (unknown.length) {
    throw new VirtualClustersConfigError(
      key,
      `uses ${unknown
        .map(u => `{{ ${u} }}`)
        .join(', ')}, which is not a variable; the variables are ${Object.keys(
        PROFILE_VARIABLES,
      )
        .map(v => `{{ ${v} }}`)
        .join(', ')}`,
    );
  }
}

function readManifestsLayer(config: Config, key: string): ManifestsLayer {
  const manifests = config.getString('manifests');
  const documents = parseAllDocuments(manifests);
  documents.forEach((doc, i) => {
    const object = doc.errors.length ? undefined : doc.toJS();
    if (!object?.apiVersion || !object?.kind || !object?.metadata?.name) {
      throw new VirtualClustersConfigError(
        `${key}.manifests`,
        `document ${
          i + 1
        } is not a Kubernetes object with apiVersion, kind and metadata.name${
          doc.errors.length ? ` (${doc.errors[0].message})` : ''
        }`,
      );
    }
  });
  checkVariables(manifests, `${key}.manifests`);
  if (documents.length === 0) {
    throw new VirtualClustersConfigError(
      `${key}.manifests`,
      'holds no Kubernetes object',
    );
  }
  return { type: 'manifests', name: config.getString('name'), manifests };
}

/**
 * Reads `virtualClusters.profiles[]`: every version of every application profile, each
 * `name@version` once, with layers that are Helm charts or manifests.
 *
 * @throws VirtualClustersConfigError naming the bad key
 */
export function readProfiles(configs: Config[]): ProfileSettings[] {
  const seen = new Set<string>();
  return configs.map((config, i) => {
    const key = `virtualClusters.profiles[${i}]`;
    const name = config.getString('name');
    const nameError = validateVirtualClusterName(name);
    if (nameError)
      throw new VirtualClustersConfigError(`${key}.name`, nameError);
    const version = config.getString('version');
    if (!semver.valid(version)) {
      throw new VirtualClustersConfigError(
        `${key}.version`,
        `must be a version such as 1.0.0 (got '${version}')`,
      );
    }
    if (seen.has(`${name}@${version}`)) {
      throw new VirtualClustersConfigError(
        `${key}.version`,
        `profile ${name} ${version} is defined twice; a new version is a new entry`,
      );
    }
    seen.add(`${name}@${version}`);
    const layerConfigs = config.getConfigArray('layers');
    if (layerConfigs.length === 0) {
      throw new VirtualClustersConfigError(
        `${key}.layers`,
        'must hold at least one layer',
      );
    }
    const layers = layerConfigs.map((layer, l) => {
      const at = `${key}.layers[${l}]`;
      const helm = layer.getOptionalConfig('helm');
      const hasManifests = layer.has('manifests');
      if (!!helm === hasManifests) {
        throw new VirtualClustersConfigError(
          at,
          'must be either `helm` (a chart) or `manifests` (YAML documents)',
        );
      }
      return helm
        ? readHelmLayer(helm, `${at}.helm`)
        : readManifestsLayer(layer, at);
    });
    return {
      name,
      version,
      title: config.getOptionalString('title') ?? name,
      ...(config.has('description')
        ? { description: config.getString('description') }
        : {}),
      ...(config.has('owner')
        ? { owner: readOwner(config.getString('owner'), `${key}.owner`) }
        : {}),
      layers,
    };
  });
}
