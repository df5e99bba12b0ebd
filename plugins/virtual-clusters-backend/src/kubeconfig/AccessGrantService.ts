import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  VirtualCluster,
  VirtualClusterAccessGrant,
  VirtualClusterRevokeResult,
  virtualClusterUpdatePermission,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { principalName } from '@virtual-clusters/plugin-virtual-clusters-node';
import type { Request } from 'express';
import { isNotFound, toApiError } from '../kubernetes/errors';
import { KubernetesClient } from '../kubernetes/KubernetesClient';
import { KubeObject } from '../kubernetes/types';
import {
  toApi,
  VirtualClusterService,
} from '../services/VirtualClusterService';
import { requireRunning } from '../workloads/inside/requireRunning';
import { AdminKubeConfigSource } from './AdminKubeConfigSource';
import {
  ACCESS_NAMESPACE,
  AccessLevel,
  PRINCIPAL_ANNOTATION,
  ROLES,
  roleBindingName,
  serviceAccountName,
} from './KubeconfigIssuer';

/**
 * What a principal looks like: an entity ref with its kind (`user:default/alice`) or a
 * service's subject (`plugin:scaffolder`, `external:ci`).
 */
const PRINCIPAL = /^[A-Za-z][A-Za-z0-9_-]*:[^\s:][^\s]*$/;

const SERVICE_ACCOUNTS = `/api/v1/namespaces/${ACCESS_NAMESPACE}/serviceaccounts`;
const BINDINGS = '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings';

/** A per-user ServiceAccount's level from its name (`<readable>-m-<hash>`), if it says. */
function levelFromName(name: string): AccessLevel | undefined {
  const match = /-([mr])-[0-9a-f]{8}$/.exec(name);
  if (!match) return undefined;
  return match[1] === 'm' ? 'manage' : 'read';
}

/**
 * Who holds kubeconfigs of a cluster, and taking them away: the per-user
 * ServiceAccounts KubeconfigIssuer makes inside it (namespace
 * {@link ACCESS_NAMESPACE}, annotated with their principal). Deleting a principal's
 * ServiceAccounts invalidates every token minted for them at once (the API server
 * checks that a token's ServiceAccount still exists). Both need update permission.
 */
export class AccessGrantService {
  readonly #clusters: VirtualClusterService;
  readonly #kubeconfigs: AdminKubeConfigSource;
  readonly #auditor: AuditorService;
  readonly #logger: LoggerService;

  static create(options: {
    clusters: VirtualClusterService;
    kubeconfigs: AdminKubeConfigSource;
    auditor: AuditorService;
    logger: LoggerService;
  }) {
    return new AccessGrantService(options);
  }

  private constructor(
    options: Parameters<typeof AccessGrantService.create>[0],
  ) {
    this.#clusters = options.clusters;
    this.#kubeconfigs = options.kubeconfigs;
    this.#auditor = options.auditor;
    this.#logger = options.logger;
  }

