import { JsonValue } from '@backstage/types';

/**
 * The variables a profile's values and manifests may use, written `{{ cluster.name }}`.
 * Only `cluster.*` names are variables: other `{{ … }}` (a chart's own `tpl` strings)
 * are left as they are.
 */
export const PROFILE_VARIABLES = {
  'cluster.name': 'the virtual cluster’s name',
  'cluster.namespace': 'its namespace on the host cluster',
  'cluster.hostCluster': 'the host cluster it runs on',
  'cluster.owner': 'its owner’s entity ref, e.g. group:default/team-a',
  'cluster.endpoint':
    'its external API endpoint, https://<host>:443 (known up front under Ingress; under LoadBalancer once the cluster has run)',
} as const;

/** One variable's name, e.g. `cluster.name`. */
export type ProfileVariable = keyof typeof PROFILE_VARIABLES;

const VARIABLE = /\{\{\s*(cluster\.[A-Za-z0-9_.]*)\s*\}\}/g;

/** The `cluster.*` names used in a text, known or not, each once. */
export function variablesIn(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map(m => m[1]))];
}

/** Names used in a text that are not variables (for a start-up error). */
export function unknownVariables(text: string): string[] {
  return variablesIn(text).filter(name => !(name in PROFILE_VARIABLES));
}

/**
 * Replaces the variables in every string of a value tree (keys too). The values put in
 * are plain strings: substitution works on parsed YAML, never on its text, so a
 * cluster name or an owner can never add keys or documents, and nothing is evaluated.
 */
export function substituteVariables<T extends JsonValue>(
  value: T,
  variables: Partial<Record<ProfileVariable, string>>,
): T {
  const replace = (text: string) =>
    text.replace(VARIABLE, (whole, name: string) =>
      name in variables ? variables[name as ProfileVariable]! : whole,
    );
  const walk = (v: JsonValue): JsonValue => {
    if (typeof v === 'string') return replace(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v).map(([k, inner]) => [replace(k), walk(inner!)]),
      );
    }
    return v;
  };
  return walk(value) as T;
}
