import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { LifecycleChange } from '../reconciler/LifecycleReconciler';

/** Topic of lifecycle events on the Backstage events service. */
export const LIFECYCLE_TOPIC = 'virtual-clusters.lifecycle';

/**
 * Publishes every phase change to the events service, and tells the owner through
 * notifications when a cluster becomes ready or fails.
 */
export class LifecycleNotifier {
  readonly #events: EventsService;
  readonly #notifications: NotificationService;
  readonly #logger: LoggerService;

  static create(options: {
    events: EventsService;
    notifications: NotificationService;
    logger: LoggerService;
  }) {
    return new LifecycleNotifier(options);
  }

  private constructor(options: {
    events: EventsService;
    notifications: NotificationService;
    logger: LoggerService;
  }) {
    this.#events = options.events;
    this.#notifications = options.notifications;
    this.#logger = options.logger;
  }

  async notify(change: LifecycleChange): Promise<void> {
    const { cluster, from, to } = change;
    await this.#events.publish({
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
    const ready =
      to === 'Running' && (from === 'Provisioning' || from === 'Pending');
    if (!ready && to !== 'Failed') return;
    try {
      await this.#notifications.send({
        recipients: { type: 'entity', entityRef: cluster.owner },
        payload: {
          title: ready
            ? `Virtual cluster ${cluster.name} is ready`
            : `Virtual cluster ${cluster.name} failed`,
          description: ready
            ? `${cluster.spec.distro} ${cluster.spec.kubernetesVersion} on ${cluster.hostCluster}, at ${cluster.endpoint}. Download a kubeconfig from its page.`
            : `${cluster.reason ?? 'Failed'}: ${cluster.message ?? ''}`,
          link: `/catalog/default/resource/vc-${cluster.name}/virtual-clusters`,
          severity: ready ? 'normal' : 'high',
          topic: LIFECYCLE_TOPIC,
        },
      });
    } catch (error) {
      this.#logger.warn(
        `Could not notify ${cluster.owner} about ${cluster.name}: ${error}`,
      );
    }
  }
}
