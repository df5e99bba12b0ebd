import { ConflictError } from '@backstage/errors';
import { RESTARTED_AT_ANNOTATION, restartPatch, rfc3339 } from './restartPatch';

const now = new Date('2026-12-06T21:31:50.789Z');

const deployment = (spec: object) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec,
});

describe('restartPatch', () => {
  it("sets the pod template's restartedAt to now in RFC 3339, as kubectl does", () => {
    expect(rfc3339(now)).toBe('2026-12-06T21:31:50Z');
    expect(
      restartPatch(deployment({ replicas: 1, template: {} }), now),
    ).toEqual({
      restartedAt: '2026-12-06T21:31:50Z',
      patch: {
        spec: {
          template: {
            metadata: {
              annotations: {
                'kubectl.kubernetes.io/restartedAt': '2026-12-06T21:31:50Z',
              },
            },
          },
        },
      },
    });
  });

  it('restarts StatefulSets and DaemonSets, paused or not (only Deployments pause)', () => {
    for (const kind of ['StatefulSet', 'DaemonSet']) {
      const { patch } = restartPatch(
        { ...deployment({ paused: true }), kind },
        now,
      );
      expect(
        patch.spec.template.metadata.annotations[RESTARTED_AT_ANNOTATION],
      ).toBe('2026-12-06T21:31:50Z');
    }
  });

  it("refuses a paused Deployment with kubectl's message", () => {
    expect(() => restartPatch(deployment({ paused: true }), now)).toThrow(
      new ConflictError(
        "can't restart paused deployment (run rollout resume first)",
      ),
    );
  });

  it('refuses a second restart within the same second, which would change nothing', () => {
    const restarted = deployment({
      template: {
        metadata: {
          annotations: { [RESTARTED_AT_ANNOTATION]: '2026-12-06T21:31:50Z' },
        },
      },
    });
    expect(() => restartPatch(restarted, now)).toThrow(ConflictError);
    expect(
      restartPatch(restarted, new Date('2026-12-06T21:31:51Z')).restartedAt,
    ).toBe('2026-12-06T21:31:51Z');
  });
});
