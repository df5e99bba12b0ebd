import { ServiceUnavailableError } from '@backstage/errors';
import { CoreV1Api } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { readVirtualClusterKubeConfig } from './virtualClusterKubeConfig';

const kubeconfig = (server: string) =>
  Buffer.from(
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'vc',
          cluster: { server, 'certificate-authority-data': 'Q0E=' },
        },
      ],
      users: [
        {
          name: 'admin',
          user: {
            'client-certificate-data': 'Q0VSVA==',
            'client-key-data': 'S0VZ',
          },
        },
      ],
      contexts: [{ name: 'vc', context: { cluster: 'vc', user: 'admin' } }],
      'current-context': 'vc',
    }),
  ).toString('base64');

/** A host whose only objects are these Secrets (name → data). */
function host(secrets: Record<string, Record<string, string>>) {
  const read: string[] = [];
  const core = {
    async readNamespacedSecret({ name }: { name: string }) {
      read.push(name);
      if (!secrets[name]) {
        throw Object.assign(new Error('not found'), { code: 404 });
      }
      return { data: secrets[name] };
    },
  } as unknown as CoreV1Api;
  return { core, read };
}

describe('readVirtualClusterKubeConfig', () => {
  it("prefers the provider's Secret, whose server is the control plane endpoint", async () => {
    const { core, read } = host({
      'a-kubeconfig': { value: kubeconfig('https://203.0.113.7:443') },
      'vc-a': { config: kubeconfig('https://localhost:8443') },
    });
    const kc = await readVirtualClusterKubeConfig({
      core,
      name: 'a',
      namespace: 'vc-a',
    });
    expect(kc.getCurrentCluster()).toMatchObject({
      server: 'https://203.0.113.7:443',
      caData: 'Q0E=',
    });
    expect(kc.getCurrentUser()?.certData).toBe('Q0VSVA==');
    expect(read).toEqual(['a-kubeconfig']);
  });

  it('falls back to vc-<name>, never dialling its localhost server', async () => {
    const { core } = host({
      'vc-a': { config: kubeconfig('https://localhost:8443') },
    });
    const kc = await readVirtualClusterKubeConfig({
      core,
      name: 'a',
      namespace: 'vc-a',
      endpoint: 'https://a.vc.example.com:443',
    });
    expect(kc.getClusters().map(c => c.server)).toEqual([
      'https://a.vc.example.com:443',
    ]);
    expect(kc.getCurrentCluster()?.caData).toBe('Q0E=');
    expect(kc.getCurrentUser()?.keyData).toBe('S0VZ');
  });

  it('replaces an in-cluster server of the provider Secret by the known endpoint', async () => {
    const { core } = host({
      'a-kubeconfig': { value: kubeconfig('https://a.vc-a.svc:443') },
    });
    const kc = await readVirtualClusterKubeConfig({
      core,
      name: 'a',
      namespace: 'vc-a',
      endpoint: 'https://198.51.100.2:443',
    });
    expect(kc.getCurrentCluster()?.server).toBe('https://198.51.100.2:443');
  });

  it('is unavailable without the provider Secret and without an endpoint', async () => {
    const { core, read } = host({
      'vc-a': { config: kubeconfig('https://localhost:8443') },
    });
    const attempt = readVirtualClusterKubeConfig({
      core,
      name: 'a',
      namespace: 'vc-a',
    });
    await expect(attempt).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(attempt).rejects.toThrow(
      'no Secret a-kubeconfig from the provider and no external endpoint known',
    );
    expect(read).toEqual(['a-kubeconfig']);
    await expect(
      readVirtualClusterKubeConfig({
        core: host({}).core,
        name: 'a',
        namespace: 'vc-a',
        endpoint: 'https://198.51.100.2:443',
      }),
    ).rejects.toThrow('neither Secret a-kubeconfig nor vc-a exists in vc-a');
  });
});
