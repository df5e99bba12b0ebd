import { configError, podSecurityStandard } from './PodSecurity.ts';

// pkg/config/validation.go and pkg/config/parse.go at vcluster v0.32.3
describe('the syncer config check of policies.podSecurityStandard', () => {
  it('accepts no level and the three levels of the Pod Security Standards', () => {
    for (const level of [
      undefined,
      '',
      'privileged',
      'baseline',
      'restricted',
    ]) {
      expect(
        configError({ policies: { podSecurityStandard: level } }),
      ).toBeUndefined();
    }
    expect(configError({})).toBeUndefined();
  });

  it('fails any other level with the error `vcluster start` exits with', () => {
    expect(configError({ policies: { podSecurityStandard: 'strict' } })).toBe(
      'parsing config bytes: invalid argument enforce-pod-security-standard=strict, must be one of: privileged, baseline, restricted',
    );
    // the check is case-sensitive
    expect(
      configError({ policies: { podSecurityStandard: 'Restricted' } }),
    ).toMatch(/enforce-pod-security-standard=Restricted,/);
  });

  it('reads the level from the config, empty when unset', () => {
    expect(podSecurityStandard({})).toBe('');
    expect(
      podSecurityStandard({ policies: { podSecurityStandard: 'baseline' } }),
    ).toBe('baseline');
  });
});
