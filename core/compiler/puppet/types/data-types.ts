import { UnsupportedError } from '../puppet-error.js';
import { parseTimestamp } from './ruby-strptime.js';
import { isTimeData, PTimespan, PTimestamp, secondsToNanos } from './time-data.js';
import { parseTimespan } from './timespan-format.js';
import {
  DEFAULT, inspect, isArray, isFloat, isHash, isInteger, isIterableType, isNumeric, numberOf, PType, ResourceRef, SensitiveValue, typeNameOf, type PFloat, type PHash, type Value,
} from './values.js';

/** Data type names the language knows; any other capitalised name is a resource type or an alias. */
export const DATA_TYPES = new Set([
  'Any', 'Undef', 'Default', 'NotUndef', 'Optional', 'String', 'Integer', 'Float', 'Numeric', 'Boolean', 'Scalar',
  'ScalarData', 'Data', 'RichData', 'Array', 'Hash', 'Tuple', 'Struct', 'Enum', 'Pattern', 'Regexp', 'Variant',
  'Collection', 'Iterable', 'Iterator', 'Type', 'Callable', 'Sensitive', 'Resource', 'Class', 'CatalogEntry', 'Runtime',
  'Timespan', 'Timestamp', 'SemVer', 'SemVerRange', 'Binary', 'Object', 'TypeSet', 'Init', 'Error', 'URI', 'Deferred',
]);

/** Resolves a type alias (`Stdlib::Port`, a module's `types/*.pp`) to its definition. */
export type AliasResolver = (name: string) => PType | undefined;

const num = (v: Value, dflt: number): number => numberOf(v) ?? dflt;

/** Whether a Numeric lies in a range type's bounds (`Integer[0, 10]`, `Float[0.0]`). */
const inRange = (v: number | PFloat, lo: Value, hi: Value): boolean => {
  const n = numberOf(v)!;
  return n >= num(lo, -Infinity) && n <= num(hi, Infinity);
};

/** A string's length in characters (code points), as Ruby counts it. */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A surrogate pair is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) { const d = s.charCodeAt(i + 1); if (d >= 0xdc00 && d <= 0xdfff) { n--; i++; } }
  }
  return n;
}

function sizeOk(len: number, min: Value, max: Value): boolean {
  return len >= num(min, 0) && len <= num(max, Infinity);
}

