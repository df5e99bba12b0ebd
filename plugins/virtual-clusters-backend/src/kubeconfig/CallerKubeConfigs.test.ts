import { KubeConfig } from '@kubernetes/client-node';
import { impersonating } from './CallerKubeConfigs';

describe('impersonating', () => {
  it('copies the kubeconfig with the current user impersonating, leaving the admin one as it was', async () => {
    const admin = new KubeConfig();
    admin.loadFromOptions({
      clusters: [
        { name: 'vc', server: 'https://127.0.0.9:443', caData: 'Y2E=' },
      ],
      users: [{ name: 'admin', certData: 'Y2VydA==', keyData: 'a2V5' }],
      contexts: [{ name: 'vc', cluster: 'vc', user: 'admin' }],
      currentContext: 'vc',
    });
    const user = 'system:serviceaccount:backstage-access:jane-m-12345678';
    const copy = impersonating(admin, user);

    const headers = async (kc: KubeConfig) =>
      (await kc.applyToFetchOptions({ headers: {} })).headers as unknown as {
        get(name: string): string | null;
      };
    expect((await headers(copy)).get('Impersonate-User')).toBe(user);
    expect((await headers(admin)).get('Impersonate-User')).toBeNull();
    expect(copy.getCurrentUser()?.certData).toBe('Y2VydA==');
    expect(copy.getCurrentCluster()?.server).toBe('https://127.0.0.9:443');
    expect(admin.getCurrentUser()?.impersonateUser).toBeUndefined();
  });
});
