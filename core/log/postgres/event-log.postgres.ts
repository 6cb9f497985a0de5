import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { FaultEpisode, type Degradation } from '../../errors/resource-fault.js';
import { ConfigError, TroupeError } from '../../errors/troupe-error.js';
import type { EventType, RecordedEvent, TroupeEvent } from '../../events/event.types.js';
import { WakeSignal } from '../../async/wake-signal.js';
import { catalogBodyOf, type CatalogBodyLookup } from '../catalog-references.js';
import type {
  AppendOutcome, AppendRequest, EventLog, LogReadOptions, ReadOptions, SubscribeOptions, Subscription,
} from '../event-log.js';
import { openPgPool } from '../../postgres/pg-pool.js';
import { GroupCommitter, type CommitHealthOptions } from '../group-commit.js';
import { migratePostgresLog, type PostgresLogSchema } from './log-database.postgres.js';
import { LogNotifications } from './log-notifications.postgres.js';
import { leanTextOf, markLean } from '../lean-event.js';
import { toLogRow, toRecordedEvent } from '../log-row.js';
import { PostgresRowWriter } from './log-row-writer.postgres.js';
import { LogSubscription } from '../log-subscription.js';
import { parseJson } from '../../json/json-float.js';

export interface PostgresEventLogOptions extends CommitHealthOptions {
  /** `postgres://user[:password]@host[:port]/database`. */
  readonly connectionString: string;
  /**
   * Connections in the pool. Appends use one at a time (one group commit
   * in flight per instance); the rest serve reads. The LISTEN connection
   * is one more, outside the pool.
   * @defaultValue 4
   */
  readonly maxConnections?: number;
  /**
   * Append requests that may wait for the next group commit. Above it,
   * `append` rejects with `log_busy` instead of queueing more.
   * @defaultValue 100_000
   */
  readonly maxPendingAppends?: number;
  /**
   * How often a caught-up subscription reads again when no notification
   * came: the latency bound for live subscribers while the LISTEN
   * connection is down. With it up, commits of any instance arrive within
   * milliseconds; this instance's own commits wake subscribers at once.
   * @defaultValue 500
   */
  readonly pollIntervalMs?: number;
  /**
   * NOTIFY channel commits announce the new head on.
   * @defaultValue 'troupe_log'
   */
  readonly channel?: string;
}

export const DEFAULT_POSTGRES_EVENT_LOG_OPTIONS = {
  maxConnections: 4,
  maxPendingAppends: 100_000,
  pollIntervalMs: 500,
  channel: 'troupe_log',
} as const satisfies Omit<Required<PostgresEventLogOptions>, 'connectionString' | 'backoff' | 'onHealthChange' | 'onCommit'>;

type ResolvedOptions = Required<Omit<PostgresEventLogOptions, 'backoff' | 'onHealthChange' | 'onCommit'>> & PostgresEventLogOptions;

/**
 * The event log in PostgreSQL, for several Troupe instances sharing one
 * database. Same semantics as the SQLite log (the contract suite checks
 * both): group commit, idempotent ids, optimistic stream versions,
 * gap-free positions (see PostgresRowWriter), catch-up then live
 * subscriptions woken by LISTEN/NOTIFY with polling as the fallback.
 * Create it with {@link openPostgresEventLog}, which creates the schema.
 */
export class PostgresEventLog implements EventLog {
  private readonly db: Kysely<PostgresLogSchema>;
  private readonly commits: GroupCommitter;
  private readonly health: FaultEpisode;
  private readonly appended = new WakeSignal();
  private readonly appendListeners = new Set<(head: number) => void>();
  private notifications: LogNotifications | undefined;
  private closing: Promise<void> | undefined;
  private lastPosition = 0;

  private constructor(private readonly options: ResolvedOptions, db: Kysely<PostgresLogSchema>) {
    this.db = db;
    this.health = new FaultEpisode('log', options.backoff, options.onHealthChange);
    const writer = new PostgresRowWriter(db, options.channel);
    this.commits = new GroupCommitter({
      maxPendingAppends: options.maxPendingAppends,
      health: this.health,
      write: (groups) => this.write(writer, groups),
      probe: () => writer.probe(),
      committed: (_, results) => this.committed(results),
      onCommit: options.onCommit,
    });
  }

