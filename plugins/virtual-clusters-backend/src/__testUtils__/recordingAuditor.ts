import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';

/** One audit event as a {@link RecordingAuditor} kept it. */
export interface RecordedAuditEvent {
  eventId: string;
  severityLevel?: string;
  meta?: object;
  result?: 'success' | 'fail';
  /** Meta given with the outcome. */
  outcomeMeta?: object;
  error?: string;
}

/** An auditor that keeps every event it is given, for tests to read. */
export class RecordingAuditor implements AuditorService {
  readonly events: RecordedAuditEvent[] = [];

  async createEvent(options: AuditorServiceCreateEventOptions) {
    const entry: RecordedAuditEvent = {
      eventId: options.eventId,
      severityLevel: options.severityLevel,
      meta: options.meta,
    };
    this.events.push(entry);
    return {
      success: async (outcome?: { meta?: object }) => {
        entry.result = 'success';
        entry.outcomeMeta = outcome?.meta;
      },
      fail: async ({ error }: { error: Error }) => {
        entry.result = 'fail';
        entry.error = error.message;
      },
    };
  }

  /** A service factory that hands this auditor to every plugin, for `startTestBackend`. */
  factory() {
    return createServiceFactory({
      service: coreServices.auditor,
      deps: {},
      factory: () => this,
    });
  }
}
