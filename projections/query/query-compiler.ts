import { sql, type AliasedRawBuilder, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { StoreconfigsSchema } from '../storeconfigs.schema.js';
import {
  entityNamed, isProjectable, isQueryable, projectableFields, queryableFields, type EntitySpec, type FieldSpec,
} from './query-entities.js';
import { QueryError, printed, quotedList } from './query-error.js';
import { compileRegexp, isoTimestamp, timestampMs } from './query-functions.sqlite.js';
import { pagingClauses, type OrderTerm, type Paging } from './query-paging.js';

type AnyDb = Record<string, Record<string, unknown>>;
type AnySelect = SelectQueryBuilder<AnyDb, string, Record<string, unknown>>;
type Cond = RawBuilder<SqlBool>;

/** One answered column: its name and how its stored value becomes PuppetDB's. */
export interface OutputColumn {
  readonly name: string;
  decode(value: unknown, row: Readonly<Record<string, unknown>>): unknown;
}

/** A query ready to run: the paged rows, the unpaged count, and how to answer each row. */
export interface CompiledQuery {
  readonly entity: EntitySpec;
  readonly rows: AnySelect;
  readonly count: AnySelect;
  readonly columns: readonly OutputColumn[];
  /** Answer each row as this column's value (fact-names). */
  readonly flatten?: string;
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
}

interface Scope {
  readonly db: Kysely<StoreconfigsSchema>;
  readonly entity: EntitySpec;
  readonly alias: string;
  readonly depth: number;
}

const BINARY = new Set(['=', '<', '>', '<=', '>=', '~', '~>']);
const FUNCTIONS = new Set(['count', 'avg', 'sum', 'min', 'max']);
const PAGING_CLAUSES = new Set(['limit', 'offset', 'order_by']);

/**
 * Compiles PuppetDB's AST (`["from", entity, query?, clauses…]`) to kysely
 * selects over the storeconfigs schema. User values only ever reach SQL as
 * bound parameters and field names only as validated identifiers.
 */
export function compileQuery(db: Kysely<StoreconfigsSchema>, ast: unknown, options: CompileOptions = {}): CompiledQuery {
  if (!Array.isArray(ast) || ast[0] !== 'from' || typeof ast[1] !== 'string') {
    throw new QueryError(`${printed(ast)} is not well-formed: a query must begin with ["from", <entity>, ...]`);
  }
  const entity = entityOf(ast[1]);
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
  let rows = filtered.select(projection.selections);
  if (projection.groupBy.length > 0) rows = rows.groupBy(projection.groupBy.map((f) => ref(scope, f)));
  for (const o of orderOf(scope, paging.orderBy, projection)) rows = rows.orderBy(o);
  const limit = Math.min(paging.limit ?? Infinity, options.maxRows ?? Infinity);
  if (limit !== Infinity) rows = rows.limit(limit);
  if (paging.offset !== undefined) rows = limit === Infinity ? rows.limit(-1).offset(paging.offset) : rows.offset(paging.offset);
  const unpaged = filtered.select(projection.selections);
  const grouped = projection.groupBy.length > 0 ? unpaged.groupBy(projection.groupBy.map((f) => ref(scope, f))) : unpaged;
  const count = kdb(db).selectFrom(grouped.as('counted')).select(sql<number>`count(*)`.as('total'));
  return {
    entity, rows, count: count as unknown as AnySelect, columns: projection.columns,
    ...(entity.flatten && columns === undefined ? { flatten: entity.flatten } : {}),
  };
}

const kdb = (db: Kysely<StoreconfigsSchema>): Kysely<AnyDb> => db as unknown as Kysely<AnyDb>;
const definedOnly = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

function entityOf(name: string): EntitySpec {
  const e = entityNamed(name);
  if (!e) throw new QueryError(`Invalid entity '${name.replaceAll('-', '_')}' in query`);
  return e;
}

function sourceOf(db: Kysely<StoreconfigsSchema>, entity: EntitySpec, alias: string) {
  const source = entity.source(db);
  // A raw source is a bare SELECT; kysely parenthesises only its own builders.
  return ('isSelectQueryBuilder' in source ? source as unknown as RawBuilder<unknown> : sql`(${source})`).as(alias);
}

const ref = (scope: Scope, field: string): RawBuilder<unknown> => sql.ref(`${scope.alias}.${field}`);

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

const isFunctionCall = (c: unknown): c is unknown[] => Array.isArray(c) && c[0] === 'function';

function validateExtractable(entity: EntitySpec, columns: readonly unknown[]): void {
  const allowed = projectableFields(entity);
  const bad = columns.filter((c) => {
    if (isFunctionCall(c)) return false;
    if (typeof c !== 'string') return true;
    return !(entity.fields[c] && isProjectable(entity.fields[c]!)) && !dottedTop(entity, c);
  });
  if (bad.length > 0) {
    throw new QueryError(`Can't extract unknown '${entity.alias}' ${bad.length > 1 ? 'fields' : 'field'} ${quotedList(bad.map(printed))}. Acceptable fields are ${quotedList(allowed)}`);
  }
}

interface Projection {
  readonly selections: AliasedRawBuilder<unknown, string>[];
  readonly columns: OutputColumn[];
  readonly groupBy: string[];
  /** Output names that can be ordered by without naming an entity field. */
  readonly outputNames: Set<string>;
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
        selections.push(sql`json_extract(${t.column}, ${jsonPath(t.path!)})`.as(field));
        out.push({ name: field, decode: decodeJsonExtract });
      } else {
        const spec = entity.fields[field]!;
        selections.push(ref(scope, field).as(field));
        out.push({ name: field, decode: decoderOf(spec) });
      }
    }
  }
  const grouped = (groupBy ?? []).map((g) => {
    if (typeof g !== 'string' || !entity.fields[g] || entity.fields[g]!.virtual) {
      throw new QueryError(`${printed(g)} is niether a valid column name nor function name`);
    }
    return g;
  });
  if (grouped.length === 0 && names.some(isFunctionCall) && names.some((n) => !isFunctionCall(n))) {
    throw new QueryError('an extract mixing functions and fields needs a group_by of those fields');
  }
  return { selections, columns: out, groupBy: grouped, outputNames: new Set(out.map((c) => c.name)) };
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
    return [f, sql`${sql.raw(f)}(CASE WHEN json_type(${ref(scope, field)}) IN ('integer', 'real') THEN json_extract(${ref(scope, field)}, '$') END)`];
  }
  if (spec.type !== 'numeric') throw new QueryError(`field ${printed(field)} must be a numeric type`);
  return [f, sql`${sql.raw(f)}(${ref(scope, field)})`];
}

