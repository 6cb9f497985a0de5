import type Database from 'better-sqlite3';
import { QueryError } from '../query-error.js';
import type { AnswerJsonKind } from '../answer/row-json.sql.js';

/** Longest regular expression a query may carry (PostgreSQL has no limit; a bound keeps compile cost flat). */
export const MAX_REGEXP_LENGTH = 4096;
/** Compiled regular expressions kept per process; the least recently used is dropped beyond it. */
export const REGEXP_CACHE_SIZE = 256;

const cache = new Map<string, RegExp>();

/** POSIX bracket classes (PostgreSQL's ARE) as ECMAScript class contents. */
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s',
  punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9a-fA-F', word: '\\w', blank: ' \\t', cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e', graph: '\\x21-\\x7e',
};

/**
 * A PuppetDB regular expression (PostgreSQL ARE, as users write them for
 * Java-era PuppetDB) as an ECMAScript one: a leading `(?i)` becomes the `i`
 * flag; `\A` `\Z` `\z` anchors, `\m` `\M` `\y` word boundaries and `[[:alpha:]]`
 * classes are translated; the rest is the common syntax both share.
 */
export function translateRegexp(pattern: string): { source: string; flags: string } {
  let source = pattern;
  let flags = '';
  const options = /^\(\?([a-z]+)\)/.exec(source);
  if (options) {
    if (options[1]!.includes('i')) flags += 'i';
    source = source.slice(options[0].length);
  }
  source = source
    .replace(/\[:([a-z]+):\]/g, (whole, name: string) => POSIX_CLASSES[name] ?? whole)
    .replace(/\\(.)/g, (whole, c: string) => {
      switch (c) {
        case 'A': return '^';
        case 'Z': case 'z': return '$';
        case 'm': case 'M': case 'y': return '\\b';
        case 'Y': return '\\B';
        default: return whole;
      }
    });
  return { source, flags };
}

/** The compiled regexp for a query's pattern (cached), or a QueryError saying why it is invalid. */
export function compileRegexp(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) {
    cache.delete(pattern);
    cache.set(pattern, hit);
    return hit;
  }
  if (pattern.length > MAX_REGEXP_LENGTH) throw new QueryError(`invalid regular expression: longer than ${MAX_REGEXP_LENGTH} characters`);
  const { source, flags } = translateRegexp(pattern);
  let re: RegExp;
  try {
    re = new RegExp(source, flags);
  } catch (e) {
    throw new QueryError(`invalid regular expression: ${(e as Error).message}`);
  }
  if (cache.size >= REGEXP_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(pattern, re);
  return re;
}

/** Epoch milliseconds of an ISO-8601 timestamp, or null. */
export function timestampMs(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/** Timestamps as PuppetDB answers them: UTC, milliseconds, `Z` (clients such as pypuppetdb parse exactly that). */
export function isoTimestamp(v: unknown): unknown {
  // Stored timestamps are mostly in that form already: answered as they are, without a Date (the cost of a nodes page).
  if (typeof v === 'string' && isCanonicalIso(v)) return v;
  const ms = timestampMs(v);
  return ms === null ? v ?? null : new Date(ms).toISOString();
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** `YYYY-MM-DDTHH:MM:SS.mmmZ`: what each position holds (`d` a digit). */
const ISO_SHAPE = 'dddd-dd-ddTdd:dd:dd.dddZ';

/**
 * Whether `new Date(Date.parse(v)).toISOString() === v`: `YYYY-MM-DDTHH:MM:SS.mmmZ`
 * naming a real instant (Date.parse would roll Feb 30 or 24:00 over to
 * another day). Character by character: it runs for every timestamp of a
 * nodes page.
 */
export function isCanonicalIso(v: string): boolean {
  if (v.length !== 24) return false;
  for (let i = 0; i < 24; i++) {
    const c = v.charCodeAt(i);
    const shape = ISO_SHAPE.charCodeAt(i);
    if (shape === 100 ? c < 48 || c > 57 : c !== shape) return false;
  }
  const n = (at: number) => (v.charCodeAt(at) - 48) * 10 + v.charCodeAt(at + 1) - 48;
  const year = n(0) * 100 + n(2);
  const month = n(5);
  const day = n(8);
  if (month < 1 || month > 12 || day < 1 || n(11) > 23 || n(14) > 59 || n(17) > 59) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1]!);
}

/**
 * A fact path as PuppetDB's array (`["os", "release", "major"]`, array
 * indexes as numbers) from the fact's name and a `json_tree` full key
 * (`$.release."major"[0]`).
 */
export function factPath(name: string, fullkey: string): unknown[] {
  const path: unknown[] = [name];
  let i = 1; // after '$'
  while (i < fullkey.length) {
    const c = fullkey[i];
    if (c === '[') {
      const end = fullkey.indexOf(']', i);
      path.push(Number(fullkey.slice(i + 1, end)));
      i = end + 1;
    } else if (fullkey[i + 1] === '"') {
      let j = i + 2;
      let key = '';
      while (j < fullkey.length && fullkey[j] !== '"') {
        if (fullkey[j] === '\\') j++;
        key += fullkey[j];
        j++;
      }
      path.push(key);
      i = j + 1;
    } else {
      let j = i + 1;
      while (j < fullkey.length && fullkey[j] !== '.' && fullkey[j] !== '[') j++;
      path.push(fullkey.slice(i + 1, j));
      i = j;
    }
  }
  return path;
}

/** `~>`: each element of the path matches the regexp at its position, and the lengths agree. */
export function pathMatches(path: readonly unknown[], patterns: readonly string[]): boolean {
  return path.length === patterns.length && patterns.every((p, i) => compileRegexp(p).test(String(path[i])));
}

/**
 * A stored value's answer as JSON text, as the JavaScript decoders answer
 * it (`pdb_answer_json`): what an answer row written by SQL
 * (row-json.sql.ts) leaves to JavaScript.
 */
export function answerJsonOf(kind: unknown, value: unknown): string {
  switch (kind as AnswerJsonKind) {
    case 'stored': return String(value ?? 'null');
    case 'timestamp': return JSON.stringify(isoTimestamp(value));
    case 'value': return JSON.stringify(value ?? null);
  }
}

/**
 * Registers what the query engine's SQL calls on a connection: `regexp`
 * (so `x REGEXP y` works), `pdb_ts_ms`, `pdb_fact_path`, `pdb_path_match`,
 * `pdb_answer_json`.
 * Patterns reaching them were validated when the query was
 * compiled, so they do not throw on user input. Idempotent.
 */
export function registerQueryFunctions(raw: Database.Database): void {
  const det = { deterministic: true } as const;
  raw.function('regexp', det, (pattern: unknown, value: unknown) =>
    (typeof pattern === 'string' && value !== null && compileRegexp(pattern).test(String(value)) ? 1 : 0));
  raw.function('pdb_ts_ms', det, (value: unknown) => timestampMs(value));
  raw.function('pdb_fact_path', det, (name: unknown, fullkey: unknown) => JSON.stringify(factPath(String(name), String(fullkey))));
  raw.function('pdb_path_match', det, (path: unknown, patterns: unknown) =>
    (pathMatches(JSON.parse(String(path)) as unknown[], JSON.parse(String(patterns)) as string[]) ? 1 : 0));
  raw.function('pdb_answer_json', det, answerJsonOf);
}
