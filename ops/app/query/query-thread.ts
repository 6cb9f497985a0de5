import type { Worker } from 'node:worker_threads';
import { TroupeError } from '../../../core/errors/troupe-error.js';
import { startModuleWorker } from '../../../core/threads/module-worker.js';
import type { AggregateEventCount, EventCount, EventCountsRequest } from '../../../projections/query/event-counts.query.js';
import type { PdbJsonResult, PdbQueryEngine, PdbQueryOptions, PdbQueryResult } from '../../../projections/query/pdb-query.engine.js';
import { QueryError } from '../../../projections/query/query-error.js';
import type { AnswerChunk, QueryAnswer, QueryRequest, QueryThreadData, StreamControl, StreamedJson } from './query-thread.messages.js';
import { StreamedAnswer } from './streamed-answer.js';
import type { StoreLocation } from '../store-location.js';

/** Options of {@link QueryThread}; defaults in {@link DEFAULT_QUERY_THREAD_OPTIONS}. */
export interface QueryThreadOptions {
  /** Where storeconfigs is. */
  readonly store: StoreLocation;
  /**
   * A query running longer is stopped — the thread is ended (a SQLite
   * statement cannot be interrupted from outside) and started again — and
   * answered 503.
   * @defaultValue 30000
   */
  readonly timeoutMs?: number;
  /** Queries waiting for the thread; more are refused (503). @defaultValue 256 */
  readonly maxQueued?: number;
  /** Rows one query may answer (the engine's `maxRows`). @defaultValue 100000 */
  readonly maxRows?: number;
  /**
   * Bytes of one slot of the answer ring (memory shared with the thread,
   * reused): answers longer than a slot are streamed through the ring a
   * slot at a time; shorter ones are moved across whole.
   * @defaultValue 1048576
   */
  readonly ringSlotBytes?: number;
  /**
   * Slots of the ring. Each streamed answer holds at most
   * `STREAM_WINDOW` (8); with none free a chunk is moved across as its
   * own buffer instead (what every answer did before the ring).
   * @defaultValue 16
   */
  readonly ringSlots?: number;
  /**
   * Answers the thread holds while they are streamed (a slow reader's is
   * held until it has read it); past that an answer is moved across whole.
   * @defaultValue 16
   */
  readonly maxStreams?: number;
}

export const DEFAULT_QUERY_THREAD_OPTIONS = {
  timeoutMs: 30_000, maxQueued: 256, maxRows: 100_000, ringSlotBytes: 1024 * 1024, ringSlots: 16, maxStreams: 16,
} as const;

interface Pending {
  readonly request: QueryRequest;
  resolve(r: unknown): void;
  reject(e: Error): void;
}

/**
 * The PuppetDB query engine behind a worker thread: one query at a time,
 * in arrival order, each bounded in time; the queue is bounded too. A large
 * JSON answer comes back as a {@link StreamedAnswer}: the thread is free
 * for the next query while it is written out, and an answer cut off by the
 * thread stopping (a timeout, a crash, close) fails its `writeTo`.
 */
export class QueryThread implements PdbQueryEngine {
  private readonly o: Required<QueryThreadOptions>;
  private worker: Worker | undefined;
  private ready: Promise<Worker> | undefined;
  private readonly queue: Pending[] = [];
  private running: { pending: Pending; timer?: NodeJS.Timeout } | undefined;
  private nextId = 0;
  private closed = false;

  constructor(options: QueryThreadOptions) {
    this.o = { ...DEFAULT_QUERY_THREAD_OPTIONS, ...options };
  }

  query(ast: unknown, options: PdbQueryOptions = {}): Promise<PdbQueryResult> {
    return this.call({ id: ++this.nextId, kind: 'query', ast, options });
  }

  queryJson(ast: unknown, options: PdbQueryOptions = {}): Promise<PdbJsonResult> {
    return this.call({ id: ++this.nextId, kind: 'queryJson', ast, options });
  }

  eventCounts(request: EventCountsRequest): Promise<{ readonly rows: readonly EventCount[]; readonly total?: number }> {
    return this.call({ id: ++this.nextId, kind: 'eventCounts', request });
  }

  aggregateEventCounts(request: EventCountsRequest): Promise<readonly AggregateEventCount[]> {
    return this.call({ id: ++this.nextId, kind: 'aggregateEventCounts', request });
  }