function decoderOf(spec: FieldSpec): OutputColumn['decode'] {
  if (spec.decode) return spec.decode;
  switch (spec.type) {
    case 'boolean': return (v) => (v === null || v === undefined ? null : v === 1 || v === true);
    case 'timestamp': return isoTimestamp;
    case 'json-scalar': case 'array': case 'queryable-json': case 'path-array': case 'json':
      return (v) => (v === null || v === undefined ? null : JSON.parse(String(v)));
    default: return (v) => v ?? null;
  }
}

/** `json_extract` answers objects and arrays as JSON text, scalars as SQL values. */
const decodeJsonExtract = (v: unknown): unknown => {
  if (typeof v === 'string' && (v.startsWith('{') || v.startsWith('['))) {
    try { return JSON.parse(v); } catch { return v; }
  }
  return v ?? null;
};

// ---------------------------------------------------------------- order

function orderOf(scope: Scope, terms: readonly OrderTerm[] | undefined, projection: Projection): RawBuilder<unknown>[] {
  const { entity } = scope;
  if (terms && terms.length > 0) {
    const orderable = queryableFields(entity).filter((f) => !entity.fields[f]!.virtual);
    const user = terms.map((t) => {
      const dir = t.descending ? sql`DESC NULLS FIRST` : sql`ASC NULLS LAST`;
      if (projection.groupBy.length > 0 || !orderable.includes(t.field)) {
        if (projection.outputNames.has(t.field)) return sql`${sql.ref(t.field)} ${dir}`;
        throw new QueryError(`Unrecognized column '${t.field}' specified in :order_by; Supported columns are '${orderable.join("', '")}'`);
      }
      const spec = entity.fields[t.field]!;
      return sql`${spec.type === 'timestamp' ? sql`pdb_ts_ms(${ref(scope, t.field)})` : ref(scope, t.field)} ${dir}`;
    });
    // Ties broken by the entity's key, so a page boundary never splits equal rows differently between requests.
    if (projection.groupBy.length > 0) return user;
    return [...user, ...entity.key.filter((k) => !terms.some((t) => t.field === k)).map((k) => ref(scope, k))];
  }
  // Without order_by PuppetDB's order is unspecified; a stable one keeps pages consistent.
  if (projection.groupBy.length > 0) return projection.groupBy.map((g) => ref(scope, g));
  if (projection.columns.length > 0 && projection.columns.length === projection.selections.length
    && projection.groupBy.length === 0 && projection.columns.every((c) => FUNCTIONS.has(c.name))) return [];
  return entity.key.map((k) => ref(scope, k));
}

