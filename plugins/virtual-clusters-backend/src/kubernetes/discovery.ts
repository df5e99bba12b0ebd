import { ResourceType } from './types';

/** The part of KubernetesClient discovery needs. */
interface JsonGetter {
  request<T>(method: 'GET', path: string): Promise<T>;
}

type ResourceList = {
  resources: Array<{
    name: string;
    kind: string;
    namespaced: boolean;
    verbs?: string[];
  }>;
};

/** The core version and every API group, each in its preferred version. */
async function preferredGroups(
  api: JsonGetter,
): Promise<Array<{ group: string; version: string }>> {
  const core = await api.request<{ versions: string[] }>('GET', '/api');
  const apis = await api.request<{
    groups: Array<{ name: string; preferredVersion?: { version: string } }>;
  }>('GET', '/apis');
  return [
    ...core.versions.slice(0, 1).map(version => ({ group: '', version })),
    ...apis.groups
      .filter(g => g.preferredVersion)
      .map(g => ({ group: g.name, version: g.preferredVersion!.version })),
  ];
}

/**
 * Every resource type the API server serves, in each group's preferred version.
 * A group whose discovery fails (an unavailable aggregated API) is reported in
 * `warnings`; the rest is returned.
 */
export async function discoverResourceTypes(api: JsonGetter): Promise<{
  types: ResourceType[];
  warnings: string[];
}> {
  const warnings: string[] = [];
  const groups = await preferredGroups(api);
  const lists = await Promise.all(
    groups.map(async ({ group, version }) => {
      const apiVersion = group ? `${group}/${version}` : version;
      const path = group ? `/apis/${apiVersion}` : `/api/${version}`;
      try {
        const list = await api.request<ResourceList>('GET', path);
        return list.resources.map(
          (r): ResourceType => ({
            group,
            version,
            apiVersion,
            kind: r.kind,
            name: r.name,
            namespaced: r.namespaced,
            verbs: r.verbs ?? [],
          }),
        );
      } catch (error) {
        warnings.push(
          `API ${apiVersion} is unavailable: ${(error as Error).message}`,
        );
        return [];
      }
    }),
  );
  return { types: lists.flat(), warnings };
}
