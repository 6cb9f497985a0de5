import type { Kysely } from 'kysely';
import type Database from 'better-sqlite3';
import type { StoreconfigsSchema } from '../storeconfigs/storeconfigs.schema.js';
import { answerJson, rowDecoder, type StoredRow } from './answer/answer-json.js';
import type { DistinctResources } from './distinct-resources.js';
import { aggregateEventCounts, eventCounts, type AggregateEventCount, type EventCount, type EventCountsRequest } from './event-counts.query.js';
import { compileQuery, type CompiledQuery } from './compiler/query-compiler.js';
import { QueryError } from './query-error.js';
import { registerQueryFunctions } from './compiler/query-functions.sqlite.js';
import type { Paging } from './query-paging.js';
import type { AnySelect } from './compiler/query-scope.js';

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

/**
 * Something an answer's chunks are written to, in order (an HTTP
 * response): `callback` runs once the chunk is written out or the write
 * failed; only then may the chunk's memory be reused.
 */
export interface ChunkSink {
  write(chunk: Uint8Array, callback: (error?: Error | null) => void): unknown;
}

/**
 * A large answer's UTF-8 bytes handed over a chunk at a time (the query
 * thread's, through memory it reuses): its length is known up front.
 */
export interface JsonChunks {
  readonly byteLength: number;
  /**
   * Writes every chunk to `sink` in order, the next ones as the sink takes
   * the previous ones (a slow reader slows the writer). Resolves once the
   * last is written; rejects when the answer cannot be completed (the
   * thread stopped, the sink failed): what was written is then a prefix,
   * and the caller must cut the connection.
   */
  writeTo(sink: ChunkSink): Promise<void>;
}

/** A query's answer as the JSON text PuppetDB answers (an array), built without answer objects. */
export interface PdbJsonResult {
  /**
   * The text, or its UTF-8 bytes (moved across a thread boundary, not
   * copied), or, past a size, its bytes a chunk at a time.
   */
  readonly json: string | Uint8Array | JsonChunks;
  /** All matching rows ignoring limit/offset, when `paging.includeTotal`. */
  readonly total?: number;
}

/** The engine's own answer (in process): the text, or the bytes SQL wrote. */
export interface PdbJsonText extends PdbJsonResult {
  readonly json: string | Uint8Array;
}

/** An answer's whole text, however it came (a streamed one collected: for re-indenting, tests). */
export async function jsonTextOf(json: PdbJsonResult['json']): Promise<string> {
  if (typeof json === 'string') return json;
  if (json instanceof Uint8Array) return new TextDecoder().decode(json);
  const whole = new Uint8Array(json.byteLength);
  let at = 0;
  await json.writeTo({ write: (chunk, callback) => { whole.set(chunk, at); at += chunk.byteLength; callback(); } });
  return new TextDecoder().decode(whole);
}

/** PuppetDB's v4 query language over the storeconfigs database. */
export interface PdbQueryEngine {
  /**
   * Runs `["from", entity, query?, clauses…]`. Throws {@link QueryError}
   * (PuppetDB's 400 message) for a query PuppetDB would refuse.
   */
  query(ast: unknown, options?: PdbQueryOptions): Promise<PdbQueryResult>;
  /**
   * `query`'s answer as JSON text: exactly `JSON.stringify(rows)`, cheaper
   * to build, and one string to hand across a thread boundary.
   */
  queryJson(ast: unknown, options?: PdbQueryOptions): Promise<PdbJsonResult>;
  /** PuppetDB's `event-counts`: events counted per subject. Throws {@link QueryError} like `query`. */
  eventCounts(request: EventCountsRequest): Promise<{ readonly rows: readonly EventCount[]; readonly total?: number }>;
  /** PuppetDB's `aggregate-event-counts` (comma-separated `summarizeBy`). */
  aggregateEventCounts(request: EventCountsRequest): Promise<readonly AggregateEventCount[]>;
}

/** The engine in process: its JSON answers are whole. */
export interface LocalPdbQueryEngine extends PdbQueryEngine {
  queryJson(ast: unknown, options?: PdbQueryOptions): Promise<PdbJsonText>;
}

/** Storeconfigs on SQLite (better-sqlite3 handle and kysely on it). */
export interface SqliteQuerySource {
  readonly raw: Database.Database;
  readonly db: Kysely<StoreconfigsSchema>;
}

/** Storeconfigs on PostgreSQL (a pool whose search_path names the schema, and kysely on it). */
export interface PostgresQuerySource {
  readonly pool: { query(q: { text: string; values: unknown[]; rowMode: 'array' }): Promise<{ rows: unknown[] }> };
  readonly db: Kysely<StoreconfigsSchema>;
}

/** Runs a compiled query's SQL, its rows as arrays. */
type RowReader = (sql: string, parameters: readonly unknown[]) => Promise<StoredRow[]>;

/**
 * Rows as arrays: building an object per row costs more than the query
 * (better-sqlite3's raw mode, pg's array row mode).
 */
function rowReader(source: SqliteQuerySource | PostgresQuerySource): RowReader {
  if ('pool' in source) {
    const { pool } = source;
    return async (text, values) => (await pool.query({ text, values: [...values], rowMode: 'array' })).rows as StoredRow[];
  }
  registerQueryFunctions(source.raw);
  return async (text, values) => source.raw.prepare(text).raw(true).all(...values) as StoredRow[];
}

