import { sql, type SqlBool } from 'kysely';
import { jsonPath, reportEventFields, type QueryDialect } from './query-dialect.js';

/** SQLite: json1's functions and those query-functions.sqlite.ts registers on the connection. */
export const SQLITE_DIALECT: QueryDialect = {
  name: 'sqlite',
  true: sql<SqlBool>`1`,
  false: sql<SqlBool>`0`,
  number: (value) => sql`${value}`,
  not: (c) => sql<SqlBool>`(NOT coalesce(${c}, 0))`,
  matches: (column, pattern) => sql<SqlBool>`(regexp(${pattern}, ${column}) = 1)`,
  arrayHas: (column, value) => sql<SqlBool>`EXISTS (SELECT 1 FROM json_each(${column}) AS je WHERE je.value = ${value})`,
  arrayMatches: (column, pattern) => sql<SqlBool>`EXISTS (SELECT 1 FROM json_each(${column}) AS je WHERE regexp(${pattern}, je.value))`,
  jsonEquals: (column, json) => sql<SqlBool>`(${column} = ${json})`,
  jsonStringMatches: (column, pattern) => sql<SqlBool>`(json_type(${column}) = 'text' AND regexp(${pattern}, json_extract(${column}, '$')))`,
  jsonNumber: (column) => sql`(CASE WHEN json_type(${column}) IN ('integer', 'real') THEN json_extract(${column}, '$') END)`,
  jsonOrder: (value, dir) => sql`CASE json_type(${value})
    WHEN 'null' THEN 0 WHEN 'text' THEN 1 WHEN 'integer' THEN 2 WHEN 'real' THEN 2 WHEN 'true' THEN 3 WHEN 'false' THEN 3
    WHEN 'array' THEN 4 WHEN 'object' THEN 5 END ${dir}, json_extract(${value}, '$') ${dir}`,
  jsonAt: (column, path) => sql`json_extract(${column}, ${jsonPath(path)})`,
  // json_extract answers objects and arrays as JSON text, scalars as SQL values.
  decodeJsonAt: (v) => {
    if (typeof v === 'string' && (v.startsWith('{') || v.startsWith('['))) {
      try { return JSON.parse(v); } catch { return v; }
    }
    return v ?? null;
  },
  jsonAtIsNull: (column, path) => sql<SqlBool>`(json_extract(${column}, ${jsonPath(path)}) IS NULL)`,
  jsonAtCompare: (column, path, op, value) => {
    const p = jsonPath(path);
    const at = sql`json_extract(${column}, ${p})`;
    const type = sql`json_type(${column}, ${p})`;
    if (op === '~') return sql<SqlBool>`(${type} = 'text' AND regexp(${value as string}, ${at}))`;
    if (op === '=') {
      if (typeof value === 'boolean') return sql<SqlBool>`(${type} = ${value ? 'true' : 'false'})`;
      if (typeof value === 'number') return sql<SqlBool>`(${type} IN ('integer', 'real') AND ${at} = ${value})`;
      if (typeof value === 'string') return sql<SqlBool>`(${type} = 'text' AND ${at} = ${value})`;
      return sql<SqlBool>`(${type} IN ('array', 'object') AND json(${at}) = json(${JSON.stringify(value)}))`;
    }
    return sql<SqlBool>`(${type} IN ('integer', 'real') AND ${at} ${sql.raw(op)} ${value as number})`;
  },
  jsonAtHas: (column, path, value) => {
    const p = jsonPath(path);
    // json_each yields a scalar itself, an array its elements.
    const element = typeof value === 'string' ? sql`je.type = 'text' AND je.atom = ${value}`
      : typeof value === 'number' ? sql`je.type IN ('integer', 'real') AND je.atom = ${value}`
      : sql`je.type = ${value ? 'true' : 'false'}`;
    return sql<SqlBool>`(json_type(${column}, ${p}) != 'object' AND EXISTS (SELECT 1 FROM json_each(${column}, ${p}) AS je WHERE ${element}))`;
  },
  pathMatches: (column, patterns) => sql<SqlBool>`(pdb_path_match(${column}, ${JSON.stringify(patterns)}) = 1)`,
  indexedBy: (index) => sql.raw(`INDEXED BY ${index}`),
  factLeaves: sql`
    SELECT f.certname AS certname, n.facts_environment AS environment, f.name AS name,
           pdb_fact_path(f.name, jt.fullkey) AS path,
           CASE WHEN jt.type IN ('true', 'false', 'null') THEN jt.type ELSE json_quote(jt.atom) END AS value,
           jt.type AS json_type
    FROM facts f JOIN nodes n ON n.certname = f.certname, json_tree(f.value) jt
    WHERE jt.type NOT IN ('object', 'array')`,
  factsObject: sql`json_group_object(f.name, json(f.value))`,
  reportEvents: sql.raw(`(SELECT json_group_array(json_object(${reportEventFields((c) => `json(${c})`)}))
    FROM (SELECT * FROM resource_events WHERE report_id = r.event_id ORDER BY seq) e)`),
  jsonMember: (column, key) => sql`json_extract(${column}, ${jsonPath([key])})`,
  catalogInputContents: sql`SELECT ci.certname AS certname, ci.catalog_uuid AS catalog_uuid, ci.producer_timestamp AS producer_timestamp,
      json_extract(j.value, '$[0]') AS type, json_extract(j.value, '$[1]') AS name
    FROM catalog_inputs ci, json_each(ci.inputs) j`,
  // NULL first is SQLite's default: the plain column keeps index-ordered plans as they were.
  ascending: (column) => column,
  offsetOnly: (query, offset) => query.limit(-1).offset(offset),
};
