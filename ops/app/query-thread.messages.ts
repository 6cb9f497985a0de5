import type { PdbQueryOptions, PdbQueryResult } from '../../projections/query/pdb-query.engine.js';

/** Messages between the main thread and the PuppetDB query thread. */
export interface QueryThreadData {
  readonly storeconfigsPath: string;
  readonly maxRows: number;
}

export interface QueryRequest {
  readonly id: number;
  readonly ast: unknown;
  readonly options: PdbQueryOptions;
}

export type QueryAnswer =
  | { readonly id: number; readonly ok: true; readonly result: PdbQueryResult }
  /** `refused`: a QueryError (PuppetDB's 400); `failed`: anything else. */
  | { readonly id: number; readonly ok: false; readonly kind: 'refused' | 'failed'; readonly message: string };
