import { PuppetError } from '../puppet-error.js';

/**
 * Timespan formats (`Puppet::Pops::Time::Timespan::Format`), which are not
 * strftime's: `%D` days, `%H` hours, `%M` minutes, `%S` seconds, `%L`
 * milliseconds, `%N` nanoseconds (`%3N`, `%6N`: fewer digits), flags `-`
 * (no padding; trailing zeroes of a fraction stripped) and `_` (spaces), a
 * width, `%%`. The highest unit used counts the total (`%H:%M` of 2 days is
 * `48:00`). Parsing reads the same formats.
 */

const NS = { sec: 1_000_000_000n, min: 60_000_000_000n, hour: 3_600_000_000_000n, day: 86_400_000_000_000n };

type Unit = 'D' | 'H' | 'M' | 'S' | 'L' | 'N';
/** Order of magnitude of each unit: the highest one in a format counts the total. */
const MAGNITUDE: Record<Unit, number> = { N: 0, L: 1, S: 2, M: 3, H: 4, D: 5 };
const DEFAULT_WIDTH: Record<Unit, number> = { D: 1, H: 2, M: 2, S: 2, L: 3, N: 9 };

type Segment = string | { unit: Unit; pad: '0' | ' ' | undefined; width: number | undefined; total: boolean };

interface Format { readonly source: string; readonly segments: readonly Segment[]; regexp?: RegExp }

/** The formats `Timespan.new($string)` tries, in order. */
export const TIMESPAN_DEFAULT_FORMATS = ['%D-%H:%M:%S.%-N', '%H:%M:%S.%-N', '%M:%S.%-N', '%S.%-N', '%D-%H:%M:%S', '%H:%M:%S', '%D-%H:%M', '%S'];

/** Parsed formats; formats come from code, so the cache is bounded: past the bound, formats are parsed on each use. */
const FORMATS = new Map<string, Format>();
const MAX_CACHED_FORMATS = 1000;

const badSpecifier = (s: string, start: number, pos: number): PuppetError =>
  new PuppetError(`Bad format specifier '${[...s].slice(start, pos).join('')}' in '${s}', at position ${pos}`, undefined);

function parseFormat(source: string): Format {
  const cached = FORMATS.get(source);
  if (cached) return cached;
  const segments: Segment[] = [];
  let state: 'literal' | 'pad' | 'width' = 'literal';
  let pad: '0' | ' ' | undefined = '0';
  let width: number | undefined;
  let start = 0;
  let highest: Segment | undefined;
  const literal = (c: string): void => {
    if (typeof segments.at(-1) === 'string') segments[segments.length - 1] += c; else segments.push(c);
  };
  const chars = [...source];
  chars.forEach((c, pos) => {
    if (state === 'literal') {
      if (c === '%') { state = 'pad'; start = pos; pad = '0'; width = undefined; } else literal(c);
      return;
    }
    if (c === '%') { literal(c); state = 'literal'; return; }
    if (c === '-' || c === '_') {
      if (state !== 'pad') throw badSpecifier(source, start, pos);
      pad = c === '-' ? undefined : ' ';
      state = 'width';
      return;
    }
    if (c in MAGNITUDE) {
      const seg = { unit: c as Unit, pad, width, total: false };
      segments.push(seg);
      if (!highest || typeof highest === 'string' || MAGNITUDE[seg.unit] > MAGNITUDE[highest.unit]) highest = seg;
      state = 'literal';
      return;
    }
    if (c < '0' || c > '9') throw badSpecifier(source, start, pos);
    if (state === 'pad' && c === '0') pad = '0';
    else width = (width ?? 0) * 10 + Number(c);
    state = 'width';
  });
  if (state !== 'literal') throw badSpecifier(source, start, chars.length - 1);
  if (highest && typeof highest !== 'string') highest.total = true;
  const f: Format = { source, segments };
  if (FORMATS.size < MAX_CACHED_FORMATS) FORMATS.set(source, f);
  return f;
}

/** Ruby's `sprintf('%0Wd' / '% Wd' / '%-Wd' / '%d', n)` as a segment's padding asks. */
function padded(n: bigint, pad: '0' | ' ' | undefined, width: number, left: boolean): string {
  const s = String(n);
  if (pad === undefined) return s;
  if (left) return s.padEnd(width, ' ');
  return s.padStart(width, pad);
}

