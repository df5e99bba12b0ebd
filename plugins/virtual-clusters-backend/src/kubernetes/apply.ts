import {
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';

/** The field manager of everything the plugin applies, on hosts and inside virtual clusters. */
export const FIELD_MANAGER = 'backstage-virtual-clusters';

/**
 * How the plugin applies objects server-side: as {@link FIELD_MANAGER}, forced, so
 * the plugin's fields win over conflicting edits. The query and content type of the
 * PATCH, for clients that send it themselves (see KubernetesClient.apply).
 */
export const SERVER_SIDE_APPLY = {
  query: { fieldManager: FIELD_MANAGER, force: 'true' },
  contentType: PatchStrategy.ServerSideApply,
} as const;

/**
 * Server-side apply of one typed object through @kubernetes/client-node, with the
 * settings of {@link SERVER_SIDE_APPLY}; returns the object as stored.
 */
export function serverSideApply<T extends KubernetesObject>(
  objects: KubernetesObjectApi,
  object: T,
): Promise<T> {
  return objects.patch(
    object,
    undefined,
    undefined,
    SERVER_SIDE_APPLY.query.fieldManager,
    true,
    SERVER_SIDE_APPLY.contentType,
  );
}