// ---------------------------------------------------------------- where

function where(scope: Scope, node: unknown): Cond {
  if (!Array.isArray(node) || node.length === 0) {
    throw new QueryError(`${printed(node)} is not well-formed: queries must contain at least one operator`);
  }
  const op = typeof node[0] === 'string' ? node[0].toLowerCase() : node[0];
  const args = node.slice(1);
  switch (op) {
    case 'and': case 'or': {
      if (args.length === 0) throw new QueryError(`'${op}' takes at least one argument, but none were supplied`);
      const parts = args.map((a) => where(scope, a));
      return sql<SqlBool>`(${sql.join(parts, sql.raw(op === 'and' ? ' AND ' : ' OR '))})`;
    }
    case 'not':
      if (args.length !== 1) throw new QueryError(`'not' takes exactly one argument, but ${args.length} were supplied`);
      // PuppetDB's NOT is SQL's: a row whose field is NULL is in neither a clause nor its negation... except
      // that PuppetDB coalesces; Troupe makes `not` the complement, so and/or/not obey set algebra.
      return sql<SqlBool>`(NOT coalesce(${where(scope, args[0])}, 0))`;
    case 'null?': return nullTest(scope, node);
    case 'in': return inClause(scope, node);
    case 'subquery': return implicitSubquery(scope, node);
    default:
      if (typeof op === 'string' && BINARY.has(op)) return binary(scope, op, node);
      throw new QueryError(`${printed(node)} is not well-formed: query operator '${printed(node[0])}' is unknown`);
  }
}

function nullTest(scope: Scope, node: unknown[]): Cond {
  const [, field, value] = node;
  if (node.length !== 3 || typeof field !== 'string' || typeof value !== 'boolean') throw new QueryError(`Invalid null? clause`);
  const target = resolveField(scope, field);
  const expr = target.path ? sql`json_extract(${target.column}, ${jsonPath(target.path)})` : target.column;
  return value ? sql<SqlBool>`(${expr} IS NULL)` : sql<SqlBool>`(${expr} IS NOT NULL)`;
}

interface Target {
  readonly name: string;
  readonly spec: FieldSpec;
  readonly column: RawBuilder<unknown>;
  /** Path inside a `queryable-json` field (`facts.os.family`). */
  readonly path?: readonly (string | number)[];
  /** For a fact path: the row's fact name (the path's first segment). */
  readonly nameColumn?: RawBuilder<unknown>;
}

/** A queryable field of the scope's entity, or PuppetDB's "not a queryable object" error. */
function resolveField(scope: Scope, field: string): Target {
  const { entity } = scope;
  const spec = entity.fields[field];
  if (spec && isQueryable(spec)) {
    const factName = spec.type === 'path-array' && entity.fields['name'] ? { nameColumn: ref(scope, 'name') } : {};
    return { name: field, spec, column: ref(scope, field), ...factName };
  }
  const top = dottedTop(entity, field);
  if (top) return dottedTarget(scope, field, top);
  const q = queryableFields(entity);
  throw new QueryError(q.length === 0
    ? `'${field}' is not a queryable object for ${entity.alias}. Entity ${entity.alias} has no queryable objects`
    : `'${field}' is not a queryable object for ${entity.alias}. Known queryable objects are ${quotedList(q)}`);
}

