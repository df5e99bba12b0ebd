import { HumanDuration } from '@backstage/types';
import {
  ExposureType,
  VirtualClusterDistro,
  VirtualClusterQuota,
} from '@virtual-clusters/plugin-virtual-clusters-common';

/** How the backend authenticates to a host cluster. */
export type HostClusterAuth =
  | { type: 'serviceAccountToken'; serviceAccountToken: string }
  | { type: 'kubeconfig'; kubeconfigPath: string; context?: string }
  | { type: 'inCluster' };

/** Where a host cluster's OpenCost answers, read from `cost.opencost`. */
export interface OpenCostSettings {
  /** Base URL without a trailing slash. */
  baseUrl: string;
  /** Value of the `Authorization` header, if OpenCost needs one. */
  authorization?: string;
  /** Longest time one request may take. */
  timeoutMs: number;
  /** How long an answer is reused for the same cluster. */
  cacheTtlMs: number;
}

/** Cost rates of a host cluster, and its OpenCost if it has one. */
export interface CostRates {
  currency: string;
  cpuCoreHour: number;
  memoryGiBHour: number;
  storageGiBMonth: number;
  loadBalancerHour: number;
  opencost?: OpenCostSettings;
}

/** One host cluster, read and validated from app-config. */
export interface HostClusterSettings {
  name: string;
  title: string;
  url?: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  auth: HostClusterAuth;
  exposure: {
    type: ExposureType;
    ingressClassName?: string;
    wildcardDomain?: string;
  };
  provisioner: string;
  chartVersions: Record<VirtualClusterDistro, string>;
  kubernetesVersions: Record<VirtualClusterDistro, string[]>;
  defaults: {
    distro: VirtualClusterDistro;
    kubernetesVersion: Record<VirtualClusterDistro, string>;
    quota?: VirtualClusterQuota;
  };
  limits: { maxVirtualClusters?: number; perOwner?: number };
  cost: CostRates;
}

/** Settings of the whole plugin. */
export interface VirtualClustersSettings {
  hostClusters: HostClusterSettings[];
  kubeconfig: { tokenTtl: HumanDuration; allowAdminCertificates: boolean };
}
