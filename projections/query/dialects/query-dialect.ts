import type { RawBuilder, SqlBool } from 'kysely';
import { QueryError } from '../query-error.js';

type Sql = RawBuilder<unknown>;
type Cond = RawBuilder<SqlBool>;

/** A path inside a JSON value: object keys and array indexes. */
export type JsonPath = readonly (string | number)[];

/**
 * What PuppetDB's query language needs of SQL that SQLite and PostgreSQL
 * spell differently: JSON extraction and types, regular expressions
 * (PostgreSQL's `~` natively, a registered function on SQLite), booleans,
 * and a few source fragments. Everything else the compiler writes is
 * common SQL. Values reach these only as bound parameters.
 */
export interface QueryDialect {
  readonly name: 'sqlite' | 'postgres';
  readonly true: Cond;
  readonly false: Cond;
  /** A number compared with a numeric column, whatever the column's SQL type (an integer column against 1.5). */
  number(value: number): Sql;
  /** The complement of a condition, an unknown (NULL) one counting as false. */
  not(condition: Cond): Cond;
  /** `column` (text) matches a PuppetDB regular expression. */
  matches(column: Sql, pattern: string): Cond;
  /** A JSON array of strings (tags, containment path) has `value` / an element matching `pattern`. */
  arrayHas(column: Sql, value: string | number): Cond;
  arrayMatches(column: Sql, pattern: string): Cond;
  /** A JSON value (text) equals the JSON text `json` (type and value). */
  jsonEquals(column: Sql, json: string): Cond;
  /** A JSON value is a string matching `pattern`. */
  jsonStringMatches(column: Sql, pattern: string): Cond;
  /** The JSON value when it is a number, else NULL (ordering, aggregates). */
  jsonNumber(column: Sql): Sql;
  /** A JSON value ordered as jsonb orders (null < strings < numbers < booleans < arrays < objects). */
  jsonOrder(column: Sql, direction: Sql): Sql;
  /** The value at `path` inside a JSON column for an answer, and how to decode what the database returns for it. */
  jsonAt(column: Sql, path: JsonPath): Sql;
  decodeJsonAt(value: unknown): unknown;
  /** No value (or JSON null) at `path`. */
  jsonAtIsNull(column: Sql, path: JsonPath): Cond;
  /** `op` (`~`, `=`, `<`, …) against `value` at `path`: the stored JSON type must fit the operator and value. */
  jsonAtCompare(column: Sql, path: JsonPath, op: string, value: unknown): Cond;
  /** A collector's `p == v`: the value at `path` equals scalar `value`, or is an array with an element that does. */
  jsonAtHas(column: Sql, path: JsonPath, value: string | number | boolean): Cond;
  /** A fact path (JSON array) whose segments match `patterns` one by one (`~>`). */
  pathMatches(column: Sql, patterns: readonly string[]): Cond;
  /** `INDEXED BY index` where the backend takes such hints (SQLite), else nothing. */
  indexedBy(index: string): Sql;
  /** `SELECT certname, environment, name, path, value, json_type` over every leaf of every fact: `path` as PuppetDB's array (compact JSON text), `value` JSON text, `json_type` SQLite's name for its type (`text`, `integer`, `real`, `true`, `false`, `null`). */
  readonly factLeaves: Sql;
  /** Over facts `f` of one node: the object of its facts (inventory's `facts`). */
  readonly factsObject: Sql;
  /** Over a report `r`: its events as a JSON array (`corrective_change` null, times as PostgreSQL's JSON writes them). */
  readonly reportEvents: Sql;
  /** Member `key` of a JSON object column, as JSON text. */
  jsonMember(column: Sql, key: string): Sql;
  /** catalog_input_contents: `certname, catalog_uuid, producer_timestamp, type, name` per input. */
  readonly catalogInputContents: Sql;
  /** `column` ascending with NULL first (a key's order; the same on both backends). */
  ascending(column: Sql): Sql;
  /** Applies an OFFSET without a LIMIT. */
  offsetOnly<Q extends { limit(n: number): Q; offset(n: number): Q }>(query: Q, offset: number): Q;
}

/**
 * A stored `…T…:SS.mmmZ` instant as PostgreSQL's JSON writes a timestamptz
 * (`…:SS+00:00`, `…:SS.12+00:00`): how PuppetDB answers the times inside
 * an expanded report's data, unlike its top-level fields. Common SQL.
 */
const pgJsonTime = (column: string): string => `CASE WHEN substr(${column}, 20, 4) = '.000' THEN substr(${column}, 1, 19) || '+00:00'
    ELSE rtrim(substr(${column}, 1, 23), '0') || '+00:00' END`;

/** PuppetDB's fields of an expanded report event (of `e`), in its order, as key/value arguments; `json` reads stored JSON text as JSON. */
export const reportEventFields = (json: (column: string) => string): string => `
    'status', e.status, 'timestamp', ${pgJsonTime('e.timestamp')}, 'resource_type', e.resource_type, 'resource_title', e.resource_title,
    'property', e.property, 'name', e.name, 'new_value', ${json('e.new_value')}, 'old_value', ${json('e.old_value')},
    'message', e.message, 'file', e.file, 'line', e.line, 'containment_path', ${json('e.containment_path')},
    'containing_class', e.containing_class,
    'corrective_change', NULL`;

/**
 * A SQLite JSON path for segments (bound as a parameter, never spliced
 * into SQL). Both dialects refuse a key holding `"` through it, so they
 * refuse the same queries.
 */
export function jsonPath(path: JsonPath): string {
  return '$' + path.map((p) => {
    if (typeof p === 'number') return `[${p}]`;
    if (p.includes('"')) throw new QueryError(`Currently unable to match this path: ${JSON.stringify(path)}`);
    return `."${p}"`;
  }).join('');
}
