import type { EventType, RecordedEvent, TroupeEvent } from '../events/event.types.js';

/** Expected stream version for optimistic concurrency; `any` skips the check. */
export type ExpectedVersion = number | 'any' | 'no_stream';

export interface AppendRequest {
  readonly event: TroupeEvent;
  readonly expectedVersion?: ExpectedVersion;
}

/**
 * The outcome of one append. A duplicate (same event id already in the log)
 * returns the original position and writes nothing; a version conflict is
 * an expected outcome, not an exception.
 */
export type AppendOutcome =
  | { readonly status: 'appended'; readonly position: number; readonly version: number }
  | { readonly status: 'duplicate'; readonly position: number; readonly version: number }
  | { readonly status: 'conflict'; readonly expected: ExpectedVersion; readonly actual: number };

export interface ReadOptions {
  /** At most this many events (default 1000). */
  readonly limit?: number;
  /** Only events at or before this position. */
  readonly untilPosition?: number;
}

export interface LogReadOptions extends ReadOptions {
  /**
   * Which events come whole, by stream (node) and type. The others come lean:
   * their bodies (a catalog, a report's resources…) left out and marked
   * (`isLean`, core/log/lean-event.ts), for a reader that only routes —
   * a backend that stores a lean copy (PostgreSQL) does not read the
   * bodies at all. Read a lean event again by position for its body.
   * @defaultValue every event whole
   */
  readonly bodiesOf?: (stream: string, type: EventType) => boolean;
}

export interface Subscription {
  /** Resolves once the handler has finished its current batch and stopped. */
  close(): Promise<void>;
  /** Position of the last event delivered to the handler (0 before any). */
  readonly position: number;
}

export interface SubscribeOptions {
  /** Deliver events after this position (0 = from the beginning). */
  readonly from: number;
  /** Events per handler call (default 500). */
  readonly batchSize?: number;
  /** As `read`'s: which events come whole, the others lean. @defaultValue every event whole */
  readonly bodiesOf?: (stream: string, type: EventType) => boolean;
  /** Called with each batch in order; the next batch waits for it. */
  readonly handler: (batch: readonly RecordedEvent[]) => Promise<void> | void;
  /** Called after each read that found nothing new, before waiting for the next append. */
  readonly onCaughtUp?: () => void;
  /** Called if the handler throws; the subscription stops. */
  readonly onError?: (error: unknown) => void;
}

/**
 * The append-only event log: a global position, a version per stream.
 * A backend acknowledges an append only once it is durable.
 * Implementations: SQLite (embedded default), PostgreSQL and KurrentDB
 * (docs/postgres.md, docs/kurrentdb.md); one contract suite checks all.
 */
export interface EventLog {
  /** Appends a batch atomically (one durable commit, group-committed). */
  append(requests: readonly AppendRequest[]): Promise<readonly AppendOutcome[]>;
  /** Events after `from`, in position order. */
  read(from: number, options?: LogReadOptions): Promise<readonly RecordedEvent[]>;
  /** One stream's events after `fromVersion`, in version order. */
  readStream(stream: string, fromVersion?: number, options?: ReadOptions): Promise<readonly RecordedEvent[]>;
  /** The newest events of a stream, newest first (for actor rehydration). */
  readStreamBackward(stream: string, options?: ReadOptions & { types?: readonly TroupeEvent['type'][] }): Promise<readonly RecordedEvent[]>;
  /** Position of the newest event (0 when empty). */
  head(): Promise<number>;
  /** Catch-up from `from`, then live. */
  subscribe(options: SubscribeOptions): Subscription;
  /** Idempotent. Flushes pending appends first. */
  close(): Promise<void>;
}