  /** Every principal's ServiceAccounts inside the cluster, by principal. */
  async list(
    id: string,
    options: { credentials: BackstageCredentials },
  ): Promise<VirtualClusterAccessGrant[]> {
    const cluster = await this.#cluster(id, options.credentials);
    return this.#with(cluster, async client => {
      const accounts = await principalAccounts(client);
      const grants = await Promise.all(
        accounts.map(async sa => ({
          principal: sa.metadata.annotations![PRINCIPAL_ANNOTATION],
          level:
            levelFromName(sa.metadata.name) ??
            (await levelFromBinding(client, sa.metadata.name)),
          serviceAccount: `${ACCESS_NAMESPACE}/${sa.metadata.name}`,
          ...(sa.metadata.creationTimestamp
            ? { createdAt: String(sa.metadata.creationTimestamp) }
            : {}),
        })),
      );
      return grants.sort(
        (a, b) =>
          a.principal.localeCompare(b.principal) ||
          a.level.localeCompare(b.level),
      );
    });
  }

  /**
   * Deletes the principal's ServiceAccounts (both levels) and their
   * ClusterRoleBindings; none is no error.
   *
   * @throws InputError when `principal` is no entity ref or service subject
   */
  async revoke(
    id: string,
    principal: string,
    options: { credentials: BackstageCredentials; request?: Request },
  ): Promise<VirtualClusterRevokeResult> {
    if (!PRINCIPAL.test(principal)) {
      throw new InputError(
        `Invalid principal '${principal}': expected an entity ref such as user:default/alice or a service such as plugin:scaffolder`,
      );
    }
    const { credentials } = options;
    const cluster = await this.#cluster(id, credentials);
    const actor = principalName(credentials);
    const audit = await this.#auditor.createEvent({
      eventId: 'access-revoke',
      severityLevel: 'high',
      request: options.request,
      meta: { clusterId: id, cluster: cluster.name, principal },
    });
    try {
      const revoked = await this.#with(cluster, client =>
        deleteAccounts(client, principal),
      );
      await this.#clusters.recordEvent(id, {
        type: 'access-revoked',
        message: revoked.length
          ? `Kubeconfigs of ${principal} revoked by ${actor} (${revoked.join(
              ', ',
            )} deleted)`
          : `Kubeconfigs of ${principal} revoked by ${actor}: none were held`,
        actor,
      });
      await audit.success({ meta: { revoked } });
      this.#logger.info('Access revoked', {
        clusterId: id,
        cluster: cluster.name,
        principal,
        actor,
        revoked: revoked.join(','),
      });
      return { principal, revoked };
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  }

  async #cluster(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<VirtualCluster> {
    const record = await this.#clusters.authorized(
      id,
      virtualClusterUpdatePermission,
      credentials,
    );
    const cluster = toApi(record);
    requireRunning(cluster, 'access can be read and revoked');
    return cluster;
  }

  async #with<T>(
    cluster: VirtualCluster,
    act: (client: KubernetesClient) => Promise<T>,
  ): Promise<T> {
    const client = KubernetesClient.create(
      await this.#kubeconfigs.adminKubeConfig(cluster),
    );
    try {
      return await act(client);
    } catch (error) {
      throw toApiError(error, {
        notFound: `Access namespace ${ACCESS_NAMESPACE} not found in ${cluster.name}`,
        failed: `Could not reach ${cluster.name}`,
      });
    } finally {
      await client.close();
    }
  }
}

async function principalAccounts(
  client: KubernetesClient,
): Promise<KubeObject[]> {
  const list = await client.request<{ items: KubeObject[] }>(
    'GET',
    SERVICE_ACCOUNTS,
  );
  return list.items.filter(
    sa => sa.metadata.annotations?.[PRINCIPAL_ANNOTATION],
  );
}

async function levelFromBinding(
  client: KubernetesClient,
  name: string,
): Promise<AccessLevel> {
  const binding = await client
    .request<{ roleRef?: { name?: string } }>(
      'GET',
      `${BINDINGS}/${encodeURIComponent(roleBindingName(name))}`,
    )
    .catch(() => undefined);
  return binding?.roleRef?.name === ROLES.manage ? 'manage' : 'read';
}

/** Deletes a principal's ServiceAccounts and bindings; returns `namespace/name` of each. */
async function deleteAccounts(
  client: KubernetesClient,
  principal: string,
): Promise<string[]> {
  const names = new Set(
    (await principalAccounts(client))
      .filter(
        sa => sa.metadata.annotations?.[PRINCIPAL_ANNOTATION] === principal,
      )
      .map(sa => sa.metadata.name),
  );
  // the names it would have, in case the annotation was edited away
  names.add(serviceAccountName(principal, 'manage'));
  names.add(serviceAccountName(principal, 'read'));
  const ignoreMissing = (error: unknown) => {
    if (isNotFound(error)) return false;
    throw error;
  };
  const deleted = await Promise.all(
    [...names].map(async name => {
      const gone = await client
        .request('DELETE', `${SERVICE_ACCOUNTS}/${encodeURIComponent(name)}`)
        .then(() => true, ignoreMissing);
      await client
        .request(
          'DELETE',
          `${BINDINGS}/${encodeURIComponent(roleBindingName(name))}`,
        )
        .catch(ignoreMissing);
      return gone ? `${ACCESS_NAMESPACE}/${name}` : undefined;
    }),
  );
  return deleted.filter((d): d is string => !!d).sort();
}
