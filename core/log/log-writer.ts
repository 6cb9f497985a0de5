import type { AppendOutcome, ExpectedVersion } from './event-log.js';

/** One event as the log stores it: data and meta already serialized. */
export interface LogRow {
  readonly id: string;
  readonly stream: string;
  readonly type: string;
  readonly time: string;
  readonly data: string;
  readonly meta: string;
  readonly expectedVersion: ExpectedVersion;
}

/**
 * Commits group commits: each inner array is one caller's all-or-nothing
 * batch, and the whole call is one durable transaction. Resolves with each
 * batch's outcomes once the commit is durable.
 */
export interface LogWriter {
  commit(batches: readonly (readonly LogRow[])[]): Promise<AppendOutcome[][]>;
  /**
   * Commits a one-row write outside the events table: resolves iff a small
   * commit can succeed now (disk space, I/O, lock), so a degraded log can
   * tell it has recovered without an append to try.
   */
  probe(): Promise<void>;
  close(): Promise<void>;
}
