import { parseQuantity, quotaBeyond } from './quantities';
import { coerce, SemVer } from 'semver';
import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  isKubernetesQuantity,
  CreateVirtualClusterRequest,
  validateVirtualClusterName,
  VirtualClusterQuota,
  VirtualClusterSpec,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { HostClusterSettings } from '../config';
import { ProfileCatalog } from '../profiles/ProfileCatalog';
import { effectiveSleepPolicy } from '../sleep/sleepPolicy';
import { expiryAtCreate } from '../sleep/expiry';
import { ingressHost } from '../provisioner/renderVClusterValues';

const entityRefParts = makeValidator();

/** Normalises an entity ref (kind defaults to `defaultKind`), or explains what is wrong. */
export function normalizeEntityRef(
  ref: unknown,
  field: string,
  defaultKind: string,
): string {
  if (typeof ref !== 'string' || ref.trim() === '') {
    throw new InputError(
      `${field} must be an entity ref like group:default/team-a`,
    );
  }
  let parsed;
  try {
    parsed = parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' });
  } catch (error) {
    throw new InputError(
      `${field} '${ref}' is not a valid entity ref: ${error}`,
    );
  }
  // parseEntityRef accepts any characters; the catalog does not
  if (
    !entityRefParts.isValidKind(parsed.kind) ||
    !entityRefParts.isValidNamespace(parsed.namespace) ||
    !entityRefParts.isValidEntityName(parsed.name)
  ) {
    throw new InputError(
      `${field} '${ref}' is not a valid entity ref: kind, namespace and name may hold only letters, digits, '-', '_' and '.'`,
    );
  }
  return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
}

/**
 * What the cluster's own control plane takes from its quota, which lives in the host
 * namespace (loft-sh/vcluster chart/values.yaml v0.32.3: controlPlane.statefulSet
 * resources.requests cpu 200m / memory 256Mi, persistence.volumeClaim.size 5Gi, one pod).
 * A smaller quota would refuse the control plane itself.
 */
export const CONTROL_PLANE_FOOTPRINT = {
  cpu: '200m',
  memory: '256Mi',
  storage: '5Gi',
} as const;

/**
 * Checks quota quantities as Kubernetes would read them, and that they leave room for the
 * cluster's own control plane ({@link CONTROL_PLANE_FOOTPRINT}).
 */
export function validateQuota(
  quota: VirtualClusterQuota | undefined,
): VirtualClusterQuota | undefined {
  if (!quota) return undefined;
  for (const field of ['cpu', 'memory', 'storage'] as const) {
    const value = quota[field];
    if (value !== undefined && !isKubernetesQuantity(value)) {
      throw new InputError(
        `quota.${field} '${value}' is not a Kubernetes quantity like 2, 500m or 4Gi`,
      );
    }
    const least = CONTROL_PLANE_FOOTPRINT[field];
    if (
      value !== undefined &&
      parseQuantity(String(value)) < parseQuantity(least)
    ) {
      throw new InputError(
        `quota.${field} ${value} leaves no room for the cluster's own control plane, which counts against the quota on the host: at least ${least}`,
      );
    }
  }
  if (
    quota.pods !== undefined &&
    (!Number.isInteger(quota.pods) || quota.pods < 1)
  ) {
    throw new InputError('quota.pods must be a positive whole number');
  }
  return quota;
}

