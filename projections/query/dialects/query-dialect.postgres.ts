import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { jsonPath, reportEventFields, type JsonPath, type QueryDialect } from './query-dialect.js';

type Sql = RawBuilder<unknown>;

const jsonb = (column: Sql) => sql`CAST(${column} AS jsonb)`;
/** The value at `path` (jsonb); the path is validated as SQLite's would be, so both refuse the same. */
const at = (column: Sql, path: JsonPath) => {
  jsonPath(path);
  return sql`(${jsonb(column)} #> CAST(${path.map(String)} AS text[]))`;
};
const numberOf = (value: Sql) => sql`(CASE WHEN jsonb_typeof(${value}) = 'number' THEN CAST(${value} #>> '{}' AS numeric) END)`;

/**
 * PostgreSQL: JSON stored as text, cast to jsonb where the query looks
 * inside; PuppetDB's regular expressions with PostgreSQL's own `~` (what
 * PuppetDB itself runs; on SQLite a translation to ECMAScript); fact
 * paths built as the same compact JSON text SQLite's `pdb_fact_path`
 * writes, so paths compare and order alike.
 */
export const POSTGRES_DIALECT: QueryDialect = {
  name: 'postgres',
  true: sql<SqlBool>`TRUE`,
  false: sql<SqlBool>`FALSE`,
  // Untyped, a parameter takes the column's type: 1.5 against an integer column would be an error, not a mismatch.
  number: (value) => sql`CAST(${value} AS double precision)`,
  not: (c) => sql<SqlBool>`(NOT coalesce(${c}, FALSE))`,
  matches: (column, pattern) => sql<SqlBool>`(CAST(${column} AS text) ~ ${pattern})`,
  arrayHas: (column, value) =>
    sql<SqlBool>`EXISTS (SELECT 1 FROM jsonb_array_elements_text(${jsonb(column)}) AS je(v) WHERE je.v = CAST(${value} AS text))`,
  arrayMatches: (column, pattern) =>
    sql<SqlBool>`EXISTS (SELECT 1 FROM jsonb_array_elements_text(${jsonb(column)}) AS je(v) WHERE je.v ~ ${pattern})`,
  jsonEquals: (column, json) => sql<SqlBool>`(${jsonb(column)} = CAST(${json} AS jsonb))`,
  jsonStringMatches: (column, pattern) =>
    sql<SqlBool>`(jsonb_typeof(${jsonb(column)}) = 'string' AND (${jsonb(column)} #>> '{}') ~ ${pattern})`,
  jsonNumber: (column) => numberOf(jsonb(column)),
  // jsonb's own order is PuppetDB's: null < strings < numbers < booleans < arrays < objects.
  jsonOrder: (value, dir) => sql`${jsonb(value)} ${dir}`,
  jsonAt: (column, path) => at(column, path),
  // jsonb arrives as its text (the pool's type parsers): every value is JSON.
  decodeJsonAt: (v) => (v === null || v === undefined ? null : JSON.parse(String(v))),
  jsonAtIsNull: (column, path) => sql<SqlBool>`(nullif(${at(column, path)}, 'null'::jsonb) IS NULL)`,
  jsonAtCompare: (column, path, op, value) => {
    const v = at(column, path);
    if (op === '~') return sql<SqlBool>`(jsonb_typeof(${v}) = 'string' AND (${v} #>> '{}') ~ ${value as string})`;
    if (op === '=') return sql<SqlBool>`(${v} = CAST(${JSON.stringify(value)} AS jsonb))`;
    return sql<SqlBool>`(${numberOf(v)} ${sql.raw(op)} ${value as number})`;
  },
  jsonAtHas: (column, path, value) => {
    const v = at(column, path);
    return sql<SqlBool>`EXISTS (SELECT 1 FROM jsonb_array_elements(CASE jsonb_typeof(${v}) WHEN 'array' THEN ${v}
        WHEN 'object' THEN '[]'::jsonb ELSE jsonb_build_array(${v}) END) AS je(v) WHERE je.v = CAST(${JSON.stringify(value)} AS jsonb))`;
  },
  pathMatches: (column, patterns) => sql<SqlBool>`(jsonb_array_length(${jsonb(column)}) = ${patterns.length} AND NOT EXISTS (
      SELECT 1 FROM jsonb_array_elements_text(${jsonb(column)}) WITH ORDINALITY AS p(v, i)
      JOIN unnest(CAST(${[...patterns]} AS text[])) WITH ORDINALITY AS q(r, j) ON p.i = q.j
      WHERE NOT (p.v ~ q.r)))`,
  indexedBy: () => sql``,
  factLeaves: sql`
    WITH RECURSIVE leaves(certname, environment, name, path, value) AS (
      SELECT f.certname, n.facts_environment, f.name, ('[' || CAST(to_json(f.name) AS text)) COLLATE "C", CAST(f.value AS jsonb)
      FROM facts f JOIN nodes n ON n.certname = f.certname
      UNION ALL
      SELECT l.certname, l.environment, l.name, (l.path || ',' || c.k) COLLATE "C", c.v
      FROM leaves l CROSS JOIN LATERAL (
        SELECT CAST(to_json(e.key) AS text) AS k, e.value AS v
          FROM jsonb_each(CASE WHEN jsonb_typeof(l.value) = 'object' THEN l.value ELSE '{}'::jsonb END) AS e
        UNION ALL
        SELECT CAST(a.i - 1 AS text), a.v
          FROM jsonb_array_elements(CASE WHEN jsonb_typeof(l.value) = 'array' THEN l.value ELSE '[]'::jsonb END) WITH ORDINALITY AS a(v, i)
      ) AS c
    )
    SELECT certname, environment, name, (path || ']') COLLATE "C" AS path, CAST(value AS text) COLLATE "C" AS value,
      CASE jsonb_typeof(value) WHEN 'string' THEN 'text' WHEN 'boolean' THEN CAST(value AS text)
        WHEN 'number' THEN CASE WHEN CAST(value AS text) ~ '[.eE]' THEN 'real' ELSE 'integer' END
        ELSE jsonb_typeof(value) END AS json_type
    FROM leaves WHERE jsonb_typeof(value) NOT IN ('object', 'array')`,
  factsObject: sql`coalesce(json_object_agg(f.name, CAST(f.value AS json) ORDER BY f.name), '{}'::json)`,
  reportEvents: sql.raw(`(SELECT coalesce(json_agg(json_build_object(${reportEventFields((c) => `CAST(${c} AS json)`)}) ORDER BY e.seq), '[]'::json)
    FROM resource_events e WHERE e.report_id = r.event_id)`),
  jsonMember: (column, key) => sql`(${jsonb(column)} -> CAST(${key} AS text))`,
  catalogInputContents: sql`SELECT ci.certname AS certname, ci.catalog_uuid AS catalog_uuid, ci.producer_timestamp AS producer_timestamp,
      (j.value ->> 0) COLLATE "C" AS type, (j.value ->> 1) COLLATE "C" AS name
    FROM catalog_inputs ci CROSS JOIN LATERAL jsonb_array_elements(CAST(ci.inputs AS jsonb)) AS j(value)`,
  ascending: (column) => sql`${column} ASC NULLS FIRST`,
  offsetOnly: (query, offset) => query.offset(offset),
};
