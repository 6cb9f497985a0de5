import { EventEmitter } from 'node:events';
import {
  ANY, BACKWARDS, END, NO_STREAM, START, STREAM_EXISTS, StreamNotFoundError, UnavailableError, WrongExpectedVersionError,
  type AppendStreamRequest, type CurrentStreamState, type EventData, type MultiAppendResult, type ReadStreamOptions,
  type RecordedEvent, type ResolvedEvent, type SubscribeToStreamOptions,
} from '@kurrent/kurrentdb-client';
import type { KurrentLogClient, KurrentStreamSubscription } from '../../core/log/kurrentdb/kurrentdb-log-client.js';

/**
 * A MOCK of a KurrentDB server, in memory, behind the API subset the
 * KurrentDB event log uses (KurrentLogClient). It exists because no
 * KurrentDB server can run here: tests against it check the adapter's own
 * logic, and say nothing about a real server.
 *
 * It follows KurrentDB's documented semantics as read in:
 * - the client's typings (@kurrent/kurrentdb-client 1.3.1, dist/streams/*.d.ts,
 *   dist/types/index.d.ts, dist/utils/CommandError.d.ts) — option names,
 *   defaults (readStream: fromRevision START, FORWARDS, maxCount unbounded),
 *   error classes;
 * - https://docs.kurrent.io/clients/node/v1.2/appending-events.html — revisions
 *   from 0, gapless; streamState ANY / NO_STREAM / STREAM_EXISTS / a revision;
 *   a stale one fails with WrongExpectedVersionError and writes nothing;
 *   event ids appended again to the same stream are not written twice;
 * - https://docs.kurrent.io/clients/python/v1.2/appending-events — an append
 *   is atomic; repeating it with the same event ids and the same expected
 *   revision succeeds idempotently without writing;
 * - the multiStreamAppend section of the client docs (KurrentDB 25.1+,
 *   kurrent-io/KurrentDB-Client-NodeJS docs/api/appending-events.md): all
 *   streams of the call are written or none; metadata must be an object of
 *   string values (the client checks this before sending, as here);
 * - https://developers.eventstore.com/clients/grpc/reading-events.html — reads
 *   forwards or backwards from a revision (inclusive) or START/END, at most
 *   maxCount; a missing stream fails with StreamNotFoundError; links (`$>`,
 *   data "revision@stream") are returned as the target with `link` set when
 *   resolveLinkTos is on, as the link itself otherwise;
 * - subscribeToStream (catch-up, then live): from START every event, from a
 *   revision the events after it (docs.rs kurrentdb SubscribeToStreamOptions:
 *   "a starting point of 50 … sees events 51 through 100, and then any
 *   events subsequently written"), from END only new ones.
 *
 * Not modelled: $all and commit positions beyond a counter, stream
 * metadata ($maxCount, $tb), deletion, projections, the server's
 * best-effort id cache for ANY appends beyond the stream's tail.
 */
export class KurrentDbMockServer {
  private readonly streams = new Map<string, StoredRecord[]>();
  private readonly live = new Map<string, Set<(r: StoredRecord) => void>>();
  private commitPosition = 0n;
  private failures = 0;

  /** A client of this server, as another process's connection would be. */
  client(): KurrentLogClient {
    return new MockClient(this);
  }

  /** The next `n` calls of any client fail with UnavailableError (a server that cannot be reached). */
  failNextCalls(n: number): void {
    this.failures = n;
  }

  /** Every stream's name (for tests of the layout). */
  streamNames(): string[] {
    return [...this.streams.keys()];
  }

  checkReachable(): void {
    if (this.failures > 0) {
      this.failures--;
      throw new UnavailableError(undefined, 'mock: server unavailable');
    }
  }

  records(stream: string): readonly StoredRecord[] | undefined {
    return this.streams.get(stream);
  }

  append(requests: AppendStreamRequest[]): MultiAppendResult {
    this.checkReachable();
    for (const r of requests) for (const e of r.events) checkMetadata(e);
    // All checks before any write: the call is atomic.
    const plans = requests.map((r) => ({ request: r, idempotent: this.check(r) }));
    const responses = plans.map(({ request, idempotent }) => {
      if (idempotent !== undefined) return { streamName: request.streamName, revision: idempotent };
      const stored = this.streams.get(request.streamName) ?? [];
      this.streams.set(request.streamName, stored);
      const written = request.events.map((e) => this.record(request.streamName, BigInt(stored.length), e, stored));
      for (const w of written) for (const listener of this.live.get(request.streamName) ?? []) listener(w);
      return { streamName: request.streamName, revision: BigInt(stored.length - 1) };
    });
    return { position: this.commitPosition, responses };
  }

  /** Throws WrongExpectedVersionError; returns the stream's revision when the append repeats one already made. */
  private check(r: AppendStreamRequest): bigint | undefined {
    const stored = this.streams.get(r.streamName);
    const current: CurrentStreamState = stored ? BigInt(stored.length - 1) : NO_STREAM;
    const base = r.expectedState === ANY || r.expectedState === STREAM_EXISTS ? undefined : r.expectedState === NO_STREAM ? -1 : Number(r.expectedState);
    // Same ids right after the expected revision (or, for ANY, at the stream's tail): already written.
    const from = base ?? (stored ? stored.length - r.events.length - 1 : -1);
    const again = stored && r.events.length > 0 && from >= -1
      && r.events.every((e, i) => stored[from + 1 + i]?.id === e.id);
    if (again) return BigInt(from + r.events.length);
    const ok = r.expectedState === ANY
      || (r.expectedState === STREAM_EXISTS && stored !== undefined)
      || (r.expectedState === NO_STREAM && stored === undefined)
      || (typeof r.expectedState === 'bigint' && current === r.expectedState);
    if (!ok) throw new WrongExpectedVersionError(undefined, { streamName: r.streamName, expected: r.expectedState, current });
    return undefined;
  }

