import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import type { StampedBinaries } from './binaries.ts';
import { ensureCertificates, type PlaneCertificates } from './certificates.ts';

/** Where the host plane's binaries and state are. */
export interface PlaneEnvironment {
  binDir: string;
  stateDir: string;
  etcdUrl: string;
  kwokConfig: string;
}

/** The port vcluster's fake kubelets answer on (pkg/constants/annotation.go KubeletPort, v0.32.3). */
export const KUBELET_PORT = 10250;

const COMPONENTS = [
  'apiserver',
  'controller-manager',
  'scheduler',
  'kwok',
] as const;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * One virtual control plane: a kube-apiserver on the host's etcd under its own
 * prefix, bound to its own loopback address on :443, with its own controller-manager,
 * scheduler and kwok. Processes are recorded in the plane's pid folder, so that
 * `plane.sh stop` ends them and a restarted stand-in adopts them.
 */
export class VirtualControlPlane {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly address: string;
  readonly #env: PlaneEnvironment;
  readonly #dir: string;
  #certs?: PlaneCertificates;

  constructor(options: {
    namespace: string;
    name: string;
    address: string;
    env: PlaneEnvironment;
    /** Host cluster name, when the stand-in serves more than one. */
    host?: string;
    keyPrefix?: string;
  }) {
    this.key = `${options.keyPrefix ?? ''}${options.namespace}-${options.name}`;
    this.namespace = options.namespace;
    this.name = options.name;
    this.address = options.address;
    this.#env = options.env;
    this.#dir = join(options.env.stateDir, 'vclusters', this.key);
    mkdirSync(this.#dir, { recursive: true });
    writeFileSync(
      join(this.#dir, 'meta.json'),
      JSON.stringify({
        host: options.host ?? '',
        namespace: this.namespace,
        name: this.name,
      }),
    );
  }

  /** The control planes an earlier stand-in left on disk for `host`. */
  static known(
    env: PlaneEnvironment,
    host: string,
  ): Array<{ namespace: string; name: string }> {
    const root = join(env.stateDir, 'vclusters');
    if (!existsSync(root)) return [];
    return readdirSync(root)
      .map(d => join(root, d, 'meta.json'))
      .filter(f => existsSync(f))
      .map(f => JSON.parse(readFileSync(f, 'utf8')))
      .filter(m => (m.host ?? '') === host);
  }

  /** The control plane's own folder under the plane's state. */
  get workDir(): string {
    return this.#dir;
  }

  /** The admin kubeconfig as a file (written when the control plane starts). */
  get kubeconfigFile(): string {
    return join(this.#dir, 'admin.kubeconfig');
  }

  /** The uid of the host pod this control plane runs as (a new pod means a restart). */
  get podUid(): string | undefined {
    const file = join(this.#dir, 'pod-uid');
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }

  set podUid(uid: string | undefined) {
    mkdirSync(this.#dir, { recursive: true });
    writeFileSync(join(this.#dir, 'pod-uid'), uid ?? '');
  }

  /** CA, admin client certificate and service-account keys (made once, kept on disk). */
  get certs(): PlaneCertificates {
    this.#certs ??= ensureCertificates(join(this.#dir, 'pki'));
    return this.#certs;
  }

  #pidFile(component: string) {
    return join(this.#env.stateDir, 'pids', `vc-${this.key}-${component}.pid`);
  }

  #pid(component: string): number | undefined {
    const file = this.#pidFile(component);
    if (!existsSync(file)) return undefined;
    const pid = Number(readFileSync(file, 'utf8'));
    return alive(pid) ? pid : undefined;
  }

  /** All processes run. */
  running(): boolean {
    return COMPONENTS.every(c => this.#pid(c) !== undefined);
  }

  /** The admin kubeconfig, pointed at `server`. */
  kubeconfig(server = `https://${this.address}:443`): string {
    const b64 = (f: string) => readFileSync(f).toString('base64');
    return [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `  - name: vcluster`,
      '    cluster:',
      `      server: ${server}`,
      `      certificate-authority-data: ${b64(this.certs.caCert)}`,
      'users:',
      '  - name: admin',
      '    user:',
      `      client-certificate-data: ${b64(this.certs.adminCert)}`,
      `      client-key-data: ${b64(this.certs.adminKey)}`,
      'contexts:',
      '  - name: vcluster',
      '    context: { cluster: vcluster, user: admin }',
      'current-context: vcluster',
      '',
    ].join('\n');
  }

  #spawn(component: string, command: string, args: string[]) {
    mkdirSync(join(this.#dir, 'logs'), { recursive: true });
    mkdirSync(join(this.#env.stateDir, 'pids'), { recursive: true });
    const out = openSync(join(this.#dir, 'logs', `${component}.log`), 'a');
    const child = spawn(command, args, {
      detached: true,
      stdio: ['ignore', out, out],
    });
    child.unref();
    writeFileSync(this.#pidFile(component), String(child.pid));
  }

  /**
   * Starts whatever of the control plane is not running, with the given binaries;
   * resolves when the API server answers. The serving certificate must exist.
   */
  async start(binaries: StampedBinaries, gitVersion: string): Promise<void> {
    // a binary stamped with an older minor checks its compatibility range against that
    // minor: say so, or it refuses to start below n-3 of its real version
    const minor = /^v(\d+\.\d+)/.exec(gitVersion)![1];
    const compatibility = `--min-compatibility-version=kube=${minor}`;
    const bin = (n: string) => join(this.#env.binDir, n);
    const c = this.certs;
    const kubeconfigFile = this.kubeconfigFile;
    writeFileSync(kubeconfigFile, this.kubeconfig());
    if (!this.#pid('apiserver')) {
      this.#spawn('apiserver', binaries['kube-apiserver'], [
        `--etcd-servers=${this.#env.etcdUrl}`,
        `--etcd-prefix=/vcluster/${this.key}`,
        `--bind-address=${this.address}`,
        '--secure-port=443',
        `--advertise-address=${this.address}`,
        '--endpoint-reconciler-type=none',
        '--service-cluster-ip-range=10.97.0.0/16',
        `--client-ca-file=${c.caCert}`,
        `--tls-cert-file=${c.serverCert}`,
        `--tls-private-key-file=${c.serverKey}`,
        '--service-account-issuer=https://kubernetes.default.svc',
        `--service-account-key-file=${c.saPub}`,
        `--service-account-signing-key-file=${c.saKey}`,
        '--authorization-mode=RBAC',
        '--allow-privileged=true',
        `--cert-dir=${join(this.#dir, 'generated')}`,
        // pods/log dials the node's kubelet endpoint: the InternalIP kwok gives the virtual
        // node (this control plane's address) and daemonEndpoints' port 10250, where the
        // stand-in serves vcluster's fake kubelet (FakeKubelet.ts); it authenticates the
        // API server by this client certificate, as k3s configures its API server
        '--kubelet-preferred-address-types=InternalIP',
        `--kubelet-client-certificate=${c.kubeletClientCert}`,
        `--kubelet-client-key=${c.kubeletClientKey}`,
        compatibility,
      ]);
    }
    await this.#waitReady(90_000);
    if (!this.#pid('controller-manager')) {
      this.#spawn('controller-manager', binaries['kube-controller-manager'], [
        `--kubeconfig=${kubeconfigFile}`,
        '--leader-elect=false',
        `--bind-address=${this.address}`,
        '--secure-port=10257',
        `--service-account-private-key-file=${c.saKey}`,
        `--root-ca-file=${c.caCert}`,
        `--cluster-signing-cert-file=${c.caCert}`,
        `--cluster-signing-key-file=${c.caKey}`,
        '--controllers=*,-nodeipam,-cloud-node-lifecycle,-service-lb-controller,-route,-persistentvolume-expander',
        compatibility,
      ]);
    }
    if (!this.#pid('scheduler')) {
      this.#spawn('scheduler', binaries['kube-scheduler'], [
        `--kubeconfig=${kubeconfigFile}`,
        '--leader-elect=false',
        `--bind-address=${this.address}`,
        '--secure-port=10259',
        compatibility,
      ]);
    }
    if (!this.#pid('kwok')) {
      this.#spawn('kwok', bin('kwok'), [
        `--kubeconfig=${kubeconfigFile}`,
        '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
        '--cidr=10.245.0.0/16',
        `--node-ip=${this.address}`,
        '--node-lease-duration-seconds=40',
        // the virtual node's kubelet endpoint port, vcluster's KubeletPort (pkg/constants/
        // annotation.go v0.32.3), which the fake kubelet serves; kwok's own kubelet API
        // (pkg/kwok/cmd/root.go v0.8.0 listens on 0.0.0.0:<node-port> unless told
        // otherwise) moves aside to :10255 of this address, where nothing dials it
        `--node-port=${KUBELET_PORT}`,
        `--server-address=${this.address}:10255`,
        `-c=${this.#env.kwokConfig}`,
      ]);
    }
  }

  /** Stops every process of the control plane; its data stays in etcd. */
  async stop(): Promise<void> {
    for (const component of [...COMPONENTS].reverse()) {
      const pid = this.#pid(component);
      if (pid) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
        for (let i = 0; i < 50 && alive(pid); i++) {
          await new Promise(r => setTimeout(r, 100));
        }
        if (alive(pid)) process.kill(pid, 'SIGKILL');
      }
      rmSync(this.#pidFile(component), { force: true });
    }
  }

  /** Removes what is left on disk after a stop. */
  removeFiles() {
    rmSync(this.#dir, { recursive: true, force: true });
  }

  async #readyz(): Promise<boolean> {
    const c = this.certs;
    return new Promise(resolve => {
      const req = request(
        {
          host: this.address,
          port: 443,
          path: '/readyz',
          ca: readFileSync(c.caCert),
          cert: readFileSync(c.adminCert),
          key: readFileSync(c.adminKey),
          timeout: 2000,
        },
        res => {
          res.resume();
          resolve(res.statusCode === 200);
        },
      );
      req.on('error', () => resolve(false));
      req.on('timeout', () => {
        req.destroy();
        resolve(false);
      });
      req.end();
    });
  }

  async #waitReady(timeoutMs: number) {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (await this.#readyz()) return;
      if (!this.#pid('apiserver')) {
        throw new Error(
          `virtual kube-apiserver of ${this.key} exited; see ${
            this.#dir
          }/logs/apiserver.log`,
        );
      }
      await new Promise(r => setTimeout(r, 500));
    }
    throw new Error(
      `virtual kube-apiserver of ${this.key} not ready after ${timeoutMs} ms`,
    );
  }
}
