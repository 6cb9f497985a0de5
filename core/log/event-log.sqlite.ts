import type Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { stringifyData } from '../catalog/catalog-text.js';
import { FaultEpisode, isResourceFault, type BackoffOptions, type Degradation } from '../errors/resource-fault.js';
import { TroupeError } from '../errors/troupe-error.js';
import type { RecordedEvent, TroupeEvent } from '../events/event.types.js';
import type {
  AppendOutcome, AppendRequest, EventLog, ReadOptions, SubscribeOptions, Subscription,
} from './event-log.js';
import { catalogBodyOf, type CatalogBodyLookup } from './catalog-references.js';
import { openLogDatabase } from './log-database.sqlite.js';
import { InlineLogWriter } from './log-row-writer.sqlite.js';
import { LogSubscription } from './log-subscription.js';
import { ThreadLogWriter } from './log-writer.thread.js';
import type { LogRow, LogWriter } from './log-writer.js';
import { TailCache } from './tail-cache.js';

export interface SqliteEventLogOptions {
  /** Database file; `:memory:` for throwaway logs in tests. */
  readonly path: string;
  /**
   * Append requests that may wait for the next group commit. Above it,
   * `append` rejects with `log_busy` instead of queueing more.
   * @defaultValue 100_000
   */
  readonly maxPendingAppends?: number;
  /**
   * `full` makes every commit durable across power loss (fsync per group
   * commit); `normal` only across process crashes.
   * @defaultValue 'full'
   */
  readonly synchronous?: 'full' | 'normal';
  /**
   * Bytes of recently appended events kept in memory for live readers.
   * Only sound while this process is the log's single writer.
   * @defaultValue 8 MiB
   */
  readonly tailCacheBytes?: number;
  /**
   * How often a caught-up subscription looks for events appended by other
   * processes (same-process appends wake it at once).
   * @defaultValue 200
   */
  readonly pollIntervalMs?: number;
  /**
   * Where commits run. `thread`: on a log-writer thread, so a commit and
   * its fsync never block this thread's event loop (started on the first
   * append; readers never start it). `inline`: on this thread. In-memory
   * logs are always inline (a thread cannot share them).
   * @defaultValue 'thread'
   */
  readonly writer?: 'thread' | 'inline';
  /**
   * After a commit fails on a resource fault (full disk, I/O error, lock
   * held past the busy timeout), the next commit waits this back-off:
   * 100 ms doubling to 5 s, back to 100 ms after a success.
   */
  readonly backoff?: BackoffOptions;
  /** Called when the log becomes degraded (first failed commit) and when it recovers (next commit that succeeds). */
  readonly onHealthChange?: (now: Degradation | undefined, ended: Degradation | undefined) => void;
  /** Called after every group commit that succeeded: how long the writer took, and how many append calls and events it held (for metrics). */
  readonly onCommit?: (commit: GroupCommit) => void;
}

/** One group commit, as `onCommit` sees it. */
export interface GroupCommit {
  /** From handing the group to the writer to its commit (fsync included). */
  readonly durationMs: number;
  /** Append calls in the group. */
  readonly appends: number;
  /** Events in the group (duplicates included). */
  readonly events: number;
}

export const DEFAULT_SQLITE_EVENT_LOG_OPTIONS = {
  maxPendingAppends: 100_000,
  synchronous: 'full',
  tailCacheBytes: 8 * 1024 * 1024,
  pollIntervalMs: 200,
  writer: 'thread',
} as const satisfies Omit<Required<SqliteEventLogOptions>, 'path' | 'backoff' | 'onHealthChange' | 'onCommit'>;

interface EventsTable {
  position: number;
  event_id: string;
  stream: string;
  version: number;
  type: string;
  time: string;
  data: string;
  meta: string;
  recorded_at: string;
}
interface LogSchema { events: EventsTable }

