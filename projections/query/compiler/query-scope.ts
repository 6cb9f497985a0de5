import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { StoreconfigsSchema } from '../../storeconfigs/storeconfigs.schema.js';
import {
  entityNamed, isProjectable, isQueryable, projectableFields, queryableFields, type EntitySpec, type FieldSpec,
} from './query-entities.js';
import { QueryError, printed, quotedList } from '../query-error.js';

// What the compiler's parts share: the scope a clause is compiled in (an
// entity's source under an alias) and how field names resolve in it.

export type AnyDb = Record<string, Record<string, unknown>>;
export type AnySelect = SelectQueryBuilder<AnyDb, string, Record<string, unknown>>;
export type Cond = RawBuilder<SqlBool>;

/** Where a clause is compiled: an entity's source under an alias (`e0`, subqueries `e1`, …). */
export interface Scope {
  readonly db: Kysely<StoreconfigsSchema>;
  readonly entity: EntitySpec;
  readonly alias: string;
  readonly depth: number;
  /**
   * Legacy `["fact", …]` clauses probe each candidate row's fact rather
   * than list every node having it: set inside an `and` that also holds a
   * subquery, which lists (fewer) candidates anyway.
   * @defaultValue false
   */
  readonly probeFacts?: boolean;
}

export const kdb = (db: Kysely<StoreconfigsSchema>): Kysely<AnyDb> => db as unknown as Kysely<AnyDb>;

export function entityOf(name: string): EntitySpec {
  const e = entityNamed(name);
  if (!e) throw new QueryError(`Invalid entity '${name.replaceAll('-', '_')}' in query`);
  return e;
}

/** The entity's source as a derived table under `alias`. */
export function sourceOf(db: Kysely<StoreconfigsSchema>, entity: EntitySpec, alias: string) {
  const source = entity.source(db);
  // A raw source is a bare SELECT; kysely parenthesises only its own builders.
  return ('isSelectQueryBuilder' in source ? source as unknown as RawBuilder<unknown> : sql`(${source})`).as(alias);
}

export const ref = (scope: Scope, field: string): RawBuilder<unknown> => sql.ref(`${scope.alias}.${field}`);

export const isFunctionCall = (c: unknown): c is unknown[] => Array.isArray(c) && c[0] === 'function';

/** PuppetDB's "Can't extract unknown … field" check. */
export function validateExtractable(entity: EntitySpec, columns: readonly unknown[]): void {
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

/** A resolved field: its spec and the SQL it reads. */
export interface Target {
  readonly name: string;
  readonly spec: FieldSpec;
  readonly column: RawBuilder<unknown>;
  /** Path inside a `queryable-json` field (`facts.os.family`). */
  readonly path?: readonly (string | number)[];
  /**
   * Whether the row's value satisfies `condition`, the way the field reads
   * best (a member: see {@link FieldSpec.member}).
   * @defaultValue `condition` over `column`
   */
  readonly holds?: (condition: (column: RawBuilder<unknown>) => RawBuilder<unknown>) => RawBuilder<unknown>;
  /** For a fact path: the row's fact name (the path's first segment). */
  readonly nameColumn?: RawBuilder<unknown>;
}

/** A queryable field of the scope's entity, or PuppetDB's "not a queryable object" error. */
export function resolveField(scope: Scope, field: string): Target {
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
export function dottedTarget(scope: Scope, name: string, top: { field: string; path: (string | number)[] }): Target {
  const spec = scope.entity.fields[top.field]!;
  const [head, ...rest] = top.path;
  if (spec.member && typeof head === 'string') {
    const member = spec.member;
    const column = (f: string) => ref(scope, f);
    return { name, spec, column: member.value(column, head), path: rest, holds: (condition) => member.holds(column, head, condition) };
  }
  return { name, spec, column: ref(scope, top.field), path: top.path };
}

/**
 * A dotted field (`facts.os.family`, `parameters.port`, `facts.a."b.c"`,
 * `facts.list[0]`) of one of the entity's `dotted` fields, or undefined.
 */
export function dottedTop(entity: EntitySpec, field: string): { field: string; path: (string | number)[] } | undefined {
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
