import type { Kysely } from 'kysely';
import type Database from 'better-sqlite3';
import type { StoreconfigsSchema } from '../storeconfigs.schema.js';
import type { DistinctResources } from './distinct-resources.js';
import { aggregateEventCounts, eventCounts, type AggregateEventCount, type EventCount, type EventCountsRequest } from './event-counts.query.js';
import { compileQuery } from './query-compiler.js';
import { QueryError } from './query-error.js';
import { registerQueryFunctions } from './query-functions.sqlite.js';
import type { Paging } from './query-paging.js';

/** Options of {@link createPdbQueryEngine}; defaults in {@link DEFAULT_PDB_QUERY_ENGINE_OPTIONS}. */
export interface PdbQueryEngineOptions {
  /**
   * Most rows one query answers; a query matching more is refused (400,
   * "page it with limit and offset") rather than buffered.
   * @defaultValue 100000
   */
  readonly maxRows?: number;
}

export const DEFAULT_PDB_QUERY_ENGINE_OPTIONS = { maxRows: 100_000 } as const satisfies Required<PdbQueryEngineOptions>;

/** How one query runs. */
export interface PdbQueryOptions {
  readonly paging?: Paging;
  /** PuppetDB endpoints' default: only active nodes unless the query names a node state. @defaultValue false */
  readonly activeOnly?: boolean;
  /** PuppetDB's `distinct_resources` window (events only). @defaultValue none */
  readonly distinctResources?: DistinctResources;
}

export interface PdbQueryResult {
  /** PuppetDB's answer rows (objects; strings for fact-names). */
  readonly rows: readonly unknown[];
  /** All matching rows ignoring limit/offset, when `paging.includeTotal`. */
  readonly total?: number;
}

/** PuppetDB's v4 query language over the storeconfigs database. */
export interface PdbQueryEngine {
  /**
   * Runs `["from", entity, query?, clauses…]`. Throws {@link QueryError}
   * (PuppetDB's 400 message) for a query PuppetDB would refuse.
   */
  query(ast: unknown, options?: PdbQueryOptions): Promise<PdbQueryResult>;
  /** PuppetDB's `event-counts`: events counted per subject. Throws {@link QueryError} like `query`. */
  eventCounts(request: EventCountsRequest): Promise<{ readonly rows: readonly EventCount[]; readonly total?: number }>;
  /** PuppetDB's `aggregate-event-counts` (comma-separated `summarizeBy`). */
  aggregateEventCounts(request: EventCountsRequest): Promise<readonly AggregateEventCount[]>;
}

/**
 * The query engine on one storeconfigs connection (a read-only one in
 * `troupe serve`); registers the SQL functions its queries call.
 *
 * @example
 * const engine = createPdbQueryEngine(openStoreconfigsDatabase({ path, readonly: true }));
 * const { rows } = await engine.query(['from', 'nodes', ['=', ['fact', 'os'], 'Debian']], { activeOnly: true });
 */
export function createPdbQueryEngine(
  database: { readonly raw: Database.Database; readonly db: Kysely<StoreconfigsSchema> },
  options: PdbQueryEngineOptions = {},
): PdbQueryEngine {
  const o = { ...DEFAULT_PDB_QUERY_ENGINE_OPTIONS, ...options };
  registerQueryFunctions(database.raw);
  return {
    async query(ast, queryOptions = {}) {
      const compiled = compileQuery(database.db, ast, { ...queryOptions, maxRows: o.maxRows + 1 });
      const raw = await tooComplexAsQueryError(() => compiled.rows.execute());
      if (raw.length > o.maxRows) throw new QueryError(`the query answers more than ${o.maxRows} rows; page it with limit and offset`);
      const rows = raw.map((r) => {
        if (compiled.flatten) return r[compiled.flatten];
        const out: Record<string, unknown> = {};
        for (const c of compiled.columns) out[c.name] = c.decode(r[c.name], r);
        return out;
      });
      if (!queryOptions.paging?.includeTotal) return { rows };
      const counted = await tooComplexAsQueryError(() => compiled.count.executeTakeFirst());
      return { rows, total: Number(counted?.['total'] ?? 0) };
    },
    eventCounts: (request) => tooComplexAsQueryError(() => eventCounts(database.db, request)),
    aggregateEventCounts: (request) => tooComplexAsQueryError(() => aggregateEventCounts(database.db, request)),
  };
}

/** SQLite's own limits (expression depth, terms, variables) hit by a query are the query's fault: a 400, not a 500. */
const SQLITE_LIMITS = /Expression tree is too large|Recursion limit|too many (terms|SQL variables|FROM clause terms|columns|arguments)|parser stack overflow|string or blob too big/i;

async function tooComplexAsQueryError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Error && e.name === 'SqliteError' && SQLITE_LIMITS.test(e.message)) {
      throw new QueryError(`the query is too large for the database: ${e.message}`);
    }
    throw e;
  }
}
