import type { PqlAst } from './pql-ast.js';
import { Abort, FAIL, type Fail, type PqlCursor } from './pql-cursor.js';
import { decodeDoubleQuoted, decodeSingleQuoted, DIGITS, numberAt, stringBodyEnd } from './pql-terminals.js';

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
  if (value === undefined) throw new Abort(start, 'The double-quoted string is not a valid JSON string (PuppetDB decodes it as one): check its escapes and control characters.');
  return value;
}

/** The integer of `limit` and `offset`: `[-] digits`. */
export function readInteger(c: PqlCursor): number | Fail {
  const start = c.pos;
  c.lit('-');
  const end = c.regex(DIGITS, c.pos);
  if (end < 0) return FAIL;
  c.pos = end;
  return exactInteger(start, c.text.slice(start, end));
}

function readNumber(c: PqlCursor): number | Fail {
  const start = c.pos;
  const n = numberAt(c.text, start);
  if (n === undefined) {
    c.expect('-');
    return c.expect(DIGITS.shown);
  }
  c.pos = n.end;
  const source = c.text.slice(start, n.end);
  if (!n.real) return exactInteger(start, source);
  const value = Number(source);
  if (!Number.isFinite(value)) throw new Abort(start, `The number ${source} is out of range for a double.`);
  return value;
}

/** PuppetDB reads integers as 64-bit longs; Troupe keeps JSON numbers, so only integers a double holds exactly are taken. */
function exactInteger(start: number, source: string): number {
  const value = Number(source);
  if (!Number.isSafeInteger(value)) throw new Abort(start, `The integer ${source} is out of range: integers from -${Number.MAX_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER} are accepted.`);
  return value === 0 ? 0 : value;
}
