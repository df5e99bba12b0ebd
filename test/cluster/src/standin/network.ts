import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The host's network as the stand-in models it: each vcluster Service gets a loopback
 * address of its own (127.0.0.N), on which its virtual API server listens on :443. The
 * address plays the LoadBalancer IP, the Service's cluster IP behind in-cluster DNS
 * (`<svc>.<namespace>[.svc[.cluster.local]]`) and the pod IP, since no pod network
 * exists here. The table survives stand-in restarts.
 */
export class HostNetwork {
  readonly #file: string;
  readonly #prefix: string;

  /** `prefix` keeps the Services of a second host cluster apart in the one address table. */
  constructor(stateDir: string, prefix = '') {
    this.#file = join(stateDir, 'addresses.json');
    this.#prefix = prefix;
  }

  #read(): Record<string, number> {
    return existsSync(this.#file)
      ? JSON.parse(readFileSync(this.#file, 'utf8'))
      : {};
  }

  /** The address of Service `name` in `namespace`, allocated on first use. */
  address(namespace: string, name: string): string {
    const key = `${this.#prefix}${namespace}-${name}`;
    const table = this.#read();
    if (!table[key]) {
      const used = new Set(Object.values(table));
      let n = 2;
      while (used.has(n)) n++;
      table[key] = n;
      writeFileSync(this.#file, JSON.stringify(table, null, 2));
    }
    return `127.0.0.${table[key]}`;
  }

  /** The address if one was allocated. */
  known(namespace: string, name: string): string | undefined {
    const n = this.#read()[`${this.#prefix}${namespace}-${name}`];
    return n ? `127.0.0.${n}` : undefined;
  }

  release(namespace: string, name: string) {
    const table = this.#read();
    delete table[`${this.#prefix}${namespace}-${name}`];
    writeFileSync(this.#file, JSON.stringify(table, null, 2));
  }

  /** Resolves an in-cluster Service name as cluster DNS would; other hosts stay as they are. */
  resolve(host: string): string {
    const match =
      /^([a-z0-9-]+)\.([a-z0-9-]+)(\.svc(\.cluster\.local)?)?$/.exec(host);
    if (!match) return host;
    return this.known(match[2], match[1]) ?? host;
  }
}
