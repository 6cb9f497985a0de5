import { PuppetError } from '../../puppet-error.js';
import { formatFloat, isArray, isHash, PFloat, ResourceRef, rubyInspect, type Value } from '../../types/values.js';
import type { PuppetFunction } from '../puppet-function.types.js';

/**
 * What stdlib's Ruby sees of Puppet values, so its native functions answer
 * as the Ruby does: Ruby class names, `to_s`, `==`/`eql?`, regexps.
 */

/** A stdlib function's failure (`raise Puppet::ParseError, msg`): Puppet prefixes "Error while evaluating a Function Call". */
export const failure = (message: string): PuppetError => new PuppetError(message, undefined);

/**
 * A 3.x-API function (`lib/puppet/parser/functions`): Puppet passes a
 * top-level `undef` argument as `''` (Runtime3FunctionArgumentConverter),
 * nested ones as `nil`.
 */
export const legacy = (fn: PuppetFunction): PuppetFunction => (c, args, scope, loc, lambda) =>
  fn(c, args.map((a) => (a === undefined ? '' : a)), scope, loc, lambda);

/** Puppet's check of a 3.x function's declared `arity`: `n` exactly, `-(n+1)` at least `n`. */
export function legacyArity(name: string, arity: number, given: number): void {
  if (arity >= 0 && given !== arity) throw failure(`${name}(): Wrong number of arguments given (${given} for ${arity})`);
  if (arity < 0 && given < -arity - 1) throw failure(`${name}(): Wrong number of arguments given (${given} for minimum ${-arity - 1})`);
}

/** A 4.x function's argument count, worded as Puppet's dispatcher words it (`'to_json' expects 1 argument, got none`). */
export function dispatchArity(fn: string, args: readonly Value[], min: number, max = min): void {
  if (args.length >= min && args.length <= max) return;
  const n = (k: number): string => `${k} argument${k === 1 ? '' : 's'}`;
  const want = min === max ? n(min) : max === Infinity ? `at least ${n(min)}` : `between ${min} and ${max} arguments`;
  throw failure(`'${fn}' expects ${want}, got ${args.length === 0 ? 'none' : args.length}`);
}

/** A value's type as the dispatcher names it in "got …": integers as one-value ranges. */
export const dispatchTypeName = (v: Value): string =>
  typeof v === 'number' ? (Number.isInteger(v) ? `Integer[${v}, ${v}]` : `Float[${formatFloat(v)}, ${formatFloat(v)}]`) : rubyClass(v) === 'TrueClass' || rubyClass(v) === 'FalseClass' ? 'Boolean' : rubyClass(v);

/** The Ruby class of a value as a 3.x function sees it (`x.class` in messages). */
export function rubyClass(v: Value): string {
  if (v === undefined) return 'NilClass';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Float';
  if (v instanceof PFloat) return 'Float';
  if (v === true) return 'TrueClass';
  if (v === false) return 'FalseClass';
  if (v instanceof RegExp) return 'Regexp';
  if (isArray(v)) return 'Array';
  if (isHash(v)) return 'Hash';
  if (v instanceof ResourceRef) return 'Puppet::Pops::Types::PResourceType';
  return 'Puppet::Pops::Types::PAnyType';
}

/** Ruby's `to_s`: strings as they are, `nil` as '', floats as Ruby prints them, collections inspected. */
export function rubyToS(v: Value): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatFloat(v);
  if (v instanceof PFloat) return formatFloat(v.value);
  return rubyInspect(v);
}

/** Ruby's `inspect` (strings quoted, `nil`). */
export const inspectRuby = (v: Value): string => (typeof v === 'number' || v instanceof PFloat ? rubyToS(v) : rubyInspect(v));

const num = (v: Value): number | undefined => (typeof v === 'number' ? v : v instanceof PFloat ? v.value : undefined);

