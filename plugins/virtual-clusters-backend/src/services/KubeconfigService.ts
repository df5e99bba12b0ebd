import {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { virtualClusterKubeconfigReadPermission } from '@virtual-clusters/plugin-virtual-clusters-common';
import { principalName } from '@virtual-clusters/plugin-virtual-clusters-node';
import type { Request } from 'express';
import { decideAccessLevel } from '../kubeconfig/accessLevel';
import { KubeconfigIssuer } from '../kubeconfig/KubeconfigIssuer';
import { VirtualClusterRecord } from '../store/types';
import { toApi, VirtualClusterService } from './VirtualClusterService';

/** How a kubeconfig authenticates: a minted token (default) or the admin certificate. */
export type KubeconfigMode = 'token' | 'admin';

/** A kubeconfig handed out, with the name to save it under. */
export type KubeconfigDownload = { yaml: string; fileName: string };

/**
 * The kubeconfig hand-out policy: who may have one (kubeconfig read permission), at
 * which level (manage for those who may update the cluster, read for the others), the
 * admin certificate only where app-config allows it; every download audited and on the
 * cluster's timeline.
 */
export class KubeconfigService {
  readonly #clusters: VirtualClusterService;
  readonly #issuer: KubeconfigIssuer;
  readonly #permissions: PermissionsService;
  readonly #auditor: AuditorService;
  readonly #allowAdminCertificates: boolean;

  static create(options: {
    clusters: VirtualClusterService;
    issuer: KubeconfigIssuer;
    permissions: PermissionsService;
    auditor: AuditorService;
    allowAdminCertificates: boolean;
  }) {
    return new KubeconfigService(options);
  }

  private constructor(options: Parameters<typeof KubeconfigService.create>[0]) {
    this.#clusters = options.clusters;
    this.#issuer = options.issuer;
    this.#permissions = options.permissions;
    this.#auditor = options.auditor;
    this.#allowAdminCertificates = options.allowAdminCertificates;
  }

  /** A kubeconfig of cluster `id` for the caller. */
  async download(
    id: string,
    options: {
      credentials: BackstageCredentials;
      mode: KubeconfigMode;
      request: Request;
    },
  ): Promise<KubeconfigDownload> {
    const { credentials, mode } = options;
    const record = await this.#clusters.authorized(
      id,
      virtualClusterKubeconfigReadPermission,
      credentials,
    );
    const principal = principalName(credentials);
    if (record.sleep) await this.#wake(record, credentials);
    const audit = await this.#auditor.createEvent({
      eventId: 'kubeconfig-download',
      severityLevel: 'high',
      request: options.request,
      meta: { clusterId: record.id, name: record.name, mode },
    });
    try {
      const { yaml, detail } =
        mode === 'admin'
          ? await this.#admin(record)
          : await this.#token(record, principal, credentials);
      await this.#clusters.recordEvent(record.id, {
        type: 'kubeconfig-issued',
        message: `Kubeconfig issued to ${principal} (${detail})`,
        actor: principal,
      });
      await audit.success({ meta: { detail } });
      await this.#clusters.noteActivity(record, 'kubeconfig');
      return { yaml, fileName: `${record.name}.kubeconfig.yaml` };
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  }

  /**
   * A kubeconfig asked for while the cluster sleeps: an owner's request wakes it (the
   * answer is at once a 503 saying so, to ask again once it runs); others are told to
   * ask an owner. Nothing is handed out for a sleeping cluster.
   */
  async #wake(
    record: VirtualClusterRecord,
    credentials: BackstageCredentials,
  ): Promise<never> {
    const why = record.sleep?.message ?? 'asleep';
    try {
      await this.#clusters.update(
        record.id,
        { action: 'resume' },
        { credentials },
      );
    } catch (error) {
      if (error instanceof NotAllowedError) {
        throw new ConflictError(
          `${record.name} is asleep (${why}); its owners can wake it, or download a kubeconfig themselves`,
        );
      }
      throw error;
    }
    throw new ServiceUnavailableError(
      `${record.name} was asleep (${why}) and is waking up now; ask again in about a minute, when it runs`,
    );
  }

  async #admin(record: VirtualClusterRecord) {
    if (!this.#allowAdminCertificates) {
      throw new NotAllowedError(
        'Admin certificates are disabled (virtualClusters.kubeconfig.allowAdminCertificates)',
      );
    }
    const yaml = await this.#issuer.admin(toApi(record));
    return { yaml, detail: 'admin client certificate' };
  }

  async #token(
    record: VirtualClusterRecord,
    principal: string,
    credentials: BackstageCredentials,
  ) {
    const level = await decideAccessLevel(
      this.#permissions,
      record.id,
      credentials,
    );
    const issued = await this.#issuer.issue(toApi(record), principal, level);
    return {
      yaml: issued.yaml,
      detail: `${level} token for ${issued.serviceAccount}, expires ${issued.expiresAt}`,
    };
  }
}
