import { sql, type AliasedRawBuilder, type Kysely, type RawBuilder } from 'kysely';
import type { StoreconfigsSchema } from '../../storeconfigs/storeconfigs.schema.js';
import { withDistinctResources, type DistinctResources } from '../distinct-resources.js';
import { isQueryable, projectableFields, queryableFields, type EntitySpec, type FieldSpec } from './query-entities.js';
import { QueryError, printed } from '../query-error.js';
import { isoTimestamp } from './query-functions.sqlite.js';
import type { RowField } from '../answer/answer-json.js';
import { pagingClauses, type OrderTerm, type Paging } from '../query-paging.js';
import {
  dottedTarget, dottedTop, entityOf, isFunctionCall, kdb, ref, sourceOf, validateExtractable, type AnySelect, type Scope,
} from './query-scope.js';
import { where } from './query-where.js';
import { dialectOf } from '../dialects/dialect-of.js';
import { columnJson, rowJson } from '../answer/row-json.sql.js';

/** One answered column: its name and how its stored value becomes PuppetDB's. */
export interface OutputColumn {
  readonly name: string;
  /** `field` reads the row's other stored values by output column name. */
  decode(value: unknown, field: RowField): unknown;
  /** The stored value is this column's answer as JSON text, exactly (see {@link FieldSpec.storedJson}). @defaultValue false */
  readonly storedJson?: boolean;
  /** SQL of the column's answer as JSON text, exactly `JSON.stringify(decode(value))` (row-json.sql.ts). @defaultValue none: JavaScript decodes it */
  readonly json?: RawBuilder<string>;
}

/** A query ready to run: the paged rows, the unpaged count, and how to answer each row. */
export interface CompiledQuery {
  readonly entity: EntitySpec;
  readonly rows: AnySelect;
  readonly count: AnySelect;
  readonly columns: readonly OutputColumn[];
  /** Answer each row as this column's value (fact-names). */
  readonly flatten?: string;
  /**
   * The whole answer written by SQL, when every column has its
   * {@link OutputColumn.json} (no grouping, no functions): one row of
   * `rows` (how many `rows` selects) and `json`, the UTF-8 bytes of the
   * answer's array (what `queryJson` reads instead). The rows are joined
   * in the order the paged select yields them: an aggregate reads its
   * `FROM` subquery in order, and a subquery with a LIMIT keeps its ORDER BY
   * (so only with a limit: the engine always bounds rows by `maxRows`).
   */
  readonly jsonAnswer?: AnySelect;
}

export interface CompileOptions {
  /** Request paging (query-string parameters); a `from`'s own clauses win. */
  readonly paging?: Paging;
  /**
   * Add PuppetDB's default `["=", "node_state", "active"]` to entities
   * with a certname, unless the query already says which node state.
   * @defaultValue false
   */
  readonly activeOnly?: boolean;
  /** At most this many rows are fetched, whatever the paging says. @defaultValue unbounded */
  readonly maxRows?: number;
  /** PuppetDB's `distinct_resources` (events only). @defaultValue none */
  readonly distinctResources?: DistinctResources;
}

/**
 * Deepest array nesting a query may have (PuppetDB has no such limit;
 * SQLite's parser and expression depth do). Subqueries are bounded apart
 * ({@link MAX_SUBQUERY_DEPTH}).
 */
export const MAX_QUERY_DEPTH = 100;

function nestedDeeperThan(node: unknown, limit: number): boolean {
  if (!Array.isArray(node)) return false;
  if (limit === 0) return true;
  return node.some((n) => nestedDeeperThan(n, limit - 1));
}

const FUNCTIONS = new Set(['count', 'avg', 'sum', 'min', 'max']);
const PAGING_CLAUSES = new Set(['limit', 'offset', 'order_by']);

/**
 * Compiles PuppetDB's AST (`["from", entity, query?, clauses…]`) to kysely
 * selects over the storeconfigs schema. User values only ever reach SQL as
 * bound parameters and field names only as validated identifiers.
 */