/** Ruby's `==`: case-sensitive strings, deep collections, `1 == 1.0`. */
export function rubyEq(a: Value, b: Value, strictNumbers = false): boolean {
  const na = num(a);
  const nb = num(b);
  if (na !== undefined || nb !== undefined) {
    if (na === undefined || nb === undefined || na !== nb) return false;
    return !strictNumbers || (Number.isInteger(a) === Number.isInteger(b) && (a instanceof PFloat) === (b instanceof PFloat));
  }
  if (isArray(a) && isArray(b)) return a.length === b.length && a.every((x, i) => rubyEq(x, b[i], strictNumbers));
  if (isHash(a) && isHash(b)) {
    if (a.size !== b.size) return false;
    for (const [k, x] of a) if (!b.has(k) || !rubyEq(x, b.get(k), strictNumbers)) return false;
    return true;
  }
  if (a instanceof RegExp && b instanceof RegExp) return a.source === b.source;
  if (a instanceof ResourceRef && b instanceof ResourceRef) return a.type === b.type && a.title === b.title;
  return a === b;
}

/** Ruby's `eql?` (Array#-, #&, #|, #uniq): like `==` but `1` and `1.0` differ. */
export const rubyEql = (a: Value, b: Value): boolean => rubyEq(a, b, true);

/** Ruby's `Array#uniq` by `eql?`, first occurrences kept. */
export const rubyUniq = (xs: readonly Value[]): Value[] =>
  xs.reduce<Value[]>((out, x) => (out.some((y) => rubyEql(x, y)) ? out : [...out, x]), []);

/**
 * A Ruby regexp (`Regexp.new(str)`) in JavaScript: `^`/`$` match at line
 * boundaries as Ruby's do; `\A`, `\z`, `\Z` become their JS equivalents.
 */
export function rubyRegexp(source: Value): RegExp {
  if (source instanceof RegExp) return new RegExp(translate(source.source), 'm');
  try {
    return new RegExp(translate(rubyToS(source)), 'm');
  } catch (e) {
    throw failure(`${(e as Error).message}`);
  }
}

const translate = (src: string): string =>
  src.replace(/\\([AzZ])/g, (_m, c: string) => (c === 'A' ? '(?<![\\s\\S])' : c === 'z' ? '(?![\\s\\S])' : '(?=\\n?(?![\\s\\S]))'));

/** Ruby's `Integer(str)` (the strict parse): decimal, `0x`, `0b`, `0o`/`0` octal, underscores between digits. */
export function rubyInteger(v: Value): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : Math.trunc(v);
  if (v instanceof PFloat) return Math.trunc(v.value);
  if (typeof v !== 'string') return undefined;
  const m = /^\s*([-+]?)(0[xX][0-9a-fA-F]+(?:_[0-9a-fA-F]+)*|0[bB][01]+(?:_[01]+)*|0[oO]?[0-7]+(?:_[0-7]+)*|[0-9]+(?:_[0-9]+)*)\s*$/.exec(v);
  if (!m) return undefined;
  const body = m[2]!.replace(/_/g, '');
  const sign = m[1] === '-' ? -1 : 1;
  if (/^0[xX]/.test(body)) return sign * parseInt(body.slice(2), 16);
  if (/^0[bB]/.test(body)) return sign * parseInt(body.slice(2), 2);
  if (/^0[oO]/.test(body)) return sign * parseInt(body.slice(2), 8);
  if (body.length > 1 && body.startsWith('0')) return sign * parseInt(body.slice(1), 8);
  return sign * parseInt(body, 10);
}

/** Ruby's `String#to_i`: the leading decimal digits, 0 when there are none. */
export function rubyToI(v: Value): number {
  const n = num(v);
  if (n !== undefined) return Math.trunc(n);
  const m = /^\s*([-+]?\d[\d_]*)/.exec(rubyToS(v));
  return m ? parseInt(m[1]!.replace(/_/g, ''), 10) : 0;
}

/** Ruby's `Float(str)`: a strict float parse, `undefined` when Ruby raises. */
export function rubyFloat(v: Value): number | undefined {
  const n = num(v);
  if (n !== undefined) return n;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^[-+]?(?:\d+(?:_\d+)*)(?:\.\d+(?:_\d+)*)?(?:[eE][-+]?\d+)?$/.test(s)) return Number(s.replace(/_/g, ''));
  const i = rubyInteger(s);
  return i;
}

/** Ruby's `String#to_f`: the leading float, 0.0 when there is none. */
export function rubyStrToF(s: string): number {
  const m = /^\s*([-+]?\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][-+]?\d+)?)/.exec(s);
  return m ? parseFloat(m[1]!.replace(/_/g, '')) : 0;
}