/** A dotted field's JSON and the path inside it; through the field's `member` when it has one. */
function dottedTarget(scope: Scope, name: string, top: { field: string; path: (string | number)[] }): Target {
  const spec = scope.entity.fields[top.field]!;
  const [head, ...rest] = top.path;
  if (spec.member && typeof head === 'string') {
    return { name, spec, column: spec.member((f) => ref(scope, f), head), path: rest };
  }
  return { name, spec, column: ref(scope, top.field), path: top.path };
}

/**
 * A dotted field (`facts.os.family`, `parameters.port`, `facts.a."b.c"`,
 * `facts.list[0]`) of one of the entity's `dotted` fields, or undefined.
 */
function dottedTop(entity: EntitySpec, field: string): { field: string; path: (string | number)[] } | undefined {
  const parts = splitDotted(field);
  if (!parts || parts.length < 2) return undefined;
  const [top, ...path] = parts;
  if (typeof top !== 'string' || !entity.dotted.includes(top)) return undefined;
  return { field: top, path };
}

/** Splits a dotted field into segments: quoted segments keep dots, `name[3]` adds an index. */
export function splitDotted(field: string): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  const re = /(?:"((?:[^"\\]|\\.)*)"|([^."[\]]+))((?:\[\d+\])*)(?:\.|$)/y;
  let at = 0;
  while (at < field.length) {
    re.lastIndex = at;
    const m = re.exec(field);
    if (!m || m[0].length === 0) return undefined;
    out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!);
    for (const idx of m[3]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
    at = re.lastIndex;
  }
  return out;
}

/** A SQLite JSON path for segments (bound as a parameter, never spliced into SQL). */
function jsonPath(path: readonly (string | number)[]): string {
  return '$' + path.map((p) => {
    if (typeof p === 'number') return `[${p}]`;
    if (p.includes('"')) throw new QueryError(`Currently unable to match this path: ${printed(path)}`);
    return `."${p}"`;
  }).join('');
}

function checkValueShape(op: string, node: unknown[]): void {
  const v = node[2];
  const scalar = (x: unknown) => typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));
  const ok = scalar(v) || (Array.isArray(v) && v.every((x) => typeof x === 'string' || Number.isInteger(x)));
  if (!ok) throw new QueryError(`Invalid ${op} clause`);
}

function binary(scope: Scope, op: string, node: unknown[]): Cond {
  if (node.length !== 3) throw new QueryError(`${op} requires exactly two arguments`);
  const [, field, value] = node;
  if (Array.isArray(field)) return specialField(scope, op, field, value);
  if (typeof field !== 'string') throw new QueryError(`Invalid ${op} clause`);
  if (op === '=' && value === null) return nullTest(scope, ['null?', field, true]);
  checkValueShape(op, node);
  if (field === 'node_state' && op === '=') return nodeState(scope, value);
  if (field === 'tag' && scope.entity.fields['tag']?.virtual) {
    return binary(scope, op, [op, 'tags', typeof value === 'string' ? value.toLowerCase() : value]);
  }
  const target = resolveField(scope, field);
  if (target.path) return jsonPathCompare(target, op, value);
  const { spec, column } = target;
  switch (op) {
    case '=': return equals(target, value);
    case '~': return regexpMatch(spec, column, value);
    case '~>':
      if (spec.type !== 'path-array') throw new QueryError(`Query operator ~> is not allowed on field ${field}`);
      if (!Array.isArray(value) || !value.every((p) => typeof p === 'string')) throw new QueryError(`Invalid ~> clause`);
      value.forEach((p) => compileRegexp(p));
      return sql<SqlBool>`(pdb_path_match(${column}, ${JSON.stringify(value)}) = 1)`;
    default: return ordered(target, op, value);
  }
}

