import {
  KubeConfig,
  makeInformer,
  NetworkingV1Api,
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  V1Ingress,
  V1IngressClass,
  V1Service,
  type Informer,
  type ObjectCache,
} from '@kubernetes/client-node';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostNetwork } from '../standin/network.ts';
import type { IngressNginxFlags } from './flags.ts';
import {
  renderNginxConfig,
  type NginxFiles,
  type PassthroughServer,
  type TerminatedServer,
} from './nginxConfig.ts';

const PASSTHROUGH = 'nginx.ingress.kubernetes.io/ssl-passthrough';
const BACKEND_PROTOCOL = 'nginx.ingress.kubernetes.io/backend-protocol';
/** The deprecated class annotation (ingress-nginx internal/ingress/controller/ingressclass). */
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** What the controller needs besides its flags. */
export interface ControllerEnvironment {
  /** Name of this controller (its files, its log prefix). */
  name: string;
  /** The address NGINX listens on. */
  address: string;
  stateDir: string;
  nginxBinary: string;
  streamModule: string;
  network: HostNetwork;
}

/**
 * The plane's NGINX ingress controller: a model of kubernetes/ingress-nginx
 * (controller-v1.15.0) driving a real NGINX. It watches IngressClasses, Ingresses and
 * Services; serves the Ingresses of its class (internal/ingress/controller/store/store.go
 * GetIngressClass: `spec.ingressClassName` naming a class of its `--controller-class`,
 * else the `kubernetes.io/ingress.class` annotation equal to `--ingress-class`, else only
 * with `--watch-ingress-without-class`); turns each host rule into an NGINX server, or,
 * with `--enable-ssl-passthrough` and the `ssl-passthrough` annotation, into an SNI route
 * to the backend Service's cluster IP and port (controller.go getConfiguration, nginx.go
 * generateTemplate; only the `/` path is passed through); rewrites nginx.conf and reloads
 * NGINX when it changed; and writes `--publish-status-address` into the status of its
 * Ingresses every `--status-update-interval` seconds (internal/ingress/status/status.go).
 * The plane's cluster IP of a Service is the loopback address its network gives it.
 */
export class IngressNginxController {
  readonly #flags: IngressNginxFlags;
  readonly #env: ControllerEnvironment;
  readonly #networking: NetworkingV1Api;
  readonly #core: CoreV1Api;
  readonly #classes: Informer<V1IngressClass> & ObjectCache<V1IngressClass>;
  readonly #ingresses: Informer<V1Ingress> & ObjectCache<V1Ingress>;
  readonly #services: Informer<V1Service> & ObjectCache<V1Service>;
  readonly #files: NginxFiles;
  readonly #confFile: string;
  #nginx?: ChildProcess;
  #written = '';
  #pending?: NodeJS.Timeout;
  #statusTimer?: NodeJS.Timeout;
  #stopping = false;

