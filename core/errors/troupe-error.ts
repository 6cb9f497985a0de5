/**
 * Every failure Troupe reports carries a stable `code` from this list, so
 * callers (HTTP, STOMP dead-letter headers, cluster IPC) can match on it even
 * after the error lost its prototype crossing a process boundary.
 */
export const ERROR_CODES = [
  'invalid_input',
  'version_conflict',
  'log_closed',
  'log_busy',
  'log_write_failed',
  'log_read_failed',
  'overloaded',
  'mailbox_full',
  'pool_full',
  'compile_failed',
  'not_found',
  'too_large',
  'config_invalid',
  'csr_invalid',
  'ca_invalid',
  'ca_busy',
  'forbidden',
  'lease_failed',
  'not_leader',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class TroupeError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Input that does not match a schema; `path` names the offending field. */
export class ValidationError extends TroupeError {
  constructor(readonly path: string, reason: string) {
    super('invalid_input', path ? `${path}: ${reason}` : reason);
  }
}

/** Optimistic concurrency: the stream moved on since the caller read it. */
export class VersionConflictError extends TroupeError {
  constructor(readonly stream: string, readonly expected: number, readonly actual: number) {
    super('version_conflict', `stream ${stream}: expected version ${expected}, found ${actual}`);
  }
}

/** Refused cheaply because pending work is above the high-water mark. */
export class OverloadedError extends TroupeError {
  constructor(readonly retryAfterSeconds: number, what: string) {
    super('overloaded', `${what} is full; retry after ${retryAfterSeconds}s`);
  }
}

export class ConfigError extends TroupeError {
  constructor(field: string, reason: string) {
    super('config_invalid', `${field}: ${reason}`);
  }
}

/** Structural guard: works on errors that crossed IPC as plain objects. */
export function isTroupeError(e: unknown): e is { code: ErrorCode; message: string } {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'
    && (ERROR_CODES as readonly string[]).includes((e as { code: string }).code);
}
