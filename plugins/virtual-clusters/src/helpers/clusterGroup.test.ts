import { testGroup, testMember } from '../__testUtils__/fixtures';
import {
  describeGroupFree,
  describeGroupLimits,
  describeMember,
  groupUnavailable,
} from './clusterGroup';

describe('groupUnavailable', () => {
  it('lets a group with a ready member with room take a cluster', () => {
    expect(groupUnavailable(testGroup())).toBeUndefined();
  });

  it('says when the group itself is full', () => {
    expect(
      groupUnavailable(
        testGroup({ virtualClusters: 20, limits: { maxVirtualClusters: 20 } }),
      ),
    ).toBe('full: 20 of at most 20 virtual clusters');
  });

  it('names each member that is not ready with its failing checks', () => {
    expect(
      groupUnavailable(
        testGroup({
          hostClusters: [
            testMember({
              ready: false,
              checks: [{ name: 'api', ok: false, message: 'unreachable' }],
            }),
            testMember({ name: 'west', ready: false, checks: [] }),
          ],
        }),
      ),
    ).toBe('no ready host: east: unreachable; west: unchecked');
  });

  it('says why no ready member has room: full, no capacity left, or unknown', () => {
    expect(
      groupUnavailable(
        testGroup({
          hostClusters: [
            testMember({ virtualClusters: 10, maxVirtualClusters: 10 }),
            testMember({
              name: 'west',
              free: { cpuCores: 4, memoryGiB: 0 },
            }),
            testMember({ name: 'north', free: undefined, capacity: undefined }),
          ],
        }),
      ),
    ).toBe(
      'no free capacity: east: full (10 of 10 virtual clusters); west: 4.0 CPU · 0 GiB free; north: capacity unknown',
    );
  });
});

describe('describing groups', () => {
  it('adds up the free capacity of the ready members only', () => {
    expect(
      describeGroupFree(
        testGroup({
          hostClusters: [
            testMember({ free: { cpuCores: 1.25, memoryGiB: 2.4 } }),
            testMember({ name: 'west', ready: false }),
          ],
        }),
      ),
    ).toBe('1.3 CPU · 2 GiB free on 1 of 2 hosts');
  });

  it('describes members and limits', () => {
    expect(describeMember(testMember())).toBe(
      '13.5 CPU · 56 GiB free · 2 of 10 virtual clusters',
    );
    expect(
      describeGroupLimits(
        testGroup({
          virtualClusters: 1,
          limits: { ownerQuota: { cpu: '8', memory: '32Gi' } },
        }),
      ),
    ).toBe("1 virtual cluster · an owner's quota at most 8 cpu, 32Gi memory");
  });
});
