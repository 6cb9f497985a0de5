import { isTroupeError } from '../../core/errors/troupe-error.js';
import { helpText, parseCommandLine, UsageError, type CommandSpec, type OptionTable, type ParsedArgs } from './cli-args.js';

/** Where a command writes; the process's streams unless a test passes its own. */
export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const PROCESS_IO: CommandIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** A failure the command explains in one sentence (no stack trace): exit 1. */
export class CliError extends Error {}

/** `troupe NAME ARGS…`: resolves with the exit code. */
export type CliCommand = ((argv: readonly string[], io?: CommandIo) => Promise<number>) & { readonly spec: CommandSpec };

/**
 * A command from its declared command line and what it does: `--help`
 * prints the spec and does nothing else; a wrong command line or
 * configuration is refused with exit 2 before anything runs.
 */
export function defineCommand<O extends OptionTable>(spec: CommandSpec<O>, run: (args: ParsedArgs<O>, io: CommandIo) => Promise<number>): CliCommand {
  const command = async (argv: readonly string[], io: CommandIo = PROCESS_IO): Promise<number> => {
    try {
      const args = parseCommandLine(spec, argv);
      if (args.help) {
        io.out(helpText(spec));
        return 0;
      }
      return await run(args, io);
    } catch (e) {
      const code = exitCodeOf(e);
      if (code === undefined) throw e;
      const hint = code === 2 ? `\nrun 'troupe ${spec.name} --help' for its options` : '';
      io.err(`troupe ${spec.name}: ${(e as Error).message}${hint}\n`);
      return code;
    }
  };
  return Object.assign(command, { spec });
}

/** What a command group says of itself: `troupe NAME --help` lists its subcommands. */
export interface CommandGroupSpec {
  readonly name: string;
  readonly summary: string;
  readonly about: string;
}

/**
 * `troupe NAME SUB ARGS…`: each subcommand is a command of its own,
 * named `NAME SUB`, with its declared options and `--help`. A missing or
 * unknown subcommand is a wrong command line (exit 2).
 */
export function defineCommandGroup(group: CommandGroupSpec, subcommands: readonly CliCommand[]): CliCommand {
  const help = groupHelp(group, subcommands);
  const command = async (argv: readonly string[], io: CommandIo = PROCESS_IO): Promise<number> => {
    const [sub, ...rest] = argv;
    const target = subcommands.find((c) => c.spec.name === `${group.name} ${sub}`);
    if (target) return target(rest, io);
    if (sub === '--help' || sub === '-h') {
      io.out(help);
      return 0;
    }
    io.err(`troupe ${group.name}: ${sub === undefined ? 'missing subcommand' : `unknown subcommand '${sub}'`}

${help}`);
    return 2;
  };
  const spec: CommandSpec = { name: group.name, summary: group.summary, usage: '<subcommand> [options]', about: group.about, options: {} };
  return Object.assign(command, { spec });
}

function groupHelp(group: CommandGroupSpec, subcommands: readonly CliCommand[]): string {
  const rows = subcommands.map(({ spec }) => [`${spec.name.slice(group.name.length + 1)}${spec.positional ? ` ${spec.positional}` : ''}`, spec.summary] as const);
  const width = Math.max(...rows.map(([usage]) => usage.length)) + 2;
  return [
    `usage: troupe ${group.name} <subcommand> [options]`, '', group.about, '', 'subcommands:',
    ...rows.map(([usage, summary]) => `  ${usage.padEnd(width)}${summary}`),
    '', `Run 'troupe ${group.name} <subcommand> --help' for its options.`, '',
  ].join('\n');
}

/** 2 for the caller's mistakes, 1 for explained failures, undefined for the unexpected (shown with its stack). */
function exitCodeOf(e: unknown): 1 | 2 | undefined {
  if (e instanceof UsageError || (isTroupeError(e) && e.code === 'config_invalid')) return 2;
  return e instanceof CliError || isTroupeError(e) ? 1 : undefined;
}

/** A flag's value that must be a whole number ≥ 1. */
export function positiveInteger(flag: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1) throw new UsageError(`--${flag}: expected a positive integer, got '${text}'`);
  return n;
}
