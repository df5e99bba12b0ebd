import { NotFoundError } from '@backstage/errors';
import { HostClusterConnection } from '@virtual-clusters/plugin-virtual-clusters-node';
import { HostClusterSettings } from '../config';
import { hostKubeConfig } from '../kubernetes/hostKubeConfig';

/** A configured host cluster with its live connection. */
export interface HostCluster {
  settings: HostClusterSettings;
  connection: HostClusterConnection;
}

/** The configured host clusters, each with a client configuration built once. */
export class HostClusterRegistry {
  readonly #hosts: Map<string, HostCluster>;

  static create(settings: HostClusterSettings[]) {
    return new HostClusterRegistry(
      settings.map(s => ({
        settings: s,
        connection: {
          name: s.name,
          kubeConfig: hostKubeConfig(s),
          exposure: s.exposure,
          chartRepository: s.chartRepository,
          ...(s.values ? { values: s.values } : {}),
        },
      })),
    );
  }

  /** For tests: a registry from ready-made connections. */
  static fromHosts(hosts: HostCluster[]) {
    return new HostClusterRegistry(hosts);
  }

  private constructor(hosts: HostCluster[]) {
    this.#hosts = new Map(hosts.map(h => [h.settings.name, h]));
  }

  list(): HostCluster[] {
    return [...this.#hosts.values()];
  }

  find(name: string): HostCluster | undefined {
    return this.#hosts.get(name);
  }

  /** @throws NotFoundError naming the known host clusters. */
  get(name: string): HostCluster {
    const host = this.#hosts.get(name);
    if (!host) {
      throw new NotFoundError(
        `Unknown host cluster '${name}'; known: ${
          [...this.#hosts.keys()].join(', ') || 'none'
        }`,
      );
    }
    return host;
  }
}