/** One unit of `abs` nanoseconds as the segment shows it. */
function segmentText(seg: Exclude<Segment, string>, abs: bigint): string {
  const w = seg.width ?? DEFAULT_WIDTH[seg.unit];
  switch (seg.unit) {
    case 'D': return padded(abs / NS.day, seg.pad, w, false);
    case 'H': return padded(seg.total ? abs / NS.hour : (abs / NS.hour) % 24n, seg.pad, w, false);
    case 'M': return padded(seg.total ? abs / NS.min : (abs / NS.min) % 60n, seg.pad, w, false);
    case 'S': return padded(seg.total ? abs / NS.sec : (abs / NS.sec) % 60n, seg.pad, w, false);
    case 'L': return fragment(seg, seg.total ? abs / 1_000_000n : (abs / 1_000_000n) % 1000n, w);
    case 'N': {
      let ns = abs;
      // `%6N` truncates to microseconds.
      if (w < 9) { ns /= 10n ** BigInt(9 - w); if (!seg.total) ns %= 10n ** BigInt(w); } else if (!seg.total) ns %= NS.sec;
      return fragment(seg, ns, w);
    }
  }
}

/** A fraction's digits: left-justified; trailing zeroes stripped unless zero-padded (the default) or a total. */
function fragment(seg: Exclude<Segment, string>, n: bigint, w: number): string {
  const v = seg.total || seg.pad === '0' ? n : BigInt(String(n).replace(/^([0-9]+?)0*$/, '$1'));
  return padded(v, seg.pad, w, true);
}

/** `strftime($timespan, $format)`: a Timespan's nanoseconds in a Timespan format. */
export function formatTimespan(nsecs: bigint, format: string): string {
  const abs = nsecs < 0n ? -nsecs : nsecs;
  let out = nsecs < 0n ? '-' : '';
  for (const seg of parseFormat(format).segments) out += typeof seg === 'string' ? seg : segmentText(seg, abs);
  return out;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

function segmentPattern(seg: Exclude<Segment, string>): string {
  const dw = DEFAULT_WIDTH[seg.unit];
  if (seg.width === undefined) {
    if (seg.pad === ' ') return seg.total ? '\\s*([0-9]+)' : `([0-9\\s]{1,${dw}})`;
    return seg.total ? '([0-9]+)' : `([0-9]{1,${dw}})`;
  }
  return seg.pad === undefined ? `([0-9]{1,${seg.width}})` : seg.pad === '0' ? `([0-9]{${seg.width}})` : `([0-9\\s]{${seg.width}})`;
}

const UNIT_NANOS: Record<'D' | 'H' | 'M' | 'S', bigint> = { D: NS.day, H: NS.hour, M: NS.min, S: NS.sec };

/** Parses `s` with one format; undefined when it does not match. */
function parseWith(s: string, f: Format): bigint | undefined {
  f.regexp ??= new RegExp(`^-?${f.segments.map((seg) => (typeof seg === 'string' ? `(${escapeRegExp(seg)})` : segmentPattern(seg))).join('')}$`);
  const m = f.regexp.exec(s);
  if (!m) return undefined;
  let ns = 0n;
  for (let i = 0; i < f.segments.length; i++) {
    const seg = f.segments[i]!;
    if (typeof seg === 'string') continue;
    const group = m[i + 1]!.trimStart();
    if (!/^[0-9]+$/.test(group)) return undefined;
    if (seg.unit === 'L' || seg.unit === 'N') {
      // A fraction: its digits are the leading ones of nine.
      if (seg.total) throw new PuppetError('Format specifiers %L and %N denotes fractions and must be used together with a specifier of higher magnitude', undefined);
      ns += group.length >= 9 ? BigInt(group) : BigInt(group) * 10n ** BigInt(9 - group.length);
    } else ns += BigInt(group) * UNIT_NANOS[seg.unit];
  }
  return s.startsWith('-') ? -ns : ns;
}

/** `Timespan.new($string, $format)`: one format or the first of several that reads `s`. */
export function parseTimespan(s: string, formats: string | readonly string[] = TIMESPAN_DEFAULT_FORMATS): bigint {
  const list = typeof formats === 'string' ? [formats] : formats;
  for (const f of list) {
    let ns: bigint | undefined;
    // With several formats, one that cannot read the string (or cannot be parsed) just does not match.
    try { ns = parseWith(s, parseFormat(f)); } catch (e) { if (typeof formats === 'string') throw e; }
    if (ns !== undefined) return ns;
  }
  throw new PuppetError(typeof formats === 'string'
    ? `Unable to parse '${s}' using format '${formats}'`
    : `Unable to parse '${s}' using any of the formats ${list.join(', ')}`, undefined);
}
