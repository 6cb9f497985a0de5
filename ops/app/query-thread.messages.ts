import type { EventCountsRequest } from '../../projections/query/event-counts.query.js';
import type { PdbQueryOptions } from '../../projections/query/pdb-query.engine.js';
import type { StoreLocation } from './store-location.js';

/** Messages between the main thread and the PuppetDB query thread. */
export interface QueryThreadData {
  readonly store: StoreLocation;
  readonly maxRows: number;
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
