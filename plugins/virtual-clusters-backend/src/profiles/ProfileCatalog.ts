import { createHash } from 'node:crypto';
import { ConflictError, InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  VirtualCluster,
  VirtualClusterProfileRef,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import {
  ProfileLayer,
  ResolvedProfile,
} from '@virtual-clusters/plugin-virtual-clusters-node';
import semver from 'semver';
import { parseAllDocuments, stringify } from 'yaml';
import type { ProfileSettings } from '../config';
import {
  ProfileVariable,
  substituteVariables,
  variablesIn,
} from './profileVariables';

/** The profiles asked for in a create or an attach: a name, a version or the newest. */
export interface ProfileRequest {
  name: string;
  version?: string;
}

/**
 * A profile version a cluster uses that app-config no longer has as it was: removed,
 * or changed in place (a version is immutable once clusters use it).
 */
export class ProfileChangedError extends ConflictError {}

/**
 * The admins' application profiles: finding a version, fixing what a cluster uses
 * (with a digest of the version's layers), and resolving a cluster's profiles into
 * what vcluster installs, variables substituted.
 */
export class ProfileCatalog {
  readonly #profiles: ProfileSettings[];

  static create(profiles: ProfileSettings[]) {
    return new ProfileCatalog(profiles);
  }

  private constructor(profiles: ProfileSettings[]) {
    this.#profiles = profiles;
  }

  /** Every version of every profile, newest version of each first. */
  list(): ProfileSettings[] {
    return [...this.#profiles].sort(
      (a, b) =>
        a.name.localeCompare(b.name) || semver.rcompare(a.version, b.version),
    );
  }

  /** The versions of one profile, newest first. */
  versions(name: string): ProfileSettings[] {
    return this.list().filter(p => p.name === name);
  }

  /** A digest of a version's layers: what a cluster records to notice in-place edits. */
  static digest(profile: ProfileSettings): string {
    return createHash('sha256')
      .update(JSON.stringify(profile.layers))
      .digest('hex')
      .slice(0, 16);
  }

  /**
   * The spec entries for profiles asked for: each known, at a version that exists
   * (the newest when left out), each profile once, and no two installing the same
   * Helm release.
   *
   * @throws InputError naming what is wrong
   */
  pin(requests: ProfileRequest[]): VirtualClusterProfileRef[] {
    const pinned = requests.map(request => {
      const versions = this.versions(request.name);
      if (!versions.length) {
        const known = [...new Set(this.list().map(p => p.name))];
        throw new InputError(
          `No application profile '${request.name}'${
            known.length
              ? `; the profiles are ${known.join(', ')}`
              : '; no profiles are configured'
          }`,
        );
      }
      const profile = request.version
        ? versions.find(p => p.version === request.version)
        : versions[0];
      if (!profile) {
        throw new InputError(
          `Profile ${request.name} has no version ${
            request.version
          }; its versions are ${versions.map(p => p.version).join(', ')}`,
        );
      }
      return profile;
    });
    const names = new Set<string>();
    const releases = new Map<string, string>();
    for (const profile of pinned) {
      if (names.has(profile.name)) {
        throw new InputError(
          `Profile ${profile.name} is asked for twice; a cluster has one version of a profile`,
        );
      }
      names.add(profile.name);
      for (const layer of profile.layers) {
        if (layer.type !== 'helm') continue;
        const release = `${layer.release.namespace}/${layer.release.name}`;
        const other = releases.get(release);
        if (other) {
          throw new InputError(
            `Profiles ${other} and ${profile.name} both install Helm release ${release}; a cluster can have only one of them`,
          );
        }
        releases.set(release, profile.name);
      }
    }
    return pinned.map(p => ({
      name: p.name,
      version: p.version,
      digest: ProfileCatalog.digest(p),
    }));
  }

  /**
   * What vcluster installs for a cluster: its profiles' layers with the cluster's
   * variables put in.
   *
   * @throws ProfileChangedError when a version it uses is gone or was edited in place
   */
  resolve(cluster: VirtualCluster): ResolvedProfile[] {
    return (cluster.spec.profiles ?? []).map(ref =>
      this.resolveOne(cluster, ref),
    );
  }

  /**
   * One profile of a cluster resolved, as {@link ProfileCatalog.resolve} does for all.
   *
   * @throws ProfileChangedError when the version is gone or was edited in place
   */
  resolveOne(
    cluster: VirtualCluster,
    ref: VirtualClusterProfileRef,
  ): ResolvedProfile {
    const variables: Record<ProfileVariable, string> = {
      'cluster.name': cluster.name,
      'cluster.namespace': cluster.namespace,
      'cluster.hostCluster': cluster.hostCluster,
      'cluster.owner': cluster.owner,
      'cluster.endpoint': endpointOf(cluster) ?? '',
    };
    const profile = this.#profiles.find(
      p => p.name === ref.name && p.version === ref.version,
    );
    if (!profile) {
      throw new ProfileChangedError(
        `Profile ${ref.name} ${ref.version}, which ${cluster.name} uses, is no longer in app-config; add it back, or move the cluster to another version`,
      );
    }
    if (ProfileCatalog.digest(profile) !== ref.digest) {
      throw new ProfileChangedError(
        `Profile ${ref.name} ${ref.version} was changed in app-config since ${cluster.name} got it; a version clusters use must stay as it is: restore it and publish the change as a new version`,
      );
    }
    return {
      name: profile.name,
      version: profile.version,
      layers: profile.layers.map(l => resolveLayer(l, variables)),
    };
  }

  /**
   * Why a cluster cannot take these profiles yet, if it cannot: `{{ cluster.endpoint }}`
   * needs an endpoint, which under LoadBalancer exists only once the cluster ran.
   */
  static unresolvable(
    profiles: ProfileSettings[],
    cluster: Pick<VirtualCluster, 'name' | 'endpoint' | 'spec'>,
  ): string | undefined {
    if (endpointOf(cluster)) return undefined;
    const using = profiles.find(p =>
      variablesIn(JSON.stringify(p.layers)).includes('cluster.endpoint'),
    );
    return using
      ? `Profile ${using.name} uses {{ cluster.endpoint }}, which a LoadBalancer cluster has only once it runs; attach it to ${cluster.name} when it is Running`
      : undefined;
  }

  /** The settings of the versions a cluster uses (those still configured). */
  settingsOf(refs: VirtualClusterProfileRef[] | undefined): ProfileSettings[] {
    return (refs ?? []).flatMap(ref =>
      this.#profiles.filter(
        p => p.name === ref.name && p.version === ref.version,
      ),
    );
  }
}

/** The external endpoint, known up front under Ingress or once the cluster ran. */
function endpointOf(
  cluster: Pick<VirtualCluster, 'endpoint' | 'spec'>,
): string | undefined {
  if (cluster.endpoint) return cluster.endpoint;
  const { exposure } = cluster.spec;
  return exposure.type === 'Ingress' && exposure.host
    ? `https://${exposure.host}:443`
    : undefined;
}

function resolveLayer(
  layer: ProfileLayer,
  variables: Record<ProfileVariable, string>,
): ProfileLayer {
  if (layer.type === 'helm') {
    return layer.values
      ? { ...layer, values: substituteVariables(layer.values, variables) }
      : layer;
  }
  // each document parsed, substituted, written again: never the text itself
  const manifests = parseAllDocuments(layer.manifests)
    .map(doc =>
      stringify(substituteVariables(doc.toJS() as JsonObject, variables)),
    )
    .join('---\n');
  return { ...layer, manifests };
}
