import type { PqlAst } from './pql-ast.js';
import { FAIL, type Fail, type PqlCursor } from './pql-cursor.js';
import { decodeDoubleQuoted, decodeSingleQuoted, DIGITS, stringBodyEnd } from './pql-terminals.js';

/** `string | integer | real | boolean | array` (tried in the grammar's order): the value of `=`, `!=`, `!~` and of list items. */
export function readLiteral(c: PqlCursor): PqlAst | Fail {
  const start = c.pos;
  const s = c.attempt(() => readString(c));
  if (s !== FAIL) return s;
  const n = readNumber(c);
  if (n !== FAIL) return n;
  const bool = c.oneOf(['true', 'false']);
  if (bool !== FAIL) return bool === 'true';
  return c.lit('[') ? c.nested(start, 1, () => readLiteralsRest(c)) : FAIL;
}

/** `literal (, literal)* ]` after its `[`. */
export function readLiteralsRest(c: PqlCursor): PqlAst[] | Fail {
  c.optWs();
  const values = c.list(() => readLiteral(c));
  c.optWs();
  return values !== FAIL && c.lit(']') ? values : FAIL;
}

/** `integer | real | string` (tried in that order): the value of `<`, `<=`, `>`, `>=` (dates are strings). */
export function readOrdered(c: PqlCursor): PqlAst | Fail {
  const n = c.attempt(() => readNumber(c));
  return n !== FAIL ? n : readString(c);
}

/** `['a', "b"]`: the patterns of `~>`. */
export function readRegexpList(c: PqlCursor): PqlAst | Fail {
  if (!c.lit('[')) return FAIL;
  c.optWs();
  const patterns = c.list(() => readString(c));
  c.optWs();
  return patterns !== FAIL && c.lit(']') ? patterns : FAIL;
}

/** `'…'` or `"…"`; a double-quoted body PuppetDB's JSON decoder would refuse stops the parse. */
export function readString(c: PqlCursor): string | Fail {
  const start = c.pos;
  const quote = c.text[start] === "'" ? "'" : '"';
  if (!c.lit(quote)) return c.expect("'");
  const end = stringBodyEnd(c.text, c.pos, quote);
  const body = c.text.slice(c.pos, end);
  c.pos = end;
  if (!c.lit(quote)) return FAIL;
  if (quote === "'") return decodeSingleQuoted(body);
  const value = decodeDoubleQuoted(body);
  if (value !== undefined) return value;
  c.refuse(start, 'The double-quoted string is not a valid JSON string (PuppetDB decodes it as one): check its escapes.');
  return body;
}

/** The integer of `limit` and `offset`: `[-] digits`. */
export function readInteger(c: PqlCursor): number | Fail {
  const start = c.pos;
  if (!readDigits(c, true)) return FAIL;
  return exactInteger(c, start);
}

/** `integer | real`: `[-] digits ["." digits [("E" | "e") ["-" | "+"] digits]]`, the longest that reads. */
function readNumber(c: PqlCursor): number | Fail {
  const start = c.pos;
  if (!readDigits(c, true)) return FAIL;
  const real = c.attempt(() => (c.lit('.') && readDigits(c, false) ? true : FAIL));
  if (real === FAIL) return exactInteger(c, start);
  c.attempt(() => {
    if (c.oneOf(['E', 'e']) === FAIL) return FAIL;
    if (!c.lit('-')) c.lit('+');
    return readDigits(c, false) ? true : FAIL;
  });
  const source = c.text.slice(start, c.pos);
  const value = Number(source);
  // -0.0 becomes 0: JSON has no negative zero.
  if (Number.isFinite(value)) return value === 0 ? 0 : value;
  c.refuse(start, `The number ${source} is out of range for a double.`);
  return 0;
}

/** `[-] digits` (the sign only if `signed`), as Instaparse records each part. */
function readDigits(c: PqlCursor, signed: boolean): boolean {
  const start = c.pos;
  if (signed) c.lit('-');
  const end = c.regex(DIGITS, c.pos);
  if (end < 0) {
    c.pos = start;
    return false;
  }
  c.pos = end;
  return true;
}

/** PuppetDB reads integers as 64-bit longs; Troupe keeps JSON numbers, so only integers a double holds exactly are taken. */
function exactInteger(c: PqlCursor, start: number): number {
  const source = c.text.slice(start, c.pos);
  const value = Number(source);
  if (Number.isSafeInteger(value)) return value === 0 ? 0 : value;
  c.refuse(start, `The integer ${source} is out of range: integers from -${Number.MAX_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER} are accepted.`);
  return 0;
}
