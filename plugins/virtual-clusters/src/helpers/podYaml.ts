/** A pod's container as the logs dialog offers it. */
export type PodContainer = { name: string; init: boolean };

const indentOf = (line: string) => line.length - line.trimStart().length;

const unquote = (value: string) => {
  const v = value.replace(/\s+#.*$/, '').trim();
  return /^(['"]).*\1$/.test(v) ? v.slice(1, -1) : v;
};

/** The `name:` of each item of the block sequence starting after `lines[start]` (a `key:` at `keyIndent`). */
function sequenceNames(
  lines: string[],
  start: number,
  keyIndent: number,
): string[] {
  const names: string[] = [];
  let itemIndent: number | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const indent = indentOf(line);
    const item = line.trimStart().startsWith('- ');
    // the sequence ends at the next key of its map (a sequence may sit at the key's indent)
    if (indent < keyIndent || (indent === keyIndent && !item)) break;
    if (item && (itemIndent === undefined || indent === itemIndent)) {
      itemIndent = indent;
      const first = /^-\s+name:\s*(.+)$/.exec(line.trim());
      if (first) names.push(unquote(first[1]));
      continue;
    }
    // a key of the current item: at the indent after its `- `
    const key = /^name:\s*(.+)$/.exec(line.trim());
    if (key && itemIndent !== undefined && indent === itemIndent + 2) {
      names.push(unquote(key[1]));
    }
  }
  return names;
}

/**
 * The containers of a pod, from its YAML as the backend answers it (block style, as
 * `yaml` or `kubectl` write it): `spec.containers` first, then
 * `spec.initContainers`. The workloads API does not list them; an empty list when the
 * YAML says nothing that can be read.
 */
export function podContainers(yaml: string): PodContainer[] {
  const lines = yaml.split(/\r?\n/);
  const spec = lines.findIndex(l => /^spec:\s*$/.test(l));
  if (spec < 0) return [];
  const found: Record<'containers' | 'initContainers', string[]> = {
    containers: [],
    initContainers: [],
  };
  let childIndent: number | undefined;
  for (let i = spec + 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const indent = indentOf(line);
    if (indent === 0) break;
    childIndent ??= indent;
    if (indent !== childIndent) continue;
    const key = /^(containers|initContainers):\s*$/.exec(line.trim());
    if (key) {
      found[key[1] as keyof typeof found] = sequenceNames(lines, i, indent);
    }
  }
  return [
    ...found.containers.map(name => ({ name, init: false })),
    ...found.initContainers.map(name => ({ name, init: true })),
  ];
}
