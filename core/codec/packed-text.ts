import { deflateSync, inflateSync } from 'node:zlib';

/**
 * Text as a store keeps it: short text as is, long text deflated into bytes.
 * SQLite keeps the two apart by storage class (TEXT or BLOB), so a column
 * can hold either and a reader needs no flag: text written before packing
 * existed reads back unchanged.
 */
export type PackedText = string | Uint8Array;

/**
 * Text shorter than this (UTF-16 code units) is kept as is: below ~1 KB
 * JSON deflates by less than SQLite's per-value overhead is worth.
 */
export const PACK_MIN_LENGTH = 1024;

/**
 * Level 1: JSON catalogs deflate ~10× at level 1 (157 KB → 16 KB, ≈ 0.2 ms);
 * higher levels gain ~10 % for 2–5× the CPU (measured with pdb-load's catalogs).
 */
const LEVEL = 1;

/**
 * Deflates `text` when it is long and deflating makes it smaller; otherwise
 * returns it unchanged. Text with a lone surrogate stays text: UTF-8 cannot
 * carry it (JSON.stringify never writes one).
 */
export function packText(text: string, minLength = PACK_MIN_LENGTH): PackedText {
  if (text.length < minLength || !(text as WellFormed).isWellFormed()) return text;
  const bytes = Buffer.from(text, 'utf8');
  const packed = deflateSync(bytes, { level: LEVEL });
  return packed.length < bytes.length ? packed : text;
}

/** ES2024's String.prototype.isWellFormed (Node 20), not yet in the ES2022 lib. */
type WellFormed = string & { isWellFormed(): boolean };

/** The text `packText` was given (zlib's checksum refuses damaged bytes). */
export function unpackText(stored: PackedText): string {
  return typeof stored === 'string' ? stored : inflateSync(stored).toString('utf8');
}
