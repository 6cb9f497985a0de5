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