interface PendingAppend {
  readonly requests: readonly AppendRequest[];
  readonly resolve: (outcomes: readonly AppendOutcome[]) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The embedded event log: one SQLite file in WAL mode. Appends made while
 * a commit is running (or in the same tick) are group-committed in the
 * next transaction, so one fsync covers many commands; no append resolves
 * before its transaction committed.
 */
export class SqliteEventLog implements EventLog {
  private readonly options: Required<Omit<SqliteEventLogOptions, 'backoff' | 'onHealthChange' | 'onCommit'>> & SqliteEventLogOptions;
  private readonly raw: Database.Database;
  private readonly db: Kysely<LogSchema>;
  private readonly tail: TailCache;
  private pending: PendingAppend[] = [];
  private pendingCount = 0;
  private flushScheduled = false;
  private committing: Promise<void> | undefined;
  private readonly writer: LogWriter;
  private readonly health: FaultEpisode;
  private readonly waiters = new Set<() => void>();
  private readonly appendListeners = new Set<(head: number) => void>();
  private closing: Promise<void> | undefined;
  private lastPosition = 0;

  constructor(options: SqliteEventLogOptions) {
    this.options = { ...DEFAULT_SQLITE_EVENT_LOG_OPTIONS, ...options };
    this.raw = openLogDatabase(this.options.path, this.options.synchronous);
    this.db = new Kysely<LogSchema>({ dialect: new SqliteDialect({ database: this.raw }) });
    this.tail = new TailCache(this.options.tailCacheBytes);
    this.health = new FaultEpisode('log', this.options.backoff, this.options.onHealthChange);
    this.writer = this.options.writer === 'inline' || isInMemory(this.options.path)
      ? new InlineLogWriter(this.raw)
      : new ThreadLogWriter({ path: this.options.path, synchronous: this.options.synchronous });
    this.lastPosition = (this.raw.prepare('SELECT max(position) AS p FROM events').get() as { p: number | null }).p ?? 0;
  }

  /** Position of the newest event this process appended or saw (no I/O). */
  get lastKnownPosition(): number {
    return this.lastPosition;
  }

