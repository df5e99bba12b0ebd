import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { KubeConfig } from '@kubernetes/client-node';
import type { Request } from 'express';
import { VirtualClusterService } from '../services/VirtualClusterService';
import { VirtualClusterRecord } from '../store/types';
import { BackupStore } from './BackupStore';
import { ObjectsApi } from './clusterObjects';
import type { AdminKubeConfigSource } from '../kubeconfig/AdminKubeConfigSource';

export type { AdminKubeConfigSource };

/**
 * What backups, restores and clones need of the cluster service: permission checks,
 * the timeline, and creating the new cluster of a clone.
 */
export type ClusterAccess = Pick<
  VirtualClusterService,
  'authorized' | 'get' | 'recordEvent' | 'create'
>;

/** Reads clusters without a caller, for restores that run in the background. */
export interface ClusterRecords {
  get(id: string): Promise<VirtualClusterRecord | undefined>;
}

/** Options of every call: who asks, and the HTTP request for the audit log. */
export type BackupCallOptions = {
  credentials: BackstageCredentials;
  request?: Request;
};

/** The API client of a virtual cluster, from its admin kubeconfig. */
export type ConnectCluster = (kc: KubeConfig) => ObjectsApi;

/** What the services that read or write a cluster's objects work with. */
export type ClusterObjectsDeps = {
  store: BackupStore;
  clusters: ClusterAccess;
  kubeconfigs: AdminKubeConfigSource;
  auditor: AuditorService;
  logger: LoggerService;
  connect: ConnectCluster;
};
