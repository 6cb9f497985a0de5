import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { TroupeError } from '../errors/troupe-error.js';
import type { RecordedEvent, TroupeEvent } from '../events/event.types.js';
import type {
  AppendOutcome, AppendRequest, EventLog, ReadOptions, SubscribeOptions, Subscription,
} from './event-log.js';
import { LogSubscription } from './log-subscription.js';
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
}

export const DEFAULT_SQLITE_EVENT_LOG_OPTIONS = {
  maxPendingAppends: 100_000,
  synchronous: 'full',
  tailCacheBytes: 8 * 1024 * 1024,
  pollIntervalMs: 200,
} as const satisfies Omit<Required<SqliteEventLogOptions>, 'path'>;

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
 * The embedded event log: one SQLite file in WAL mode. Appends made in the
 * same tick are group-committed in one transaction, so one fsync covers
 * many commands; no append resolves before its transaction committed.
 */
export class SqliteEventLog implements EventLog {
  private readonly options: Required<SqliteEventLogOptions>;
  private readonly raw: Database.Database;
  private readonly db: Kysely<LogSchema>;
  private readonly tail: TailCache;
  private pending: PendingAppend[] = [];
  private pendingCount = 0;
  private flushScheduled = false;
  private readonly waiters = new Set<() => void>();
  private readonly appendListeners = new Set<(head: number) => void>();
  private closing: Promise<void> | undefined;
  private lastPosition = 0;
  private readonly stmts: ReturnType<SqliteEventLog['prepare']>;

  constructor(options: SqliteEventLogOptions) {
    this.options = { ...DEFAULT_SQLITE_EVENT_LOG_OPTIONS, ...options };
    this.raw = new Database(this.options.path);
    this.raw.pragma('journal_mode = WAL');
    this.raw.pragma(`synchronous = ${this.options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.raw.pragma('busy_timeout = 5000');
    this.createSchema();
    this.db = new Kysely<LogSchema>({ dialect: new SqliteDialect({ database: this.raw }) });
    this.tail = new TailCache(this.options.tailCacheBytes);
    this.stmts = this.prepare();
    this.lastPosition = (this.stmts.head.get() as { p: number | null }).p ?? 0;
  }

  private createSchema(): void {
    this.raw.exec(`
      CREATE TABLE IF NOT EXISTS events (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        stream TEXT NOT NULL,
        version INTEGER NOT NULL,
        type TEXT NOT NULL,
        time TEXT NOT NULL,
        data TEXT NOT NULL,
        meta TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        UNIQUE (stream, version)
      );
      CREATE INDEX IF NOT EXISTS events_stream_type ON events (stream, type, version);`);
  }

  // The append path is hot: prepared statements on the raw handle, not kysely.
  private prepare() {
    return {
      head: this.raw.prepare('SELECT max(position) AS p FROM events'),
      byId: this.raw.prepare('SELECT position, version FROM events WHERE event_id = ?'),
      streamVersion: this.raw.prepare('SELECT max(version) AS v FROM events WHERE stream = ?'),
      insert: this.raw.prepare(
        'INSERT INTO events (event_id, stream, version, type, time, data, meta, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    };
  }

  /** Position of the newest event this process appended or saw (no I/O). */
  get lastKnownPosition(): number {
    return this.lastPosition;
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
    const batch = this.pending;
    this.pending = [];
    this.pendingCount = 0;
    if (batch.length === 0) return;
    const recorded: Array<{ event: RecordedEvent; size: number }> = [];
    let results: AppendOutcome[][];
    try {
      // IMMEDIATE takes the write lock first (waiting up to busy_timeout):
      // a deferred read-then-write could fail at once if another connection wrote.
      results = this.raw.transaction(() => batch.map((p) => this.appendBatch(p.requests, recorded))).immediate();
    } catch (e) {
      for (const p of batch) p.reject(e);
      return;
    }
    for (const r of recorded) {
      this.tail.add(r.event, r.size);
      this.lastPosition = r.event.position;
    }
    batch.forEach((p, i) => p.resolve(results[i]!));
    if (recorded.length > 0) {
      this.wake();
      for (const listener of this.appendListeners) listener(this.lastPosition);
    }
  }

  /**
   * One caller's requests, all-or-nothing (a savepoint): a version conflict
   * voids the caller's whole call, and every outcome of it reports the
   * conflict; other callers in the same group commit are unaffected.
   */
  private appendBatch(requests: readonly AppendRequest[], recorded: Array<{ event: RecordedEvent; size: number }>): AppendOutcome[] {
    const mark = recorded.length;
    try {
      return this.raw.transaction(() => requests.map((r) => {
        const outcome = this.appendOne(r, recorded);
        if (outcome.status === 'conflict') throw new ConflictRollback(outcome);
        return outcome;
      }))();
    } catch (e) {
      if (!(e instanceof ConflictRollback)) throw e;
      recorded.length = mark;
      return requests.map(() => e.outcome);
    }
  }

  private appendOne(req: AppendRequest, recorded: Array<{ event: RecordedEvent; size: number }>): AppendOutcome {
    const e = req.event;
    const dup = this.stmts.byId.get(e.id) as { position: number; version: number } | undefined;
    if (dup) return { status: 'duplicate', position: dup.position, version: dup.version };
    const current = (this.stmts.streamVersion.get(e.stream) as { v: number | null }).v ?? 0;
    const expected = req.expectedVersion ?? 'any';
    if ((expected === 'no_stream' && current !== 0) || (typeof expected === 'number' && expected !== current)) {
      return { status: 'conflict', expected, actual: current };
    }
    const version = current + 1;
    const data = JSON.stringify(e.data);
    const meta = JSON.stringify(e.meta);
    const info = this.stmts.insert.run(e.id, e.stream, version, e.type, e.time, data, meta, new Date().toISOString());
    const position = Number(info.lastInsertRowid);
    recorded.push({ event: { ...e, position, version } as RecordedEvent, size: data.length + 200 });
    return { status: 'appended', position, version };
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
      while (this.pending.length > 0) this.flush();
      this.wake();
      await this.db.destroy();
    })();
    return this.closing;
  }
}

/** Thrown inside a transaction to roll back one caller's conflicting batch. */
class ConflictRollback extends Error {
  constructor(readonly outcome: AppendOutcome) { super('conflict'); }
}

function toRecorded(row: EventsTable): RecordedEvent {
  return {
    type: row.type, id: row.event_id, stream: row.stream, time: row.time,
    data: JSON.parse(row.data), meta: JSON.parse(row.meta),
    position: row.position, version: row.version,
  } as RecordedEvent;
}
