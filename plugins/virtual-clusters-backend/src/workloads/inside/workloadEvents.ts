import { WorkloadEvent } from '@virtual-clusters/plugin-virtual-clusters-common';

/** A core/v1 Event as the API server sends it (JSON, timestamps as strings). */
export interface EventObject {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string };
  source?: { component?: string };
  reportingComponent?: string;
  involvedObject: { kind?: string; name?: string };
  metadata?: { name?: string; creationTimestamp?: string };
}

/**
 * When an event last happened: its series' last observation (events.k8s.io's
 * repeated events), else `lastTimestamp` (core/v1 writers), else `eventTime`, else
 * when it was stored.
 */
export function lastSeen(event: EventObject): string {
  return (
    event.series?.lastObservedTime ||
    event.lastTimestamp ||
    event.eventTime ||
    event.metadata?.creationTimestamp ||
    ''
  );
}

/** One event as the API shows it. */
export function toWorkloadEvent(event: EventObject): WorkloadEvent {
  const firstSeen =
    event.firstTimestamp ||
    event.eventTime ||
    event.metadata?.creationTimestamp;
  const source = event.source?.component || event.reportingComponent;
  return {
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? '',
    count: Math.max(1, event.series?.count ?? event.count ?? 1),
    ...(firstSeen ? { firstSeen } : {}),
    lastSeen: lastSeen(event),
    ...(source ? { source } : {}),
    involvedObject: {
      kind: event.involvedObject.kind ?? '',
      name: event.involvedObject.name ?? '',
    },
  };
}

const time = (event: WorkloadEvent) => Date.parse(event.lastSeen) || 0;

/**
 * The events of several objects (e.g. a Deployment's and its ReplicaSets') as one
 * list, newest first; events that happened at the same time keep their order.
 */
export function newestFirst(lists: EventObject[][]): WorkloadEvent[] {
  return lists
    .flat()
    .map(toWorkloadEvent)
    .map((event, index) => ({ event, index }))
    .sort((a, b) => time(b.event) - time(a.event) || a.index - b.index)
    .map(({ event }) => event);
}
