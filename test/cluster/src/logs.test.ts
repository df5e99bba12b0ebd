import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  RbacAuthorizationV1Api,
  V1Container,
} from '@kubernetes/client-node';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CONTAINER_TICK_LINE,
  containerStartLines,
  eventually,
  getTestPlane,
  planeStateDir,
  TestPlane,
} from './index';

jest.setTimeout(240_000);

const NS = 'vc-logs-test';
const NAME = 'logs-test';
const GROUP = 'infrastructure.cluster.x-k8s.io';

const WEB = {
  name: 'web',
  image: 'nginx:1.27',
  args: ['nginx', '-g', 'daemon off;'],
};
const SIDECAR = {
  name: 'sidecar',
  image: 'busybox:1.36',
  command: ['sh', '-c', 'tail -f /dev/null'],
};

/** Runs a command; resolves with its exit code, stdout and stderr (never rejects). */
function run(command: string, args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>(
    resolve => {
      execFile(
        command,
        args,
        { encoding: 'utf8', timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({
            code: error ? Number((error as { code?: number }).code ?? 1) : 0,
            stdout,
            stderr,
          }),
      );
    },
  );
}

/** A GET to the fake kubelet at `https://<address>:10250<path>`, with a client certificate or none. */
function kubeletGet(
  address: string,
  path: string,
  tls: { ca: Buffer; cert?: Buffer; key?: Buffer },
) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: address, port: 10250, path, ...tls, timeout: 10_000 },
      res => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', chunk => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

const lines = (text: string) => text.split('\n').filter(l => l !== '');

