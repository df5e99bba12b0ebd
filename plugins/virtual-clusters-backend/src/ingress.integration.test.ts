import { CoreV1Api, NetworkingV1Api } from '@kubernetes/client-node';
import {
  eventually,
  getTestPlane,
  requirePlaneDns,
  TestPlane,
} from '@virtual-clusters/test-cluster';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, PeerCertificate } from 'node:tls';
import { startPlaneBackend, users } from './__testUtils__/planeBackend';

jest.setTimeout(300_000);

// unique per run, so a plane left running by an earlier run does not get in the way
const run = Date.now().toString(36).slice(-5);
const { jane, bob } = users;

/**
 * The TLS handshake a client makes to `host:443` by SNI name: the certificate the far
 * end presents, or the error. No verification here: the test looks at what it got.
 */
function handshake(
  host: string,
): Promise<{ cert: PeerCertificate } | { error: string }> {
  return new Promise(resolve => {
    const socket = connect({
      host,
      port: 443,
      servername: host,
      rejectUnauthorized: false,
      timeout: 10_000,
    });
    socket.once('secureConnect', () => {
      resolve({ cert: socket.getPeerCertificate() });
      socket.destroy();
    });
    socket.once('timeout', () => {
      resolve({ error: 'timeout' });
      socket.destroy();
    });
    socket.once('error', error => resolve({ error: String(error) }));
  });
}

