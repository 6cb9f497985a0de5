import { isArray, type Value } from '../types/values.js';

/**
 * Ruby objects ERB templates use that are no Puppet values: MatchData
 * (`md = /x/.match(s)`, `$1`), ranges (`md[2..5]`), exceptions a template
 * rescues (`IPAddr.new` of a bad address). The template evaluator carries
 * them among its values; none leaves a template (`<%= %>` writes their
 * `to_s`).
 */

/** `Regexp#match`'s result: the whole match and the groups (undefined where a group took no part). */
export class MatchData {
  constructor(readonly groups: readonly (string | undefined)[]) {}
  static of(m: RegExpExecArray): MatchData { return new MatchData([...m]); }
}

/** `a..b` / `a...b` over Integers. */
export class RubyRange {
  constructor(readonly from: number, readonly to: number, readonly exclusive: boolean) {}
  /** The last Integer in the range. */
  get last(): number { return this.exclusive ? this.to - 1 : this.to; }
  get size(): number { return Math.max(0, this.last - this.from + 1); }
  toArray(): number[] { return Array.from({ length: this.size }, (_x, i) => this.from + i); }
}

/** An exception raised by Ruby code the template calls, which `begin … rescue` may catch. */
export class RubyException extends Error {
  /** `ancestors`: the class and the classes it inherits from, as `rescue` matches them. */
  constructor(readonly ancestors: readonly string[], message: string) { super(message); }
}

/** Objects of these classes as template values (the evaluator's values are Puppet's, widened here). */
export const asValue = (o: MatchData | RubyRange | RubyException): Value => o as unknown as Value;

/** Ruby's `inspect` of these objects; undefined for any other value. */
export function inspectObject(v: Value): string | undefined {
  if (v instanceof MatchData) return `#<MatchData ${v.groups.map((g, i) => `${i ? `${i}:` : ''}${g === undefined ? 'nil' : JSON.stringify(g)}`).join(' ')}>`;
  if (v instanceof RubyRange) return `${v.from}${v.exclusive ? '...' : '..'}${v.to}`;
  if ((v as unknown) instanceof RubyException) { const e = v as unknown as RubyException; return `#<${e.ancestors[0]}: ${e.message}>`; }
  return undefined;
}

/** Ruby's `a[range]` on an Array (or a MatchData's groups): the slice, or nil when the start is past the end. */
export function sliceByRange(items: readonly Value[], r: RubyRange): Value {
  const len = items.length;
  const start = r.from < 0 ? len + r.from : r.from;
  let end = r.to < 0 ? len + r.to : r.to;
  if (r.exclusive) end--;
  if (start < 0 || start > len) return undefined;
  return items.slice(start, Math.max(start, end + 1));
}

const INVALID_ADDRESS = ['IPAddr::InvalidAddressError', 'ArgumentError', 'StandardError', 'Exception'];

const IPV4 = /^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}$/;

function isIPv4(s: string): boolean {
  return IPV4.test(s) && s.split('.').every((o) => Number(o) <= 255);
}

function isIPv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || (s.match(/::/g) ?? []).length > 1) return false;
  let groups = s.split(':');
  // An embedded IPv4 address counts as two groups.
  const last = groups.at(-1)!;
  if (last.includes('.')) { if (!isIPv4(last)) return false; groups = [...groups.slice(0, -1), '0', '0']; }
  const compressed = s.includes('::');
  const parts = groups.filter((g) => g !== '');
  if (!parts.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  if (!compressed) return groups.length === 8 && parts.length === 8;
  // `::` stands for at least one group; only it may leave empty parts (at the ends, or the pair itself).
  if (/^:[^:]/.test(s) || /[^:]:$/.test(s)) return false;
  return parts.length <= 7;
}

/**
 * `IPAddr.new(s)` of Ruby 3.1's ipaddr: an IPv4 or IPv6 address, with an
 * optional `/prefix`; anything else raises `IPAddr::InvalidAddressError`
 * (an `ArgumentError`). Forms it reads that are rare in templates (IPv6
 * zone ids, `[…]`, a netmask after the slash) are reported as unsupported
 * by the caller (`undefined`), never judged wrongly.
 */
export function ipAddrNew(v: Value): 'valid' | 'unsupported' {
  if (typeof v !== 'string') return 'unsupported';
  const [addr, prefix, ...more] = v.split('/');
  if (/[%[\]]/.test(v) || more.length > 0 || (prefix !== undefined && !/^\d+$/.test(prefix))) return 'unsupported';
  const v4 = isIPv4(addr!);
  if (prefix !== undefined && (Number(prefix) > (v4 ? 32 : 128) || (!v4 && !isIPv6(addr!)))) return 'unsupported';
  // The message as Ruby 3.1's ipaddr (puppet-agent's) words it, without the address.
  if (/^\d+(?:\.\d+){3}$/.test(addr!) && /(?:^|\.)0\d/.test(addr!)) throw new RubyException(INVALID_ADDRESS, 'zero-filled number in IPv4 address is ambiguous: ');
  if (!v4 && !isIPv6(addr!)) throw new RubyException(INVALID_ADDRESS, 'invalid address: ');
  return 'valid';
}

/** Ruby's `<=>` as `sort`/`sort_by` use it: numbers, strings, and arrays element by element; undefined when not comparable. */
export function rubyCompare(a: Value, b: Value): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (isArray(a) && isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = rubyCompare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length === 0 ? 0 : a.length < b.length ? -1 : 1;
  }
  return undefined;
}
