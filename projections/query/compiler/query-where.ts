import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { entityNamed, isQueryable, queryableFields, type EntitySpec, type FieldSpec } from './query-entities.js';
import type { QueryDialect } from '../dialects/query-dialect.js';
import { QueryError, printed, quotedList } from '../query-error.js';
import { compileRegexp, timestampMs } from './query-functions.sqlite.js';
import { pagingClauses, type Paging } from '../query-paging.js';
import { dialectOf } from '../dialects/dialect-of.js';
import {
  entityOf, kdb, ref, resolveField, sourceOf, validateExtractable, type AnySelect, type Cond, type Scope, type Target,
} from './query-scope.js';

/**
 * PuppetDB's query operators as SQL conditions: `and` `or` `not`, `=` `<`
 * `>` `<=` `>=` `~` `~>` `null?`, `in` (arrays, `extract` and `from`
 * subqueries), implicit `subquery`, and the legacy `["fact", …]`,
 * `["parameter", …]`, `["node", "active"]` fields. Values reach SQL only as
 * bound parameters.
 */
/** Subqueries (`in`, implicit `subquery`) nested in one another, at most (SQLite's expression depth allows ~50). */
export const MAX_SUBQUERY_DEPTH = 16;

const BINARY = new Set(['=', '<', '>', '<=', '>=', '~', '~>']);