/** `=` by field type. */
function equals(target: Target, value: unknown): Cond {
  const { spec, column, name } = target;
  switch (spec.type) {
    case 'timestamp': return sql<SqlBool>`(pdb_ts_ms(${column}) = ${instant(value)})`;
    // A literal, not a parameter, so partial indexes on `exported = 1` apply.
    case 'boolean': return sql<SqlBool>`(${column} = ${sql.lit(booleanOf(value) ? 1 : 0)})`;
    case 'numeric':
      if (typeof value === 'string') throw new QueryError(`Argument "${value}" is incompatible with numeric field "${name}".`);
      return sql<SqlBool>`(${column} = ${value as number})`;
    case 'json-scalar': return sql<SqlBool>`(${column} = ${JSON.stringify(value)})`;
    case 'path-array':
      // A path's first segment is its fact's name: saying so lets SQLite read only that fact's rows.
      return Array.isArray(value) && typeof value[0] === 'string' && target.nameColumn
        ? sql<SqlBool>`(${target.nameColumn} = ${value[0]} AND ${column} = ${JSON.stringify(value)})`
        : sql<SqlBool>`(${column} = ${JSON.stringify(value)})`;
    case 'array':
      return sql<SqlBool>`EXISTS (SELECT 1 FROM json_each(${column}) AS je WHERE je.value = ${scalarParam(value)})`;
    case 'queryable-json': throw new QueryError(`Invalid = clause`);
    default: return sql<SqlBool>`(${column} = ${Array.isArray(value) ? JSON.stringify(value) : scalarParam(value)})`;
  }
}

function ordered(target: Target, op: string, value: unknown): Cond {
  const { spec, column, name } = target;
  const cmp = sql.raw(op);
  if (!['numeric', 'timestamp', 'json-scalar'].includes(spec.type)) {
    throw new QueryError(`Query operators >,>=,<,<= are not allowed on field ${name}`);
  }
  if (spec.type === 'timestamp') return sql<SqlBool>`(pdb_ts_ms(${column}) ${cmp} ${instant(value)})`;
  if (typeof value !== 'number') throw new QueryError(`Argument "${printed(value)}" and operator "${op}" have incompatible types.`);
  if (spec.type === 'numeric') return sql<SqlBool>`(${column} ${cmp} ${value})`;
  return sql<SqlBool>`(json_type(${column}) IN ('integer', 'real') AND json_extract(${column}, '$') ${cmp} ${value})`;
}

function regexpMatch(spec: FieldSpec, column: RawBuilder<unknown>, value: unknown): Cond {
  if (typeof value !== 'string') throw new QueryError(`Invalid ~ clause`);
  compileRegexp(value);
  switch (spec.type) {
    case 'array': return sql<SqlBool>`EXISTS (SELECT 1 FROM json_each(${column}) AS je WHERE regexp(${value}, je.value))`;
    case 'json-scalar': return sql<SqlBool>`(json_type(${column}) = 'text' AND regexp(${value}, json_extract(${column}, '$')))`;
    default: return sql<SqlBool>`(regexp(${value}, ${column}) = 1)`;
  }
}

/** Comparison at a path inside a JSON field: the stored value's JSON type must fit the operator and value. */
function jsonPathCompare(target: Target, op: string, value: unknown): Cond {
  const path = jsonPath(target.path!);
  const at = sql`json_extract(${target.column}, ${path})`;
  const type = sql`json_type(${target.column}, ${path})`;
  if (op === '~') {
    if (typeof value !== 'string') throw new QueryError(`Invalid ~ clause`);
    compileRegexp(value);
    return sql<SqlBool>`(${type} = 'text' AND regexp(${value}, ${at}))`;
  }
  if (op === '~>') throw new QueryError(`Query operator ~> is not allowed on field ${target.name}`);
  if (op === '=') {
    if (typeof value === 'boolean') return sql<SqlBool>`(${type} = ${value ? 'true' : 'false'})`;
    if (typeof value === 'number') return sql<SqlBool>`(${type} IN ('integer', 'real') AND ${at} = ${value})`;
    if (typeof value === 'string') return sql<SqlBool>`(${type} = 'text' AND ${at} = ${value})`;
    return sql<SqlBool>`(${type} IN ('array', 'object') AND json(${at}) = json(${JSON.stringify(value)}))`;
  }
  if (typeof value !== 'number') throw new QueryError(`Argument "${printed(value)}" and operator "${op}" have incompatible types.`);
  return sql<SqlBool>`(${type} IN ('integer', 'real') AND ${at} ${sql.raw(op)} ${value})`;
}