/** Whether `v` is an instance of type `t`, as Puppet's `=~ Type` and parameter checks decide. */
export function isInstance(t: PType, v: Value, alias: AliasResolver): boolean {
  const [p0, p1, p2, p3] = t.params;
  switch (t.name) {
    case 'Any': return true;
    case 'Undef': return v === undefined;
    case 'Default': return v === DEFAULT;
    case 'NotUndef': return v !== undefined && (!(p0 instanceof PType) || isInstance(p0, v, alias));
    case 'Optional': return v === undefined || (p0 instanceof PType ? isInstance(p0, v, alias) : typeof p0 !== 'string' || v === p0);
    case 'String': return typeof v === 'string' && (p0 === undefined && p1 === undefined ? true : sizeOk(codePoints(v), p0, p1));
    case 'Integer': return isInteger(v) && inRange(v, p0, p1);
    case 'Float': return isFloat(v) && inRange(v, p0, p1);
    case 'Numeric': return isNumeric(v) && inRange(v, p0, p1);
    case 'Boolean': return typeof v === 'boolean';
    case 'Scalar': return isScalarData(v) || v instanceof RegExp || isTimeData(v);
    case 'Timestamp': return v instanceof PTimestamp && inTimeRange(v, p0, p1);
    case 'Timespan': return v instanceof PTimespan && inTimeRange(v, p0, p1);
    case 'ScalarData': return isScalarData(v);
    case 'Data': return isData(v);
    case 'RichData': return isData(v, true);
    case 'Regexp': return v instanceof RegExp && (p0 === undefined || (p0 instanceof RegExp && p0.source === v.source));
    case 'Array':
      return isArray(v) && (!(p0 instanceof PType) || v.every((x) => isInstance(p0, x, alias)))
        && sizeOk(v.length, p0 instanceof PType ? p1 : p0, p0 instanceof PType ? p2 : p1);
    case 'Hash':
      return isHash(v) && (!(p0 instanceof PType) || [...v].every(([k, x]) => isInstance(p0, k, alias) && (!(p1 instanceof PType) || isInstance(p1, x, alias))))
        && sizeOk(v.size, p0 instanceof PType ? p2 : p0, p0 instanceof PType ? p3 : p1);
    case 'Collection': return (isArray(v) && sizeOk(v.length, p0, p1)) || (isHash(v) && sizeOk(v.size, p0, p1));
    case 'Iterable': return isArray(v) || isHash(v) || typeof v === 'string' || isInteger(v) || (v instanceof PType && isIterableType(v));
    case 'Tuple': {
      if (!isArray(v)) return false;
      const types = t.params.filter((x): x is PType => x instanceof PType);
      const nums = t.params.filter((x) => typeof x === 'number') as number[];
      const min = nums[0] ?? types.length;
      const max = nums[1] ?? (nums.length ? Infinity : types.length);
      return v.length >= min && v.length <= max && v.every((x, i) => isInstance(types[Math.min(i, types.length - 1)]!, x, alias));
    }
    case 'Struct': {
      if (!isHash(v) || !isHash(p0)) return false;
      const keys = new Set<Value>();
      for (const [k, vt] of p0) {
        const optional = k instanceof PType && k.name === 'Optional';
        const key = k instanceof PType ? k.params[0] : k;
        keys.add(key);
        if (!(vt instanceof PType)) continue;
        if (!v.has(key)) { if (!optional && !isInstance(vt, undefined, alias)) return false; continue; }
        if (!isInstance(vt, v.get(key), alias)) return false;
      }
      return [...v.keys()].every((k) => keys.has(k));
    }
    case 'Enum': return typeof v === 'string' && t.params.some((e) => e === v);
    case 'Pattern': return typeof v === 'string' && t.params.some((p) => (p instanceof RegExp ? p : new RegExp(String(p))).test(v));
    case 'Variant': return t.params.some((p) => p instanceof PType && isInstance(p, v, alias));
    // `File['/x']` is itself a type (a resource reference), so it is a `Type[Resource]`, not a `Resource`.
    case 'Type':
      if (v instanceof ResourceRef) return p0 === undefined || (p0 instanceof PType && ['Any', 'Resource', 'CatalogEntry', v.type === 'Class' ? 'Class' : v.type].includes(p0.name));
      return v instanceof PType && (p0 === undefined || (p0 instanceof PType && isAssignable(p0, v, alias)));
    case 'Resource': case 'Class': case 'CatalogEntry':
    case 'Sensitive': return v instanceof SensitiveValue && (!(p0 instanceof PType) || isInstance(p0, v.value, alias));
    case 'Callable': case 'Runtime': case 'Iterator': return false;
    default: {
      const resolved = alias(t.name);
      return resolved ? isInstance(resolved, v, alias) : v instanceof ResourceRef && v.type === t.name;
    }
  }
}

function isScalarData(v: Value): boolean {
  return typeof v === 'string' || typeof v === 'boolean' || isNumeric(v);
}

/** Data (JSON's values), or with `rich` also the RichData scalars this compiler has (Timestamp, Timespan). */
function isData(v: Value, rich = false): boolean {
  if (v === undefined || isScalarData(v) || (rich && isTimeData(v))) return true;
  if (isArray(v)) return v.every((x) => isData(x, rich));
  if (isHash(v)) return [...v].every(([k, x]) => typeof k === 'string' && isData(x, rich));
  return false;
}

/** Whether time type `b`'s range lies in `a`'s (`Timestamp['2015-03-01', '2015-09-30'] < Timestamp['2015-02-01', '2015-10-30']`). */
function timeRangeWithin(a: PType, b: PType): boolean {
  const bounds = (t: PType): [bigint | undefined, bigint | undefined] => [timeBound(t, t.params[0]), timeBound(t, t.params[1])];
  const [alo, ahi] = bounds(a), [blo, bhi] = bounds(b);
  return (alo === undefined || (blo !== undefined && blo >= alo)) && (ahi === undefined || (bhi !== undefined && bhi <= ahi));
}

