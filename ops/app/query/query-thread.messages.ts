import type { EventCountsRequest } from '../../../projections/query/event-counts.query.js';
import type { PdbQueryOptions } from '../../../projections/query/pdb-query.engine.js';
import type { StoreLocation } from '../store-location.js';

/** Messages between the main thread and the PuppetDB query thread. */
export interface QueryThreadData {
  readonly store: StoreLocation;
  readonly maxRows: number;
  /** The answer ring: `ringSlots` slots of `slotBytes` bytes, written by the thread, read by the main thread. */
  readonly ring: SharedArrayBuffer;
  readonly slotBytes: number;
  /** Answers streamed at once; past that an answer is moved across whole. */
  readonly maxStreams: number;
}

/**
 * One call of the engine: `query`, `queryJson`, `eventCounts` or
 * `aggregateEventCounts`, with its arguments. `queryJson`'s answer is its
 * UTF-8 bytes, transferred (not copied) across the thread boundary; answer
 * objects would be cloned one by one.
 */
export type QueryRequest =
  | { readonly id: number; readonly kind: 'query' | 'queryJson'; readonly ast: unknown; readonly options: PdbQueryOptions }
  | { readonly id: number; readonly kind: 'eventCounts' | 'aggregateEventCounts'; readonly request: EventCountsRequest };

export type QueryAnswer =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  /** `refused`: a QueryError (PuppetDB's 400); `failed`: anything else. */
  | { readonly id: number; readonly ok: false; readonly kind: 'refused' | 'failed'; readonly message: string };

/**
 * Chunks of one streamed answer in flight: the thread sends this many with
 * the answer, unasked, and one more per chunk the main thread has written
 * out; enough that the next is at hand when the socket takes one (a
 * round trip between threads costs a wake-up each way on a busy machine),
 * few enough that a slow reader does not hold the whole ring.
 */
export const STREAM_WINDOW = 8;

/** `queryJson`'s answer when it is streamed: the stream's id and the answer's length; its chunks follow as they are pulled. */
export interface StreamedJson {
  readonly stream: number;
  readonly byteLength: number;
}

/**
 * A streamed answer's next chunk (thread → main): the first `length`
 * bytes of ring slot `slot`, or, no slot being free, its own buffer moved
 * across.
 */
export type AnswerChunk =
  | { readonly stream: number; readonly slot: number; readonly length: number }
  | { readonly stream: number; readonly bytes: Uint8Array };

/**
 * Main → thread, about streams: `pull` the stream's next chunk; `cancel`
 * it (its answer is no longer wanted); `free`: the slot's bytes are written
 * out and it may be reused.
 */
export type StreamControl =
  | { readonly control: 'pull' | 'cancel'; readonly stream: number }
  | { readonly control: 'free'; readonly slot: number };
