import { KubeConfig } from '@kubernetes/client-node';
import { VirtualCluster } from '@virtual-clusters/plugin-virtual-clusters-common';

/**
 * Reads a virtual cluster's admin kubeconfig; the KubeconfigIssuer does. What the
 * backend's own reads inside a cluster (workloads, backups, profile status, activity)
 * connect with.
 */
export interface AdminKubeConfigSource {
  adminKubeConfig(cluster: VirtualCluster): Promise<KubeConfig>;
}
