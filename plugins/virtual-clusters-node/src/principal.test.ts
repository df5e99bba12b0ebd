import { mockCredentials } from '@backstage/backend-test-utils';
import { principalName } from './principal';

describe('principalName', () => {
  it('names a user by entity ref, a service by subject, and nobody as none', () => {
    expect(principalName(mockCredentials.user('user:default/jane'))).toBe(
      'user:default/jane',
    );
    expect(principalName(mockCredentials.service('plugin:scaffolder'))).toBe(
      'plugin:scaffolder',
    );
    expect(principalName(mockCredentials.none())).toBe('none');
  });
});