/** `["node", "active"]`, `["fact", name]`, `["parameter", name]` on the left of an operator. */
function specialField(scope: Scope, op: string, field: unknown[], value: unknown): Cond {
  const [kind, name] = field;
  if (kind === 'node' && name === 'active' && op === '=') return nodeState(scope, value === true ? 'active' : 'inactive');
  if (kind === 'fact' && typeof name === 'string') {
    if (op !== '=' && op !== '~' && typeof value !== 'number') {
      throw new QueryError(`Operator '${op}' not allowed on value '${printed(value)}'`);
    }
    return where(scope, ['in', 'certname', ['extract', 'certname', ['select_facts', ['and', ['=', 'name', name], [op, 'value', value]]]]]);
  }
  if (kind === 'parameter' && typeof name === 'string' && scope.entity.dotted.includes('parameters')) {
    const target = { name: `parameters.${name}`, spec: scope.entity.fields['parameters']!, column: ref(scope, 'parameters'), path: [name] };
    return op === '=' ? parameterEquals(target, value) : jsonPathCompare(target, op, value);
  }
  throw new QueryError(`Invalid ${op} clause`);
}

/**
 * `["=", ["parameter", p], v]`, the form PuppetDB's terminus sends for a
 * collector's `p == v`: with Puppet's collector semantics, an array
 * parameter matches when any element equals `v` (json_each yields a
 * scalar itself, an array its elements); types compare exactly.
 */
function parameterEquals(target: Target, value: unknown): Cond {
  const path = jsonPath(target.path!);
  const element = typeof value === 'string' ? sql`je.type = 'text' AND je.atom = ${value}`
    : typeof value === 'number' ? sql`je.type IN ('integer', 'real') AND je.atom = ${value}`
    : typeof value === 'boolean' ? sql`je.type = ${value ? 'true' : 'false'}`
    : undefined;
  if (!element) return jsonPathCompare(target, '=', value);
  return sql<SqlBool>`(json_type(${target.column}, ${path}) != 'object' AND EXISTS (SELECT 1 FROM json_each(${target.column}, ${path}) AS je WHERE ${element}))`;
}

/** PuppetDB's node states: active (not deactivated), inactive, any. */
function nodeState(scope: Scope, value: unknown): Cond {
  const state = String(value).toLowerCase();
  if (state === 'any') return sql<SqlBool>`1`;
  if (state !== 'active' && state !== 'inactive') throw new QueryError(`Invalid value '${printed(value)}' for node_state; expected active, inactive or any`);
  if (!scope.entity.fields['certname']) throw new QueryError(`'node_state' is not a queryable object for ${scope.entity.alias}`);
  const deactivated = state === 'active' ? sql`deactivated IS NULL` : sql`deactivated IS NOT NULL`;
  return sql<SqlBool>`(${ref(scope, 'certname')} IN (SELECT certname FROM nodes WHERE ${deactivated}))`;
}

const booleanOf = (v: unknown): boolean => v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
const scalarParam = (v: unknown): string | number => (typeof v === 'boolean' ? String(v) : v as string | number);

function instant(value: unknown): number {
  const ms = timestampMs(value);
  if (ms === null) throw new QueryError(`'${printed(value)}' is not a valid timestamp value`);
  return ms;
}

// ---------------------------------------------------------------- in / subqueries

function inClause(scope: Scope, node: unknown[]): Cond {
  if (node.length !== 3) throw new QueryError(`Invalid in clause`);
  const [, fieldsArg, rhs] = node;
  const fields = typeof fieldsArg === 'string' ? [fieldsArg] : fieldsArg;
  if (!Array.isArray(fields) || fields.length === 0 || !fields.every((f) => typeof f === 'string')) throw new QueryError(`Invalid in clause`);
  if (Array.isArray(rhs) && rhs[0] === 'array') {
    if (fields.length !== 1) throw new QueryError(`Invalid in clause`);
    return inArray(scope, fields[0]!, rhs[1]);
  }
  const entity = scope.entity;
  const bad = fields.filter((f) => !(entity.fields[f] && isQueryable(entity.fields[f]!) && !entity.fields[f]!.virtual));
  if (bad.length > 0) {
    throw new QueryError(`Can't match on unknown '${entity.alias}' ${bad.length > 1 ? 'fields' : 'field'} ${quotedList(bad)} for 'in'. Acceptable fields are ${quotedList(queryableFields(entity))}`);
  }
  const sub = subselect(scope, rhs);
  if (sub.width !== fields.length) {
    throw new QueryError(`Column count mismatch: 'in' matches ${fields.length} field(s) against a subquery extracting ${sub.width}`);
  }
  const left = fields.length === 1 ? ref(scope, fields[0]!) : sql`(${sql.join(fields.map((f) => ref(scope, f)))})`;
  return sql<SqlBool>`(${left} IN (${sub.query}))`;
}

