import { BACKWARDS, END, ErrorType, KurrentDBClient } from '@kurrent/kurrentdb-client';
import { FaultEpisode, type Degradation } from '../../errors/resource-fault.js';
import { ConfigError, TroupeError } from '../../errors/troupe-error.js';
import type { RecordedEvent, TroupeEvent } from '../../events/event.types.js';
import { WakeSignal } from '../../async/wake-signal.js';
import { catalogBodyOf, type CatalogBodyLookup } from '../catalog-references.js';
import type {
  AppendOutcome, AppendRequest, EventLog, LogReadOptions, ReadOptions, SubscribeOptions, Subscription,
} from '../event-log.js';
import { GroupCommitter, type CommitHealthOptions } from '../group-commit.js';
import { isKurrentError, mapLimited, readEvents, READ_CONCURRENCY, type KurrentLogClient, type KurrentStreamSubscription } from './kurrentdb-log-client.js';
import { KurrentLogLayout } from './kurrentdb-log-layout.js';
import { leanUnless } from '../lean-event.js';
import { toLogRow } from '../log-row.js';
import { KurrentRowWriter } from './log-row-writer.kurrentdb.js';
import { LogSubscription } from '../log-subscription.js';

export interface KurrentEventLogOptions extends CommitHealthOptions {
  /**
   * A KurrentDB connection string (`kurrentdb://host:2113?tls=false`,
   * `kurrentdb+discover://…`, `esdb://…`). Ignored when `client` is given.
   */
  readonly connectionString?: string;
  /** A client to use instead of connecting (tests: the in-memory stand-in). The log disposes it on close. */
  readonly client?: KurrentLogClient;
  /**
   * Prefix of the log's stream names (`<prefix>log`, `<prefix>node-…`,
   * `<prefix>id-…`): several logs can share one server.
   * @defaultValue 'troupe-'
   */
  readonly streamPrefix?: string;
  /**
   * Append requests that may wait for the next group commit. Above it,
   * `append` rejects with `log_busy` instead of queueing more.
   * @defaultValue 100_000
   */
  readonly maxPendingAppends?: number;
  /**
   * How often a caught-up subscription reads again when no live event came:
   * the latency bound while the live subscription to `<prefix>log` is down.
   * @defaultValue 500
   */
  readonly pollIntervalMs?: number;
  /**
   * Times a group commit is planned again after another writer moved the
   * head under it, before the group fails with `log_write_failed`.
   * @defaultValue 20
   */
  readonly maxConflictRetries?: number;
  /**
   * Estimated bytes per append to the server: a group commit bigger than
   * this is written as several appends (whole callers each), under
   * KurrentDB's MaxAppendSize (1 MiB unless the server says otherwise).
   * @defaultValue 1_000_000
   */
  readonly maxAppendBytes?: number;
}

export const DEFAULT_KURRENT_EVENT_LOG_OPTIONS = {
  streamPrefix: 'troupe-',
  maxPendingAppends: 100_000,
  pollIntervalMs: 500,
  maxConflictRetries: 20,
  maxAppendBytes: 1_000_000,
} as const satisfies Required<Pick<KurrentEventLogOptions, 'streamPrefix' | 'maxPendingAppends' | 'pollIntervalMs' | 'maxConflictRetries' | 'maxAppendBytes'>>;

type ResolvedOptions = Required<Pick<KurrentEventLogOptions, keyof typeof DEFAULT_KURRENT_EVENT_LOG_OPTIONS>> & KurrentEventLogOptions;

// The real client offers everything the log uses (compile-time check).
const clientFits = (c: KurrentDBClient): KurrentLogClient => c;

/**
 * The event log on KurrentDB (docs/kurrentdb.md): the contract's gap-free
 * positions come from one log stream appended at an expected revision
 * (KurrentLogLayout, KurrentRowWriter); group commit, bounded pending
 * appends and catch-up subscriptions are shared with the other backends.
 * A live subscription to the log stream wakes caught-up subscribers, with
 * polling as the fallback. Create it with {@link KurrentEventLog.open}.
 */
export class KurrentEventLog implements EventLog {
  private readonly layout: KurrentLogLayout;
  private readonly writer: KurrentRowWriter;
  private readonly commits: GroupCommitter;
  private readonly health: FaultEpisode;
  private readonly appended = new WakeSignal();
  private readonly appendListeners = new Set<(head: number) => void>();
  private live: KurrentStreamSubscription | undefined;
  private closing: Promise<void> | undefined;
  private lastPosition = 0;

