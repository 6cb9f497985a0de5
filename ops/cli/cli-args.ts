import { parseArgs } from 'node:util';

/** One flag of a command: how it parses and how `--help` shows it. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly description: string;
  /** Placeholder for the value in `--help`, e.g. `N` or `FILE`. */
  readonly value?: string;
  /** Used when the flag is absent. */
  readonly default?: string;
  /** What `--help` shows as the default when it is not a constant (`CPU cores`, `$TROUPE_URL …`). */
  readonly defaultText?: string;
  readonly short?: string;
  /** The flag may repeat; its value is every occurrence in order (none: `[]`). @defaultValue false */
  readonly multiple?: boolean;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** A command's declared command line: the single source of its parsing and its `--help`. */
export interface CommandSpec<O extends OptionTable = OptionTable> {
  readonly name: string;
  /** One line for `troupe --help`. */
  readonly summary: string;
  /** What follows `troupe NAME` in the usage line. */
  readonly usage: string;
  /** More about the command, printed under the usage line. */
  readonly about?: string;
  readonly options: O;
  /** The name of the one positional argument the command takes, if any. */
  readonly positional?: string;
}

type Value<S extends OptionSpec> = S['type'] extends 'boolean' ? boolean
  : S extends { readonly multiple: true } ? readonly string[]
  : S extends { readonly default: string } ? string : string | undefined;

export type OptionValues<O extends OptionTable> = { readonly [K in keyof O]: Value<O[K]> };

export interface ParsedArgs<O extends OptionTable> {
  readonly values: OptionValues<O>;
  readonly positional: string | undefined;
  readonly help: boolean;
}

/** The command line is wrong: exit 2, nothing done. */
export class UsageError extends Error {}

/** Every command takes it; not in the tables so that no command can forget it. */
const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'print this help and exit' };

/**
 * Parses `argv` against the command's table with node's strict parser:
 * unknown flags, missing values and unexpected arguments are a UsageError
 * that names them.
 */
export function parseCommandLine<O extends OptionTable>(spec: CommandSpec<O>, argv: readonly string[]): ParsedArgs<O> {
  const options: OptionTable = { ...spec.options, help: HELP_OPTION };
  let parsed: { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: spec.positional !== undefined });
  } catch (e) {
    throw refusal(e, Object.keys(options));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}': only one ${spec.positional} is taken`);
  for (const [name, o] of Object.entries(options)) {
    if (o.type === 'boolean') values[name] ??= false;
    else if (o.multiple) values[name] ??= [];
  }
  return { values: values as OptionValues<O>, positional: positionals[0], help: values['help'] === true };
}

/** node's parse errors as UsageErrors in our words; an unknown flag gets the nearest known one. */
function refusal(e: unknown, known: readonly string[]): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) return e;
  const message = (e as Error).message;
  // node quotes what it refuses: '--prot', '--port <value>', 'extra'.
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const flag = quoted.split(' ')[0]!;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const near = flag.startsWith('--') ? closestFlag(flag.slice(2), known) : undefined;
    return new UsageError(`unknown option ${flag}${near ? ` (did you mean --${near}?)` : ''}`);
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError(`unexpected argument '${quoted}'`);
  if (/does not take an argument/.test(message)) return new UsageError(`${flag} takes no value`);
  if (/argument missing|ambiguous/.test(message)) {
    return new UsageError(`${flag} needs a value${/ambiguous/.test(message) ? ` (one that starts with '-' is written ${flag}=VALUE)` : ''}`);
  }
  return new UsageError(message.replace(/\n/g, ' '));
}

/**
 * The known flag a mistyped one most likely meant: the only one it is a
 * prefix of (`data` → `data-dir`), else the nearest by edit distance when
 * that is small for its length (`prot` → `port`).
 */
export function closestFlag(typed: string, known: readonly string[]): string | undefined {
  const extensions = known.filter((k) => k.startsWith(typed) || typed.startsWith(k));
  if (typed.length >= 2 && extensions.length === 1) return extensions[0];
  const limit = Math.min(2, Math.floor(typed.length / 2));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const k of known) {
    const d = editDistance(typed, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

/** Levenshtein distance with adjacent transpositions counting as one edit. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** `troupe NAME --help`: usage, about, and every option with its default. */
export function helpText(spec: CommandSpec): string {
  const rows = Object.entries({ ...spec.options, help: HELP_OPTION }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`;
    const dflt = o.defaultText ?? o.default;
    return [flag, `${o.description}${dflt === undefined ? '' : ` (default: ${dflt})`}`] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  const lines = rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`);
  return [`usage: troupe ${spec.name} ${spec.usage}`, ...(spec.about ? ['', spec.about] : []), '', 'options:', ...lines, ''].join('\n');
}
