import { checkUpgradePath } from './validateCreateRequest';

describe('checkUpgradePath', () => {
  it.each([
    ['1.32', '1.33', undefined],
    ['1.33', '1.33', undefined],
    ['v1.32.5', '1.33', undefined],
    ['1.33', '1.32', 'cannot downgrade from 1.33 to 1.32'],
    ['1.31', '1.33', 'cannot skip a minor version: upgrade 1.31 to 1.32 first'],
    ['1.33', '2.0', 'cannot change the major version (1.33 to 2.0)'],
  ])('%s → %s', (from, to, refusal) => {
    expect(checkUpgradePath(from, to)).toBe(refusal);
  });
});