  private constructor(private readonly options: ResolvedOptions, private readonly client: KurrentLogClient) {
    this.layout = new KurrentLogLayout(options.streamPrefix);
    this.writer = new KurrentRowWriter(client, this.layout, options);
    this.health = new FaultEpisode('log', options.backoff, options.onHealthChange);
    this.commits = new GroupCommitter({
      maxPendingAppends: options.maxPendingAppends,
      health: this.health,
      write: (groups) => this.write(groups),
      probe: () => this.writer.probe().catch((e: unknown) => { throw asLogError(e, 'event log probe failed'); }),
      committed: (_, results) => this.committed(results),
      onCommit: options.onCommit,
    });
  }

  /** Connects (or takes `client`) and reads the head, so a server that cannot be reached fails here. */
  static async open(options: KurrentEventLogOptions): Promise<KurrentEventLog> {
    const o: ResolvedOptions = { ...DEFAULT_KURRENT_EVENT_LOG_OPTIONS, ...options };
    if (!Number.isInteger(o.maxPendingAppends) || o.maxPendingAppends < 1) throw new ConfigError('maxPendingAppends', 'must be an integer ≥ 1');
    if (!Number.isInteger(o.maxConflictRetries) || o.maxConflictRetries < 0) throw new ConfigError('maxConflictRetries', 'must be an integer ≥ 0');
    if (!Number.isInteger(o.maxAppendBytes) || o.maxAppendBytes < 1) throw new ConfigError('maxAppendBytes', 'must be an integer ≥ 1');
    if (!/^[A-Za-z0-9_.-]*$/.test(o.streamPrefix) || o.streamPrefix.startsWith('$')) {
      throw new ConfigError('streamPrefix', 'letters, digits, _ . - only (a $ prefix is KurrentDB\'s)');
    }
    const client = o.client ?? connect(o.connectionString);
    const log = new KurrentEventLog(o, client);
    try {
      await log.head();
    } catch (e) {
      await client.dispose();
      throw e;
    }
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

  private async write(groups: readonly (readonly AppendRequest[])[]): Promise<AppendOutcome[][]> {
    try {
      const results = await this.writer.commit(groups.map((g) => g.map(toLogRow)));
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

  /** `bodiesOf` drops the others' bodies after the read (the KurrentDB log keeps no lean copy). */
  async read(from: number, options: LogReadOptions = {}): Promise<readonly RecordedEvent[]> {
    // Position p is revision p - 1: the events after `from` start at revision `from`.
    const count = Math.min(options.limit ?? 1000, (options.untilPosition ?? Number.MAX_SAFE_INTEGER) - from);
    if (count <= 0) return [];
    const events = await this.query(() => readEvents(this.client, this.layout.log, { fromRevision: BigInt(from), maxCount: count }));
    return leanUnless(events.map((e) => this.layout.toRecordedEvent(e)), options.bodiesOf);
  }

  async readStream(stream: string, fromVersion = 0, options: ReadOptions = {}): Promise<readonly RecordedEvent[]> {
    // Version v is revision v - 1 of the stream's links: the versions after `fromVersion` start at revision `fromVersion`.
    const links = await this.query(() => readEvents(this.client, this.layout.nodeStream(stream), {
      fromRevision: BigInt(fromVersion), maxCount: options.limit ?? 1000, resolveLinkTos: true,
    }));
    const until = options.untilPosition ?? Number.MAX_SAFE_INTEGER;
    return links.map((e) => this.layout.toRecordedEvent(e)).filter((e) => e.position <= until);
  }

  async readStreamBackward(
    stream: string,
    options: ReadOptions & { types?: readonly TroupeEvent['type'][] } = {},
  ): Promise<readonly RecordedEvent[]> {
    const limit = options.limit ?? 1000;
    const until = options.untilPosition ?? Number.MAX_SAFE_INTEGER;
    const types = options.types && new Set<string>(options.types);
    if (types?.size === 0 || limit <= 0) return [];
    return this.query(async () => {
      const found: RecordedEvent[] = [];
      try {
        // Newest first; breaking out of the loop cancels the rest of the read.
        for await (const link of this.client.readStream(this.layout.nodeStream(stream), { direction: BACKWARDS, fromRevision: END, resolveLinkTos: true })) {
          const e = this.layout.toRecordedEvent(link);
          if (e.position > until || (types && !types.has(e.type))) continue;
          found.push(e);
          if (found.length >= limit) break;
        }
      } catch (e) {
        if (!isKurrentError(e, ErrorType.STREAM_NOT_FOUND)) throw e;
      }
      return found;
    });
  }

  /**
   * The catalog bodies a batch of events refers to (`bodyOf`), as the
   * synchronous lookup a projection's transaction uses: each reference is
   * its id marker's position, then that event. Only full
   * `catalog_submitted` events of the referring node's own stream count.
   */
  async catalogBodiesFor(events: readonly RecordedEvent[]): Promise<CatalogBodyLookup> {
    const refs = [...new Set(events.flatMap((e) => (e.type === 'catalog_submitted' && e.data.bodyOf !== undefined ? [e.data.bodyOf] : [])))];
    const found = await mapLimited(refs, READ_CONCURRENCY, async (ref) => {
      const [marker] = await this.query(() => readEvents(this.client, this.layout.idStream(ref), { maxCount: 1 }));
      const [event] = marker ? await this.read(this.layout.storedOf(marker).position - 1, { limit: 1 }) : [];
      return event?.type === 'catalog_submitted' ? [[ref, { stream: event.stream, body: catalogBodyOf(event.data) }] as const] : [];
    });
    const bodies = new Map(found.flat());
    return (eventId, certname) => {
      const found = bodies.get(eventId);
      return found?.stream === certname ? found.body : undefined;
    };
  }

  /**
   * The last position recorded at or before `time` (ISO-8601), for `--until
   * TIME`: a binary search on the log stream's `created` times (in revision
   * order, as KurrentDB stamps them at commit), one read per step.
   */
  async positionAt(time: string): Promise<number> {
    const limit = Date.parse(time);
    let [lo, hi] = [0, await this.head()];
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      const [e] = await this.query(() => readEvents(this.client, this.layout.log, { fromRevision: BigInt(mid - 1), maxCount: 1 }));
      if (e?.event && e.event.created.getTime() <= limit) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  async head(): Promise<number> {
    const head = await this.query(() => this.writer.head());
    this.lastPosition = Math.max(this.lastPosition, head);
    return head;
  }

  subscribe(options: SubscribeOptions): Subscription {
    if (!this.live && !this.closing) this.live = this.watchLog();
    return new LogSubscription(this, options, (seen) => this.appended.wait(this.options.pollIntervalMs, seen), () => this.appended.generation);
  }

  /**
   * A live subscription to the log stream from its end: every event any
   * writer appends wakes the caught-up subscribers, which then read it. If
   * it fails, polling (pollIntervalMs) carries on and the next subscribe
   * starts it again.
   */
  private watchLog(): KurrentStreamSubscription {
    const live = this.client.subscribeToStream(this.layout.log, { fromRevision: END });
    live.on('data', () => this.appended.wake());
    live.on('error', () => {
      if (this.live === live) this.live = undefined;
    });
    return live;
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

  /** Flushes pending appends, stops subscriptions' waits and the live subscription, disposes the client. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.commits.close();
      this.appended.wake();
      await this.live?.unsubscribe().catch(() => undefined);
      await this.client.dispose();
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

function connect(connectionString: string | undefined): KurrentLogClient {
  if (!connectionString) throw new ConfigError('connectionString', 'a KurrentDB connection string or a client is required');
  try {
    return clientFits(KurrentDBClient.connectionString(connectionString));
  } catch (e) {
    throw new ConfigError('connectionString', `not a KurrentDB connection string: ${(e as Error).message}`);
  }
}

/** Error types that mean "the server cannot take this now": a resource fault (back off, retry), not a broken log. */
const TRANSIENT: ReadonlyMap<string, string> = new Map([
  [ErrorType.UNAVAILABLE, 'KURRENTDB_UNAVAILABLE'],
  [ErrorType.DEADLINE_EXCEEDED, 'KURRENTDB_DEADLINE_EXCEEDED'],
  [ErrorType.TIMEOUT, 'KURRENTDB_TIMEOUT'],
  [ErrorType.NOT_LEADER, 'KURRENTDB_NOT_LEADER'],
]);

/** A client error as a TroupeError whose cause carries a resource-fault code when the fault is transient. */
function asLogError(e: unknown, what: string, code: 'log_write_failed' | 'log_read_failed' = 'log_write_failed'): TroupeError {
  if (e instanceof TroupeError) return e;
  const type = (e as { type?: unknown } | undefined)?.type;
  // The client's errors may carry no more than their class name as message.
  const detail = (e as Error)?.message && (e as Error).message !== (e as Error).constructor?.name ? (e as Error).message : '';
  const message = typeof type === 'string' ? `KurrentDB ${type}${detail ? `: ${detail}` : ''}` : detail || String(e);
  const fault = TRANSIENT.get(String(type));
  return new TroupeError(code, `${what}: ${message}${fault ? ` (${fault})` : ''}`, { cause: { code: fault, message } });
}
