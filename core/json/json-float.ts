import { randomBytes } from 'node:crypto';
import { formatFloat } from './ruby-float.js';

/**
 * A Float whose value is integral (`2.0`, `1e3`). JSON has one number type
 * and JavaScript one number, so `2.0` read by JSON.parse is the Integer `2`
 * and JSON.stringify writes `2` for it; Puppet keeps them apart (a Float
 * parameter is written `2.0`, a fact sent as `1.0` is a Float). This box
 * carries the difference: the compiler's Float (`PFloat` is this class),
 * catalog parameters, facts. `writeJson` writes it as Ruby does, `parseJson`
 * reads it back; plain JSON.stringify writes the number (`2`). It extends
 * `Number` so that a structured clone (cluster IPC) keeps a number box,
 * never a Hash `{value: 2}`: `isJsonFloat` accepts any boxed number.
 */
export class JsonFloat extends Number {
  constructor(readonly value: number) {
    super(value);
  }

  toJSON(): number | string {
    if (!writing) return this.value;
    wroteFloat = true;
    return MARK + formatFloat(this.value);
  }

  override toString(): string {
    return formatFloat(this.value);
  }
}

/** Whether `v` is an integral Float: a `JsonFloat`, or a boxed number that crossed a structured clone. */
export const isJsonFloat = (v: unknown): v is Number => v instanceof Number;

/** `v` as a `JsonFloat` when it is a boxed number (one that lost its class in a structured clone), else `v`. */
export const asJsonFloat = <T>(v: T): T | JsonFloat => (v instanceof Number && !(v instanceof JsonFloat) ? new JsonFloat(v.valueOf()) : v);

// While writeJson runs, a JsonFloat writes itself as a string no data can
// hold (a NUL and a per-process nonce), which is then unquoted. Outside
// writeJson it writes its number, so a stray JSON.stringify is never wrong
// in kind, only in form (`2` for `2.0`).
const NONCE = randomBytes(8).toString('hex');
const MARK = `\u0000f${NONCE}:`;
/** MARK as JSON text writes it. */
const MARK_TEXT = `\\u0000f${NONCE}:`;
const MARKED = new RegExp(`"${MARK_TEXT.replace('\\', '\\\\')}([^"]+)"`, 'g');
let writing = false;
let wroteFloat = false;

/**
 * JSON.stringify, writing a `JsonFloat` as Ruby's JSON does (`2.0`,
 * `1.0e+20`). As fast as JSON.stringify when the value holds none; with
 * some, one replace over the text.
 */
export function writeJson(value: unknown): string {
  writing = true;
  wroteFloat = false;
  let text: string;
  try {
    text = JSON.stringify(value);
  } finally {
    writing = false;
  }
  return wroteFloat ? text.replace(MARKED, '$1') : text;
}

/**
 * Where an integral Float may be: a digit, a point, and zeros or an
 * exponent (`2.0`, `2.50e1`). Without a point (`1e3`) a number is read as
 * the Integer: Ruby writes every Float with one, and JavaScript writes
 * integers from 1e21 as `1e+21`. Found by V8's fast scan; each hit is then
 * checked to stand as a number token between JSON's punctuation (a string
 * like `"v:2.0,"` passes too, which only costs the slower parse). IP
 * addresses and versions in strings (`"10.0.0.1"`) are hits that fail it.
 */
const CANDIDATE = /\d\.(?:0|\d*[eE])/g;

function mayHoldIntegralFloat(text: string): boolean {
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) if (standsAsNumber(text, m.index)) return true;
  return false;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Whether the number-like characters around `at` are preceded by `:`, `,`, `[` (or nothing) and followed by `,`, `]`, `}` (or nothing). */
function standsAsNumber(text: string, at: number): boolean {
  let start = at;
  while (start > 0 && isNumberChar(text.charCodeAt(start - 1))) start--;
  while (start > 0 && isSpace(text.charCodeAt(start - 1))) start--;
  const before = start === 0 ? -1 : text.charCodeAt(start - 1);
  if (before !== -1 && before !== 0x3a && before !== 0x2c && before !== 0x5b) return false;
  let end = at + 1;
  while (end < text.length && isNumberChar(text.charCodeAt(end))) end++;
  while (end < text.length && isSpace(text.charCodeAt(end))) end++;
  const after = end === text.length ? -1 : text.charCodeAt(end);
  return after === -1 || after === 0x2c || after === 0x5d || after === 0x7d;
}

/**
 * JSON.parse, reading an integral number written as a Float (`2.0`,
 * `1.0e+20`) as a `JsonFloat`. Text without one (a quick scan decides) is
 * JSON.parse's result as it is; text with one is scanned again, outside
 * strings, and parsed with those numbers marked.
 */
export function parseJson(text: string): unknown {
  if (!mayHoldIntegralFloat(text)) return JSON.parse(text);
  const marked = markIntegralFloats(text);
  return marked === text ? JSON.parse(text) : JSON.parse(marked, revive);
}

const revive = (_key: string, v: unknown): unknown =>
  typeof v === 'string' && v.startsWith(MARK) ? new JsonFloat(Number(v.slice(MARK.length))) : v;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isNumberChar = (c: number): boolean => isDigit(c) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === MINUS;

/**
 * From 1e21 JavaScript writes every number in exponent form, with a point
 * when it has more digits (`1.0000000000000001e+21`): such a number is read
 * as the plain number it was, which a Ruby reader takes for a Float anyway
 * (Ruby's JSON reads any exponent as one; Puppet's Integers end below 2**63).
 */
const isIntegralBelowExponentForm = (n: number): boolean => Number.isInteger(n) && Math.abs(n) < 1e21;

/** `text` with every integral number token written with a point quoted as a marked string. */
function markIntegralFloats(text: string): string {
  let out = '';
  let copied = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (isDigit(c) || c === MINUS) {
      let end = i + 1;
      while (end < text.length && isNumberChar(text.charCodeAt(end))) end++;
      const token = text.slice(i, end);
      if (token.includes('.') && isIntegralBelowExponentForm(Number(token))) {
        out += `${text.slice(copied, i)}"${MARK_TEXT}${token}"`;
        copied = end;
      }
      i = end - 1;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}
