import {
  MAX_VIRTUAL_CLUSTER_NAME_LENGTH,
  validateVirtualClusterName,
  virtualClusterNamespace,
} from './names';

describe('validateVirtualClusterName', () => {
  it.each(['team-a', 'a', '1x', 'a'.repeat(MAX_VIRTUAL_CLUSTER_NAME_LENGTH)])(
    'accepts %s',
    name => {
      expect(validateVirtualClusterName(name)).toBeUndefined();
    },
  );

  it.each([
    ['', 'Name is required'],
    [undefined, 'Name is required'],
    ['Team-A', 'lower case'],
    ['-team', 'start and end'],
    ['team-', 'start and end'],
    ['team_a', 'lower case'],
    ['team.a', 'lower case'],
    ['../etc', 'lower case'],
    ['a'.repeat(MAX_VIRTUAL_CLUSTER_NAME_LENGTH + 1), 'at most 52'],
  ])('rejects %p', (name, message) => {
    expect(validateVirtualClusterName(name)).toContain(message);
  });

  it('derives the host namespace', () => {
    expect(virtualClusterNamespace('team-a')).toBe('vc-team-a');
  });
});
