/**
 * The flags of a Go program's command line, as its `flag` or `pflag` parser reads
 * them: `--name`, `-name`, `--name=value`, and `--name value` for the string flags
 * named. Arguments that are not flags are skipped. A flag given twice keeps its last
 * value; a flag given without a value (a boolean one) is `'true'`.
 *
 * Only the string flags named take the next argument as their value, so that a boolean
 * flag this parser does not know cannot swallow the flag after it. A `--` is skipped
 * rather than ending the flags: in a container's command line it usually separates a
 * wrapper's own flags from the program it starts (`dumb-init -- /nginx-ingress-controller`).
 *
 * @param argv - a container's command followed by its args
 * @param stringFlags - names of the flags whose value may be the next argument
 * @returns the value of each flag by name, without dashes
 */
export function parseGoFlags(
  argv: readonly string[],
  stringFlags: Iterable<string> = [],
): Map<string, string> {
  const takesValue = new Set(stringFlags);
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const match = /^--?([^-=][^=]*)(?:=(.*))?$/s.exec(arg);
    if (!match) continue;
    const [, name, inline] = match;
    if (inline !== undefined) {
      flags.set(name, inline);
    } else if (takesValue.has(name) && i + 1 < argv.length) {
      i++;
      flags.set(name, argv[i]);
    } else {
      flags.set(name, 'true');
    }
  }
  return flags;
}

/**
 * Whether a boolean flag's value is true, read like Go's `strconv.ParseBool`. An absent
 * or unreadable value is false (the program would not have started with the latter).
 */
export function isGoTrue(value: string | undefined): boolean {
  return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value ?? '');
}
