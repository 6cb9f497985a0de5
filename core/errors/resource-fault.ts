/**
 * Transient resource faults: the disk is full, an I/O failed, a lock was
 * held too long. They say nothing about the data being written, so the
 * work is retried as it is once the fault clears, never recorded as bad.
 */

/**
 * Codes that mean a transient resource fault: SQLite result codes (extended
 * ones included), errno codes, and PostgreSQL SQLSTATEs of the classes
 * 08 (connection lost), 53 (disk full, out of memory, too many
 * connections), 57P01–57P03 (server shutting down or starting) and
 * 40001/40P01 (serialization failure, deadlock: retry as it is), and the
 * KurrentDB log's codes for a server it cannot reach or that is not the
 * leader (event-log.kurrentdb.ts).
 */
const RESOURCE_FAULT = /^(SQLITE_(FULL|BUSY|IOERR)(_\w+)?|KURRENTDB_(UNAVAILABLE|DEADLINE_EXCEEDED|TIMEOUT|NOT_LEADER)|ENOSPC|EDQUOT|EIO|08[0-9A-Z]{3}|53[0-9A-Z]{3}|57P0[1-3]|40001|40P01)$/;

interface Coded { readonly code: string; readonly message: string }

/** The innermost error in `e`'s cause chain whose code is a resource fault. */
function faultIn(e: unknown): Coded | undefined {
  let found: Coded | undefined;
  for (let c = e, depth = 0; typeof c === 'object' && c !== null && depth < 8; c = (c as { cause?: unknown }).cause, depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && RESOURCE_FAULT.test(code)) found = { code, message: String((c as { message?: unknown }).message ?? '') };
  }
  return found;
}

export function isResourceFault(e: unknown): boolean {
  return faultIn(e) !== undefined;
}

/** `SQLITE_FULL: database or disk is full`: the fault's code and SQLite's (or the OS's) words. */
export function faultReason(e: unknown): string {
  const f = faultIn(e);
  return f ? `${f.code}: ${f.message}` : String((e as Error)?.message ?? e);
}

/** A component that cannot write for now, as `/status` shows it. */
export interface Degradation {
  readonly component: 'projection' | 'log';
  readonly reason: string;
  /** ISO-8601 time of the first fault of this episode. */
  readonly since: string;
}

/** Retry delays after consecutive faults: `initialMs`, doubling, capped at `maxMs`. */
export interface BackoffOptions {
  /** @defaultValue 100 */
  readonly initialMs?: number;
  /** @defaultValue 5000 */
  readonly maxMs?: number;
}

export const DEFAULT_BACKOFF = { initialMs: 100, maxMs: 5000 } as const satisfies Required<BackoffOptions>;

/**
 * One component's health across resource faults: the current episode
 * (first fault until the next success) and the back-off for the next
 * attempt. `onChange` fires on the transitions only — the first fault of an
 * episode and the success that ends it — so a fault retried every few
 * seconds for an hour is logged twice, not a thousand times.
 */
export class FaultEpisode {
  private current: Degradation | undefined;
  private failures = 0;
  private readonly backoff: Required<BackoffOptions>;

  constructor(
    private readonly component: Degradation['component'],
    backoff: BackoffOptions = {},
    private readonly onChange: (now: Degradation | undefined, ended: Degradation | undefined) => void = () => {},
  ) {
    this.backoff = { ...DEFAULT_BACKOFF, ...backoff };
  }

  get degradation(): Degradation | undefined {
    return this.current;
  }

  /** Records a fault; returns how long to wait before the next attempt. */
  fault(e: unknown): number {
    if (!this.current) {
      this.current = { component: this.component, reason: faultReason(e), since: new Date().toISOString() };
      this.onChange(this.current, undefined);
    }
    return Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** Math.min(this.failures++, 30));
  }

  /** An attempt succeeded: the episode (if any) is over and the back-off starts again from `initialMs`. */
  succeeded(): void {
    this.failures = 0;
    const ended = this.current;
    if (!ended) return;
    this.current = undefined;
    this.onChange(undefined, ended);
  }
}