  constructor(
    host: KubeConfig,
    flags: IngressNginxFlags,
    env: ControllerEnvironment,
  ) {
    this.#flags = flags;
    this.#env = env;
    this.#networking = host.makeApiClient(NetworkingV1Api);
    this.#core = host.makeApiClient(CoreV1Api);
    this.#classes = makeInformer(
      host,
      '/apis/networking.k8s.io/v1/ingressclasses',
      () => this.#networking.listIngressClass(),
    );
    this.#ingresses = makeInformer(
      host,
      '/apis/networking.k8s.io/v1/ingresses',
      () => this.#networking.listIngressForAllNamespaces(),
    );
    this.#services = makeInformer(host, '/api/v1/services', () =>
      this.#core.listServiceForAllNamespaces(),
    );
    const prefix = join(env.stateDir, env.name);
    this.#files = {
      prefix,
      pid: join(env.stateDir, 'pids', `${env.name}-nginx.pid`),
      errorLog: join(env.stateDir, 'logs', `${env.name}-nginx.log`),
      streamModule: env.streamModule,
      certificate: join(prefix, 'default-fake-certificate.pem'),
      key: join(prefix, 'default-fake-certificate.key'),
    };
    this.#confFile = join(prefix, 'nginx.conf');
  }

  #log(message: string) {
    process.stdout.write(
      `[${this.#env.name} ${new Date().toISOString()}] ${message}\n`,
    );
  }

  /** Starts watching and NGINX; resolves once the first configuration is served. */
  async start(): Promise<void> {
    for (const dir of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
      mkdirSync(join(this.#files.prefix, 'tmp', dir), { recursive: true });
    this.#fakeCertificate();
    this.#onChange(this.#classes);
    this.#onChange(this.#ingresses);
    this.#onChange(this.#services);
    await Promise.all([
      this.#classes.start(),
      this.#ingresses.start(),
      this.#services.start(),
    ]);
    // a Service's address is allocated when its control plane first starts
    watch(this.#env.stateDir, (_event, file) => {
      if (file === 'addresses.json') this.#schedule();
    });
    this.#sync();
    const interval = this.#flags.statusUpdateIntervalSeconds * 1000;
    const tick = () => {
      this.#syncStatus().catch(error => this.#log(`status: ${error}`));
      this.#statusTimer = setTimeout(tick, interval);
    };
    tick();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#pending);
    clearTimeout(this.#statusTimer);
    await Promise.all([
      this.#classes.stop(),
      this.#ingresses.stop(),
      this.#services.stop(),
    ]).catch(() => undefined);
    const nginx = this.#nginx;
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise(r => nginx.once('exit', r));
      nginx.kill('SIGQUIT'); // graceful shutdown
      await Promise.race([exited, new Promise(r => setTimeout(r, 5000))]);
      if (nginx.exitCode === null) nginx.kill('SIGKILL');
    }
  }

  /** Any change a watch sees schedules a sync; a failed watch starts again. */
  #onChange<T extends V1Ingress | V1IngressClass | V1Service>(
    informer: Informer<T>,
  ) {
    const schedule = () => this.#schedule();
    informer.on('add', schedule);
    informer.on('update', schedule);
    informer.on('delete', schedule);
    informer.on('error', (error: unknown) => {
      if (this.#stopping) return;
      this.#log(`watch failed (${error}); restarting it in 2 s`);
      setTimeout(() => informer.start().catch(() => undefined), 2000);
    });
  }

  /** internal/net/ssl/ssl.go GetFakeSSLCert: the certificate of names no Ingress claims. */
  #fakeCertificate() {
    if (existsSync(this.#files.certificate)) return;
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '365',
        '-keyout',
        this.#files.key,
        '-out',
        this.#files.certificate,
        '-subj',
        '/O=Acme Co/CN=Kubernetes Ingress Controller Fake Certificate',
        '-addext',
        'subjectAltName=DNS:ingress.local',
      ],
      { stdio: 'ignore' },
    );
  }

  /** Coalesces a burst of events into one sync (upstream's sync queue does the same). */
  #schedule() {
    if (this.#stopping) return;
    clearTimeout(this.#pending);
    this.#pending = setTimeout(() => this.#sync(), 100);
  }

  /** The Ingresses of this controller's class. */
  ours(): V1Ingress[] {
    const classes = new Set(
      this.#classes
        .list()
        .filter(c => c.spec?.controller === this.#flags.controllerClass)
        .map(c => c.metadata!.name!),
    );
    if (this.#flags.ingressClassByName) classes.add(this.#flags.ingressClass);
    return this.#ingresses.list().filter(ing => {
      if (ing.metadata?.deletionTimestamp) return false;
      const className = ing.spec?.ingressClassName;
      if (className) return classes.has(className);
      const annotation = ing.metadata?.annotations?.[CLASS_ANNOTATION];
      if (annotation !== undefined)
        return annotation === this.#flags.ingressClass;
      return this.#flags.watchIngressWithoutClass;
    });
  }

  /** `clusterIP:port` of a rule's backend Service, or undefined when it has none. */
  #upstream(
    namespace: string,
    backend: { name: string; port?: { name?: string; number?: number } },
  ): string | undefined {
    const svc = this.#services.get(backend.name, namespace);
    if (!svc) return undefined;
    const port =
      backend.port?.number ??
      svc.spec?.ports?.find(p => p.name === backend.port?.name)?.port;
    const address = this.#env.network.known(namespace, backend.name);
    if (!port || !address) return undefined;
    return `${address}:${port}`;
  }

  #sync() {
    if (this.#stopping) return;
    const passthrough: PassthroughServer[] = [];
    const servers: TerminatedServer[] = [];
    const seen = new Set<string>();
    for (const ing of this.ours()) {
      const namespace = ing.metadata!.namespace!;
      const annotations = ing.metadata?.annotations ?? {};
      const passes =
        this.#flags.enableSslPassthrough && annotations[PASSTHROUGH] === 'true';
      for (const rule of ing.spec?.rules ?? []) {
        if (!rule.host || seen.has(rule.host)) continue; // the first Ingress claiming a host wins
        const root = rule.http?.paths?.find(p => p.path === '/' || !p.path);
        const backend = root?.backend.service;
        const upstream = backend && this.#upstream(namespace, backend);
        if (!upstream) {
          this.#log(
            `${namespace}/${
              ing.metadata!.name
            }: no address for the backend of ${rule.host} yet`,
          );
          continue;
        }
        seen.add(rule.host);
        if (passes) passthrough.push({ hostname: rule.host, upstream });
        else
          servers.push({
            hostname: rule.host,
            upstream,
            backendProtocol:
              annotations[BACKEND_PROTOCOL] === 'HTTPS' ? 'HTTPS' : 'HTTP',
          });
      }
    }
    const config = renderNginxConfig({
      address: this.#env.address,
      flags: this.#flags,
      passthrough,
      servers,
      files: this.#files,
    });
    if (config === this.#written && this.#nginx?.exitCode === null) return;
    writeFileSync(this.#confFile, config);
    try {
      execFileSync(this.#env.nginxBinary, this.#args('-t'), { stdio: 'pipe' });
    } catch (error) {
      this.#log(
        `invalid configuration, keeping the last one: ${
          (error as { stderr?: Buffer }).stderr ?? error
        }`,
      );
      return;
    }
    this.#written = config;
    if (this.#nginx && this.#nginx.exitCode === null) {
      this.#nginx.kill('SIGHUP');
      this.#log(
        `reloaded NGINX: ${passthrough.length} passed through, ${servers.length} terminated`,
      );
      return;
    }
    this.#nginx = spawn(this.#env.nginxBinary, this.#args(), {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    this.#nginx.on('exit', code => {
      if (!this.#stopping) {
        this.#log(`NGINX exited (${code}); starting it again`);
        this.#schedule();
      }
    });
    this.#log(`started NGINX on ${this.#env.address}`);
  }

  #args(...extra: string[]) {
    return [
      '-p',
      this.#files.prefix,
      '-c',
      this.#confFile,
      '-e',
      this.#files.errorLog,
      ...extra,
    ];
  }

  /** status.go: each Ingress of this class gets the published addresses. */
  async #syncStatus() {
    const addresses = this.#flags.publishStatusAddress;
    if (!addresses.length) return;
    const wanted = addresses.map(ip => ({ ip }));
    for (const ing of this.ours()) {
      const current = ing.status?.loadBalancer?.ingress ?? [];
      if (
        current.length === wanted.length &&
        current.every((c, i) => c.ip === wanted[i].ip)
      )
        continue;
      await this.#networking
        .patchNamespacedIngressStatus(
          {
            name: ing.metadata!.name!,
            namespace: ing.metadata!.namespace!,
            body: { status: { loadBalancer: { ingress: wanted } } },
          },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        )
        .catch((error: unknown) =>
          this.#log(`status of ${ing.metadata!.name}: ${error}`),
        );
    }
  }
}