describe('kubectl logs inside a virtual cluster, through vcluster fake kubelet and the host kubelet (kwok)', () => {
  let plane: TestPlane;
  let core: CoreV1Api;
  let vCore: CoreV1Api;
  let virtual: KubeConfig;
  let dir: string;
  let adminKubeconfig: string;
  let address: string;

  const kubectl = (kubeconfig: string, args: string[]) =>
    run(plane.kubectlPath, ['--kubeconfig', kubeconfig, ...args]);

  /** A kubeconfig file for ServiceAccount app/<name> of the virtual cluster. */
  const serviceAccountKubeconfig = async (name: string) => {
    const { status } = await vCore.createNamespacedServiceAccountToken({
      name,
      namespace: 'app',
      body: { spec: { audiences: [], expirationSeconds: 600 } },
    });
    const cluster = virtual.getCurrentCluster()!;
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [cluster],
      users: [{ name, token: status!.token }],
      contexts: [{ name, cluster: cluster.name, user: name }],
      currentContext: name,
    });
    const file = join(dir, `${name}.kubeconfig`);
    writeFileSync(file, kc.exportConfig());
    return file;
  };

  beforeAll(async () => {
    plane = await getTestPlane();
    core = plane.hostKubeConfig.makeApiClient(CoreV1Api);
    await core
      .createNamespace({ body: { metadata: { name: NS } } })
      .catch(() => undefined);
    await plane.hostKubeConfig
      .makeApiClient(CustomObjectsApi)
      .createNamespacedCustomObject({
        group: GROUP,
        version: 'v1alpha1',
        plural: 'vclusters',
        namespace: NS,
        body: {
          apiVersion: `${GROUP}/v1alpha1`,
          kind: 'VCluster',
          metadata: { name: NAME, namespace: NS },
          spec: {
            helmRelease: {
              chart: {
                name: 'vcluster',
                repo: 'https://charts.loft.sh',
                version: '0.32.3',
              },
              values: [
                'controlPlane:',
                '  distro:',
                '    k3s: { enabled: true, image: { tag: v1.32.5-k3s1 } }',
                '  service:',
                '    spec: { type: LoadBalancer }',
                '',
              ].join('\n'),
            },
          },
        },
      });
    await plane.waitForVirtualCluster(NS, NAME);
    virtual = await plane.virtualKubeConfig(NS, NAME);
    address = new URL(virtual.getCurrentCluster()!.server).hostname;
    vCore = virtual.makeApiClient(CoreV1Api);
    dir = mkdtempSync(join(tmpdir(), 'vc-logs-test-'));
    adminKubeconfig = join(dir, 'admin.kubeconfig');
    writeFileSync(adminKubeconfig, virtual.exportConfig());

    await vCore.createNamespace({ body: { metadata: { name: 'app' } } });
    const pod = (name: string, containers: V1Container[]) =>
      vCore.createNamespacedPod({
        namespace: 'app',
        body: { metadata: { name }, spec: { containers } },
      });
    await pod('two', [WEB, SIDECAR]);
    await pod('one', [{ name: 'main', image: 'busybox:1.36' }]);
    // running inside and on the host, and its logs served
    await eventually(
      () => kubectl(adminKubeconfig, ['logs', '-n', 'app', 'two', '-c', 'web']),
      r => r.code === 0 && r.stdout.includes('container web started'),
      { timeoutMs: 60_000 },
    );
  });

  afterAll(async () => {
    await plane?.hostKubeConfig
      .makeApiClient(CustomObjectsApi)
      .deleteNamespacedCustomObject({
        group: GROUP,
        version: 'v1alpha1',
        plural: 'vclusters',
        namespace: NS,
        name: NAME,
      })
      .catch(() => undefined);
  });

  it("prints each container's start lines, then its periodic line; -c picks the container", async () => {
    const web = await kubectl(adminKubeconfig, [
      'logs',
      '-n',
      'app',
      'two',
      '-c',
      'web',
    ]);
    expect(web.code).toBe(0);
    const start = containerStartLines(WEB);
    expect(start).toEqual([
      'container web started (image nginx:1.27)',
      'nginx',
      '-g',
      'daemon off;',
    ]);
    expect(lines(web.stdout).slice(0, start.length)).toEqual(start);
    for (const line of lines(web.stdout).slice(start.length)) {
      expect(line).toMatch(CONTAINER_TICK_LINE);
      expect(CONTAINER_TICK_LINE.exec(line)![1]).toBe('web');
    }

    const sidecar = await kubectl(adminKubeconfig, [
      'logs',
      '-n',
      'app',
      'two',
      '-c',
      'sidecar',
    ]);
    expect(lines(sidecar.stdout).slice(0, 4)).toEqual([
      'container sidecar started (image busybox:1.36)',
      'sh',
      '-c',
      'tail -f /dev/null',
    ]);

    // kubectl's own default for a pod of two containers: the first, said on stderr
    const defaulted = await kubectl(adminKubeconfig, [
      'logs',
      '-n',
      'app',
      'two',
    ]);
    expect(defaulted.stderr).toContain(
      'Defaulted container "web" out of: web, sidecar',
    );
    expect(lines(defaulted.stdout)[0]).toBe(start[0]);
  });

  it('--tail=1 and --timestamps read the CRI file as the kubelet does', async () => {
    const tail = await kubectl(adminKubeconfig, [
      'logs',
      '-n',
      'app',
      'one',
      '--tail=1',
      '--timestamps',
    ]);
    expect(tail.code).toBe(0);
    const [line, ...more] = lines(tail.stdout);
    expect(more).toEqual([]);
    // <RFC3339Nano> <text>
    expect(line).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z container main (started \(image busybox:1\.36\)|running for \d+s)$/,
    );
  });

  it('-f streams: a new line arrives within seconds', async () => {
    const child = spawn(plane.kubectlPath, [
      '--kubeconfig',
      adminKubeconfig,
      'logs',
      '-f',
      '--tail=1',
      '-n',
      'app',
      'one',
    ]);
    let out = '';
    child.stdout.on('data', chunk => {
      out += chunk;
    });
    try {
      const started = Date.now();
      await eventually(
        async () => lines(out),
        l => l.length >= 2 && CONTAINER_TICK_LINE.test(l[l.length - 1]),
        { timeoutMs: 10_000, intervalMs: 200 },
      );
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      child.kill();
    }
  });

  it('--previous of a container that never restarted, and an unknown container, answer as the real servers do', async () => {
    const previous = await kubectl(adminKubeconfig, [
      'logs',
      '-n',
      'app',
      'one',
      '--previous',
    ]);
    expect(previous.code).not.toBe(0);
    // the host's kubelet is kwok: its error (pkg/kwok/server/debugging_logs.go, no
    // previousLogsFile), passed on as a BadRequest by both API servers
    // (with no previousLogsFile kwok reads "", which is its working directory)
    expect(previous.stderr.trim()).toBe(
      'Error from server (BadRequest): failed to read log file ".": read .: is a directory',
    );

    // kubectl checks the container against the pod it read first; the virtual API
    // server, for a client that does not, against the virtual pod
    const unknown = await kubectl(adminKubeconfig, [
      'logs',
      '-n',
      'app',
      'two',
      '-c',
      'nope',
    ]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr.trim()).toBe(
      'error: container nope is not valid for pod two out of: web, sidecar',
    );
    await expect(
      vCore.readNamespacedPodLog({
        name: 'two',
        namespace: 'app',
        container: 'nope',
      }),
    ).rejects.toMatchObject({
      code: 400,
      body: expect.stringContaining(
        '"message":"container nope is not valid for pod two"',
      ),
    });
  });

  it("the fake kubelet: authorizes by nodes/proxy, checks the container against the virtual pod and serves the host pod's log", async () => {
    const cluster = virtual.getCurrentCluster()!;
    const user = virtual.getCurrentUser()!;
    const ca = Buffer.from(cluster.caData!, 'base64');
    const admin = {
      ca,
      cert: Buffer.from(user.certData!, 'base64'),
      key: Buffer.from(user.keyData!, 'base64'),
    };
    const ok = await kubeletGet(
      address,
      '/containerLogs/app/two/sidecar?tailLines=100',
      admin,
    );
    expect(ok.status).toBe(200);
    expect(lines(ok.body)[0]).toBe(
      'container sidecar started (image busybox:1.36)',
    );

    // the kubelet's query as PodLogOptions of the host's pods/log: `tail`, its legacy
    // name of tailLines, and kwok's error for --previous, as the kubelet's text
    const tail = await kubeletGet(
      address,
      '/containerLogs/app/two/sidecar?tail=1',
      admin,
    );
    expect(tail.status).toBe(200);
    expect(lines(tail.body)).toHaveLength(1);
    const previous = await kubeletGet(
      address,
      '/containerLogs/app/one/main?previous=true',
      admin,
    );
    expect(previous).toEqual({
      status: 400,
      body: 'failed to read log file ".": read .: is a directory',
    });

    // a container the virtual pod does not have, or a pod it does not have
    for (const path of [
      '/containerLogs/app/two/nope',
      '/containerLogs/app/missing/web',
    ]) {
      const denied = await kubeletGet(address, path, admin);
      expect(denied.status).toBe(403);
      expect(JSON.parse(denied.body)).toMatchObject({
        kind: 'Status',
        reason: 'Forbidden',
        message:
          'nodes is forbidden: access denied: pod does not belong to this virtual cluster',
        code: 403,
      });
    }

    // anonymous: the SubjectAccessReview for nodes/proxy says no
    const anonymous = await kubeletGet(address, '/containerLogs/app/two/web', {
      ca,
    });
    expect(anonymous.status).toBe(403);
    expect(JSON.parse(anonymous.body).message).toBe(
      'forbidden: User "system:anonymous" cannot get path "/containerLogs/app/two/web"',
    );
  });

  it("the hosts' nodes are on loopback: pods/log reaches their kubelet (kwok), nodes/proxy is refused", async () => {
    for (const [kc, port] of [
      [plane.hostKubeConfig, 10250],
      [plane.capiHost.kubeConfig, 10270],
    ] as const) {
      const node = await kc
        .makeApiClient(CoreV1Api)
        .readNode({ name: 'kwok-node-0' });
      expect(
        node.status?.addresses?.filter(a => a.type === 'InternalIP'),
      ).toEqual([{ type: 'InternalIP', address: '127.0.0.1' }]);
      expect(node.status?.daemonEndpoints?.kubeletEndpoint?.Port).toBe(port);
    }
    // the host's own nodes/proxy: kube-apiserver proxies to global unicast addresses only
    // (pkg/registry/core/node/strategy.go isProxyableHostname)
    const proxied = await kubectl(plane.kubeconfigPath, [
      'get',
      '--raw',
      `/api/v1/nodes/kwok-node-0/proxy/containerLogs/${NS}/two-x-app-x-logs-test/web`,
    ]);
    expect(proxied.code).not.toBe(0);
    expect(proxied.stderr).toContain('address not allowed');
    // so are the fake kubelet's other paths, which go on to it as upstream's do
    const cluster = virtual.getCurrentCluster()!;
    const user = virtual.getCurrentUser()!;
    const healthz = await kubeletGet(address, '/healthz', {
      ca: Buffer.from(cluster.caData!, 'base64'),
      cert: Buffer.from(user.certData!, 'base64'),
      key: Buffer.from(user.keyData!, 'base64'),
    });
    expect(healthz.status).toBe(400);
    expect(JSON.parse(healthz.body).message).toBe('address not allowed');
  });

  it('RBAC inside decides: the view role reads logs, a role without pods/log gets Forbidden', async () => {
    const rbac = virtual.makeApiClient(RbacAuthorizationV1Api);
    for (const name of ['viewer', 'pod-reader']) {
      await vCore.createNamespacedServiceAccount({
        namespace: 'app',
        body: { metadata: { name } },
      });
    }
    await rbac.createNamespacedRoleBinding({
      namespace: 'app',
      body: {
        metadata: { name: 'viewer' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'view',
        },
        subjects: [
          { kind: 'ServiceAccount', name: 'viewer', namespace: 'app' },
        ],
      },
    });
    await rbac.createNamespacedRole({
      namespace: 'app',
      body: {
        metadata: { name: 'pod-reader' },
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: 'app',
      body: {
        metadata: { name: 'pod-reader' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Role',
          name: 'pod-reader',
        },
        subjects: [
          { kind: 'ServiceAccount', name: 'pod-reader', namespace: 'app' },
        ],
      },
    });
    const viewer = await kubectl(await serviceAccountKubeconfig('viewer'), [
      'logs',
      '-n',
      'app',
      'two',
      '-c',
      'sidecar',
    ]);
    expect(viewer.code).toBe(0);
    expect(lines(viewer.stdout)[0]).toBe(
      'container sidecar started (image busybox:1.36)',
    );
    const reader = await kubectl(await serviceAccountKubeconfig('pod-reader'), [
      'logs',
      '-n',
      'app',
      'two',
      '-c',
      'sidecar',
    ]);
    expect(reader.code).not.toBe(0);
    expect(reader.stderr.trim()).toBe(
      'Error from server (Forbidden): pods "two" is forbidden: User "system:serviceaccount:app:pod-reader" cannot get resource "pods/log" in API group "" in the namespace "app"',
    );
  });

  it("the host's kubectl logs reads the synced pod's same file; the log goes with the pod", async () => {
    const hostPod = 'two-x-app-x-logs-test';
    const host = await kubectl(plane.kubeconfigPath, [
      'logs',
      '-n',
      NS,
      hostPod,
      '-c',
      'sidecar',
    ]);
    expect(host.code).toBe(0);
    expect(lines(host.stdout)[0]).toBe(
      'container sidecar started (image busybox:1.36)',
    );
    // kwok's Logs object is on the host, owned by the host pod; nothing of kwok's inside
    const custom = plane.hostKubeConfig.makeApiClient(CustomObjectsApi);
    const logs = (await custom.getNamespacedCustomObject({
      group: 'kwok.x-k8s.io',
      version: 'v1alpha1',
      plural: 'logs',
      namespace: NS,
      name: hostPod,
    })) as {
      metadata: { ownerReferences: Array<{ kind: string; name: string }> };
      spec: { logs: Array<{ containers: string[]; logsFile: string }> };
    };
    expect(logs.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Pod', name: hostPod }),
    ]);
    expect(logs.spec.logs.map(l => l.containers)).toEqual([
      ['web'],
      ['sidecar'],
    ]);
    expect(logs.spec.logs[0].logsFile).toMatch(
      new RegExp(`/pod-logs/local/${NS}_${hostPod}_[0-9a-f-]+/web/0\\.log$`),
    );
    const crds = await kubectl(adminKubeconfig, ['get', 'crd', '-o', 'name']);
    expect(crds.stdout).not.toContain('kwok.x-k8s.io');

    // the pod is deleted inside: the host pod, its Logs object and its log files go
    await vCore.deleteNamespacedPod({
      name: 'one',
      namespace: 'app',
      gracePeriodSeconds: 0,
    });
    await eventually(
      () =>
        custom
          .listNamespacedCustomObject({
            group: 'kwok.x-k8s.io',
            version: 'v1alpha1',
            plural: 'logs',
            namespace: NS,
          })
          .then(l => l as { items: Array<{ metadata: { name: string } }> }),
      l => !l.items.some(i => i.metadata.name === 'one-x-app-x-logs-test'),
    );
    const folder = join(planeStateDir(), 'pod-logs', 'local');
    await eventually(
      async () => (existsSync(folder) ? readdirSync(folder) : []),
      entries => !entries.some(e => e.startsWith(`${NS}_one-x-app-x`)),
    );
  });
});
