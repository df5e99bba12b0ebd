import { HumanDuration, JsonObject } from '@backstage/types';
import {
  ExposureType,
  VirtualClusterDistro,
  VirtualClusterIsolation,
  VirtualClusterQuota,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import {
  HelmProfileLayer,
  ManifestsProfileLayer,
  ProfileLayer,
} from '@virtual-clusters/plugin-virtual-clusters-node';
import type { SleepSettings } from '../sleep/sleepPolicy';
import type { ExpirySettings } from '../sleep/expiry';

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
  /** The cluster group the host belongs to, if any. */
  group?: string;
  /** Distros offered, in the order they are offered. */
  distros: VirtualClusterDistro[];
  /** Helm repository of the vcluster chart (default `https://charts.loft.sh`). */
  chartRepository: string;
  /** Released vcluster chart versions, per distro. */
  chartVersions: Record<VirtualClusterDistro, string>;
  kubernetesVersions: Record<VirtualClusterDistro, string[]>;
  defaults: {
    distro: VirtualClusterDistro;
    kubernetesVersion: Record<VirtualClusterDistro, string>;
    quota?: VirtualClusterQuota;
    /** Profiles every new virtual cluster gets, each at a version. */
    profiles?: ProfileRef[];
  };
  /** Most quota one virtual cluster may ask for, per resource. */
  maxQuota?: VirtualClusterQuota;
  /** How new virtual clusters are kept apart on the host. */
  isolation: VirtualClusterIsolation;
  /** The admin's advanced vcluster.yaml values (the group's with the host's over them). */
  values?: JsonObject;
  /** How far the quotas placed on the host may add up beyond its allocatable, in percent. */
  oversubscriptionPercent: number;
  /** When its clusters sleep by default, and what their own policies may be. */
  sleep: SleepSettings;
  /** Time to live of its clusters and the notices before they expire. */
  expiry: ExpirySettings;
  limits: { maxVirtualClusters?: number; perOwner?: number };
  cost: CostRates;
}

/** Quota of CPU, memory and storage, as a total an owner may not go beyond. */
export type ResourceTotals = Pick<
  VirtualClusterQuota,
  'cpu' | 'memory' | 'storage'
>;

/**
 * One cluster group, read and validated from `clusterGroups[]`. The settings its
 * members inherit are resolved into each member's {@link HostClusterSettings}.
 */
export interface ClusterGroupSettings {
  name: string;
  title: string;
  description?: string;
  /** Member host names, in config order: the placement's tie-break. */
  hostClusters: string[];
  /** Limits over the whole group. */
  limits: {
    maxVirtualClusters?: number;
    perOwner?: number;
    ownerQuota?: ResourceTotals;
  };
}

/** How the workloads watch cache is sized, read from `workloads.watch`. */
export interface WorkloadsWatchSettings {
  /** Serve workloads from watches; when false every request lists. */
  enabled: boolean;
  /** A cluster nobody asked about for this long has its watches closed. */
  idleTimeoutMs: number;
  /** Most clusters watched at once; the least recently read is closed first. */
  maxClusters: number;
}

/** Settings of the whole plugin: the `virtualClusters` config, validated. */
export interface VirtualClustersSettings {
  hostClusters: HostClusterSettings[];
  clusterGroups: ClusterGroupSettings[];
  /** Application profiles admins offer, every version of each. */
  profiles: ProfileSettings[];
  kubeconfig: { tokenTtl: HumanDuration; allowAdminCertificates: boolean };
  workloads: { watch: WorkloadsWatchSettings };
  /** The passphrase backups are encrypted with, if any, and earlier ones. */
  backups: { encryptionKey?: string; previousEncryptionKeys?: string[] };
}

/** A Helm chart a profile installs inside a virtual cluster. */
export type HelmLayer = HelmProfileLayer;

/** Kubernetes manifests a profile applies inside a virtual cluster. */
export type ManifestsLayer = ManifestsProfileLayer;

/** A profile at one version. */
export interface ProfileRef {
  name: string;
  version: string;
}

/** One version of an application profile, read from `profiles[]`. */
export interface ProfileSettings {
  name: string;
  version: string;
  title: string;
  description?: string;
  /** Entity ref of the team that keeps it. */
  owner?: string;
  layers: ProfileLayer[];
}
