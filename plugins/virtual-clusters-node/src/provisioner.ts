import { JsonObject } from '@backstage/types';
import type { KubeConfig } from '@kubernetes/client-node';
import {
  VirtualCluster,
  VirtualClusterCondition,
  VirtualClusterEffectiveQuota,
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
  /**
   * Helm repository of the vcluster chart (`spec.helmRelease.chart.repo`), e.g. an
   * air-gapped mirror. Default `https://charts.loft.sh`.
   */
  chartRepository?: string;
  /**
   * The admin's advanced vcluster.yaml values for the host's clusters, checked against
   * the chart's keys; a provisioner merges them under what it renders.
   */
  values?: JsonObject;
}

/**
 * One virtual cluster to act on, on its host cluster.
 *
 * @public
 */
export interface ProvisionTarget {
  cluster: VirtualCluster;
  host: HostClusterConnection;
  /**
   * The application profiles attached to the cluster (`cluster.spec.profiles`), read
   * from app-config with the cluster's variables substituted: what vcluster should
   * install inside it. Left out, nothing is installed.
   */
  profiles?: ResolvedProfile[];
}

/**
 * A Helm chart an application profile installs inside a virtual cluster.
 *
 * @public
 */
export interface HelmProfileLayer {
  type: 'helm';
  /** The chart's repository: an http(s) or oci:// URL. */
  repository: string;
  chart: string;
  /** The chart version, exactly. */
  version: string;
  /** Helm values of the release. */
  values?: JsonObject;
  release: { name: string; namespace: string };
}

/**
 * Kubernetes objects an application profile applies inside a virtual cluster.
 *
 * @public
 */
export interface ManifestsProfileLayer {
  type: 'manifests';
  /** A name for the layer, shown with its status. */
  name: string;
  /** One or more YAML documents. */
  manifests: string;
}

/**
 * One layer of an application profile.
 *
 * @public
 */
export type ProfileLayer = HelmProfileLayer | ManifestsProfileLayer;

/**
 * One version of an application profile, ready to install in one cluster.
 *
 * @public
 */
export interface ResolvedProfile {
  name: string;
  version: string;
  layers: ProfileLayer[];
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
  /**
   * The provider reports the control plane ready. With cluster-api-provider-vcluster
   * this is `status.ready`, refreshed only on its requeue (up to a minute when healthy),
   * so it can be stale: use {@link VirtualClusterProvisioner.probe} before trusting it.
   */
  ready: boolean;
  /** The control plane is scaled to zero by a pause. */
  paused: boolean;
  /** Replicas of the control plane as desired and as ready. */
  replicas?: { desired: number; ready: number };
  /**
   * The control plane runs its current pod template (StatefulSet rolled out: observed
   * generation caught up, update revision = current revision, all replicas ready), so a
   * values change that restarts it has taken effect. Undefined when not known.
   */
  rolledOut?: boolean;
  /** The provider's own phase, for messages. */
  providerPhase?: string;
  /**
   * Set when the provider reports a failure (cluster-api-provider-vcluster: phase
   * `Failed`, with its `status.reason`/`status.message`, e.g. `HelmDeployFailed`).
   */
  failure?: { reason: string; message: string };
  conditions: VirtualClusterCondition[];
  /**
   * External endpoint `https://<host>:<port>`, from what the provider records
   * (`spec.controlPlaneEndpoint`), once known; never an in-cluster address.
   */
  endpoint?: string;
  /** Chart version the host object asks for. */
  chartVersion?: string;
  /**
   * The backend `generation` of the spec the host object holds (written by the
   * provisioner with it), so that an observation made before an apply is not taken
   * for its outcome.
   */
  specGeneration?: number;
  /** `metadata.generation` of the host object. */
  generation?: number;
  /** `status.observedGeneration`: the last generation the provider reconciled without error. */
  providerObservedGeneration?: number;
  /**
   * The provider applied the host object's current spec: its observed generation has
   * caught up with `metadata.generation` AND its chart deployed (condition
   * `HelmChartDeployed` True). A failed helm upgrade leaves this false.
   */
  specApplied: boolean;
  /** What the host enforces: the cluster's ResourceQuota, where there is one. */
  effectiveQuota?: VirtualClusterEffectiveQuota;
  /** The admin kubeconfig Secret of the virtual cluster exists. */
  kubeconfigReady: boolean;
}

/**
 * What the virtual API server itself answered.
 *
 * @public
 */
export interface VirtualClusterProbe {
  /** `/readyz` answered `ok`. */
  ready: boolean;
  /** `gitVersion` of `/version`, e.g. `v1.32.5+k3s1`, when it answered. */
  version?: string;
  /** Why it is not ready (unreachable, no credentials yet, an error status). */
  message?: string;
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
  /**
   * Asks the virtual API server itself, with the virtual cluster's admin
   * credentials, for `/readyz` and `/version`, with a short timeout. Never throws:
   * an unreachable server or missing credentials give `ready: false` and a message.
   * `target.cluster.endpoint` is the external endpoint as far as it is known.
   */
  probe(target: ProvisionTarget): Promise<VirtualClusterProbe>;
}
