/** A values tree as helm sees it. */
export type Values = { [key: string]: unknown };

function isMap(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Merges user values over chart defaults the way helm does (helm v3
 * pkg/chartutil/coalesce.go, CoalesceTables): maps merge key by key, any other value
 * (lists included) replaces the default, and a `null` given by the user removes the
 * default key altogether.
 */
export function coalesce(defaults: Values, given: Values): Values {
  const out: Values = structuredClone(defaults);
  for (const [key, value] of Object.entries(given)) {
    if (value === null) {
      delete out[key];
    } else if (isMap(value) && isMap(out[key])) {
      out[key] = coalesce(out[key] as Values, value);
    } else {
      out[key] = structuredClone(value);
    }
  }
  return out;
}

/** Reads a nested value, e.g. `get(values, 'controlPlane', 'service', 'spec')`. */
export function get<T = unknown>(
  values: Values,
  ...path: string[]
): T | undefined {
  let node: unknown = values;
  for (const key of path) {
    if (!isMap(node)) return undefined;
    node = node[key];
  }
  return node as T | undefined;
}