/** A bound of a time type: an instance, a String (parsed with the default formats), seconds, or `default`/absent (unbounded). */
function timeBound(t: PType, b: Value): bigint | undefined {
  if (b === undefined || b === DEFAULT) return undefined;
  if (isTimeData(b)) return b.nsecs;
  if (isNumeric(b)) return secondsToNanos(numberOf(b)!);
  if (typeof b === 'string') return t.name === 'Timestamp' ? parseTimestamp(b) : parseTimespan(b);
  throw new UnsupportedError(`A ${t.name} type bounded by ${typeNameOf(b)} is not supported`, undefined);
}

/** Whether a time value lies in a `Timestamp[from, to]`/`Timespan[from, to]` type's bounds. */
function inTimeRange(v: PTimestamp | PTimespan, from: Value, to: Value): boolean {
  const t = new PType(typeNameOf(v));
  const lo = timeBound(t, from), hi = timeBound(t, to);
  return (lo === undefined || v.nsecs >= lo) && (hi === undefined || v.nsecs <= hi);
}

/** Types a Variant's mismatch names without their parameters (`Array`, not `Array[String]`). */
const GENERALIZED = new Set(['Array', 'Hash', 'Tuple', 'Struct', 'Integer', 'Float', 'String', 'Collection']);

/** `a`/`an` for a type name in Puppet's messages. */
export const article = (name: string): string => (/^[AEIOU]/.test(name) ? 'an' : 'a');

/**
 * Why `v` does not match `t`, worded as Puppet's type-mismatch describer
 * words the common cases (`expects an Integer value, got String`).
 */
export function describeMismatch(t: PType, v: Value, alias: AliasResolver): string {
  const resolved = !DATA_TYPES.has(t.name) ? alias(t.name) : undefined;
  if (resolved) return describeMismatch(resolved, v, alias);
  // A type reached through an alias is shown as Puppet shows it (`Stdlib::Port = Integer[0, 65535]`);
  // collections are still described by what inside them mismatches.
  if (t.alias && !(COLLECTION_TYPES.has(t.name) && (isArray(v) || isHash(v)))) {
    return `expects ${article(t.alias)} ${expandAliases(t)} value, got ${actualName(v, t)}`;
  }
  if (t.name === 'Optional' || t.name === 'Variant') {
    const alts = t.name === 'Optional' ? [new PType('Undef'), ...(t.params as PType[])] : (t.params as PType[]);
    const flat = alts.flatMap((a) => (a.name === 'Optional' ? [new PType('Undef'), ...(a.params as PType[])] : [a]));
    if (v !== undefined) {
      const same = flat.filter((a) => a.name !== 'Undef' && a.name === typeNameOf(v));
      if (same.length === 1) return describeMismatch(same[0]!, v, alias);
    }
    // `Optional[Enum[…]]` given a String: Puppet words the match types on their own.
    const matchTypes = flat.filter((a) => a.name === 'Enum' || a.name === 'Pattern');
    if (typeof v === 'string' && matchTypes.length && flat.every((a) => a.name === 'Undef' || a.name === 'Enum' || a.name === 'Pattern')) {
      const undef = flat.some((a) => a.name === 'Undef') ? 'an undef value or ' : '';
      return `expects ${undef}a match for ${matchTypes.map((a) => a.toString()).join(' or ')}, got ${inspect(v)}`;
    }
    // None of the alternatives has the value's base type: they are named by their base types.
    const names = [...new Set(flat.map((a) => (GENERALIZED.has(a.name) ? a.name : a.toString())))];
    const list = names.length <= 2 ? names.join(' or ') : `${names.slice(0, -1).join(', ')}, or ${names[names.length - 1]}`;
    return `expects a value of type ${list}, got ${actualName(v, t)}`;
  }
  if (t.name === 'Enum' || t.name === 'Pattern') {
    if (typeof v !== 'string') return `expects a match for ${t}, got ${actualName(v, t)}`;
    return `expects a match for ${t}, got ${inspect(v)}`;
  }
  if (t.name === 'Tuple' && isArray(v)) {
    const types = t.params.filter((x): x is PType => x instanceof PType);
    const bad = v.findIndex((x, i) => i < types.length && !isInstance(types[i]!, x, alias));
    if (bad >= 0) return `index ${bad} ${describeMismatch(types[bad]!, v[bad], alias)}`;
  }
  if (t.name === 'Array' && isArray(v) && t.params[0] instanceof PType) {
    const et = t.params[0];
    const bad = v.findIndex((x) => !isInstance(et, x, alias));
    if (bad >= 0) return `index ${bad} ${describeMismatch(et, v[bad], alias)}`;
  }
  if (t.name === 'Hash' && isHash(v) && t.params[1] instanceof PType) {
    const vt = t.params[1];
    const bad = [...v].find(([, x]) => !isInstance(vt, x, alias));
    if (bad) return `entry '${String(bad[0])}' ${describeMismatch(vt, bad[1], alias)}`;
  }
  const struct = structProblems(t, v, alias);
  if (struct.length) return struct[0]!;
  // Right kind of collection, wrong size: Puppet describes the size alone.
  if ((t.name === 'Array' && isArray(v)) || (t.name === 'Hash' && isHash(v))) {
    const size = isArray(v) ? v.length : (v as PHash).size;
    const [min, max] = t.params.filter((p) => typeof p === 'number' || p === DEFAULT) as (number | typeof DEFAULT)[];
    const lo = typeof min === 'number' ? min : 0;
    const hi = typeof max === 'number' ? max : Infinity;
    if (size < lo || size > hi) {
      const want = hi === Infinity ? `at least ${lo}` : lo === hi ? `${lo}` : lo === 0 ? `at most ${hi}` : `between ${lo} and ${hi}`;
      return `expects size to be ${want}, got ${size}`;
    }
  }
  // A value of another base type is described against the bare expected type (`an Array value`).
  if (t.alias) return `expects ${article(t.alias)} ${expandAliases(t)} value, got ${actualName(v, t)}`;
  const shown = typeNameOf(v) === t.name ? t.toString() : t.name;
  return `expects ${article(t.name)} ${shown} value, got ${actualName(v, t)}`;
}

