import { KubeConfig } from '@kubernetes/client-node';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { AddressInfo, createServer, Server, Socket, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A pass-through TCP proxy for outage tests: it forwards bytes (TLS stays end to end)
 * from a fixed local port to a target, and can be cut (closes its port and destroys
 * every open connection) and restored on the same port. The real server behind it
 * keeps running, which matters on a shared control plane.
 */
export class TcpProxy {
  readonly #targetHost: string;
  readonly #targetPort: number;
  readonly #sockets = new Set<Socket>();
  #server?: Server;
  #port = 0;

  private constructor(targetHost: string, targetPort: number) {
    this.#targetHost = targetHost;
    this.#targetPort = targetPort;
  }

  /** Starts a proxy on a free port of 127.0.0.1 in front of `target` (`host:port`). */
  static async start(target: { host: string; port: number }) {
    const proxy = new TcpProxy(target.host, target.port);
    await proxy.restore();
    return proxy;
  }

  /**
   * A copy of a kubeconfig file whose server is this proxy (the plane's certificates
   * name 127.0.0.1), as the path of the new file.
   */
  kubeconfigThrough(kubeconfigPath: string): string {
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfigPath);
    const proxied = JSON.parse(kc.exportConfig());
    proxied.clusters[0].cluster.server = `https://127.0.0.1:${this.#port}`;
    const path = join(mkdtempSync(join(tmpdir(), 'vc-proxy-')), 'kubeconfig');
    writeFileSync(path, JSON.stringify(proxied));
    return path;
  }

  /** The local port, the same across cuts. */
  get port(): number {
    return this.#port;
  }

  /** Whether the proxy currently accepts connections. */
  get up(): boolean {
    return this.#server !== undefined;
  }

  /** Stops accepting and destroys every open connection. */
  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    if (server)
      await new Promise<void>(resolve => server.close(() => resolve()));
  }

  /** Accepts connections again, on the same port as before. */
  async restore(): Promise<void> {
    if (this.#server) return;
    const server = createServer(client => {
      const upstream = connect(this.#targetPort, this.#targetHost);
      this.#sockets.add(client);
      this.#sockets.add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.#sockets.delete(client);
        this.#sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => resolve());
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Closes for good. */
  async stop(): Promise<void> {
    await this.cut();
  }
}
