/** Resources requested by one virtual cluster at one moment. */
export interface RequestedResources {
  cpuCores: number;
  memoryGiB: number;
  storageGiB: number;
  loadBalancers: number;
  /** Per virtual namespace; the control plane under `(control plane)`. */
  byNamespace: Record<
    string,
    { cpuCores: number; memoryGiB: number; storageGiB: number }
  >;
}

/** Resources integrated over time within one hourly bucket. */
export interface CostBucket {
  clusterId: string;
  bucketStart: string;
  cpuCoreHours: number;
  memoryGiBHours: number;
  storageGiBHours: number;
  loadBalancerHours: number;
  /** Per virtual namespace, integrated likewise. */
  byNamespace: Record<
    string,
    { cpuCoreHours: number; memoryGiBHours: number; storageGiBHours: number }
  >;
  /** The last sample, for the current rate. */
  last: RequestedResources;
  lastSampleAt: string;
}

/** The namespace name used for the control plane's own requests. */
export const CONTROL_PLANE = '(control plane)';
