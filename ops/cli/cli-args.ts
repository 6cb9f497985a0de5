/** Parsed command line: `--some-flag value` becomes `flags.someFlag`. */
export interface CliArgs {
  readonly positional: readonly string[];
  readonly flags: Readonly<Record<string, string>>;
}

/** Flags that take no value. */
const BOOLEAN_FLAGS = new Set(['help', 'json', 'force', 'noProgress', 'noReport']);

export function parseArgs(argv: readonly string[]): CliArgs {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [rawKey, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    const key = rawKey.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (inline !== undefined) flags[key] = inline;
    else if (BOOLEAN_FLAGS.has(key)) flags[key] = 'true';
    else {
      const value = argv[i + 1];
      if (value === undefined) throw new Error(`missing value for --${rawKey}`);
      flags[key] = value;
      i++;
    }
  }
  return { positional, flags };
}
