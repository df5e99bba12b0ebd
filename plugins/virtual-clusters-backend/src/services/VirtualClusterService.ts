import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import semver from 'semver';
import { principalName } from '@virtual-clusters/plugin-virtual-clusters-node';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  CreateVirtualClusterRequest,
  ListVirtualClustersRequest,
  ListVirtualClustersResponse,
  VirtualCluster,
  virtualClusterCreatePermission,
  virtualClusterDeletePermission,
  VirtualClusterEvent,
  virtualClusterNamespace,
  VirtualClusterQuota,
  virtualClusterReadPermission,
  VirtualClusterSleepPolicy,
  VirtualClusterUpdate,
  virtualClusterUpdatePermission,
  unreleasedVClusterChartMessage,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { randomUUID } from 'node:crypto';
import { HostClusterRegistry } from '../hosts/HostClusterRegistry';
import {
  Admitted,
  ClusterAdmitter,
  RecordFor,
} from '../placement/ClusterAdmitter';
import { requireBasicPermission } from '../permissions/requireBasicPermission';
import { virtualClusterResourceRef } from '../permissions/rules';
import { decodeCursor } from '../store/cursor';
import { VirtualClusterStore } from '../store/VirtualClusterStore';
import { VirtualClusterQuery, VirtualClusterRecord } from '../store/types';
import { requireAction, requireTransition } from '../lifecycle/requireAction';
import { ProfileCatalog } from '../profiles/ProfileCatalog';
import { effectiveSleepPolicy } from '../sleep/sleepPolicy';
import { expiryAtCreate, extendedExpiry } from '../sleep/expiry';
import {
  checkUpgradePath,
  normalizeEntityRef,
  validateQuota,
} from './validateCreateRequest';

/** The record changed between reading and writing it (an optimistic version check). */
class StaleRecordError extends ConflictError {
  constructor(name: string) {
    super(`${name} changed while the request ran; try again`);
  }
}