const COLLECTION_TYPES = new Set(['Array', 'Hash', 'Struct', 'Tuple']);

/** A type as Puppet's mismatch messages show aliases: `Stdlib::Port = Integer[0, 65535]`, nested ones too. */
function expandAliases(t: PType): string {
  const name = t.alias;
  const params = t.name === 'Enum' ? [...t.params].sort() : t.params;
  const own = params.length ? `${t.name}[${params.map((p) => (p instanceof PType ? expandAliases(p) : inspect(p))).join(', ')}]` : t.name;
  return name ? `${name} = ${own}` : own;
}

/** The "got …" part: sized when the expected type is the same base type with bounds. */
function actualName(v: Value, expected: PType): string {
  const base = typeNameOf(v);
  // Numbers show their value as a range; strings are just `String`.
  if (expected.name !== base || expected.params.length === 0 || typeof v === 'string') return base;
  if (isNumeric(v)) return `${base}[${inspect(v)}, ${inspect(v)}]`;
  if (isArray(v)) return `Array[${v.length}, ${v.length}]`;
  if (isHash(v)) return `Hash[${v.size}, ${v.size}]`;
  return base;
}

/** Types every value of which is a Scalar / ScalarData (Puppet's type hierarchy, the common part). */
const SCALAR_DATA = new Set(['ScalarData', 'Numeric', 'Integer', 'Float', 'Boolean', 'String', 'Pattern', 'Enum']);
const SCALAR = new Set([...SCALAR_DATA, 'Scalar', 'Regexp', 'SemVer', 'Timespan', 'Timestamp']);

/** The bounds of a ranged type (`Integer[1, 10]`, `String[1]`), `default` as open. */
function bounds(t: PType, from = 0): [number, number] {
  const lo = t.params[from];
  const hi = t.params[from + 1];
  return [numberOf(lo) ?? -Infinity, numberOf(hi) ?? Infinity];
}

/**
 * Whether every value of type `b` is also of type `a` (Puppet's
 * `TypeCalculator#assignable?`), for the types code compares with `<`, `>`:
 * the abstract types, ranges, element types and resource types.
 */
