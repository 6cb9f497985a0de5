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
 * A logger writing one JSON object per line — `level` (its name),
 * `time` (ISO 8601), `pid`, `msg` and the entry's fields — or, on a
 * terminal, one readable line per entry. Writes are synchronous, as
 * `console.log`'s are on Linux pipes and files, so no line is lost on exit.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const out = options.destination ?? process.stdout;
  const human = options.human ?? process.stdout.isTTY === true;
  const destination: DestinationStream = human ? { write: (line: string) => { out.write(humanLine(line)); } } : { write: (line: string) => { out.write(line); } };
  return pino({
    level: options.level ?? 'info',
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  }, destination);
}

/**
 * The process's runtime log (`troupe serve` and its workers and threads).
 * `troupe serve` sets its level from `--log-level`; CLI commands print
 * their results on stdout themselves and do not log through it.
 */
export const log: Logger = createLogger();

/** Sets the runtime log's level (from the configuration). */
export function setLogLevel(level: LogLevel): void {
  log.level = level;
}
