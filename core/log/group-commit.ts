import { isResourceFault, type BackoffOptions, type Degradation, type FaultEpisode } from '../errors/resource-fault.js';
import { TroupeError } from '../errors/troupe-error.js';
import type { AppendOutcome, AppendRequest } from './event-log.js';

/** A server-backed log's commit health options (PostgreSQL, KurrentDB). */
export interface CommitHealthOptions {
  /** Back-off after a failed commit (connection lost, server unreachable, disk full): 100 ms doubling to 5 s. */
  readonly backoff?: BackoffOptions;
  /** Called when the log becomes degraded (first failed commit) and when it recovers. */
  readonly onHealthChange?: (now: Degradation | undefined, ended: Degradation | undefined) => void;
  /** Called after every group commit that succeeded (for metrics). */
  readonly onCommit?: (commit: GroupCommit) => void;
}

/** One group commit, as `onCommit` sees it. */
export interface GroupCommit {
  /** From handing the group to the backend to its commit (fsync included). */
  readonly durationMs: number;
  /** Append calls in the group. */
  readonly appends: number;
  /** Events in the group (duplicates included). */
  readonly events: number;
}

/** What a backend gives {@link GroupCommitter}. */
export interface GroupCommitterOptions {
  /** Append requests that may wait for the next commit; above it `append` rejects with `log_busy`. */
  readonly maxPendingAppends: number;
  /** The log's health: back-off after resource faults, degradation for `/status`. */
  readonly health: FaultEpisode;
  /**
   * Commits one group in one durable transaction: each inner array is one
   * caller's all-or-nothing batch. Resolves with each batch's outcomes
   * once durable.
   */
  readonly write: (groups: readonly (readonly AppendRequest[])[]) => Promise<AppendOutcome[][]>;
  /** A tiny real commit: resolves iff a commit can succeed now (a degraded log tells it has recovered). */
  readonly probe: () => Promise<void>;
  /** After the callers of a successful group were answered. */
  readonly committed?: (groups: readonly (readonly AppendRequest[])[], results: readonly AppendOutcome[][]) => void;
  /** Called after every group commit that succeeded (for metrics). */
  readonly onCommit?: (commit: GroupCommit) => void;
}

interface PendingAppend {
  readonly requests: readonly AppendRequest[];
  readonly resolve: (outcomes: readonly AppendOutcome[]) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit, backend-independent: appends made while a commit is
 * running (or in the same tick) go into the next transaction, one commit at
 * a time, so one durable commit covers many callers; no append resolves
 * before its transaction committed. Pending appends are bounded.
 */
export class GroupCommitter {
  private pending: PendingAppend[] = [];
  private pendingCount = 0;
  private flushScheduled = false;
  private committing: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: GroupCommitterOptions) {}

  append(requests: readonly AppendRequest[]): Promise<readonly AppendOutcome[]> {
    if (this.closing) return Promise.reject(new TroupeError('log_closed', 'the event log is closed'));
    if (this.pendingCount + requests.length > this.options.maxPendingAppends) {
      return Promise.reject(new TroupeError('log_busy', `more than ${this.options.maxPendingAppends} appends are waiting for commit`));
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ requests, resolve, reject });
      this.pendingCount += requests.length;
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    // One commit at a time: appends arriving meanwhile form the next group.
    if (this.committing) return;
    if (this.pending.length > 0) this.committing = this.commitPending();
    // Degraded and idle: only a write can tell the fault has cleared.
    else if (this.options.health.degradation && !this.closing) this.committing = this.attempt(this.options.probe(), () => {}, () => {});
    else return;
    this.committing = this.committing.finally(() => {
      this.committing = undefined;
      this.flush();
    });
  }

  private commitPending(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.pendingCount = 0;
    const groups = batch.map((p) => p.requests);
    const started = performance.now();
    // A failed group is never acknowledged, so never retried here: its
    // callers see the failure (HTTP 503) and send again.
    return this.attempt(this.options.write(groups), (results) => {
      this.options.onCommit?.({ durationMs: performance.now() - started, appends: batch.length, events: groups.reduce((n, g) => n + g.length, 0) });
      batch.forEach((p, i) => p.resolve(results[i]!));
      this.options.committed?.(groups, results);
    }, (e) => {
      for (const p of batch) p.reject(e);
    });
  }

  /**
   * Runs one write and keeps the log's health: after a resource fault (or
   * any failure while degraded) the next write waits the back-off, and
   * appends arriving meanwhile wait for that next group.
   */
  private attempt<T>(write: Promise<T>, ok: (result: T) => void, failed: (e: unknown) => void): Promise<void> {
    const health = this.options.health;
    return write.then((result) => {
      health.succeeded();
      ok(result);
    }, (e: unknown) => {
      failed(e);
      return isResourceFault(e) || health.degradation ? sleep(health.fault(e)) : undefined;
    });
  }

  /** Refuses new appends and resolves once every pending one is committed (or failed). Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      while (this.committing || this.pending.length > 0) {
        this.flush();
        await this.committing;
      }
    })();
    return this.closing;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