function inArray(scope: Scope, field: string, values: unknown): Cond {
  if (!Array.isArray(values)) throw new QueryError(`Operator 'array' requires a vector argument`);
  const target = resolveField(scope, field);
  if (target.spec.type === 'array') throw new QueryError(`Operator 'in'...'array' is not supported on array types`);
  if (values.length === 0) return sql<SqlBool>`0`;
  return sql<SqlBool>`(${sql.join(values.map((v) => equals(target, v)), sql.raw(' OR '))})`;
}

/** `["extract", cols, ["select_<entity>", expr?]]` or `["from", entity, ["extract", cols, expr?], clauses…]`. */
function subselect(scope: Scope, node: unknown): { query: AnySelect; width: number } {
  if (!Array.isArray(node)) throw new QueryError(`Invalid in clause`);
  let entity: EntitySpec;
  let columns: unknown;
  let filter: unknown;
  let paging: Paging = {};
  if (node[0] === 'extract') {
    const inner = node[2];
    const head = Array.isArray(inner) ? inner[0] : undefined;
    if (typeof head !== 'string' || !head.startsWith('select_') || !entityNamed(head.slice('select_'.length)) || head.includes('-')) {
      const name = printed(head);
      const underscored = name.replaceAll('-', '_');
      throw new QueryError(underscored !== name && entityNamed(underscored.replace(/^select_/, ''))
        ? `Unsupported subquery \`${name}\` - did you mean \`${underscored}\`?`
        : `Unsupported subquery \`${name}\``);
    }
    entity = entityNamed(head.slice('select_'.length))!;
    columns = node[1];
    filter = (inner as unknown[])[1];
  } else if (node[0] === 'from' && typeof node[1] === 'string') {
    entity = entityOf(node[1]);
    const [query, ...clauses] = node.slice(2) as unknown[];
    if (!Array.isArray(query) || query[0] !== 'extract') throw new QueryError(`a 'from' subquery of 'in' must extract its columns`);
    columns = query[1];
    filter = query[2];
    paging = pagingClauses(clauses);
  } else {
    throw new QueryError(`Invalid in clause`);
  }
  const cols = typeof columns === 'string' ? [columns] : columns;
  if (!Array.isArray(cols) || cols.length === 0 || !cols.every((c) => typeof c === 'string')) throw new QueryError(`Invalid in clause`);
  validateExtractable(entity, cols);
  const inner: Scope = { db: scope.db, entity, alias: `e${scope.depth + 1}`, depth: scope.depth + 1 };
  let q = kdb(scope.db).selectFrom(sourceOf(scope.db, entity, inner.alias)).select((cols as string[]).map((c) => ref(inner, c).as(c)));
  if (filter !== undefined) q = q.where(where(inner, filter));
  for (const t of paging.orderBy ?? []) q = q.orderBy(sql`${ref(inner, t.field)} ${t.descending ? sql`DESC` : sql`ASC`}`);
  if (paging.limit !== undefined) q = q.limit(paging.limit);
  if (paging.offset !== undefined) q = (paging.limit === undefined ? q.limit(-1) : q).offset(paging.offset);
  return { query: q, width: cols.length };
}

/** PQL's implicit subquery `["subquery", entity, expr]`: joined on the entities' relationship columns. */
function implicitSubquery(scope: Scope, node: unknown[]): Cond {
  const [, name, expr] = node;
  if (typeof name !== 'string') throw new QueryError(`Invalid subquery clause`);
  const rel = scope.entity.relationships[name.replaceAll('-', '_')];
  if (!rel) throw new QueryError(`No implicit relationship for entity '${name}'`);
  if (!entityNamed(name)) throw new QueryError(`Unsupported subquery \`select_${name}\``);
  const sub = expr === undefined ? [`select_${name.replaceAll('-', '_')}`] : [`select_${name.replaceAll('-', '_')}`, expr];
  return inClause(scope, ['in', [...rel.local], ['extract', [...rel.foreign], sub]]);
}