/**
 * The query engine on one storeconfigs connection (a read-only one in
 * `troupe serve`) or PostgreSQL pool; on SQLite it registers the SQL
 * functions its queries call.
 *
 * @example
 * const engine = createPdbQueryEngine(openStoreconfigsDatabase({ path, readonly: true }));
 * const { rows } = await engine.query(['from', 'nodes', ['=', ['fact', 'os'], 'Debian']], { activeOnly: true });
 */
export function createPdbQueryEngine(
  database: SqliteQuerySource | PostgresQuerySource,
  options: PdbQueryEngineOptions = {},
): LocalPdbQueryEngine {
  const o = { ...DEFAULT_PDB_QUERY_ENGINE_OPTIONS, ...options };
  const readRows = rowReader(database);
  const tooMany = () => new QueryError(`the query answers more than ${o.maxRows} rows; page it with limit and offset`);
  const compile = (ast: unknown, queryOptions: PdbQueryOptions) => compileQuery(database.db, ast, { ...queryOptions, maxRows: o.maxRows + 1 });
  /** The unpaged total, when asked. */
  const totalOf = async (compiled: CompiledQuery, queryOptions: PdbQueryOptions): Promise<number | undefined> => {
    if (!queryOptions.paging?.includeTotal) return undefined;
    const counted = await tooComplexAsQueryError(() => compiled.count.executeTakeFirst());
    return Number(counted?.['total'] ?? 0);
  };
  /** The compiled query's stored rows (bounded by maxRows) and, when asked, the unpaged total. */
  const run = async (compiled: CompiledQuery, queryOptions: PdbQueryOptions) => {
    const { sql, parameters } = compiled.rows.compile();
    const stored = await tooComplexAsQueryError(() => readRows(sql, parameters));
    if (stored.length > o.maxRows) throw tooMany();
    return { stored, total: await totalOf(compiled, queryOptions) };
  };
  /** The answer SQL wrote whole (`jsonAnswer`, SQLite only): its row count and bytes. */
  const runWritten = async (answer: AnySelect) => {
    const { sql, parameters } = answer.compile();
    const [[rows, json]] = await tooComplexAsQueryError(() => readRows(sql, parameters)) as unknown as [[number, Uint8Array]];
    if (rows > o.maxRows) throw tooMany();
    return json;
  };
  const withTotal = <T extends object>(answer: T, total: number | undefined): T & { total?: number } =>
    (total === undefined ? answer : { ...answer, total });
  return {
    async query(ast, queryOptions = {}) {
      const compiled = compile(ast, queryOptions);
      const { stored, total } = await run(compiled, queryOptions);
      return withTotal({ rows: answerRows(compiled, stored) }, total);
    },
    async queryJson(ast, queryOptions = {}) {
      const compiled = compile(ast, queryOptions);
      if (compiled.jsonAnswer) return withTotal({ json: await runWritten(compiled.jsonAnswer) }, await totalOf(compiled, queryOptions));
      const { stored, total } = await run(compiled, queryOptions);
      return withTotal({ json: tooLongAsQueryError(() => answerJson(compiled.columns, stored, compiled.flatten)) }, total);
    },
    eventCounts: (request) => tooComplexAsQueryError(() => eventCounts(database.db, request)),
    aggregateEventCounts: (request) => tooComplexAsQueryError(() => aggregateEventCounts(database.db, request)),
  };
}

/** PuppetDB's answer rows: objects, or the `flatten` column's values (fact-names). */
function answerRows(compiled: CompiledQuery, stored: readonly StoredRow[]): unknown[] {
  if (compiled.flatten === undefined) return stored.map(rowDecoder(compiled.columns));
  const at = compiled.columns.findIndex((c) => c.name === compiled.flatten);
  return stored.map((r) => r[at]);
}

/** SQLite's own limits (expression depth, terms, variables) hit by a query are the query's fault: a 400, not a 500. */
const SQLITE_LIMITS = /Expression tree is too large|Recursion limit|too many (terms|SQL variables|FROM clause terms|columns|arguments)|parser stack overflow|string or blob too big/i;

/**
 * PostgreSQL's refusals of what a query asked (SQLSTATE class 22, data
 * exceptions: a regular expression PostgreSQL's engine refuses, a
 * non-integer compared with an integer column; class 54, program limits:
 * stack depth, too many arguments) are the query's fault too.
 */
const isPostgresQueryFault = (e: Error): boolean => /^(22|54)/.test(String((e as { code?: unknown }).code ?? ''))
  && (e as { severity?: unknown }).severity !== undefined;

/**
 * An answer past the longest string JavaScript builds (≈ 512 MiB; SQL's
 * answers stop at SQLite's blob limit, 1,000,000,000 bytes, a 400 above)
 * is the query's fault too.
 */
function tooLongAsQueryError(build: () => string): string {
  try {
    return build();
  } catch (e) {
    if (e instanceof RangeError && /Invalid string length/.test(e.message)) throw new QueryError('the answer is too large to build; page it with limit and offset');
    throw e;
  }
}

async function tooComplexAsQueryError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Error && e.name === 'SqliteError' && SQLITE_LIMITS.test(e.message)) {
      throw new QueryError(`the query is too large for the database: ${e.message}`);
    }
    if (e instanceof Error && isPostgresQueryFault(e)) throw new QueryError(`the database refuses the query: ${e.message}`);
    throw e;
  }
}