export function isAssignable(a: PType, b: PType, alias: AliasResolver): boolean {
  const ra = !DATA_TYPES.has(a.name) ? alias(a.name) : undefined;
  if (ra) return isAssignable(ra, b, alias);
  const rb = !DATA_TYPES.has(b.name) ? alias(b.name) : undefined;
  if (rb) return isAssignable(a, rb, alias);
  if (b.name === 'Variant') return b.params.every((p) => p instanceof PType && isAssignable(a, p, alias));
  if (b.name === 'Optional') return isAssignable(a, new PType('Undef'), alias) && (!(b.params[0] instanceof PType) || isAssignable(a, b.params[0], alias));
  const resource = (t: PType): boolean => !DATA_TYPES.has(t.name) || t.name === 'Resource';
  switch (a.name) {
    case 'Any': return true;
    case 'NotUndef': return b.name !== 'Undef' && (!(a.params[0] instanceof PType) || isAssignable(a.params[0], b, alias));
    case 'Optional': return b.name === 'Undef' || !(a.params[0] instanceof PType) || isAssignable(a.params[0], b, alias);
    case 'Variant': return a.params.some((p) => p instanceof PType && isAssignable(p, b, alias));
    case 'Data': case 'RichData':
      if (b.name === 'Undef' || b.name === 'Data' || SCALAR_DATA.has(b.name)) return true;
      if (b.name === 'Array') return b.params[0] instanceof PType && isAssignable(a, b.params[0], alias);
      if (b.name === 'Hash') return b.params[0] instanceof PType && isAssignable(new PType('String'), b.params[0], alias) && b.params[1] instanceof PType && isAssignable(a, b.params[1], alias);
      return false;
    case 'Scalar': return SCALAR.has(b.name);
    case 'ScalarData': return SCALAR_DATA.has(b.name);
    case 'Numeric': return (b.name === 'Numeric' || b.name === 'Integer' || b.name === 'Float') && within(a, b);
    case 'Integer': case 'Float': return b.name === a.name && within(a, b);
    case 'Timestamp': case 'Timespan': return b.name === a.name && timeRangeWithin(a, b);
    case 'String': return (b.name === 'String' && within(a, b)) || ((b.name === 'Pattern' || b.name === 'Enum') && a.params.length === 0);
    case 'Collection': return (b.name === 'Array' || b.name === 'Hash' || b.name === 'Collection' || b.name === 'Tuple' || b.name === 'Struct') && a.params.length === 0;
    case 'Array':
      if (b.name !== 'Array') return false;
      return (!(a.params[0] instanceof PType) || (b.params[0] instanceof PType && isAssignable(a.params[0], b.params[0], alias))) && within(a, b, 1);
    case 'CatalogEntry': return b.name === 'CatalogEntry' || b.name === 'Class' || resource(b);
    case 'Resource': return resource(b) && (a.params.length === 0 || b.name === a.params[0]);
    case 'Type': return b.name === 'Type' && (!(a.params[0] instanceof PType) || (b.params[0] instanceof PType && isAssignable(a.params[0], b.params[0], alias)));
    default: return a.name === b.name && (a.params.length === 0 || a.toString() === b.toString());
  }
}

/** Whether `b`'s range (from parameter `from`) lies within `a`'s. */
function within(a: PType, b: PType, from = 0): boolean {
  const [alo, ahi] = bounds(a, from);
  const [blo, bhi] = bounds(b, from);
  return blo >= alo && bhi <= ahi;
}

/** Everything wrong with a Hash as a `Struct`: missing keys, wrong entries, then unrecognized keys. */
function structProblems(t: PType, v: Value, alias: AliasResolver): string[] {
  const struct = t.params[0];
  if (t.name !== 'Struct' || !isHash(v) || !isHash(struct)) return [];
  const out: string[] = [];
  for (const [k, vt] of struct) {
    const key = k instanceof PType ? k.params[0] : k;
    const optional = k instanceof PType && k.name === 'Optional';
    if (!v.has(key) && !optional && vt instanceof PType && !isInstance(vt, undefined, alias)) out.push(`expects a value for key '${String(key)}'`);
    if (v.has(key) && vt instanceof PType && !isInstance(vt, v.get(key), alias)) out.push(`entry '${String(key)}' ${describeMismatch(vt, v.get(key), alias)}`);
  }
  for (const k of v.keys()) if (![...struct.keys()].some((tk) => (tk instanceof PType ? tk.params[0] : tk) === k)) out.push(`unrecognized key '${String(k)}'`);
  return out;
}

/** Every mismatch Puppet reports for `v` against `t`: several for a Struct, one otherwise. */
export function describeMismatches(t: PType, v: Value, alias: AliasResolver): string[] {
  const resolved = !DATA_TYPES.has(t.name) ? alias(t.name) : undefined;
  const struct = structProblems(resolved ?? t, v, alias);
  return struct.length > 1 ? struct : [describeMismatch(t, v, alias)];
}
