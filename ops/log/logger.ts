import { pino, type DestinationStream, type Logger } from 'pino';
import { humanLine } from './human-format.js';

/** Log levels, most severe first; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const isLogLevel = (s: string): s is LogLevel => (LOG_LEVELS as readonly string[]).includes(s);

export interface LoggerOptions {
  /** @defaultValue 'info' */
  readonly level?: LogLevel;
  /** Where lines go. @defaultValue stdout */
  readonly destination?: { write(line: string): unknown };
  /** One human-readable line per entry instead of JSON. @defaultValue whether stdout is a terminal */
  readonly human?: boolean;
}

/**
 * A logger (tests: `destination`) writing one JSON object per line — `level` (its name),
 * `time` (ISO 8601), `pid`, `msg` and the entry's fields — or, on a
 * terminal, one readable line per entry. Writes are synchronous, as
 * `console.log`'s are on Linux pipes and files, so no line is lost on exit.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const out = options.destination ?? process.stdout;
  const human = options.human ?? process.stdout.isTTY === true;
  return pinoLogger(options.level ?? 'info', { write: (line: string) => { out.write(human ? humanLine(line) : line); } });
}

function pinoLogger(level: LogLevel, destination: DestinationStream): Logger {
  return pino({
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  }, destination);
}

/** Whether the runtime log writes readable lines (a thread's stdout is no terminal: the main thread tells it). */
let humanOutput = process.stdout.isTTY === true;
/** Set once stdout failed (its reader went away: EPIPE); the log then writes nothing. */
let stdoutGone = false;
let guarded = false;

/**
 * The process's runtime log (`troupe serve` and its workers and threads),
 * on stdout. `troupe serve` sets its level from `--log-level`; CLI
 * commands print their results on stdout themselves and do not log
 * through it.
 */
export const log: Logger = pinoLogger('info', {
  write: (line: string) => { if (!stdoutGone) process.stdout.write(humanOutput ? humanLine(line) : line); },
});

export interface LogSettings {
  readonly level: LogLevel;
  /** @defaultValue unchanged (whether this process's stdout is a terminal) */
  readonly human?: boolean;
}

/**
 * Sets the runtime log's level (and its format in a thread whose main
 * thread writes to a terminal); from then on, a stdout whose reader went
 * away silences the log instead of failing the process.
 */
export function configureLog(settings: LogSettings): void {
  if (!guarded) {
    guarded = true;
    // Without a listener a failed write (EPIPE) is an uncaught exception, which the
    // safety net logs — to stdout again. A server outlives the reader of its log.
    process.stdout.on('error', () => { stdoutGone = true; });
  }
  log.level = settings.level;
  if (settings.human !== undefined) humanOutput = settings.human;
}

/** The runtime log's settings, for a thread to log as this thread does. */
export function logSettings(): Required<LogSettings> {
  return { level: log.level as LogLevel, human: humanOutput };
}