  /** Connects, creates the log's tables if missing, and reads the head. */
  static async open(options: PostgresEventLogOptions): Promise<PostgresEventLog> {
    const o: ResolvedOptions = { ...DEFAULT_POSTGRES_EVENT_LOG_OPTIONS, ...options };
    if (!Number.isInteger(o.maxConnections) || o.maxConnections < 1) throw new ConfigError('maxConnections', 'must be an integer ≥ 1');
    if (!Number.isInteger(o.maxPendingAppends) || o.maxPendingAppends < 1) throw new ConfigError('maxPendingAppends', 'must be an integer ≥ 1');
    const pool = openPgPool(o.connectionString, o.maxConnections);
    const db = new Kysely<PostgresLogSchema>({ dialect: new PostgresDialect({ pool }) });
    try {
      await migratePostgresLog(db);
    } catch (e) {
      await db.destroy();
      throw asLogError(e, 'cannot open the PostgreSQL event log');
    }
    const log = new PostgresEventLog(o, db);
    await log.head();
    return log;
  }

  /** Position of the newest event this instance appended or saw (no I/O). */
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

  private async write(writer: PostgresRowWriter, groups: readonly (readonly AppendRequest[])[]): Promise<AppendOutcome[][]> {
    try {
      const results = await writer.commit(groups.map((g) => g.map((r) => ({ ...toLogRow(r), lean: leanTextOf(r.event) }))));
      for (const o of results.flat()) if (o.status === 'appended') this.lastPosition = Math.max(this.lastPosition, o.position);
      return results;
    } catch (e) {
      throw asLogError(e, 'event log commit failed');
    }
  }

  private committed(results: readonly AppendOutcome[][]): void {
    if (!results.some((r) => r.some((o) => o.status === 'appended'))) return;
    this.appended.wake();
    for (const listener of this.appendListeners) listener(this.lastPosition);
  }

  async read(from: number, options: LogReadOptions = {}): Promise<readonly RecordedEvent[]> {
    if (options.bodiesOf) return this.readLean(from, options, options.bodiesOf);
    const rows = await this.query(() => this.db.selectFrom('events').select(COLUMNS)
      .where('position', '>', from).where('position', '<=', options.untilPosition ?? Number.MAX_SAFE_INTEGER)
      .orderBy('position').limit(options.limit ?? 1000).execute());
    return rows.map(toRecordedEvent);
  }

  /**
   * A read that leaves out the bodies of the events `bodiesOf` refuses:
   * the rows come with their lean copy in place of their data, and the
   * whole data is fetched (a second query, by position) only for the
   * events with bodies that `bodiesOf` takes. Events never change, so the
   * two queries need no common snapshot.
   */
  private async readLean(from: number, options: ReadOptions, bodiesOf: (stream: string, type: EventType) => boolean): Promise<readonly RecordedEvent[]> {
    const rows = await this.query(() => this.db.selectFrom('events')
      .select([...LEAN_COLUMNS, sql<string>`coalesce(lean, data)`.as('data'), sql<boolean>`lean IS NOT NULL`.as('has_bodies')])
      .where('position', '>', from).where('position', '<=', options.untilPosition ?? Number.MAX_SAFE_INTEGER)
      .orderBy('position').limit(options.limit ?? 1000).execute());
    const whole = new Set(rows.filter((r) => r.has_bodies && bodiesOf(r.stream, r.type as EventType)).map((r) => r.position));
    const data = whole.size === 0 ? new Map<number, string>() : new Map((await this.query(() => this.db.selectFrom('events').select(['position', 'data'])
      .where(sql<boolean>`position = any(${[...whole]}::bigint[])`).execute())).map((r) => [Number(r.position), r.data]));
    return rows.map(({ has_bodies, ...row }) => {
      if (!has_bodies) return toRecordedEvent(row);
      const body = data.get(row.position);
      return body === undefined ? markLean(toRecordedEvent(row)) : toRecordedEvent({ ...row, data: body });
    });
  }

  async readStream(stream: string, fromVersion = 0, options: ReadOptions = {}): Promise<readonly RecordedEvent[]> {
    const rows = await this.query(() => this.db.selectFrom('events').select(COLUMNS)
      .where('stream', '=', stream).where('version', '>', fromVersion)
      .where('position', '<=', options.untilPosition ?? Number.MAX_SAFE_INTEGER)
      .orderBy('version').limit(options.limit ?? 1000).execute());
    return rows.map(toRecordedEvent);
  }