describe('Ingress access: the plane NGINX with SSL passthrough and a wildcard DNS name', () => {
  let plane: TestPlane;
  let backend: Awaited<ReturnType<typeof startPlaneBackend>>;
  const domain = 'vc.plane.test';

  beforeAll(async () => {
    requirePlaneDns();
    plane = await getTestPlane();
    const host = (name: string, exposure: object) => ({
      ...plane.hostClusterConfig(name),
      exposure: { type: 'Ingress', ...exposure },
    });
    backend = await startPlaneBackend({
      hostClusters: [
        host('ingress', { ingressClassName: 'nginx', wildcardDomain: domain }),
        // the plane's second controller runs without --enable-ssl-passthrough
        host('no-passthrough', {
          ingressClassName: 'nginx-plain',
          wildcardDomain: 'plain.plane.test',
        }),
        // a domain nobody made a DNS record for
        host('no-dns', {
          ingressClassName: 'nginx',
          wildcardDomain: 'nowhere.plane.test',
        }),
        host('no-class', {
          ingressClassName: 'traefik',
          wildcardDomain: domain,
        }),
      ],
    });
  });

  it('checks what an Ingress host needs, each problem with what to do about it', async () => {
    const res = await backend.api(jane).get('/host-clusters');
    expect(res.status).toBe(200);
    const checks = (name: string) => {
      const host = res.body.items.find(
        (h: { name: string }) => h.name === name,
      );
      return Object.fromEntries(
        host.checks.map((c: { name: string; ok: boolean; message: string }) => [
          c.name,
          c,
        ]),
      );
    };
    const ready = res.body.items.find(
      (h: { name: string }) => h.name === 'ingress',
    );
    expect(ready.ready).toBe(true);
    expect(checks('ingress')).toMatchObject({
      'ingress-class': { ok: true },
      'ssl-passthrough': { ok: true },
      'wildcard-dns': {
        ok: true,
        message: expect.stringContaining('127.0.80.1'),
      },
    });
    expect(checks('no-passthrough')['ssl-passthrough']).toMatchObject({
      ok: false,
      message: expect.stringContaining('--enable-ssl-passthrough'),
    });
    expect(checks('no-dns')['wildcard-dns']).toMatchObject({
      ok: false,
      message: expect.stringContaining('*.nowhere.plane.test'),
    });
    expect(checks('no-class')['ingress-class']).toMatchObject({
      ok: false,
      message: expect.stringContaining('traefik'),
    });
    for (const name of ['no-passthrough', 'no-dns', 'no-class']) {
      expect(
        res.body.items.find((h: { name: string }) => h.name === name).ready,
      ).toBe(false);
    }
  });

  it('serves each cluster under its own name through NGINX, verified by kubectl; pause closes the name, delete removes the Ingress', async () => {
    const names = [`ing-a-${run}`, `ing-b-${run}`];
    const ids: string[] = [];
    for (const name of names) {
      const created = await backend.api(jane).post('/clusters', {
        name,
        hostCluster: 'ingress',
        owner: 'user:default/jane',
      });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    const running = await Promise.all(
      ids.map(id => backend.clusterWhen(id, c => c.phase === 'Running')),
    );
    const [a, b] = names;
    const act = (id: string, action: string) =>
      backend.api(jane).patch(`/clusters/${id}`, { action });
    expect(running.map(c => c.endpoint)).toEqual([
      `https://${a}.${domain}:443`,
      `https://${b}.${domain}:443`,
    ]);
    // only the run's own processes resolve the names
    expect(plane.resolvesOutside(`${a}.${domain}`)).toBe(false);

    // the chart's Ingress, served by the plane's controller, which publishes its address
    const networking = plane.hostKubeConfig.makeApiClient(NetworkingV1Api);
    const ingress = await eventually(
      () => networking.readNamespacedIngress({ name: a, namespace: `vc-${a}` }),
      i => i.status?.loadBalancer?.ingress?.[0]?.ip === '127.0.80.1',
    );
    expect(ingress.spec!.rules![0].host).toBe(`${a}.${domain}`);

    // TLS ends at the virtual API server: its certificate names the host
    const tls = await handshake(`${a}.${domain}`);
    expect('cert' in tls && tls.cert.subjectaltname).toContain(
      `DNS:${a}.${domain}`,
    );
    expect('cert' in tls && tls.cert.subject.CN).not.toMatch(
      /Ingress Controller Fake Certificate/,
    );

    // the kubeconfigs from the API work in kubectl, certificate verified (no insecure flag)
    const dir = mkdtempSync(join(tmpdir(), 'vc-ing-'));
    const kubeconfig = async (id: string, who: string, file: string) => {
      const res = await backend.api(who).get(`/clusters/${id}/kubeconfig`);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('insecure-skip-tls-verify');
      writeFileSync(join(dir, file), res.text);
      return { kubeconfig: join(dir, file) };
    };
    const ownA = await kubeconfig(ids[0], jane, 'a.yaml');
    const ownB = await kubeconfig(ids[1], jane, 'b.yaml');
    expect(
      plane.kubectl(
        [
          'config',
          'view',
          '--minify',
          '-o',
          'jsonpath={.clusters[0].cluster.server}',
        ],
        ownA,
      ),
    ).toBe(`https://${a}.${domain}:443`);
    plane.kubectl(['create', 'namespace', 'only-in-a'], ownA);
    // two names, two API servers
    expect(plane.kubectl(['get', 'namespaces', '-o', 'name'], ownA)).toContain(
      'namespace/only-in-a',
    );
    expect(
      plane.kubectl(['get', 'namespaces', '-o', 'name'], ownB),
    ).not.toContain('namespace/only-in-a');
    const readerA = await kubeconfig(ids[0], bob, 'a-bob.yaml');
    expect(
      plane.kubectl(['get', 'namespaces', '-o', 'name'], readerA),
    ).toContain('namespace/only-in-a');

    // the backend reaches the cluster the same way: workloads and a backup
    plane.kubectl(
      ['create', 'deployment', 'web', '--image=nginx:1.27', '-n', 'only-in-a'],
      ownA,
    );
    const workloads = await eventually(
      async () =>
        (
          await backend.api(jane).get(`/clusters/${ids[0]}/workloads`)
        ).body,
      w =>
        (w.namespaces ?? []).some(
          (n: { name: string; workloads: Array<{ name: string }> }) =>
            n.name === 'only-in-a' && n.workloads.some(x => x.name === 'web'),
        ),
    );
    expect(workloads.namespaces.length).toBeGreaterThan(0);
    const backup = await backend.api(jane).post(`/clusters/${ids[0]}/backups`);
    expect(backup.status).toBe(201);
    expect(backup.body.status).toBe('completed');
    const details = await backend
      .api(jane)
      .get(`/clusters/${ids[0]}/backups/${backup.body.id}`);
    expect(
      details.body.objects.map(
        (o: { kind: string; namespace?: string; name: string }) =>
          `${o.kind} ${o.namespace ?? ''}/${o.name}`,
      ),
    ).toEqual(
      expect.arrayContaining([
        'Namespace /only-in-a',
        'Deployment only-in-a/web',
      ]),
    );

    // pause: the name stops answering, the other cluster's does not
    expect((await act(ids[0], 'pause')).status).toBe(200);
    await backend.clusterWhen(ids[0], c => c.phase === 'Paused');
    await eventually(
      () => handshake(`${a}.${domain}`),
      r => 'error' in r,
    );
    expect('cert' in (await handshake(`${b}.${domain}`))).toBe(true);
    // resume: it answers again, with its data
    expect((await act(ids[0], 'resume')).status).toBe(200);
    await backend.clusterWhen(ids[0], c => c.phase === 'Running');
    expect(plane.kubectl(['get', 'namespaces', '-o', 'name'], ownA)).toContain(
      'namespace/only-in-a',
    );

    // delete: the Ingress goes with the release; the name falls to NGINX's default server
    await Promise.all(ids.map(id => backend.deleteAndWait(id)));
    await eventually(
      () =>
        networking
          .readNamespacedIngress({ name: a, namespace: `vc-${a}` })
          .then(
            () => 'present',
            (e: { code?: number }) => (e.code === 404 ? 'gone' : 'error'),
          ),
      state => state === 'gone',
    );
    const core = plane.hostKubeConfig.makeApiClient(CoreV1Api);
    await eventually(
      () =>
        core.readNamespace({ name: `vc-${a}` }).then(
          () => 'present',
          (e: { code?: number }) => (e.code === 404 ? 'gone' : 'error'),
        ),
      state => state === 'gone',
    );
    const after = await eventually(
      () => handshake(`${a}.${domain}`),
      r => 'cert' in r,
    );
    expect('cert' in after && after.cert.subject.CN).toBe(
      'Kubernetes Ingress Controller Fake Certificate',
    );
  });
});
