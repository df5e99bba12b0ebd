import { mockServices } from '@backstage/backend-test-utils';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { testRecord } from '../__testUtils__/records';
import { LIFECYCLE_TOPIC, LifecycleNotifier } from './LifecycleNotifier';

function setup(options: { failSend?: boolean } = {}) {
  const published: EventParams[] = [];
  const sent: Array<{ to: string; title: string; severity?: string }> = [];
  const events = {
    publish: async (params: EventParams) => {
      published.push(params);
    },
  } as unknown as EventsService;
  const notifications = {
    send: async ({ recipients, payload }) => {
      if (options.failSend) throw new Error('notifications are down');
      sent.push({
        to: (recipients as { entityRef: string }).entityRef,
        title: payload.title,
        severity: payload.severity,
      });
    },
  } as NotificationService;
  const logger = mockServices.logger.mock();
  const notifier = LifecycleNotifier.create({ events, notifications, logger });
  return { notifier, published, sent, logger };
}

describe('LifecycleNotifier', () => {
  it('publishes every change and tells the owner what they should know', async () => {
    const { notifier, published, sent } = setup();
    const running = testRecord('shop', {
      phase: 'Running',
      endpoint: 'https://10.0.0.9:443',
      message: 'Changes applied: k3s 1.33, chart 0.32.0, quota cpu 3',
    });
    await notifier.notify({
      cluster: running,
      from: 'Provisioning',
      to: 'Running',
    });
    await notifier.notify({
      cluster: running,
      from: 'Upgrading',
      to: 'Running',
    });
    await notifier.notify({ cluster: running, from: 'Pausing', to: 'Paused' });
    await notifier.notify({
      cluster: { ...running, reason: 'ChartError', message: 'no such chart' },
      from: 'Provisioning',
      to: 'Failed',
    });

    expect(published.map(p => [p.topic, (p.eventPayload as any).to])).toEqual([
      [LIFECYCLE_TOPIC, 'Running'],
      [LIFECYCLE_TOPIC, 'Running'],
      [LIFECYCLE_TOPIC, 'Paused'],
      [LIFECYCLE_TOPIC, 'Failed'],
    ]);
    expect(sent).toEqual([
      {
        to: 'group:default/team-a',
        title: 'Virtual cluster shop is ready',
        severity: 'normal',
      },
      {
        to: 'group:default/team-a',
        title: 'Virtual cluster shop is updated',
        severity: 'normal',
      },
      {
        to: 'group:default/team-a',
        title: 'Virtual cluster shop failed',
        severity: 'high',
      },
    ]);
  });

  it('logs, and does not throw, when notifications cannot be sent', async () => {
    const { notifier, published, logger } = setup({ failSend: true });
    await notifier.notify({
      cluster: testRecord('shop', { phase: 'Failed' }),
      from: 'Provisioning',
      to: 'Failed',
    });
    expect(published).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not notify group:default/team-a about shop: Error: notifications are down',
    );
  });
});