export function compileQuery(db: Kysely<StoreconfigsSchema>, ast: unknown, options: CompileOptions = {}): CompiledQuery {
  if (nestedDeeperThan(ast, MAX_QUERY_DEPTH)) throw new QueryError(`the query nests deeper than ${MAX_QUERY_DEPTH} levels`);
  if (!Array.isArray(ast) || ast[0] !== 'from' || typeof ast[1] !== 'string') {
    throw new QueryError(`${printed(ast)} is not well-formed: a query must begin with ["from", <entity>, ...]`);
  }
  const entity = options.distinctResources ? withDistinctResources(entityOf(ast[1]), options.distinctResources) : entityOf(ast[1]);
  const rest = ast.slice(2);
  const query = rest.length > 0 && Array.isArray(rest[0]) && !PAGING_CLAUSES.has(rest[0][0] as string) ? rest.shift() as unknown[] : undefined;
  const paging = { ...options.paging, ...definedOnly(pagingClauses(rest)) };
  const scope: Scope = { db, entity, alias: 'e0', depth: 0 };
  let filter: unknown[] | undefined = query;
  let columns: unknown[] | undefined;
  let groupBy: unknown[] | undefined;
  if (query?.[0] === 'extract') ({ columns, filter, groupBy } = extractParts(scope, query));
  if (options.activeOnly && entity.perNode && !mentionsNodeState(filter)) {
    filter = filter ? ['and', filter, ['=', 'node_state', 'active']] : ['=', 'node_state', 'active'];
  }
  const base = kdb(db).selectFrom(sourceOf(db, entity, scope.alias));
  const filtered = filter ? base.where(where(scope, filter)) : base;
  const projection = project(scope, columns, groupBy);
  const order = orderOf(scope, paging.orderBy, projection);
  const limit = Math.min(paging.limit ?? Infinity, options.maxRows ?? Infinity);
  const paged = (select: AnySelect): AnySelect => {
    let out = select;
    for (const o of order.terms) out = out.orderBy(o);
    if (limit !== Infinity) out = out.limit(limit);
    if (paging.offset !== undefined) out = limit === Infinity ? dialectOf(db).offsetOnly(out, paging.offset) : out.offset(paging.offset);
    return out;
  };
  const selected = filtered.select(projection.selections);
  const rows = paged(projection.groupBy.length > 0 ? selected.groupBy(projection.groupBy.map((f) => ref(scope, f))) : selected);
  // Written by SQL only under a LIMIT: SQLite may drop the ORDER BY of an unbounded subquery an aggregate reads.
  // SQLite's JSON functions write it; PostgreSQL's answers are built in JavaScript.
  const json = dialectOf(db).name !== 'sqlite' || order.byOutputName || entity.flatten || limit === Infinity ? undefined : jsonOfRows(projection);
  const unpaged = filtered.select(projection.selections);
  const grouped = projection.groupBy.length > 0 ? unpaged.groupBy(projection.groupBy.map((f) => ref(scope, f))) : unpaged;
  const count = kdb(db).selectFrom(grouped.as('counted')).select(sql<number>`count(*)`.as('total'));
  return {
    entity, rows, count: count as unknown as AnySelect, columns: projection.columns,
    ...(entity.flatten && columns === undefined ? { flatten: entity.flatten } : {}),
    ...(json ? { jsonAnswer: answerOf(db, paged(filtered.select(json.as('json')))) } : {}),
  };
}

/** `rows`' JSON texts as one array, its UTF-8 bytes (a BLOB): no string per row for JavaScript to build, join and encode. */
function answerOf(db: Kysely<StoreconfigsSchema>, rows: AnySelect): AnySelect {
  return kdb(db).selectFrom(rows.as('answer_rows')).select([
    sql<number>`count(*)`.as('rows'),
    sql<Uint8Array>`CAST(concat('[', group_concat(${sql.ref('answer_rows.json')}, ','), ']') AS BLOB)`.as('json'),
  ]);
}

/** The row's JSON text in SQL, when SQL can write every column (plain fields, each named once). */
function jsonOfRows(projection: Projection): RawBuilder<string> | undefined {
  const { columns } = projection;
  if (projection.groupBy.length > 0 || columns.length === 0 || projection.outputNames.size !== columns.length) return undefined;
  const written = columns.flatMap((c) => (c.json ? [{ name: c.name, json: c.json }] : []));
  return written.length === columns.length ? rowJson(written) : undefined;
}

