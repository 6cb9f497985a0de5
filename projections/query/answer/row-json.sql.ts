import { sql, type RawBuilder } from 'kysely';
import type { FieldSpec } from '../compiler/query-entities.js';

/**
 * Answer rows as JSON text written by SQLite, so a large answer (all
 * nodes, a collector's thousands of resources) reaches JavaScript as its
 * bytes (the compiler's `jsonAnswer` joins the rows) instead of values to
 * decode, objects to build and serialise. Each column's text is exactly `JSON.stringify` of what its
 * JavaScript decoder answers (a property test holds them together):
 * SQLite's `json_quote` escapes text as `JSON.stringify` does; what SQL
 * cannot write the same way (reals, integers past 2^53, timestamps not
 * already in PuppetDB's form) goes to `pdb_answer_json`, the decoder in
 * JavaScript, value by value.
 */

/** How `pdb_answer_json` answers a value (query-functions.sqlite.ts): as stored JSON, a timestamp, or any other value. */
export type AnswerJsonKind = 'stored' | 'timestamp' | 'value';

const fallback = (kind: AnswerJsonKind, x: RawBuilder<unknown>): RawBuilder<string> => sql<string>`pdb_answer_json(${sql.lit(kind)}, ${x})`;

/** Text as JSON; integers JavaScript reads exactly as their digits; the rest by JavaScript. */
const valueJson = (x: RawBuilder<unknown>): RawBuilder<string> => sql<string>`(CASE WHEN typeof(${x}) = 'text' THEN json_quote(${x})
  WHEN ${x} IS NULL THEN 'null'
  WHEN typeof(${x}) = 'integer' AND ${x} BETWEEN -9007199254740991 AND 9007199254740991 THEN CAST(${x} AS TEXT)
  ELSE ${fallback('value', x)} END)`;

/**
 * `YYYY-MM-DDTHH:MM:SS.mmmZ` of a real day and time is answered as stored
 * (what `isoTimestamp` does), null as null; 29 February and anything else
 * by JavaScript. The shape is tested first: it fails fastest.
 */
const timestampJson = (x: RawBuilder<unknown>): RawBuilder<string> => sql<string>`(CASE
  WHEN ${x} GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z' AND typeof(${x}) = 'text'
    AND substr(${x}, 6, 2) BETWEEN '01' AND '12' AND substr(${x}, 12, 2) < '24'
    AND substr(${x}, 9, 2) BETWEEN '01' AND (CASE substr(${x}, 6, 2) WHEN '02' THEN '28' WHEN '04' THEN '30' WHEN '06' THEN '30'
      WHEN '09' THEN '30' WHEN '11' THEN '30' ELSE '31' END)
    THEN concat('"', ${x}, '"')
  WHEN ${x} IS NULL THEN 'null' ELSE ${fallback('timestamp', x)} END)`;

/** 0/1 as false/true, as the boolean decoder: only the number 1 is true. */
const booleanJson = (x: RawBuilder<unknown>): RawBuilder<string> => sql<string>`(CASE WHEN ${x} IS NULL THEN 'null'
  WHEN typeof(${x}) IN ('integer', 'real') AND ${x} = 1 THEN 'true' ELSE 'false' END)`;

/** Stored JSON text spliced as stored. */
const storedJson = (x: RawBuilder<unknown>): RawBuilder<string> => sql<string>`(CASE WHEN typeof(${x}) = 'text' THEN ${x}
  WHEN ${x} IS NULL THEN 'null' ELSE ${fallback('stored', x)} END)`;

/**
 * The SQL of a field's answer as JSON text, or undefined when only its
 * JavaScript decoder can answer it (its own `decode`, JSON to parse).
 */
export function columnJson(spec: FieldSpec, value: RawBuilder<unknown>): RawBuilder<string> | undefined {
  if (spec.storedJson) return storedJson(value);
  if (spec.decode) return undefined;
  switch (spec.answeredAs ?? spec.type) {
    case 'string': case 'numeric': return valueJson(value);
    case 'timestamp': return timestampJson(value);
    case 'boolean': return booleanJson(value);
    default: return undefined;
  }
}

/**
 * A row's JSON object from its columns' JSON text, keys in order, in one
 * `concat` (a chain of `||` copies the growing text once per part). The
 * keys are field names; they reach SQL as bound parameters all the same.
 */
export function rowJson(columns: readonly { readonly name: string; readonly json: RawBuilder<string> }[]): RawBuilder<string> {
  const parts = columns.map((c, i) => sql<string>`${`${i === 0 ? '{' : ','}${JSON.stringify(c.name)}:`}, ${c.json}`);
  return sql<string>`concat(${sql.join(parts, sql`, `)}, '}')`;
}
