import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { HostClusterStatus } from '@virtual-clusters/plugin-virtual-clusters-common';
import { HostClusterSettings } from '../config';

/** Describes the configured host clusters, without any secret. */
export class HostClusterService {
  readonly #settings: HostClusterSettings[];

  static create(options: { hostClusters: HostClusterSettings[] }) {
    return new HostClusterService(options.hostClusters);
  }

  private constructor(settings: HostClusterSettings[]) {
    this.#settings = settings;
  }

  /** Host clusters as the API shows them. */
  async list(_options: {
    credentials: BackstageCredentials;
  }): Promise<HostClusterStatus[]> {
    return this.#settings.map(h => ({
      name: h.name,
      title: h.title,
      url: h.url ?? 'in-cluster',
      exposure: h.exposure,
      distros: ['k3s', 'k8s'],
      defaults: {
        distro: h.defaults.distro,
        kubernetesVersion: h.defaults.kubernetesVersion[h.defaults.distro],
        quota: h.defaults.quota,
      },
      kubernetesVersions: h.kubernetesVersions,
      cost: { currency: h.cost.currency },
      ready: false,
      checks: [],
    }));
  }
}