const definedOnly = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Whether the query already chooses a node state (then no default active-only restriction). */
function mentionsNodeState(node: unknown): boolean {
  if (!Array.isArray(node)) return false;
  if (node[0] === '=' && (node[1] === 'node_state' || (Array.isArray(node[1]) && node[1][0] === 'node' && node[1][1] === 'active'))) return true;
  return node.some(mentionsNodeState);
}

// ---------------------------------------------------------------- extract

function extractParts(scope: Scope, query: unknown[]): { columns: unknown[]; filter: unknown[] | undefined; groupBy: unknown[] | undefined } {
  const [, cols, ...more] = query;
  if (cols === undefined) throw new QueryError(`${printed(query)} is not well-formed: extract requires a column list`);
  const columns = typeof cols === 'string' || isFunctionCall(cols) ? [cols] : Array.isArray(cols) ? cols : [cols];
  if (columns.length === 0) throw new QueryError(`${printed(query)} is not well-formed: extract requires at least one column`);
  let filter: unknown[] | undefined;
  let groupBy: unknown[] | undefined;
  for (const m of more) {
    if (Array.isArray(m) && m[0] === 'group_by') groupBy = m.slice(1);
    else if (filter === undefined && Array.isArray(m)) filter = m;
    else throw new QueryError(`${printed(m)} is not a valid expression for "extract"`);
  }
  validateExtractable(scope.entity, columns);
  return { columns, filter, groupBy };
}

interface Projection {
  readonly selections: AliasedRawBuilder<unknown, string>[];
  readonly columns: OutputColumn[];
  readonly groupBy: string[];
  /** Output names that can be ordered by without naming an entity field. */
  readonly outputNames: Set<string>;
  /** Only functions, no group_by: one row, nothing to order. */
  readonly aggregateOnly: boolean;
}

function project(scope: Scope, columns: unknown[] | undefined, groupBy: unknown[] | undefined): Projection {
  const { entity } = scope;
  const names = columns ?? projectableFields(entity);
  const selections: AliasedRawBuilder<unknown, string>[] = [];
  const out: OutputColumn[] = [];
  for (const c of names) {
    if (isFunctionCall(c)) {
      const [name, expr] = aggregate(scope, c);
      selections.push(expr.as(name));
      out.push({ name, decode: (v) => (v === null ? null : Number(v)) });
    } else {
      const field = c as string;
      const top = dottedTop(entity, field);
      if (top) {
        const t = dottedTarget(scope, field, top);
        const dialect = dialectOf(scope.db);
        selections.push(dialect.jsonAt(t.column, t.path!).as(field));
        out.push({ name: field, decode: dialect.decodeJsonAt });
      } else {
        const spec = entity.fields[field]!;
        const json = columnJson(spec, ref(scope, field));
        selections.push(ref(scope, field).as(field));
        out.push({ name: field, decode: decoderOf(spec), ...(spec.storedJson ? { storedJson: true } : {}), ...(json ? { json } : {}) });
      }
    }
  }
  const grouped = (groupBy ?? []).map((g) => {
    if (typeof g !== 'string' || !entity.fields[g] || entity.fields[g]!.virtual) {
      throw new QueryError(`${typeof g === 'string' ? JSON.stringify(g) : printed(g)} is niether a valid column name nor function name`);
    }
    return g;
  });
  if (grouped.length === 0 && names.some(isFunctionCall) && names.some((n) => !isFunctionCall(n))) {
    throw new QueryError('an extract mixing functions and fields needs a group_by of those fields');
  }
  return {
    selections, columns: out, groupBy: grouped, outputNames: new Set(out.map((c) => c.name)),
    aggregateOnly: grouped.length === 0 && names.length > 0 && names.every(isFunctionCall),
  };
}

