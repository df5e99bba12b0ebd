import { JsonObject, JsonValue } from '@backstage/types';
import {
  CHART_VALUES_KEYS,
  ChartValuesKeys,
} from './chartValuesKeys.generated';

const isMap = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Values files merged as helm merges them (pkg/chartutil/coalesce.go, helm v3): maps
 * key by key, anything else replaced by the later file.
 */
export function mergeValues(base: JsonObject, over: JsonObject): JsonObject {
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = merged[key];
    merged[key] =
      isMap(current) && isMap(value) ? mergeValues(current, value) : value;
  }
  return merged;
}

/** The chart lines whose value keys are known (chartValuesKeys.generated.ts). */
export const KNOWN_CHART_LINES = Object.keys(CHART_VALUES_KEYS);

/**
 * Why `values` are not values of the vcluster chart of `chartVersion`'s line: the first
 * key its values.schema.json does not have, with the keys it has there; undefined when
 * every key is the chart's.
 */
export function chartValuesProblem(
  values: JsonObject,
  chartVersion: string,
): string | undefined {
  const line = chartVersion.split('.').slice(0, 2).join('.');
  const known = CHART_VALUES_KEYS[line];
  if (!known) {
    return `advanced values can be checked against the vcluster chart lines ${KNOWN_CHART_LINES.join(
      ', ',
    )} only; chart ${chartVersion} is of another line`;
  }
  const walk = (
    node: JsonObject,
    keys: ChartValuesKeys,
    path: string[],
  ): string | undefined => {
    for (const [key, value] of Object.entries(node)) {
      const at = [...path, key];
      const allowed = keys[key];
      if (allowed === undefined) {
        return `'${at.join(
          '.',
        )}' is not a value of the vcluster chart ${line}.x (values.schema.json of ${
          known.version
        }; known ${
          path.length ? `under '${path.join('.')}'` : 'at the top'
        }: ${Object.keys(keys).join(', ')})`;
      }
      if (typeof allowed === 'object' && isMap(value)) {
        const problem = walk(value, allowed, at);
        if (problem) return problem;
      }
    }
    return undefined;
  };
  return walk(values, known.keys, []);
}
