import { InputError } from '@backstage/errors';
import { validateQuota } from './validateCreateRequest';

describe('validateQuota', () => {
  it('takes a quota that leaves room for the control plane', () => {
    expect(
      validateQuota({ cpu: '200m', memory: '256Mi', storage: '5Gi', pods: 1 }),
    ).toEqual({ cpu: '200m', memory: '256Mi', storage: '5Gi', pods: 1 });
    expect(validateQuota({ cpu: '0.5', memory: '1Gi' })).toEqual({
      cpu: '0.5',
      memory: '1Gi',
    });
  });

  it.each([
    [{ cpu: '100m' }, 'quota.cpu 100m', 'at least 200m'],
    [{ memory: '128Mi' }, 'quota.memory 128Mi', 'at least 256Mi'],
    [{ storage: '1Gi' }, 'quota.storage 1Gi', 'at least 5Gi'],
    [{ storage: '4000Mi' }, 'quota.storage 4000Mi', 'at least 5Gi'],
  ])(
    'refuses %j: the control plane counts against it on the host',
    (quota, named, least) => {
      expect(() => validateQuota(quota)).toThrow(InputError);
      expect(() => validateQuota(quota)).toThrow(named);
      expect(() => validateQuota(quota)).toThrow(least);
    },
  );

  it('still refuses what is no quantity first', () => {
    expect(() => validateQuota({ cpu: 'lots' })).toThrow(
      "quota.cpu 'lots' is not a Kubernetes quantity like 2, 500m or 4Gi",
    );
  });
});