/** `["function", "count"|"avg"|"sum"|"min"|"max", field?]` as an aggregate SQL expression. */
function aggregate(scope: Scope, call: unknown[]): [string, RawBuilder<unknown>] {
  const [, f, ...args] = call;
  if (typeof f !== 'string' || !FUNCTIONS.has(f)) throw new QueryError(`${printed(f)} is not a valid function`);
  if (f === 'count' ? args.length > 1 : args.length !== 1) {
    throw new QueryError(`wrong number of arguments (${args.length}) provided for function ${f}`);
  }
  const field = args[0];
  if (field === undefined) return [f, sql`count(*)`];
  if (typeof field !== 'string' || !scope.entity.fields[field] || !isQueryable(scope.entity.fields[field]!)) {
    throw new QueryError(`field ${printed(field)} is not a valid queryable field`);
  }
  const spec = scope.entity.fields[field]!;
  if (f === 'count') return [f, sql`count(${ref(scope, field)})`];
  if (spec.type === 'json-scalar') {
    // Fact values: only the numeric ones take part, as PuppetDB restricts them (jsonb_typeof = number).
    return [f, sql`${sql.raw(f)}(${dialectOf(scope.db).jsonNumber(ref(scope, field))})`];
  }
  if (spec.type !== 'numeric') throw new QueryError(`field ${printed(field)} must be a numeric type`);
  return [f, sql`${sql.raw(f)}(${ref(scope, field)})`];
}

/** How a field's stored value becomes its answer (its own `decode`, else by the type it is answered as). */
export function decoderOf(spec: FieldSpec): OutputColumn['decode'] {
  if (spec.decode) return spec.decode;
  switch (spec.answeredAs ?? spec.type) {
    case 'boolean': return (v) => (v === null || v === undefined ? null : v === 1 || v === true);
    case 'timestamp': return isoTimestamp;
    case 'json-scalar': case 'array': case 'queryable-json': case 'path-array': case 'json':
      return (v) => (v === null || v === undefined ? null : JSON.parse(String(v)));
    default: return (v) => v ?? null;
  }
}

// ---------------------------------------------------------------- order

/** The ORDER BY terms; `byOutputName` when one names an output column rather than a field of the entity. */
function orderOf(scope: Scope, terms: readonly OrderTerm[] | undefined, projection: Projection): { terms: RawBuilder<unknown>[]; byOutputName: boolean } {
  const { entity } = scope;
  let byOutputName = false;
  const ordered = (order: RawBuilder<unknown>[]) => ({ terms: order, byOutputName });
  if (terms && terms.length > 0) {
    const orderable = queryableFields(entity).filter((f) => !entity.fields[f]!.virtual);
    const user = terms.map((t) => {
      const dir = t.descending ? sql`DESC NULLS FIRST` : sql`ASC NULLS LAST`;
      if (projection.groupBy.length > 0 || !orderable.includes(t.field)) {
        byOutputName = true;
        if (projection.outputNames.has(t.field)) return sql`${sql.ref(t.field)} ${dir}`;
        throw new QueryError(`Unrecognized column '${t.field}' specified in :order_by; Supported columns are '${orderable.join("', '")}'`);
      }
      const spec = entity.fields[t.field]!;
      // As PostgreSQL orders jsonb (PuppetDB's fact values): null < strings < numbers < booleans < arrays < objects.
      if (spec.type === 'json-scalar') return dialectOf(scope.db).jsonOrder(ref(scope, t.field), dir);
      return sql`${spec.type === 'timestamp' ? sql`pdb_ts_ms(${ref(scope, t.field)})` : ref(scope, t.field)} ${dir}`;
    });
    // Ties broken by the entity's key, so a page boundary never splits equal rows differently between requests.
    if (projection.groupBy.length > 0) return ordered(user);
    return ordered([...user, ...entity.key.filter((k) => !terms.some((t) => t.field === k)).map((k) => ascending(scope, k))]);
  }
  // Without order_by PuppetDB's order is unspecified; a stable one keeps pages consistent.
  if (projection.groupBy.length > 0) return ordered(projection.groupBy.map((g) => ascending(scope, g)));
  if (projection.aggregateOnly) return ordered([]);
  return ordered(entity.key.map((k) => ascending(scope, k)));
}

/** A field ascending, NULL first (SQLite's default; PostgreSQL's is last). */
const ascending = (scope: Scope, field: string): RawBuilder<unknown> => dialectOf(scope.db).ascending(ref(scope, field));
