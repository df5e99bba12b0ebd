import { RbacAuthorizationV1Api } from '@kubernetes/client-node';

/** Binds ClusterRole `clusterRole` (by a binding of the same name) to ServiceAccounts. */
export async function bindClusterRole(
  rbac: RbacAuthorizationV1Api,
  clusterRole: string,
  serviceAccounts: Array<{ name: string; namespace: string }>,
): Promise<void> {
  await rbac.createClusterRoleBinding({
    body: {
      metadata: { name: clusterRole },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: clusterRole,
      },
      subjects: serviceAccounts.map(sa => ({ kind: 'ServiceAccount', ...sa })),
    },
  });
}

/** Deletes ClusterRole `clusterRole` and its binding of the same name, where they exist. */
export async function removeClusterRole(
  rbac: RbacAuthorizationV1Api,
  clusterRole: string,
): Promise<void> {
  await rbac
    .deleteClusterRoleBinding({ name: clusterRole })
    .catch(() => undefined);
  await rbac.deleteClusterRole({ name: clusterRole }).catch(() => undefined);
}
