import { ConflictError } from '@backstage/errors';
import { KubeObject } from '../../kubernetes/types';

/** The pod template annotation `kubectl rollout restart` sets. */
export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

/** Go's time.RFC3339 of a time, in UTC: `2026-12-06T21:31:50Z`. */
export function rfc3339(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The strategic merge patch that restarts a Deployment, StatefulSet or DaemonSet as
 * `kubectl rollout restart` does: the pod template's restartedAt annotation set to now,
 * which makes the controller roll new pods.
 * Follows k8s.io/kubectl v0.36.3 pkg/polymorphichelpers/objectrestarter.go and
 * pkg/cmd/rollout/rollout_restart.go.
 *
 * @throws ConflictError for a paused Deployment, and when the annotation already has
 *   this second's value (the patch would change nothing), as kubectl refuses both
 */
export function restartPatch(object: KubeObject, now: Date) {
  const spec = object.spec as
    | {
        paused?: boolean;
        template?: { metadata?: { annotations?: Record<string, string> } };
      }
    | undefined;
  if (object.kind === 'Deployment' && spec?.paused) {
    throw new ConflictError(
      "can't restart paused deployment (run rollout resume first)",
    );
  }
  const restartedAt = rfc3339(now);
  if (
    spec?.template?.metadata?.annotations?.[RESTARTED_AT_ANNOTATION] ===
    restartedAt
  ) {
    throw new ConflictError(
      `${object.kind} ${object.metadata.name} was restarted within the past second; wait before restarting it again`,
    );
  }
  return {
    restartedAt,
    patch: {
      spec: {
        template: {
          metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: restartedAt } },
        },
      },
    },
  };
}