/** `cpu 2, memory 4Gi, pods 50` style, or `none`. */
function describeQuota(quota?: VirtualClusterQuota): string {
  const parts = Object.entries(quota ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} ${v}`);
  return parts.length ? parts.join(', ') : 'none';
}

/** `sleep after 2h, schedule 0 20 * * 1-5 … (Europe/Berlin)` style, or `never sleep`. */
function describeSleepPolicy(policy: VirtualClusterSleepPolicy): string {
  if (policy.neverSleep) return 'never sleep';
  const parts = [
    policy.afterInactivity && `sleep after ${policy.afterInactivity} idle`,
    policy.schedule && `sleep at ${policy.schedule}`,
    policy.wakeupSchedule && `wake at ${policy.wakeupSchedule}`,
  ].filter(Boolean);
  if (!parts.length) return 'no sleep';
  return `${parts.join(', ')}${
    policy.schedule || policy.wakeupSchedule
      ? ` (${policy.timezone ?? 'UTC'})`
      : ''
  }`;
}

const MAX_PAGE = 500;

/** Strips the bookkeeping fields off a record for the API. */
export function toApi(record: VirtualClusterRecord): VirtualCluster {
  const {
    desiredState: _desired,
    version: _version,
    requestId: _requestId,
    phaseChangedAt: _phaseChangedAt,
    attempts: _attempts,
    nextAttemptAt: _next,
    expiryNoticeDays: _notice,
    expiryAttemptedAt: _attempted,
    ...cluster
  } = record;
  return cluster;
}

/**
 * The domain logic behind the API: validation, limits, permissions, idempotent
 * create, and the state changes Day-2 operations ask of the reconciler.
 */
export class VirtualClusterService {
  readonly #store: VirtualClusterStore;
  readonly #hosts: HostClusterRegistry;
  readonly #admitter: ClusterAdmitter;
  readonly #permissions: PermissionsService;
  readonly #transform: ReturnType<
    typeof createConditionTransformer<VirtualClusterQuery>
  >;
  readonly #auditor: AuditorService;
  readonly #logger: LoggerService;
  readonly #onChange: (id: string) => void;
  readonly #profiles: ProfileCatalog;

  static create(options: {
    store: VirtualClusterStore;
    hosts: HostClusterRegistry;
    /** Finds the host of a new cluster and inserts it within the limits. */
    admitter: ClusterAdmitter;
    permissions: PermissionsService;
    permissionsRegistry: PermissionsRegistryService;
    auditor: AuditorService;
    logger: LoggerService;
    /** Called after a change the reconciler should act on soon. */
    onChange?: (id: string) => void;
    /** The application profiles clusters may attach (none when left out). */
    profiles?: ProfileCatalog;
  }) {
    return new VirtualClusterService(options);
  }

  private constructor(
    options: Parameters<typeof VirtualClusterService.create>[0],
  ) {
    this.#store = options.store;
    this.#hosts = options.hosts;
    this.#admitter = options.admitter;
    this.#permissions = options.permissions;
    this.#transform = createConditionTransformer(
      options.permissionsRegistry.getPermissionRuleset(
        virtualClusterResourceRef,
      ),
    );
    this.#auditor = options.auditor;
    this.#logger = options.logger;
    this.#onChange = options.onChange ?? (() => {});
    this.#profiles = options.profiles ?? ProfileCatalog.create([]);
  }

  async create(
    request: CreateVirtualClusterRequest,
    options: { credentials: BackstageCredentials; dryRun?: boolean },
  ): Promise<{ cluster: VirtualCluster; created: boolean }> {
    const { credentials } = options;
    await requireBasicPermission(
      this.#permissions,
      virtualClusterCreatePermission,
      credentials,
    );
    if (request.requestId) {
      const existing = await this.#store.getByRequestId(request.requestId);
      if (existing) return { cluster: toApi(existing), created: false };
    }
    const createdBy = principalName(credentials);
    const now = new Date().toISOString();
    const recordFor: RecordFor = (host, validated) => ({
      id: options.dryRun ? 'dry-run' : randomUUID(),
      name: request.name,
      hostCluster: host.name,
      namespace: virtualClusterNamespace(request.name),
      owner: validated.owner,
      relatedEntityRefs: validated.relatedEntityRefs,
      spec: validated.spec,
      desiredState: 'running',
      phase: 'Pending',
      conditions: [],
      generation: 1,
      observedGeneration: 0,
      version: 1,
      requestId: request.requestId,
      createdBy,
      createdAt: now,
      updatedAt: now,
      phaseChangedAt: now,
      attempts: 0,
      lastActivity: { at: now, kind: 'created' },
      ...(validated.ttlDays
        ? { expiresAt: expiryAtCreate(now, validated.ttlDays, host.expiry) }
        : {}),
    });
    if (options.dryRun) {
      const { record } = await this.#admitter.admit(request, recordFor, {
        credentials,
        dryRun: true,
      });
      return { cluster: toApi(record), created: false };
    }

    const audit = await this.#auditor.createEvent({
      eventId: 'virtual-cluster-create',
      severityLevel: 'medium',
      meta: {
        name: request.name,
        hostCluster: request.hostCluster,
        clusterGroup: request.clusterGroup,
        owner: request.owner,
      },
    });
    let admitted: Admitted;
    try {
      admitted = await this.#admitter.admit(request, recordFor, {
        credentials,
      });
    } catch (error) {
      if (error instanceof ConflictError && request.requestId) {
        // a concurrent request with the same id won the race
        const existing = await this.#store.getByRequestId(request.requestId);
        if (existing) return { cluster: toApi(existing), created: false };
      }
      await audit.fail({ error: error as Error });
      throw error;
    }
    const { record, placement } = admitted;
    const { spec, owner } = record;
    await this.#store.addEvent({
      clusterId: record.id,
      type: 'created',
      phase: 'Pending',
      message: `Requested ${spec.distro} ${spec.kubernetesVersion} on ${record.hostCluster} for ${owner}`,
      actor: record.createdBy,
    });
    if (placement) {
      await this.#store.addEvent({
        clusterId: record.id,
        type: 'placed',
        phase: 'Pending',
        message: placement.reason,
        actor: record.createdBy,
      });
    }
    await audit.success({
      meta: { id: record.id, hostCluster: record.hostCluster },
    });
    this.#logger.info('Virtual cluster requested', {
      cluster: record.name,
      clusterId: record.id,
      hostCluster: record.hostCluster,
      ...(record.clusterGroup ? { clusterGroup: record.clusterGroup } : {}),
    });
    this.#onChange(record.id);
    return { cluster: toApi(record), created: true };
  }

  async list(
    request: ListVirtualClustersRequest,
    options: { credentials: BackstageCredentials },
  ): Promise<ListVirtualClustersResponse> {
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission: virtualClusterReadPermission }],
      { credentials: options.credentials },
    );
    const limit = Math.min(request.limit ?? 100, MAX_PAGE);
    if (!Number.isInteger(limit) || limit < 1) {
      throw new InputError(
        `limit must be a whole number from 1 to ${MAX_PAGE}`,
      );
    }
    let offset = 0;
    if (request.cursor) {
      const decoded = decodeCursor(request.cursor);
      if (decoded === undefined) throw new InputError('Invalid cursor');
      offset = decoded;
    }
    if (decision.result === AuthorizeResult.DENY) {
      return { items: [], totalItems: 0 };
    }
    const conditions: PermissionCriteria<VirtualClusterQuery> | undefined =
      decision.result === AuthorizeResult.CONDITIONAL
        ? this.#transform(decision.conditions)
        : undefined;
    const page = await this.#store.list({
      filter: {
        owner: request.owner
          ? normalizeEntityRef(request.owner, 'owner', 'group')
          : undefined,
        entityRef: request.entityRef
          ? normalizeEntityRef(request.entityRef, 'entityRef', 'component')
          : undefined,
        hostCluster: request.hostCluster,
        phase: request.phase,
      },
      conditions,
      limit,
      offset,
    });
    return { ...page, items: page.items.map(toApi) };
  }

  /** Reads one cluster the caller may see; others are not found. */
  async get(
    id: string,
    options: { credentials: BackstageCredentials },
  ): Promise<VirtualClusterRecord> {
    return this.#authorized(
      id,
      virtualClusterReadPermission,
      options.credentials,
    );
  }

  /**
   * Reads one cluster for a person who looks at it (its page opened, or the API asked
   * for it): that keeps it awake. Background refreshes of what is inside (workloads,
   * cost, profiles) read it with {@link VirtualClusterService.get} and do not count.
   */
  async view(
    id: string,
    options: { credentials: BackstageCredentials },
  ): Promise<VirtualClusterRecord> {
    const record = await this.get(id, options);
    if ((options.credentials.principal as { type?: string }).type === 'user') {
      await this.noteActivity(record, 'view');
    }
    return record;
  }

  /**
   * Loads a cluster and checks a permission on it: a cluster the caller cannot read
   * is not found; one they can read but not act on is forbidden.
   */
  async authorized(
    id: string,
    permission: ResourcePermission,
    credentials: BackstageCredentials,
  ): Promise<VirtualClusterRecord> {
    return this.#authorized(id, permission, credentials);
  }

  /** Adds a timeline entry (e.g. a kubeconfig download) to a cluster. */
  async recordEvent(
    id: string,
    event: { type: string; message: string; actor?: string },
  ): Promise<void> {
    await this.#store.addEvent({ clusterId: id, ...event });
  }

  async events(
    id: string,
    options: { credentials: BackstageCredentials },
  ): Promise<VirtualClusterEvent[]> {
    await this.get(id, options);
    return this.#store.listEvents(id);
  }

  async update(
    id: string,
    update: VirtualClusterUpdate,
    options: { credentials: BackstageCredentials },
  ): Promise<VirtualCluster> {
    const { credentials } = options;
    const record = await this.#authorized(
      id,
      virtualClusterUpdatePermission,
      credentials,
    );
    const actor = principalName(credentials);
    const audit = await this.#auditor.createEvent({
      eventId: 'virtual-cluster-update',
      severityLevel: 'medium',
      meta: { id, action: update.action },
    });
    try {
      const updated = await this.#onFreshRecord(record, current =>
        this.#applyUpdate(current, update, actor),
      );
      await audit.success();
      this.#onChange(id);
      return toApi(updated);
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  }

  async delete(
    id: string,
    options: { credentials: BackstageCredentials },
  ): Promise<VirtualCluster> {
    const { credentials } = options;
    const record = await this.#authorized(
      id,
      virtualClusterDeletePermission,
      credentials,
    );
    // asked again: nothing to do while Deleting, but a deletion that Failed (e.g.
    // DeleteTimeout) is started over
    if (requireAction(record, 'delete').unchanged) return toApi(record);
    const audit = await this.#auditor.createEvent({
      eventId: 'virtual-cluster-delete',
      severityLevel: 'high',
      meta: { id, name: record.name },
    });
    const { updated, meanwhile } = await this.#onFreshRecord(
      record,
      async current => {
        if (current.deletedAt) throw new StaleRecordError(record.name);
        const { to, unchanged } = requireAction(current, 'delete');
        if (unchanged || !to) return { updated: current, meanwhile: true };
        const deleting = await this.#transition(current, {
          desiredState: 'deleted',
          phase: to,
          reason: undefined,
          message: 'Deletion requested',
        });
        return { updated: deleting, meanwhile: false };
      },
    );
    if (meanwhile) return toApi(updated); // deleted meanwhile by another request
    await this.#store.addEvent({
      clusterId: id,
      type: 'delete-requested',
      phase: updated.phase,
      message: `Deletion requested by ${principalName(credentials)}`,
      actor: principalName(credentials),
    });
    await audit.success();
    this.#onChange(id);
    return toApi(updated);
  }

  async #applyUpdate(
    record: VirtualClusterRecord,
    update: VirtualClusterUpdate,
    actor: string,
  ): Promise<VirtualClusterRecord> {
    switch (update.action) {
      case 'pause':
        if (record.sleep) return this.#pauseSleeping(record, actor);
        return this.#pauseOrResume(record, update.action, actor);
      case 'resume':
        return this.#pauseOrResume(record, update.action, actor);
      case 'set-sleep-policy':
        return this.#setSleepPolicy(record, update.sleep, actor);
      case 'extend':
        return this.#extend(record, update.days, actor);
      case 'upgrade':
        return this.#upgrade(record, update, actor);
      case 'resize':
        return this.#resize(record, update.quota, actor);
      case 'attach-profile':
      case 'detach-profile':
      case 'move-profile':
        return this.#changeProfiles(record, update, actor);
      default:
        throw new InputError(
          `Unknown action '${
            (update as { action: string }).action
          }'; use pause, resume, upgrade, resize, attach-profile, detach-profile or move-profile`,
        );
    }
  }

  async #upgrade(
    record: VirtualClusterRecord,
    update: { kubernetesVersion?: string; chartVersion?: string },
    actor: string,
  ): Promise<VirtualClusterRecord> {
    const phase = requireTransition(record, 'upgrade');
    if (!update.kubernetesVersion && !update.chartVersion) {
      throw new InputError('upgrade needs kubernetesVersion or chartVersion');
    }
    this.#profiles.resolve(toApi(record)); // its values must still render
    const host = this.#hosts.get(record.hostCluster).settings;
    const spec = { ...record.spec };
    if (
      update.kubernetesVersion &&
      update.kubernetesVersion !== spec.kubernetesVersion
    ) {
      const offered = host.kubernetesVersions[spec.distro];
      if (!offered.includes(update.kubernetesVersion)) {
        throw new InputError(
          `kubernetesVersion ${update.kubernetesVersion} is not offered for ${
            spec.distro
          } on ${host.name}; choose one of ${offered.join(', ')}`,
        );
      }
      const refused = checkUpgradePath(
        spec.kubernetesVersion,
        update.kubernetesVersion,
      );
      if (refused) throw new InputError(`Upgrade refused: ${refused}`);
      spec.kubernetesVersion = update.kubernetesVersion;
    }
    if (update.chartVersion && update.chartVersion !== spec.chartVersion) {
      if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(update.chartVersion)) {
        throw new InputError(
          `chartVersion '${update.chartVersion}' is not a version like 0.32.1`,
        );
      }
      const unreleased = unreleasedVClusterChartMessage(update.chartVersion);
      if (unreleased) throw new InputError(unreleased);
      if (semver.lt(update.chartVersion, spec.chartVersion)) {
        throw new InputError(
          `Upgrade refused: cannot downgrade the chart from ${spec.chartVersion} to ${update.chartVersion}`,
        );
      }
      if (spec.distro === 'k3s' && semver.gte(update.chartVersion, '0.33.0')) {
        throw new InputError(
          'Upgrade refused: k3s needs a vcluster chart of 0.32.x or older',
        );
      }
      spec.chartVersion = update.chartVersion;
    }
    if (
      spec.kubernetesVersion === record.spec.kubernetesVersion &&
      spec.chartVersion === record.spec.chartVersion
    ) {
      return record;
    }
    const updated = await this.#transition(record, {
      spec,
      generation: record.generation + 1,
      phase,
      message: `Upgrading to ${spec.distro} ${spec.kubernetesVersion}, chart ${spec.chartVersion}`,
    });
    await this.#event(
      record,
      'upgrade-requested',
      phase,
      `Upgrade from ${record.spec.kubernetesVersion} (chart ${record.spec.chartVersion}) to ${spec.kubernetesVersion} (chart ${spec.chartVersion}) requested by ${actor}`,
      actor,
    );
    return updated;
  }

  /**
   * Sets the resource quota inside a Running cluster: the VCluster's values change,
   * and the cluster goes through Upgrading while vcluster applies them.
   */
  async #resize(
    record: VirtualClusterRecord,
    quota: VirtualClusterQuota | undefined,
    actor: string,
  ): Promise<VirtualClusterRecord> {
    const phase = requireTransition(record, 'resize');
    if (!quota || typeof quota !== 'object' || !Object.keys(quota).length) {
      throw new InputError(
        'resize needs a quota with at least one of cpu, memory, storage, pods',
      );
    }
    const next = validateQuota(quota)!;
    if (JSON.stringify(next) === JSON.stringify(record.spec.quota ?? {})) {
      return record;
    }
    this.#profiles.resolve(toApi(record)); // its values must still render
    const updated = await this.#transition(record, {
      spec: { ...record.spec, quota: next },
      generation: record.generation + 1,
      phase,
      message: `Applying quota ${describeQuota(next)}`,
    });
    await this.#event(
      record,
      'resize-requested',
      phase,
      `Quota change from ${describeQuota(record.spec.quota)} to ${describeQuota(
        next,
      )} requested by ${actor}`,
      actor,
    );
    return updated;
  }

  async #pauseOrResume(
    record: VirtualClusterRecord,
    action: 'pause' | 'resume',
    actor: string,
  ): Promise<VirtualClusterRecord> {
    const { to, unchanged } = requireAction(record, action);
    if (unchanged || !to) return record;
    const pause = action === 'pause';
    const wake = !pause && record.sleep !== undefined;
    let verb = pause ? 'Pause' : 'Resume';
    if (wake) verb = 'Wake-up';
    const updated = await this.#transition(record, {
      desiredState: pause ? 'paused' : 'running',
      phase: to,
      // a resume of a sleeping cluster wakes it
      ...(wake ? { sleep: undefined } : {}),
      message: `${verb} requested`,
    });
    await this.#event(
      record,
      wake ? 'wake-requested' : `${action}-requested`,
      to,
      `${verb} requested by ${actor}`,
      actor,
    );
    if (wake) await this.noteActivity(updated, 'woken');
    return updated;
  }

  /**
   * A pause asked for while the cluster sleeps: it stays paused, but as the user's
   * own pause, which no wake-up schedule undoes (the provisioner's pause runs again
   * to take the sleep marks off the control plane).
   */
  async #pauseSleeping(
    record: VirtualClusterRecord,
    actor: string,
  ): Promise<VirtualClusterRecord> {
    const updated = await this.#transition(record, {
      desiredState: 'paused',
      phase: 'Pausing',
      sleep: undefined,
      message: 'Pause requested (it was asleep)',
    });
    await this.#event(
      record,
      'pause-requested',
      'Pausing',
      `Pause requested by ${actor}; it was asleep, and now stays paused until resumed`,
      actor,
    );
    return updated;
  }

  /** Moves a cluster's expiry later, within its host's maximum from now. */
  async #extend(
    record: VirtualClusterRecord,
    days: number,
    actor: string,
  ): Promise<VirtualClusterRecord> {
    if (record.desiredState === 'deleted') {
      throw new ConflictError(`${record.name} is being deleted`);
    }
    const host = this.#hosts.get(record.hostCluster).settings;
    const expiresAt = extendedExpiry(record, days, new Date(), host.expiry);
    const updated = await this.#transition(record, {
      expiresAt,
      // the notices start over for the new date
      expiryNoticeDays: undefined,
    });
    await this.#event(
      record,
      'expiry-extended',
      record.phase,
      `Expiry moved from ${record.expiresAt} to ${expiresAt} by ${actor}`,
      actor,
    );
    return updated;
  }

  /** Sets a cluster's sleep policy within what its host allows; nothing restarts. */
  async #setSleepPolicy(
    record: VirtualClusterRecord,
    sleep: VirtualClusterSleepPolicy,
    actor: string,
  ): Promise<VirtualClusterRecord> {
    if (record.desiredState === 'deleted') {
      throw new ConflictError(`${record.name} is being deleted`);
    }
    const host = this.#hosts.get(record.hostCluster).settings;
    const policy = effectiveSleepPolicy(sleep, host.sleep);
    if (JSON.stringify(policy) === JSON.stringify(record.spec.sleep ?? {})) {
      return record;
    }
    const updated = await this.#transition(record, {
      spec: { ...record.spec, sleep: policy },
    });
    await this.#event(
      record,
      'sleep-policy-changed',
      record.phase,
      `Sleep policy set to ${describeSleepPolicy(policy)} by ${actor}`,
      actor,
    );
    return updated;
  }

  /**
   * Notes an activity on a cluster, which its inactivity is measured from: a view at
   * most once a minute, a kubeconfig or a wake-up each time.
   */
  async noteActivity(
    record: VirtualClusterRecord,
    kind: 'view' | 'kubeconfig' | 'woken',
  ): Promise<void> {
    const now = new Date();
    const last = record.lastActivity ? Date.parse(record.lastActivity.at) : 0;
    if (kind === 'view' && now.getTime() - last < 60_000) return;
    await this.#store.recordActivity(record.id, {
      at: now.toISOString(),
      kind,
    });
  }

  /**
   * Attaches, detaches or moves an application profile of a Running cluster: its
   * values change, and the cluster goes through Upgrading while vcluster restarts and
   * its deploy controller installs, upgrades or uninstalls. The profiles it already
   * has must still be in app-config as they were.
   */
  async #changeProfiles(
    record: VirtualClusterRecord,
    update: Extract<
      VirtualClusterUpdate,
      { action: 'attach-profile' | 'detach-profile' | 'move-profile' }
    >,
    actor: string,
  ): Promise<VirtualClusterRecord> {
    const phase = requireTransition(record, 'profiles');
    const current = record.spec.profiles ?? [];
    const attached = current.find(p => p.name === update.profile);
    const attachedNames = current.length
      ? current.map(p => `${p.name} ${p.version}`).join(', ')
      : 'none';
    let next: VirtualClusterRecord['spec']['profiles'];
    let what: string;
    switch (update.action) {
      case 'attach-profile': {
        if (attached) {
          if (!update.version || update.version === attached.version) {
            return record;
          }
          throw new InputError(
            `${record.name} has profile ${attached.name} at ${attached.version}; use move-profile to move it to ${update.version}`,
          );
        }
        const [added] = this.#profiles.pin([
          { name: update.profile, version: update.version },
        ]);
        next = [...current, added];
        what = `Attaching profile ${added.name} ${added.version}`;
        break;
      }
      case 'detach-profile':
        if (!attached) return record;
        next = current.filter(p => p.name !== update.profile);
        what = `Detaching profile ${attached.name} ${attached.version}`;
        break;
      default: {
        if (!attached) {
          throw new InputError(
            `${record.name} has no profile ${update.profile} to move (its profiles: ${attachedNames}); use attach-profile`,
          );
        }
        if (update.version === attached.version) return record;
        const [moved] = this.#profiles.pin([
          { name: update.profile, version: update.version },
        ]);
        next = current.map(p => (p.name === moved.name ? moved : p));
        what = `Moving profile ${attached.name} from ${attached.version} to ${moved.version}`;
      }
    }
    // the profiles kept must still be as they were; together they must not collide
    this.#profiles.resolve(toApi(record));
    this.#profiles.pin(next);
    const unresolvable = ProfileCatalog.unresolvable(
      this.#profiles.settingsOf(next),
      record,
    );
    if (unresolvable) throw new InputError(unresolvable);
    const updated = await this.#transition(record, {
      spec: { ...record.spec, profiles: next },
      generation: record.generation + 1,
      phase,
      message: what,
    });
    await this.#event(
      record,
      'profiles-requested',
      phase,
      `${what} requested by ${actor}`,
      actor,
    );
    return updated;
  }

  /**
   * Runs `change` on a cluster, and again on a fresh read (five tries in all) when the
   * reconciler saved the cluster meanwhile: its saves of a cluster in transition (phase,
   * waiting message, conditions) are no reason to refuse a user's request.
   */
  async #onFreshRecord<T>(
    record: VirtualClusterRecord,
    change: (current: VirtualClusterRecord) => Promise<T>,
  ): Promise<T> {
    let current = record;
    for (let attempt = 0; ; attempt++) {
      try {
        return await change(current);
      } catch (error) {
        if (!(error instanceof StaleRecordError) || attempt >= 4) throw error;
        const again = await this.#store.get(record.id);
        if (!again) throw error;
        current = again;
      }
    }
  }

  async #transition(
    record: VirtualClusterRecord,
    changes: Parameters<VirtualClusterStore['update']>[2],
  ): Promise<VirtualClusterRecord> {
    const updated = await this.#store.update(record.id, record.version, {
      attempts: 0,
      nextAttemptAt: undefined,
      ...changes,
    });
    if (!updated) throw new StaleRecordError(record.name);
    return updated;
  }

  async #event(
    record: VirtualClusterRecord,
    type: string,
    phase: VirtualClusterRecord['phase'],
    message: string,
    actor: string,
  ) {
    await this.#store.addEvent({
      clusterId: record.id,
      type,
      phase,
      message,
      actor,
    });
  }

  async #authorized(
    id: string,
    permission: ResourcePermission,
    credentials: BackstageCredentials,
  ): Promise<VirtualClusterRecord> {
    const record = await this.#store.get(id);
    const notFound = new NotFoundError(`No virtual cluster with id '${id}'`);
    if (!record) throw notFound;
    const check = async (p: ResourcePermission) => {
      const [decision] = await this.#permissions.authorize(
        [{ permission: p, resourceRef: id }],
        { credentials },
      );
      return decision.result === AuthorizeResult.ALLOW;
    };
    if (!(await check(virtualClusterReadPermission))) throw notFound;
    if (
      permission.name !== virtualClusterReadPermission.name &&
      !(await check(permission))
    ) {
      throw new NotAllowedError(
        `Not allowed: ${permission.name} on virtual cluster ${record.name}`,
      );
    }
    return record;
  }
}
