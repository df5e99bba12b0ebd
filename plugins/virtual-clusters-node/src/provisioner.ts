import type { KubeConfig } from '@kubernetes/client-node';
import {
  VirtualCluster,
  VirtualClusterCondition,
} from '@virtual-clusters/plugin-virtual-clusters-common';

/**
 * What the backend knows of one host cluster, as handed to a provisioner.
 *
 * @public
 */
export interface HostClusterConnection {
  /** Name of the host cluster in app-config. */
  name: string;
  /** Credentials and server of the host cluster; never log its contents. */
  kubeConfig: KubeConfig;
  /** Exposure settings of the host cluster. */
  exposure: {
    type: 'LoadBalancer' | 'Ingress';
    ingressClassName?: string;
    wildcardDomain?: string;
  };
}

/**
 * One virtual cluster to act on, on its host cluster.
 *
 * @public
 */
export interface ProvisionTarget {
  cluster: VirtualCluster;
  host: HostClusterConnection;
}

/**
 * The state of one virtual cluster as read from its host cluster.
 *
 * @public
 */
export interface ObservedVirtualCluster {
  /** Name of the virtual cluster. */
  name: string;
  /** Host namespace. */
  namespace: string;
  /** Id from the label the backend writes; missing on objects it did not create. */
  clusterId?: string;
  /** The provider reports the control plane ready. */
  ready: boolean;
  /** The control plane is scaled to zero by a pause. */
  paused: boolean;
  /** Replicas of the control plane as desired and as ready. */
  replicas?: { desired: number; ready: number };
  /** The provider's own phase, for messages. */
  providerPhase?: string;
  /** Set when the provider reports a failure it will not recover from by itself. */
  failure?: { reason: string; message: string };
  conditions: VirtualClusterCondition[];
  /** External endpoint, `https://<host>:443`, once the address is known. */
  endpoint?: string;
  /** Kubernetes and chart version the host object asks for. */
  kubernetesVersion?: string;
  chartVersion?: string;
  /** The admin kubeconfig Secret of the virtual cluster exists. */
  kubeconfigReady: boolean;
}

/**
 * Provisions virtual clusters on host clusters. Every method is idempotent: the
 * reconciler calls them again after failures and restarts.
 *
 * @public
 */
export interface VirtualClusterProvisioner {
  /** Name by which host clusters select the provisioner in config (`provisioner`). */
  readonly id: string;
  /** Creates the namespace and the objects of a new virtual cluster. */
  create(target: ProvisionTarget): Promise<void>;
  /** Applies a changed spec (quota, exposure). */
  update(target: ProvisionTarget): Promise<void>;
  /** Scales the control plane to zero and removes synced workloads. */
  pause(target: ProvisionTarget): Promise<void>;
  /** Restores the control plane a pause stopped. */
  resume(target: ProvisionTarget): Promise<void>;
  /** Moves the virtual cluster to `cluster.spec`'s Kubernetes and chart version. */
  upgrade(target: ProvisionTarget): Promise<void>;
  /**
   * Removes the virtual cluster. Resolves `true` once nothing is left on the host,
   * `false` while deletion is still under way.
   */
  delete(target: ProvisionTarget): Promise<boolean>;
  /**
   * Reads every virtual cluster on one host cluster with a constant number of list
   * calls, whatever their count.
   */
  observe(host: HostClusterConnection): Promise<ObservedVirtualCluster[]>;
}