  /** Set while commits fail on a resource fault; cleared by the next commit that succeeds. */
  get degradation(): Degradation | undefined {
    return this.health.degradation;
  }

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
    else if (this.health.degradation && !this.closing) this.committing = this.attempt(this.writer.probe(), () => {}, () => {});
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
    const rows = batch.map((p) => p.requests.map(toRow));
    const started = performance.now();
    // A failed group is never acknowledged, so never retried here: its
    // callers see the failure (HTTP 503) and send again.
    return this.attempt(this.writer.commit(rows), (results) => {
      this.options.onCommit?.({ durationMs: performance.now() - started, appends: batch.length, events: rows.reduce((n, r) => n + r.length, 0) });
      this.committed(batch, rows, results);
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
    return write.then((result) => {
      this.health.succeeded();
      ok(result);
    }, (e: unknown) => {
      failed(e);
      return isResourceFault(e) || this.health.degradation ? sleep(this.health.fault(e)) : undefined;
    });
  }

  private committed(batch: readonly PendingAppend[], rows: readonly (readonly LogRow[])[], results: readonly AppendOutcome[][]): void {
    let appended = false;
    batch.forEach((p, i) => p.requests.forEach((req, j) => {
      const outcome = results[i]![j]!;
      if (outcome.status !== 'appended') return;
      this.tail.add({ ...req.event, position: outcome.position, version: outcome.version } as RecordedEvent, rows[i]![j]!.data.length + 200);
      this.lastPosition = outcome.position;
      appended = true;
    }));
    batch.forEach((p, i) => p.resolve(results[i]!));
    if (appended) {
      this.wake();
      for (const listener of this.appendListeners) listener(this.lastPosition);
    }
  }

  async read(from: number, options: ReadOptions = {}): Promise<readonly RecordedEvent[]> {
    const limit = options.limit ?? 1000;
    const until = options.untilPosition ?? Number.MAX_SAFE_INTEGER;
    const cached = this.tail.readAfter(from, limit, until);
    if (cached && (cached.length === limit || from + cached.length >= Math.min(until, this.lastPosition))) return cached;
    const rows = await this.db.selectFrom('events').selectAll()
      .where('position', '>', from).where('position', '<=', until)
      .orderBy('position').limit(limit).execute();
    return rows.map(toRecorded);
  }

  async readStream(stream: string, fromVersion = 0, options: ReadOptions = {}): Promise<readonly RecordedEvent[]> {
    const rows = await this.db.selectFrom('events').selectAll()
      .where('stream', '=', stream).where('version', '>', fromVersion)
      .where('position', '<=', options.untilPosition ?? Number.MAX_SAFE_INTEGER)
      .orderBy('version').limit(options.limit ?? 1000).execute();
    return rows.map(toRecorded);
  }

  async readStreamBackward(
    stream: string,
    options: ReadOptions & { types?: readonly TroupeEvent['type'][] } = {},
  ): Promise<readonly RecordedEvent[]> {
    let q = this.db.selectFrom('events').selectAll().where('stream', '=', stream)
      .where('position', '<=', options.untilPosition ?? Number.MAX_SAFE_INTEGER);
    if (options.types) q = q.where('type', 'in', options.types);
    const rows = await q.orderBy('version', 'desc').limit(options.limit ?? 1000).execute();
    return rows.map(toRecorded);
  }

  /**
   * Synchronous lookup of a catalog stored in full, for a projection that
   * meets a catalog recorded by reference (see CatalogReferences): by event
   * id, and only on the node's own stream.
   */
  catalogBodies(): CatalogBodyLookup {
    const byId = this.raw.prepare<[string, string], { data: string }>(
      "SELECT data FROM events WHERE event_id = ? AND stream = ? AND type = 'catalog_submitted'");
    return (eventId, certname) => {
      const row = byId.get(eventId, certname);
      return row ? catalogBodyOf(JSON.parse(row.data)) : undefined;
    };
  }

  /** The last position recorded at or before `time` (ISO-8601), for `--until TIME`. */
  async positionAt(time: string): Promise<number> {
    const row = await this.db.selectFrom('events').select(sql<number | null>`max(position)`.as('p'))
      .where('recorded_at', '<=', time).executeTakeFirst();
    return row?.p ?? 0;
  }

  async head(): Promise<number> {
    const row = await this.db.selectFrom('events').select(sql<number | null>`max(position)`.as('p')).executeTakeFirst();
    this.lastPosition = Math.max(this.lastPosition, row?.p ?? 0);
    return row?.p ?? 0;
  }

  subscribe(options: SubscribeOptions): Subscription {
    return new LogSubscription(this, options, () => this.waitForAppend());
  }

  /** Resolves on the next local commit, or after `ms` (appends by other processes). */
  private waitForAppend(ms: number = this.options.pollIntervalMs): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  /** Called after every commit that appended events, with the new head. */
  onAppend(listener: (head: number) => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  /** Wakes caught-up subscriptions now: another process appended (its nudge). */
  nudge(): void {
    this.wake();
  }

  private wake(): void {
    for (const f of [...this.waiters]) f();
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      while (this.committing || this.pending.length > 0) {
        this.flush();
        await this.committing;
      }
      this.wake();
      await this.writer.close();
      await this.db.destroy();
    })();
    return this.closing;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isInMemory(path: string): boolean {
  return path === ':memory:' || path === '' || path.startsWith('file::memory:');
}

function toRow(req: AppendRequest): LogRow {
  const e = req.event;
  return {
    id: e.id, stream: e.stream, type: e.type, time: e.time,
    data: stringifyData(e.data), meta: JSON.stringify(e.meta), expectedVersion: req.expectedVersion ?? 'any',
  };
}

function toRecorded(row: EventsTable): RecordedEvent {
  return {
    type: row.type, id: row.event_id, stream: row.stream, time: row.time,
    data: JSON.parse(row.data), meta: JSON.parse(row.meta),
    position: row.position, version: row.version,
  } as RecordedEvent;
}
