import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { LifecycleChange } from '../reconciler/LifecycleReconciler';

/** Topic of lifecycle events on the Backstage events service. */
export const LIFECYCLE_TOPIC = 'virtual-clusters.lifecycle';

/**
 * What the owner is told of a phase change: a cluster that became ready, failed, or
 * finished an upgrade or quota change. Other changes (pause, resume, delete) are the
 * owner's own doing and only go to the events service.
 */
export function notificationOf(
  change: LifecycleChange,
):
  | { title: string; description: string; severity: 'normal' | 'high' }
  | undefined {
  const { cluster, from, to } = change;
  if (to === 'Running' && (from === 'Provisioning' || from === 'Pending')) {
    return {
      title: `Virtual cluster ${cluster.name} is ready`,
      description: `${cluster.spec.distro} ${cluster.spec.kubernetesVersion} on ${cluster.hostCluster}, at ${cluster.endpoint}. Download a kubeconfig from its page.`,
      severity: 'normal',
    };
  }
  if (to === 'Running' && from === 'Upgrading') {
    return {
      title: `Virtual cluster ${cluster.name} is updated`,
      description: cluster.message ?? 'Its changes are applied.',
      severity: 'normal',
    };
  }
  if (to === 'Failed') {
    return {
      title: `Virtual cluster ${cluster.name} failed`,
      description: `${cluster.reason ?? 'Failed'}: ${cluster.message ?? ''}`,
      severity: 'high',
    };
  }
  return undefined;
}

/** What LifecycleNotifier is made of. */
export interface LifecycleNotifierOptions {
  events: EventsService;
  notifications: NotificationService;
  logger: LoggerService;
}

/**
 * Publishes every phase change to the events service, and tells the owner through
 * notifications what they should know (see notificationOf).
 */
export class LifecycleNotifier {
  readonly #deps: LifecycleNotifierOptions;

  static create(options: LifecycleNotifierOptions) {
    return new LifecycleNotifier(options);
  }

  private constructor(options: LifecycleNotifierOptions) {
    this.#deps = options;
  }

  async notify(change: LifecycleChange): Promise<void> {
    const { cluster, from, to } = change;
    await this.#deps.events.publish({
      topic: LIFECYCLE_TOPIC,
      eventPayload: {
        id: cluster.id,
        name: cluster.name,
        hostCluster: cluster.hostCluster,
        owner: cluster.owner,
        from,
        to,
        reason: cluster.reason ?? null,
        message: cluster.message ?? null,
      },
    });
    const payload = notificationOf(change);
    if (payload) await this.tellOwners(cluster, payload);
  }

  /** Sends the cluster's owners a notification linking to its page; never throws. */
  async tellOwners(
    cluster: { name: string; owner: string },
    payload: {
      title: string;
      description: string;
      severity: 'normal' | 'high';
    },
  ): Promise<void> {
    try {
      await this.#deps.notifications.send({
        recipients: { type: 'entity', entityRef: cluster.owner },
        payload: {
          ...payload,
          link: `/catalog/default/resource/vc-${cluster.name}/virtual-clusters`,
          topic: LIFECYCLE_TOPIC,
        },
      });
    } catch (error) {
      this.#deps.logger.warn(
        `Could not notify ${cluster.owner} about ${cluster.name}: ${error}`,
      );
    }
  }
}
