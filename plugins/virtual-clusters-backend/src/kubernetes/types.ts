/** A Kubernetes object as JSON, exactly as the API server returns it. */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: OwnerReference[];
    deletionTimestamp?: string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
};

/** An owner reference of an object. */
export type OwnerReference = {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
};

/** A resource type from the discovery API. */
export type ResourceType = {
  /** '' for the core group. */
  group: string;
  version: string;
  /** `v1` or `<group>/<version>`. */
  apiVersion: string;
  kind: string;
  /** The plural resource name, e.g. `deployments`. */
  name: string;
  namespaced: boolean;
  verbs: string[];
};