  /** Queues one engine call; its answer is whatever the engine's method returned. */
  private call<T>(request: QueryRequest): Promise<T> {
    if (this.closed) return Promise.reject(new TroupeError('overloaded', 'the query thread is closed'));
    if (this.queue.length >= this.o.maxQueued) {
      return Promise.reject(new TroupeError('overloaded', `${this.queue.length} queries are waiting; retry later`));
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ request, resolve: resolve as (r: unknown) => void, reject });
      this.pump();
    });
  }

  /** Idempotent; queued queries are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new TroupeError('overloaded', 'the query thread is closing'));
    this.finish(undefined, new TroupeError('overloaded', 'the query thread is closing'));
    await this.stopWorker();
  }

  private pump(): void {
    if (this.running || this.queue.length === 0 || this.closed) return;
    const pending = this.queue.shift()!;
    const running: { pending: Pending; timer?: NodeJS.Timeout } = { pending };
    this.running = running;
    void this.start().then(
      (w) => {
        if (this.running !== running) return;
        // The clock starts once the thread has the query: starting a thread is not the query's time.
        running.timer = setTimeout(() => void this.timedOut(), this.o.timeoutMs);
        w.postMessage(pending.request);
      },
      (e: Error) => { if (this.running === running) this.finish(undefined, e); },
    );
  }

  private start(): Promise<Worker> {
    this.ready ??= new Promise<Worker>((resolve, reject) => {
      const { ringSlotBytes: slotBytes, ringSlots, maxStreams } = this.o;
      // A ring per thread: a stopped thread's slots may still be in sockets' writes.
      const ring = new SharedArrayBuffer(slotBytes * ringSlots);
      const slots = Array.from({ length: ringSlots }, (_, i) => new Uint8Array(ring, i * slotBytes, slotBytes));
      const data: QueryThreadData = { store: this.o.store, maxRows: this.o.maxRows, ring, slotBytes, maxStreams };
      const w = startModuleWorker(import.meta.url, 'query.worker', data);
      const streams = new Map<number, StreamedAnswer>();
      const control = (c: StreamControl) => w.postMessage(c);
      this.worker = w;
      w.on('message', (m: QueryAnswer | AnswerChunk | { ready: true }) => {
        if ('ready' in m) return resolve(w);
        if ('stream' in m) return this.chunkOf(streams, m, control);
        if (m.id !== this.running?.pending.request.id) return;
        if (!m.ok) return this.finish(undefined, m.kind === 'refused' ? new QueryError(m.message) : new Error(m.message));
        if (this.running.pending.request.kind !== 'queryJson') return this.finish(m.result);
        this.finish(this.jsonAnswer(m.result as { json: Uint8Array | StreamedJson; total?: number }, (stream, byteLength) => {
          const answer = new StreamedAnswer(byteLength, stream, slots, control, () => streams.delete(stream));
          streams.set(stream, answer);
          return answer;
        }));
      });
      w.once('exit', () => {
        for (const s of streams.values()) s.fail(new TroupeError('overloaded', 'the query thread stopped before the answer was written out'));
      });
      w.once('error', (e) => {
        // A crashed thread is replaced on the next query; the one it was running fails.
        if (this.worker === w) { this.worker = undefined; this.ready = undefined; }
        reject(e);
        this.finish(undefined, e);
      });
      w.once('exit', () => {
        if (this.worker === w) { this.worker = undefined; this.ready = undefined; }
      });
    });
    return this.ready;
  }

  /** `queryJson`'s answer as the thread sent it: bytes moved across, or a stream (`open` makes its main-thread side). */
  private jsonAnswer(result: { json: Uint8Array | StreamedJson; total?: number }, open: (stream: number, byteLength: number) => StreamedAnswer): PdbJsonResult {
    const { json, total } = result;
    if (json instanceof Uint8Array) return { json, ...(total === undefined ? {} : { total }) };
    return { json: open(json.stream, json.byteLength), ...(total === undefined ? {} : { total }) };
  }

  /** A streamed answer's chunk to its answer; one for an answer that ended meanwhile gives its slot back. */
  private chunkOf(streams: ReadonlyMap<number, StreamedAnswer>, chunk: AnswerChunk, control: (c: StreamControl) => void): void {
    const answer = streams.get(chunk.stream);
    if (answer) answer.arrive(chunk);
    else if ('slot' in chunk) control({ control: 'free', slot: chunk.slot });
  }

  private async timedOut(): Promise<void> {
    // Stopped before the next query is sent: the thread is still busy with this one.
    await this.stopWorker();
    this.finish(undefined, new TroupeError('overloaded', `the query ran longer than ${this.o.timeoutMs} ms and was stopped`));
  }

  private finish(result: unknown, error?: Error): void {
    const r = this.running;
    if (!r) return;
    this.running = undefined;
    clearTimeout(r.timer);
    if (error) r.pending.reject(error);
    else r.pending.resolve(result);
    this.pump();
  }

  private async stopWorker(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    await w?.terminate();
  }
}
