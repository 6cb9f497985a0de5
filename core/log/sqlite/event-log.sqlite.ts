import type Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { unpackText, type PackedText } from '../../codec/packed-text.js';
import { FaultEpisode, type BackoffOptions, type Degradation } from '../../errors/resource-fault.js';
import type { RecordedEvent, TroupeEvent } from '../../events/event.types.js';
import type {
  AppendOutcome, AppendRequest, EventLog, LogReadOptions, ReadOptions, SubscribeOptions, Subscription,
} from '../event-log.js';
import { catalogBodyOf, type CatalogBodyLookup } from '../catalog-references.js';
import { GroupCommitter, type GroupCommit } from '../group-commit.js';
import { openLogDatabase } from './log-database.sqlite.js';
import { InlineLogWriter } from './log-row-writer.sqlite.js';
import { WakeSignal } from '../../async/wake-signal.js';
import { leanUnless } from '../lean-event.js';
import { toLogRow, toRecordedEvent, type PackedEventRow } from '../log-row.js';
import { LogSubscription } from '../log-subscription.js';
import { ThreadLogWriter } from './log-writer.thread.js';
import type { LogWriter } from '../log-writer.js';
import { TailCache } from '../tail-cache.js';
import { parseJson } from '../../json/json-float.js';

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

export type { GroupCommit } from '../group-commit.js';

export const DEFAULT_SQLITE_EVENT_LOG_OPTIONS = {
  maxPendingAppends: 100_000,
  synchronous: 'full',
  tailCacheBytes: 8 * 1024 * 1024,
  pollIntervalMs: 200,
  writer: 'thread',
} as const satisfies Omit<Required<SqliteEventLogOptions>, 'path' | 'backoff' | 'onHealthChange' | 'onCommit'>;

