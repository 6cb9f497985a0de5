import { ValidationError } from '../errors/troupe-error.js';
import { err, ok, type Result } from '../result.js';

/** Fields one form may hold; Puppet's catalog request sends about ten. */
const MAX_FORM_FIELDS = 256;

const AMPERSAND = 0x26;
const EQUALS = 0x3d;
const PLUS = 0x2b;
const PERCENT = 0x25;
const SPACE = 0x20;

/** Every value of every field, as bytes: a field may be repeated (`ignore=a&ignore=b`). */
export type FormFields = ReadonlyMap<string, readonly Buffer[]>;

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes `application/x-www-form-urlencoded` (a body or a query string)
 * as Ruby's `CGI.unescape` does, which is what Puppet's server applies:
 * `+` is a space, `%XX` a byte, and a `%` not followed by two hex digits
 * stays as it is. Values stay bytes, so nothing is replaced with U+FFFD;
 * names must be UTF-8.
 */
export function decodeForm(input: Uint8Array | string): Result<FormFields, ValidationError> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const fields = new Map<string, Buffer[]>();
  let count = 0;
  for (let start = 0; start <= bytes.length;) {
    let end = bytes.indexOf(AMPERSAND, start);
    if (end < 0) end = bytes.length;
    if (end > start) {
      if (++count > MAX_FORM_FIELDS) return err(new ValidationError('', `form holds more than ${MAX_FORM_FIELDS} fields`));
      const pair = bytes.subarray(start, end);
      const eq = pair.indexOf(EQUALS);
      const name = formText(unescapeBytes(eq < 0 ? pair : pair.subarray(0, eq)));
      if (name === null) return err(new ValidationError('', 'a form field name is not valid UTF-8'));
      const value = eq < 0 ? Buffer.alloc(0) : unescapeBytes(pair.subarray(eq + 1));
      const values = fields.get(name);
      if (values) values.push(value);
      else fields.set(name, [value]);
    }
    start = end + 1;
  }
  return ok(fields);
}

/** `CGI.unescape` on bytes; total (never throws, never grows the input). */
export function unescapeBytes(input: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(input.length);
  let n = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === PLUS) out[n++] = SPACE;
    else if (c === PERCENT && i + 2 < input.length && isHex(input[i + 1]!) && isHex(input[i + 2]!)) {
      out[n++] = (hexValue(input[i + 1]!) << 4) | hexValue(input[i + 2]!);
      i += 2;
    } else out[n++] = c;
  }
  return out.subarray(0, n);
}

/** Bytes as text when they are valid UTF-8, else null. */
export function formText(bytes: Uint8Array): string | null {
  try {
    return fatalUtf8.decode(bytes);
  } catch {
    return null;
  }
}

const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const hexValue = (c: number): number => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10);