/** Checks a create request against the host cluster's settings and renders the spec. */
export function validateCreateRequest(
  request: CreateVirtualClusterRequest,
  host: HostClusterSettings,
  profiles: ProfileCatalog = ProfileCatalog.create([]),
): {
  spec: VirtualClusterSpec;
  owner: string;
  relatedEntityRefs: string[];
  /** The time to live it gets, checked against the host's maximum. */
  ttlDays?: number;
} {
  const nameError = validateVirtualClusterName(request.name);
  if (nameError) throw new InputError(`name: ${nameError}`);

  const distro = request.distro ?? host.defaults.distro;
  if (distro !== 'k3s' && distro !== 'k8s') {
    throw new InputError(`distro must be k3s or k8s (got '${distro}')`);
  }
  if (!host.distros.includes(distro)) {
    throw new InputError(
      `distro ${distro} is not offered on ${
        host.name
      }; choose ${host.distros.join(' or ')}`,
    );
  }
  const versions = host.kubernetesVersions[distro];
  const kubernetesVersion =
    request.kubernetesVersion ?? host.defaults.kubernetesVersion[distro];
  if (!versions.includes(kubernetesVersion)) {
    throw new InputError(
      `kubernetesVersion ${kubernetesVersion} is not offered for ${distro} on ${
        host.name
      }; choose one of ${versions.join(', ')}`,
    );
  }

  const exposureType = request.exposure?.type ?? host.exposure.type;
  if (exposureType !== 'LoadBalancer' && exposureType !== 'Ingress') {
    throw new InputError(`exposure.type must be LoadBalancer or Ingress`);
  }
  if (exposureType === 'Ingress' && !host.exposure.wildcardDomain) {
    throw new InputError(
      `Host cluster ${host.name} has no wildcard domain, so it cannot expose clusters through Ingress`,
    );
  }

  const owner = normalizeEntityRef(request.owner, 'owner', 'group');
  const relatedEntityRefs = (request.relatedEntityRefs ?? []).map((ref, i) =>
    normalizeEntityRef(ref, `relatedEntityRefs[${i}]`, 'component'),
  );

  const exposure: VirtualClusterSpec['exposure'] =
    exposureType === 'Ingress'
      ? {
          type: 'Ingress',
          ingressClassName:
            request.exposure?.ingressClassName ??
            host.exposure.ingressClassName ??
            'nginx',
          host: ingressHost(request.name, host.exposure.wildcardDomain!),
        }
      : { type: 'LoadBalancer' };
  const pinned = pinProfiles(request, host, profiles);
  // the host's (or group's) sleep defaults under the cluster's own, within its limits
  const sleep = effectiveSleepPolicy(request.sleep, host.sleep);
  const ttlDays = request.ttlDays ?? host.expiry.defaultTtlDays;
  expiryAtCreate(new Date().toISOString(), ttlDays, host.expiry); // checks the maximum
  const unresolvable = ProfileCatalog.unresolvable(
    profiles.settingsOf(pinned),
    { name: request.name, spec: { exposure } as VirtualClusterSpec },
  );
  if (unresolvable) throw new InputError(unresolvable);

  return {
    owner,
    relatedEntityRefs: [...new Set(relatedEntityRefs)],
    ...(ttlDays ? { ttlDays } : {}),
    spec: {
      distro,
      kubernetesVersion,
      chartVersion: host.chartVersions[distro],
      exposure,
      isolation: host.isolation,
      quota: withinMaxQuota(
        validateQuota(request.quota ?? host.defaults.quota),
        host,
      ),
      ...(pinned.length ? { profiles: pinned } : {}),
      ...(Object.keys(sleep).length ? { sleep } : {}),
    },
  };
}

/**
 * The profiles of a new cluster: the host's (or group's) defaults, then those asked
 * for; one asked for that is also a default sets that default's version.
 */
function pinProfiles(
  request: CreateVirtualClusterRequest,
  host: HostClusterSettings,
  profiles: ProfileCatalog,
) {
  const asked = request.profiles ?? [];
  const defaults = (host.defaults.profiles ?? []).map(
    d => asked.find(a => a.name === d.name) ?? d,
  );
  return profiles.pin([
    ...defaults,
    ...asked.filter(a => !defaults.some(d => d.name === a.name)),
  ]);
}

/** A quota as asked, refused where it asks for more than the host's `maxQuota`. */
function withinMaxQuota(
  quota: VirtualClusterQuota | undefined,
  host: HostClusterSettings,
): VirtualClusterQuota | undefined {
  const over = quota && quotaBeyond(quota, host.maxQuota);
  if (over) {
    throw new InputError(
      `quota asks for more than one virtual cluster may have on ${host.name}: ${over}`,
    );
  }
  return quota;
}

/** A Kubernetes version such as `1.33` or `v1.33.1` as semver (`1.33.0`, `1.33.1`). */
function asSemver(version: string): SemVer {
  const parsed = coerce(version);
  if (!parsed) throw new InputError(`'${version}' is not a version`);
  return parsed;
}

/**
 * Checks an upgrade: no downgrade, no skipping a minor version.
 *
 * @returns a message when refused.
 */
export function checkUpgradePath(from: string, to: string): string | undefined {
  const { major: fromMajor, minor: fromMinor } = asSemver(from);
  const { major: toMajor, minor: toMinor } = asSemver(to);
  if (toMajor !== fromMajor) {
    return `cannot change the major version (${from} to ${to})`;
  }
  if (toMinor < fromMinor) return `cannot downgrade from ${from} to ${to}`;
  if (toMinor > fromMinor + 1) {
    return `cannot skip a minor version: upgrade ${from} to ${fromMajor}.${
      fromMinor + 1
    } first`;
  }
  return undefined;
}