export function where(scope: Scope, node: unknown): Cond {
  if (!Array.isArray(node) || node.length === 0) {
    throw new QueryError(`${printed(node)} is not well-formed: queries must contain at least one operator`);
  }
  const op = typeof node[0] === 'string' ? node[0].toLowerCase() : node[0];
  const args = node.slice(1);
  switch (op) {
    case 'and': case 'or': {
      if (args.length === 0) throw new QueryError(`'${op}' takes at least one argument, but none were supplied`);
      const probing = op === 'and' && args.length > 1 && args.some(isSubqueryClause) ? { ...scope, probeFacts: true } : scope;
      const parts = args.map((a) => where(probing, a));
      return sql<SqlBool>`(${sql.join(parts, sql.raw(op === 'and' ? ' AND ' : ' OR '))})`;
    }
    case 'not':
      if (args.length !== 1) throw new QueryError(`'not' takes exactly one argument, but ${args.length} were supplied`);
      // On PostgreSQL a row whose field is NULL matches neither a clause nor its `not`; here `not` is the
      // complement (an unknown clause counts as false), so and/or/not obey set algebra (docs/operations.md).
      return dialectOf(scope.db).not(where(scope, args[0]));
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
  if (target.path) {
    const isNull = dialectOf(scope.db).jsonAtIsNull(target.column, target.path);
    return value ? isNull : sql<SqlBool>`(NOT ${isNull})`;
  }
  return value ? sql<SqlBool>`(${target.column} IS NULL)` : sql<SqlBool>`(${target.column} IS NOT NULL)`;
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
  const dialect = dialectOf(scope.db);
  if (target.path) return jsonPathCompare(dialect, target, op, value);
  const { spec, column } = target;
  switch (op) {
    case '=': return equals(dialect, target, value);
    case '~': return regexpMatch(dialect, spec, column, value);
    case '~>':
      if (spec.type !== 'path-array') throw new QueryError(`Query operator ~> is not allowed on field ${field}`);
      if (!Array.isArray(value) || !value.every((p) => typeof p === 'string')) throw new QueryError(`Invalid ~> clause`);
      value.forEach((p) => compileRegexp(p));
      return dialect.pathMatches(column, value);
    default: return ordered(dialect, target, op, value);
  }
}

/** `=` by field type. */
function equals(dialect: QueryDialect, target: Target, value: unknown): Cond {
  const { spec, column, name } = target;
  switch (spec.type) {
    case 'timestamp': return sql<SqlBool>`(pdb_ts_ms(${column}) = ${instant(value)})`;
    // A literal, not a parameter, so partial indexes on `exported = 1` apply.
    case 'boolean': return sql<SqlBool>`(${column} = ${sql.lit(booleanOf(value) ? 1 : 0)})`;
    case 'numeric':
      if (typeof value === 'string') throw new QueryError(`Argument "${value}" is incompatible with numeric field "${name}".`);
      return sql<SqlBool>`(${column} = ${dialect.number(value as number)})`;
    case 'json-scalar': return dialect.jsonEquals(column, JSON.stringify(value));
    case 'path-array':
      // A path's first segment is its fact's name: saying so lets SQLite read only that fact's rows.
      return Array.isArray(value) && typeof value[0] === 'string' && target.nameColumn
        ? sql<SqlBool>`(${target.nameColumn} = ${value[0]} AND ${column} = ${JSON.stringify(value)})`
        : sql<SqlBool>`(${column} = ${JSON.stringify(value)})`;
    case 'array':
      return dialect.arrayHas(column, scalarParam(value));
    case 'queryable-json': throw new QueryError(`Invalid = clause`);
    default: return sql<SqlBool>`(${column} = ${Array.isArray(value) ? JSON.stringify(value) : scalarParam(value)})`;
  }
}

function ordered(dialect: QueryDialect, target: Target, op: string, value: unknown): Cond {
  const { spec, column, name } = target;
  const cmp = sql.raw(op);
  if (!['numeric', 'timestamp', 'json-scalar'].includes(spec.type)) {
    throw new QueryError(`Query operators >,>=,<,<= are not allowed on field ${name}`);
  }
  if (spec.type === 'timestamp') return sql<SqlBool>`(pdb_ts_ms(${column}) ${cmp} ${instant(value)})`;
  if (typeof value !== 'number') throw new QueryError(`Argument "${printed(value)}" and operator "${op}" have incompatible types.`);
  if (spec.type === 'numeric') return sql<SqlBool>`(${column} ${cmp} ${dialect.number(value)})`;
  return sql<SqlBool>`(${dialect.jsonNumber(column)} ${cmp} ${value})`;
}

function regexpMatch(dialect: QueryDialect, spec: FieldSpec, column: RawBuilder<unknown>, value: unknown): Cond {
  if (typeof value !== 'string') throw new QueryError(`Invalid ~ clause`);
  compileRegexp(value);
  switch (spec.type) {
    case 'array': return dialect.arrayMatches(column, value);
    case 'json-scalar': return dialect.jsonStringMatches(column, value);
    default: return dialect.matches(column, value);
  }
}

/** Comparison at a path inside a JSON field: the stored value's JSON type must fit the operator and value. */
function jsonPathCompare(dialect: QueryDialect, target: Target, op: string, value: unknown): Cond {
  if (op === '~') {
    if (typeof value !== 'string') throw new QueryError(`Invalid ~ clause`);
    compileRegexp(value);
  } else if (op === '~>') {
    throw new QueryError(`Query operator ~> is not allowed on field ${target.name}`);
  } else if (op !== '=' && typeof value !== 'number') {
    throw new QueryError(`Argument "${printed(value)}" and operator "${op}" have incompatible types.`);
  }
  const holds = target.holds ?? ((condition) => condition(target.column));
  return holds((column) => dialect.jsonAtCompare(column, target.path!, op, value)) as Cond;
}

/** `["node", "active"]`, `["fact", name]`, `["parameter", name]` on the left of an operator. */
function specialField(scope: Scope, op: string, field: unknown[], value: unknown): Cond {
  const [kind, name] = field;
  if (kind === 'node' && name === 'active' && op === '=') return nodeState(scope, value === true ? 'active' : 'inactive');
  if (kind === 'fact' && typeof name === 'string') {
    if (op !== '=' && op !== '~' && typeof value !== 'number') {
      throw new QueryError(`Operator '${op}' not allowed on value '${printed(value)}'`);
    }
    const filter = ['and', ['=', 'name', name], [op, 'value', value]];
    return scope.probeFacts ? nodeHasFact(scope, filter) : where(scope, ['in', 'certname', ['extract', 'certname', ['select_facts', filter]]]);
  }
  if (kind === 'parameter' && typeof name === 'string' && scope.entity.dotted.includes('parameters')) {
    const target = { name: `parameters.${name}`, spec: scope.entity.fields['parameters']!, column: ref(scope, 'parameters'), path: [name] };
    const dialect = dialectOf(scope.db);
    return op === '=' ? parameterEquals(dialect, target, value) : jsonPathCompare(dialect, target, op, value);
  }
  throw new QueryError(`Invalid ${op} clause`);
}

/**
 * A legacy `["fact", name]` clause next to a subquery: the row's node has a
 * fact matching `filter`, probed per candidate row (the facts' primary key),
 * so the subquery's list drives the query. On its own the clause is an `in`
 * list read through facts_by_name (that fact's rows in storage order),
 * cheaper than a probe for every node.
 */
function nodeHasFact(scope: Scope, filter: unknown[]): Cond {
  if (!scope.entity.fields['certname']) return where(scope, ['in', 'certname', ['extract', 'certname', ['select_facts', filter]]]);
  if (scope.depth >= MAX_SUBQUERY_DEPTH) throw new QueryError(`the query nests subqueries deeper than ${MAX_SUBQUERY_DEPTH} levels`);
  const inner: Scope = { db: scope.db, entity: entityOf('facts'), alias: `e${scope.depth + 1}`, depth: scope.depth + 1 };
  const facts = kdb(scope.db).selectFrom(sourceOf(scope.db, inner.entity, inner.alias)).select(sql`1`.as('one'))
    .where(sql<SqlBool>`${ref(inner, 'certname')} = ${ref(scope, 'certname')}`).where(where(inner, filter));
  return sql<SqlBool>`EXISTS ${facts}`;
}

/**
 * `["=", ["parameter", p], v]`, the form PuppetDB's terminus sends for a
 * collector's `p == v`: with Puppet's collector semantics, an array
 * parameter matches when any element equals `v` (json_each yields a
 * scalar itself, an array its elements); types compare exactly.
 */
function parameterEquals(dialect: QueryDialect, target: Target, value: unknown): Cond {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return jsonPathCompare(dialect, target, '=', value);
  return dialect.jsonAtHas(target.column, target.path!, value);
}

/** PuppetDB's node states: active (not deactivated), inactive, any. */
function nodeState(scope: Scope, value: unknown): Cond {
  const state = String(value).toLowerCase();
  if (state === 'any') return dialectOf(scope.db).true;
  if (state !== 'active' && state !== 'inactive') throw new QueryError(`Invalid value '${printed(value)}' for node_state; expected active, inactive or any`);
  if (!scope.entity.fields['certname']) throw new QueryError(`'node_state' is not a queryable object for ${scope.entity.alias}`);
  // The nodes entity has the column itself: no probe of its own table per row.
  if (scope.entity.name === 'nodes') {
    return state === 'active' ? sql<SqlBool>`(${ref(scope, 'deactivated')} IS NULL)` : sql<SqlBool>`(${ref(scope, 'deactivated')} IS NOT NULL)`;
  }
  const deactivated = state === 'active' ? sql`n.deactivated IS NULL` : sql`n.deactivated IS NOT NULL`;
  // Correlated (a primary-key probe per row), so SQLite still drives the query from the entity's own indexes.
  return sql<SqlBool>`EXISTS (SELECT 1 FROM nodes n WHERE n.certname = ${ref(scope, 'certname')} AND ${deactivated})`;
}

/** An `in` or implicit subquery: SQLite lists its matches before the outer rows. */
const isSubqueryClause = (node: unknown): boolean => Array.isArray(node) && (node[0] === 'in' || node[0] === 'subquery');

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
  if (Array.isArray(fieldsArg) && fieldsArg[0] === 'fact' && typeof fieldsArg[1] === 'string' && Array.isArray(rhs) && rhs[0] === 'array') {
    return factInArray(scope, fieldsArg[1], rhs[1]);
  }
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

/** `["in", ["fact", name], ["array", values]]`: nodes whose fact is one of the values (all of one type). */
function factInArray(scope: Scope, name: string, values: unknown): Cond {
  if (!Array.isArray(values)) throw new QueryError(`Operator 'array' requires a vector argument`);
  if (new Set(values.map((v) => typeof v)).size > 1) throw new QueryError(`All values in 'array' must be the same type.`);
  return where(scope, ['in', 'certname', ['extract', 'certname', ['select_facts', ['and', ['=', 'name', name], ['in', 'value', ['array', values]]]]]]);
}

function inArray(scope: Scope, field: string, values: unknown): Cond {
  if (!Array.isArray(values)) throw new QueryError(`Operator 'array' requires a vector argument`);
  const target = resolveField(scope, field);
  if (target.spec.type === 'array') throw new QueryError(`Operator 'in'...'array' is not supported on array types`);
  const dialect = dialectOf(scope.db);
  if (values.length === 0) return dialect.false;
  return sql<SqlBool>`(${sql.join(values.map((v) => equals(dialect, target, v)), sql.raw(' OR '))})`;
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
  if (scope.depth >= MAX_SUBQUERY_DEPTH) throw new QueryError(`the query nests subqueries deeper than ${MAX_SUBQUERY_DEPTH} levels`);
  const inner: Scope = { db: scope.db, entity, alias: `e${scope.depth + 1}`, depth: scope.depth + 1 };
  let q = kdb(scope.db).selectFrom(sourceOf(scope.db, entity, inner.alias)).select((cols as string[]).map((c) => ref(inner, c).as(c)));
  if (filter !== undefined) q = q.where(where(inner, filter));
  for (const t of paging.orderBy ?? []) q = q.orderBy(sql`${ref(inner, t.field)} ${t.descending ? sql`DESC` : sql`ASC`}`);
  if (paging.limit !== undefined) q = q.limit(paging.limit);
  if (paging.offset !== undefined) q = paging.limit === undefined ? dialectOf(scope.db).offsetOnly(q, paging.offset) : q.offset(paging.offset);
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
