import { kubectlError, tarballDir } from './Deployer.ts';

describe('the deploy controller’s helpers', () => {
  it('pulls a chart into a folder named by sha256(repo + name + version) (getTarballDir v0.32.3)', () => {
    // printed by Go for the same input
    expect(
      tarballDir('/tmp', 'http://127.0.88.1:8080', 'hello-profile', '1.0.0'),
    ).toBe('/tmp/c10c4f0a31');
  });

  it('reads kubectl’s printed errors as the Go errors behind them', () => {
    expect(
      kubectlError(
        'Warning: resource configmaps/a is missing the kubectl.kubernetes.io/last-applied-configuration annotation\nError from server (NotFound): error when creating "manifests": namespaces "nope" not found\n',
      ),
    ).toBe('error when creating "manifests": namespaces "nope" not found');
    expect(kubectlError('error: one\nerror: two\n')).toBe('[one, two]');
  });
});
