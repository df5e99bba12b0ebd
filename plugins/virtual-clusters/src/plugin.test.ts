import { virtualClustersPlugin } from './plugin';

describe('virtual-clusters', () => {
  it('should export plugin', () => {
    expect(virtualClustersPlugin).toBeDefined();
  });
});