interface EventsTable extends PackedEventRow {
  recorded_at: string;
}
interface LogSchema { events: EventsTable }

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
  private readonly commits: GroupCommitter;
  private readonly writer: LogWriter;
  private readonly health: FaultEpisode;
  private readonly appended = new WakeSignal();
  private readonly appendListeners = new Set<(head: number) => void>();
  private closing: Promise<void> | undefined;
  private lastPosition = 0;

  private readonly newestOfType: Database.Statement<[string, string], EventsTable>;

  constructor(options: SqliteEventLogOptions) {
    this.options = { ...DEFAULT_SQLITE_EVENT_LOG_OPTIONS, ...options };
    this.raw = openLogDatabase(this.options.path, this.options.synchronous);
    this.db = new Kysely<LogSchema>({ dialect: new SqliteDialect({ database: this.raw }) });
    this.tail = new TailCache(this.options.tailCacheBytes);
    this.health = new FaultEpisode('log', this.options.backoff, this.options.onHealthChange);
    this.writer = this.options.writer === 'inline' || isInMemory(this.options.path)
      ? new InlineLogWriter(this.raw)
      : new ThreadLogWriter({ path: this.options.path, synchronous: this.options.synchronous });
    this.commits = new GroupCommitter({
      maxPendingAppends: this.options.maxPendingAppends,
      health: this.health,
      write: (groups) => this.write(groups),
      probe: () => this.writer.probe(),
      committed: (_, results) => this.committed(results),
      onCommit: this.options.onCommit,
    });
    this.lastPosition = (this.raw.prepare('SELECT max(position) AS p FROM events').get() as { p: number | null }).p ?? 0;
    this.newestOfType = this.raw.prepare('SELECT * FROM events WHERE stream = ? AND type = ? ORDER BY version DESC LIMIT 1');
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
    return this.commits.append(requests);
  }

  /** Commits one group on the writer; the tail cache holds its events before any caller is answered. */
  private async write(groups: readonly (readonly AppendRequest[])[]): Promise<AppendOutcome[][]> {
    const rows = groups.map((g) => g.map(toLogRow));
    const results = await this.writer.commit(rows);
    groups.forEach((g, i) => g.forEach((req, j) => {
      const outcome = results[i]![j]!;
      if (outcome.status !== 'appended') return;
      this.tail.add({ ...req.event, position: outcome.position, version: outcome.version } as RecordedEvent, rows[i]![j]!.data.length + 200);
      this.lastPosition = outcome.position;
    }));
    return results;
  }

  private committed(results: readonly AppendOutcome[][]): void {
    if (!results.some((r) => r.some((o) => o.status === 'appended'))) return;
    this.wake();
    for (const listener of this.appendListeners) listener(this.lastPosition);
  }

  /** Reads whole events; `bodiesOf` drops the others' bodies after the read (SQLite keeps no lean copy: one instance reads its own file). */
  async read(from: number, options: LogReadOptions = {}): Promise<readonly RecordedEvent[]> {
    return leanUnless(await this.readWhole(from, options), options.bodiesOf);
  }

  private async readWhole(from: number, options: ReadOptions): Promise<readonly RecordedEvent[]> {
    const limit = options.limit ?? 1000;
    const until = options.untilPosition ?? Number.MAX_SAFE_INTEGER;
    const cached = this.tail.readAfter(from, limit, until);
    if (cached && (cached.length === limit || from + cached.length >= Math.min(until, this.lastPosition))) return cached;
    const rows = await this.db.selectFrom('events').selectAll()
      .where('position', '>', from).where('position', '<=', until)
      .orderBy('position').limit(limit).execute();
    return rows.map(toRecordedEvent);
  }

  async readStream(stream: string, fromVersion = 0, options: ReadOptions = {}): Promise<readonly RecordedEvent[]> {
    const rows = await this.db.selectFrom('events').selectAll()
      .where('stream', '=', stream).where('version', '>', fromVersion)
      .where('position', '<=', options.untilPosition ?? Number.MAX_SAFE_INTEGER)
      .orderBy('version').limit(options.limit ?? 1000).execute();
    return rows.map(toRecordedEvent);
  }

  async readStreamBackward(
    stream: string,
    options: ReadOptions & { types?: readonly TroupeEvent['type'][] } = {},
  ): Promise<readonly RecordedEvent[]> {
    // A node's newest event of one type (its facts when it compiles, its last catalog when its actor
    // starts): a statement prepared once, not a query built and prepared per call on a worker's thread.
    if (options.types?.length === 1 && options.limit === 1 && options.untilPosition === undefined) {
      const row = this.newestOfType.get(stream, options.types[0]!);
      return row ? [toRecordedEvent(row)] : [];
    }
    let q = this.db.selectFrom('events').selectAll().where('stream', '=', stream)
      .where('position', '<=', options.untilPosition ?? Number.MAX_SAFE_INTEGER);
    if (options.types) q = q.where('type', 'in', options.types);
    const rows = await q.orderBy('version', 'desc').limit(options.limit ?? 1000).execute();
    return rows.map(toRecordedEvent);
  }

  /**
   * Synchronous lookup of a catalog stored in full, for a projection that
   * meets a catalog recorded by reference (see CatalogReferences): by event
   * id, and only on the node's own stream.
   */
  catalogBodies(): CatalogBodyLookup {
    const byId = this.raw.prepare<[string, string], { data: PackedText }>(
      "SELECT data FROM events WHERE event_id = ? AND stream = ? AND type = 'catalog_submitted'");
    return (eventId, certname) => {
      const row = byId.get(eventId, certname);
      return row ? catalogBodyOf(parseJson(unpackText(row.data))) : undefined;
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
    return new LogSubscription(this, options, (seen) => this.appended.wait(this.options.pollIntervalMs, seen), () => this.appended.generation);
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
    this.appended.wake();
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.commits.close();
      this.wake();
      await this.writer.close();
      await this.db.destroy();
    })();
    return this.closing;
  }
}

function isInMemory(path: string): boolean {
  return path === ':memory:' || path === '' || path.startsWith('file::memory:');
}