  private record(streamId: string, revision: bigint, e: EventData, into: StoredRecord[]): StoredRecord {
    const isJson = e.contentType === 'application/json';
    const stored: StoredRecord = {
      streamId, id: e.id, revision, type: e.type, isJson, created: new Date(),
      // As the server keeps bytes: JSON is serialized here and parsed on every read.
      data: isJson ? JSON.stringify(e.data) : Uint8Array.from(e.data as Uint8Array),
      metadata: e.metadata === undefined ? undefined : JSON.stringify(e.metadata),
      commit: ++this.commitPosition,
    };
    into.push(stored);
    return stored;
  }

  resolve(r: StoredRecord, resolveLinkTos: boolean): ResolvedEvent {
    const event = toRecorded(r);
    if (r.type !== '$>' || !resolveLinkTos) return { event, commitPosition: r.commit };
    const [revision, stream] = splitLink(new TextDecoder().decode(r.data as Uint8Array));
    const target = this.streams.get(stream)?.[revision];
    return { event: target && toRecorded(target), link: event as ResolvedEvent['link'], commitPosition: r.commit };
  }

  listen(stream: string, listener: (r: StoredRecord) => void): () => void {
    const set = this.live.get(stream) ?? new Set();
    this.live.set(stream, set);
    set.add(listener);
    return () => set.delete(listener);
  }
}

interface StoredRecord {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly isJson: boolean;
  readonly created: Date;
  readonly data: string | Uint8Array;
  readonly metadata: string | undefined;
  readonly commit: bigint;
}

class MockClient implements KurrentLogClient {
  private disposed = false;

  constructor(private readonly server: KurrentDbMockServer) {}

  readStream(streamName: string, options: ReadStreamOptions = {}): AsyncIterableIterator<ResolvedEvent> {
    const { fromRevision = START, direction, maxCount = Number.MAX_SAFE_INTEGER, resolveLinkTos = false } = options;
    const server = this.server;
    const usable = (): void => this.usable();
    return (async function* read() {
      usable();
      await roundTrip();
      server.checkReachable();
      const records = server.records(streamName);
      if (!records) throw new StreamNotFoundError(undefined, streamName);
      const last = records.length - 1;
      const backwards = direction === BACKWARDS;
      let i = fromRevision === START ? (backwards ? -1 : 0) : fromRevision === END ? (backwards ? last : records.length) : Number(fromRevision);
      if (backwards) i = Math.min(i, last);
      // A snapshot of the stream as the read starts.
      const end = records.length;
      for (let n = 0; n < Number(maxCount) && i >= 0 && i < end; n++, i += backwards ? -1 : 1) {
        yield server.resolve(records[i]!, resolveLinkTos);
      }
    })();
  }

  async multiStreamAppend(requests: AppendStreamRequest[]): Promise<MultiAppendResult> {
    this.usable();
    await roundTrip();
    return this.server.append(requests);
  }

  subscribeToStream(streamName: string, options: SubscribeToStreamOptions = {}): KurrentStreamSubscription {
    this.usable();
    const { fromRevision = START, resolveLinkTos = false } = options;
    const emitter = new EventEmitter();
    const emit = (r: StoredRecord): void => { emitter.emit('data', this.server.resolve(r, resolveLinkTos)); };
    // Catch-up: the events stored after the starting point, emitted (a turn later) before any appended from now on.
    const stored = this.server.records(streamName) ?? [];
    const start = fromRevision === START ? 0 : fromRevision === END ? stored.length : Number(fromRevision) + 1;
    const catchUp = stored.slice(start);
    setImmediate(() => catchUp.forEach(emit));
    const stop = this.server.listen(streamName, (r) => setImmediate(() => emit(r)));
    return Object.assign(emitter, { unsubscribe: async () => { stop(); } }) as unknown as KurrentStreamSubscription;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  private usable(): void {
    if (this.disposed) throw new Error('mock: the client was disposed');
  }
}

/**
 * A server round trip: the answer comes in a later turn of the event loop,
 * never within the caller's tick, so other callers (another instance's
 * group commit) can run in between, as over a network.
 */
function roundTrip(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function toRecorded(r: StoredRecord): RecordedEvent {
  return {
    streamId: r.streamId, id: r.id, revision: r.revision, type: r.type, isJson: r.isJson, created: r.created,
    data: typeof r.data === 'string' ? JSON.parse(r.data) : Uint8Array.from(r.data),
    metadata: r.metadata === undefined ? undefined : JSON.parse(r.metadata),
    position: { commit: r.commit, prepare: r.commit },
  } as RecordedEvent;
}

function splitLink(data: string): [number, string] {
  const at = data.indexOf('@');
  return [Number(data.slice(0, at)), data.slice(at + 1)];
}

/** The client refuses this before sending (multiStreamAppend.js): metadata must be an object of string values. */
function checkMetadata(e: EventData): void {
  const m = e.metadata;
  if (m == null) return;
  if (m instanceof Uint8Array || typeof m !== 'object' || Array.isArray(m) || Object.values(m).some((v) => typeof v !== 'string')) {
    throw new Error('multiStreamAppend requires metadata to be a plain object with string keys and string values.');
  }
}