  async readStreamBackward(
    stream: string,
    options: ReadOptions & { types?: readonly TroupeEvent['type'][] } = {},
  ): Promise<readonly RecordedEvent[]> {
    const types = options.types;
    if (types?.length === 0) return [];
    let q = this.db.selectFrom('events').select(COLUMNS).where('stream', '=', stream)
      .where('position', '<=', options.untilPosition ?? Number.MAX_SAFE_INTEGER);
    if (types) q = q.where('type', 'in', types);
    const rows = await this.query(() => q.orderBy('version', 'desc').limit(options.limit ?? 1000).execute());
    return rows.map(toRecordedEvent);
  }

  /**
   * The catalog bodies a batch of events refers to (catalogs recorded by
   * reference, `bodyOf`), fetched in one query, as the synchronous lookup a
   * projection's transaction uses (SQLite's `catalogBodies()` reads them
   * one by one inside it; a server round trip per body would not do).
   * Only full `catalog_submitted` events of the referring node's own stream count.
   */
  async catalogBodiesFor(events: readonly RecordedEvent[]): Promise<CatalogBodyLookup> {
    const refs = events.flatMap((e) => (e.type === 'catalog_submitted' && e.data.bodyOf !== undefined ? [e.data.bodyOf] : []));
    const rows = refs.length === 0 ? [] : await this.query(() => this.db.selectFrom('events').select(['event_id', 'stream', 'data'])
      .where(sql<boolean>`event_id = any(${[...new Set(refs)]}::text[])`).where('type', '=', 'catalog_submitted').execute());
    const bodies = new Map(rows.map((r) => [r.event_id, { stream: r.stream, body: catalogBodyOf(parseJson(r.data)) }]));
    return (eventId, certname) => {
      const found = bodies.get(eventId);
      return found?.stream === certname ? found.body : undefined;
    };
  }

  /** The last position recorded at or before `time` (ISO-8601), for `--until TIME`. */
  async positionAt(time: string): Promise<number> {
    const row = await this.query(() => this.db.selectFrom('events').select(sql<number | null>`max(position)`.as('p'))
      .where('recorded_at', '<=', new Date(time)).executeTakeFirst());
    return row?.p ?? 0;
  }

  async head(): Promise<number> {
    const row = await this.query(() => this.db.selectFrom('log_head').select('position').where('id', '=', 1).executeTakeFirst());
    const head = row?.position ?? 0;
    this.lastPosition = Math.max(this.lastPosition, head);
    return head;
  }

  subscribe(options: SubscribeOptions): Subscription {
    if (!this.notifications && !this.closing) {
      this.notifications = new LogNotifications({
        connectionString: this.options.connectionString, channel: this.options.channel, onNotify: () => this.appended.wake(),
      });
    }
    return new LogSubscription(this, options, (seen) => this.appended.wait(this.options.pollIntervalMs, seen), () => this.appended.generation);
  }

  /** Called after every commit of this instance that appended events, with the new head. */
  onAppend(listener: (head: number) => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  /** Wakes caught-up subscriptions now. */
  nudge(): void {
    this.appended.wake();
  }

  /** Flushes pending appends, stops subscriptions' waits, ends every connection. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.commits.close();
      this.appended.wake();
      await this.notifications?.close();
      await this.db.destroy();
    })();
    return this.closing;
  }

  private async query<T>(run: () => Promise<T>): Promise<T> {
    if (this.closing) throw new TroupeError('log_closed', 'the event log is closed');
    try {
      return await run();
    } catch (e) {
      throw asLogError(e, 'event log read failed', 'log_read_failed');
    }
  }
}

const LEAN_COLUMNS = ['position', 'event_id', 'stream', 'version', 'type', 'time', 'meta'] as const;
const COLUMNS = [...LEAN_COLUMNS, 'data'] as const;

/**
 * A driver error as a TroupeError whose cause carries a SQLSTATE, so
 * isResourceFault tells a lost connection or a full disk (retry after a
 * back-off) from a broken log. Socket errors (ECONNREFUSED, a connection
 * ended mid-query) have no SQLSTATE: they count as 08006, connection failure.
 */
function asLogError(e: unknown, what: string, code: 'log_write_failed' | 'log_read_failed' = 'log_write_failed'): TroupeError {
  if (e instanceof TroupeError) return e;
  const message = (e as Error)?.message ?? String(e);
  const sqlstate = e instanceof pg.DatabaseError ? e.code : undefined;
  const state = sqlstate ?? (isConnectionError(e) ? '08006' : undefined);
  return new TroupeError(code, `${what}: ${message}${state ? ` (${state})` : ''}`, { cause: { code: state, message } });
}

function isConnectionError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return (typeof code === 'string' && /^E[A-Z]+$/.test(code)) || /connection|terminat|timeout/i.test((e as Error)?.message ?? '');
}
