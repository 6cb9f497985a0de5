import { parseJson } from '../json/json-float.js';
import { err, ok, type Result } from '../result.js';

/**
 * How deep a JSON document taken from outside may nest. Puppet's own data
 * (facts, catalogs, reports) stays far below it; the bound keeps every
 * recursive consumer downstream (the log's JSON.stringify, the projection,
 * the compiler) far from the JS stack limit, which ~4,000 levels reach.
 */
export const MAX_JSON_DEPTH = 100;

export interface JsonDecodeError {
  readonly code: 'invalid_utf8' | 'too_deep' | 'invalid_json';
  /** Says what is wrong with the text, to follow its name: "body is not valid UTF-8". */
  readonly message: string;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

export interface JsonDecodeOptions {
  /** How deep the document may nest. @defaultValue MAX_JSON_DEPTH */
  readonly maxDepth?: number;
  /**
   * Read integral numbers written as Floats (`1.0`) as `JsonFloat`s, as
   * Puppet reads a fact document (core/json/json-float.ts); off for
   * documents whose numbers are checked as plain numbers. @defaultValue false
   */
  readonly keepFloats?: boolean;
}

/**
 * Decodes JSON from the wire: strict UTF-8 (bad bytes are an error, never
 * silently U+FFFD), nesting bounded by `maxDepth` (checked before parsing,
 * so nothing deeper is ever built), then JSON.parse (`parseJson` with
 * `keepFloats`).
 */
export function decodeBoundedJson(input: Uint8Array | string, { maxDepth = MAX_JSON_DEPTH, keepFloats = false }: JsonDecodeOptions = {}): Result<unknown, JsonDecodeError> {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = fatalUtf8.decode(input);
    } catch {
      return err({ code: 'invalid_utf8', message: 'is not valid UTF-8' });
    }
  }
  const depth = nestingDepth(text, maxDepth);
  if (depth > maxDepth) return err({ code: 'too_deep', message: `nests deeper than ${maxDepth} levels` });
  try {
    return ok(keepFloats ? parseJson(text) : JSON.parse(text) as unknown);
  } catch (e) {
    return err({ code: 'invalid_json', message: `is not valid JSON: ${(e as Error).message}` });
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * The deepest bracket nesting outside strings, stopping once past `stopAt`.
 * A string is skipped to its closing quote by `indexOf` (one not preceded
 * by an odd run of backslashes): most of a catalog is string content.
 * Malformed text may miscount; JSON.parse rejects it afterwards anyway.
 */
function nestingDepth(text: string, stopAt: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = closingQuote(text, i + 1);
      if (i < 0) return deepest;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > deepest && (deepest = depth) > stopAt) return deepest;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
  }
  return deepest;
}

/** The index of the quote that ends the string whose content starts at `from`; -1 if none does. */
function closingQuote(text: string, from: number): number {
  for (let q = text.indexOf('"', from); q >= 0; q = text.indexOf('"', q + 1)) {
    let backslashes = 0;
    while (q - 1 - backslashes >= from && text.charCodeAt(q - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return q;
  }
  return -1;
}
