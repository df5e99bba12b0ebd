import {
  VirtualCluster,
  VirtualClusterProfile,
  VirtualClusterProfilesResponse,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { ClusterProfilesReader } from './ClusterProfilesReader';
import { ProfileCatalog } from './ProfileCatalog';
import { profileList } from './profileSummary';

/** What the API serves about application profiles: the list, and a cluster's. */
export class ProfileService {
  readonly #catalog: ProfileCatalog;
  readonly #reader: ClusterProfilesReader;

  static create(options: {
    catalog: ProfileCatalog;
    reader: ClusterProfilesReader;
  }) {
    return new ProfileService(options.catalog, options.reader);
  }

  private constructor(catalog: ProfileCatalog, reader: ClusterProfilesReader) {
    this.#catalog = catalog;
    this.#reader = reader;
  }

  /** Every profile with its versions, newest first, without values. */
  list(): VirtualClusterProfile[] {
    return profileList(this.#catalog.list());
  }

  /** A cluster's profiles and each layer's state inside it. */
  ofCluster(cluster: VirtualCluster): Promise<VirtualClusterProfilesResponse> {
    return this.#reader.read(cluster);
  }
}
