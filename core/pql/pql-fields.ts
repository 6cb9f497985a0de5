import { PQL_DOTTED_FIELDS } from './pql-ast.js';
import { FAIL, type Fail, type PqlCursor } from './pql-cursor.js';
import { FIELD_NAME, isSpace, MATCH_SEGMENT, QUOTED_SEGMENT, type RegexTerminal, STANDARD_SEGMENT } from './pql-terminals.js';

/** What may directly follow a field in a list or an order by; narrows the readings of `match(…)` path segments. */
export type Follows = (c: string | undefined) => boolean;
export const inList = (closer: string): Follows => (c) => c === undefined || isSpace(c) || c === ',' || c === closer;
/** After an order-by field: whitespace, a comma, the closing brace, or `limit`/`offset`/`order by` written against it. */
export const inOrderBy: Follows = (c) => c === undefined || isSpace(c) || c === ',' || c === '}' || c === 'l' || c === 'o';

const PATH_SEGMENTS: readonly RegexTerminal[] = [QUOTED_SEGMENT, STANDARD_SEGMENT, MATCH_SEGMENT];
/** In a filter Instaparse tries `facts` as the entity of an implicit subquery first, and lists it there. */
const DOTTED_IN_FILTER = ['trusted', 'parameters'] as const;

/**
 * Every offset where a field starting at the cursor may end, longest
 * first. A field is `certname` or `latest_report?`, or `facts`, `trusted`
 * or `parameters` and a dotted path whose segments are plain (`os`,
 * `disks[0]`), quoted (`"a.b"`) or a regexp (`match("sd.*")`). A `match(…)`
 * segment can also be read as plain text up to its first special
 * character, so one field may end in more than one place; the caller
 * keeps the reading its continuation accepts, as Instaparse would.
 * `inFilter`: the field starts a condition (see DOTTED_IN_FILTER).
 */
export function fieldEnds(c: PqlCursor, inFilter = false): number[] {
  const ends = new Set<number>();
  const plain = c.regex(FIELD_NAME, c.pos);
  if (plain >= 0) ends.add(plain);
  const dotted = PQL_DOTTED_FIELDS.find((d) => c.text.startsWith(d, c.pos));
  for (const d of inFilter ? DOTTED_IN_FILTER : PQL_DOTTED_FIELDS) if (d !== dotted) c.expect(d);
  if (dotted === undefined) return [...ends];
  const pending = [c.pos + dotted.length];
  const seen = new Set(pending);
  for (let at = pending.pop(); at !== undefined; at = pending.pop()) {
    if (c.text[at] !== '.') {
      c.expectAt(at, '.');
      continue;
    }
    for (const segment of PATH_SEGMENTS) {
      const end = c.regex(segment, at + 1);
      if (end < 0 || seen.has(end)) continue;
      seen.add(end);
      ends.add(end);
      pending.push(end);
    }
  }
  return [...ends].sort((a, b) => b - a);
}

/** A field, exactly as written (PuppetDB joins its segments back with dots): the longest reading `follows` accepts, else the longest. */
export function readField(c: PqlCursor, follows: Follows): string | Fail {
  const start = c.pos;
  const ends = fieldEnds(c);
  if (ends.length === 0) return FAIL;
  c.pos = ends.find((e) => follows(c.text[e])) ?? ends[0]!;
  return c.text.slice(start, c.pos);
}
