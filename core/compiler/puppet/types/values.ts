import { UnsupportedError } from '../puppet-error.js';
import { parseTimestamp } from './ruby-strptime.js';
import { compareTime, isTimeData, PTimespan, PTimestamp, secondsToNanos } from './time-data.js';
import { parseTimespan } from './timespan-format.js';

/**
 * Runtime values of the Puppet language. Scalars map onto JS primitives
 * (`undefined` is `undef`); hashes are `Map`s because Puppet hashes keep
 * insertion order and may have non-string keys.
 *
 * Numbers: an integral JS number is an Integer, a non-integral one a Float,
 * and a Float with an integral value (`2.0`) is a boxed `PFloat`. Integers
 * and fractional floats, all the hot paths see, stay unboxed primitives.
 */
import { asJsonFloat, JsonFloat as PFloat } from '../../../json/json-float.js';
import { formatFloat } from '../../../json/ruby-float.js';

export type Value =
  | undefined | string | number | boolean | RegExp | PFloat
  | readonly Value[] | PHash | ResourceRef | PType | DefaultValue | SensitiveValue | DeferredValue | PTimestamp | PTimespan;

/** A Puppet hash: ordered, keyed by any value. */
export type PHash = ReadonlyMap<Value, Value>;

/**
 * A Float whose value is integral (`2.0`, `1e3`): boxed so that it stays a
 * Float. It is the JSON layer's `JsonFloat`, so catalogs write it `2.0` and
 * facts read as `1.0` arrive as one (core/json/json-float.ts).
 */
export { PFloat };
export { formatFloat };

/** A Float with value `n`: boxed only when `n` is integral. */
export const toFloat = (n: number): number | PFloat => (Number.isInteger(n) ? new PFloat(n) : n);
/** Whether `v` is an Integer (an integral JS number). */
export const isInteger = (v: Value): v is number => typeof v === 'number' && Number.isInteger(v);
/** Whether `v` is a Float, boxed or not. */
export const isFloat = (v: Value): v is number | PFloat => v instanceof PFloat || (typeof v === 'number' && !Number.isInteger(v));
/** Whether `v` is Numeric: an Integer or a Float. */
export const isNumeric = (v: Value): v is number | PFloat => typeof v === 'number' || v instanceof PFloat;
/** The JS number of a Numeric value, `undefined` for anything else. */
export const numberOf = (v: Value): number | undefined => (typeof v === 'number' ? v : v instanceof PFloat ? v.value : undefined);

const NUMERIC = /^[ \t]*([-+]?)[ \t]*(?:0[xX]([0-9a-fA-F]+)|0[bB]([01]+)|(0[0-7]*)|([1-9]\d*)|(\d+(?:\.\d+(?:[eE][-+]?\d+)?|[eE][-+]?\d+)))[ \t]*$/;

/** A string as Puppet reads a number from it: `'0x1F'`, `'0b11'`, `'010'` (octal), `'-2'`, `'2.0'` (a Float). */
export function parseNumeric(s: string): number | PFloat | undefined {
  const m = NUMERIC.exec(s);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  if (m[2] !== undefined) return sign * parseInt(m[2], 16);
  if (m[3] !== undefined) return sign * parseInt(m[3], 2);
  if (m[4] !== undefined) return sign * parseInt(m[4], 8);
  if (m[5] !== undefined) return sign * Number(m[5]);
  return toFloat(sign * Number(m[6]));
}

/** How a Numeric prints: Integers as digits, Floats as Ruby does. */
const formatNumber = (n: number): string => (Number.isInteger(n) ? String(n) : formatFloat(n));

/** The `default` keyword's value (a class, so it narrows like the other values). */
export class DefaultValue {
  toString(): string { return 'default'; }
}
/** The one `default` value. */
export const DEFAULT = new DefaultValue();

/** `File['/x']`, `Class['ntp']`: a reference to a resource by capitalised type and title. */
export class ResourceRef {
  constructor(readonly type: string, readonly title: string) {}
  toString(): string { return `${this.type}[${this.title}]`; }
}

/** `Sensitive('secret')`: shown redacted, unwrapped (and flagged) in the catalog. */
export class SensitiveValue {
  constructor(readonly value: Value) {}
  toString(): string { return 'Sensitive [value redacted]'; }
}

/** `Deferred('fn', [args])`: evaluated on the agent; the catalog carries its description. */
export class DeferredValue {
  constructor(readonly name: Value, readonly args: Value) {}
  toString(): string {
    return `Deferred({'name' => ${inspect(this.name)}${this.args === undefined ? '' : `, 'arguments' => ${inspect(this.args)}`}})`;
  }
}

/** A data type value such as `Integer[0, 10]` or `Optional[String]`. */
export class PType {
  /** `alias`: the type alias this type was reached through (`MyPort`), which names it. */
  constructor(readonly name: string, readonly params: readonly Value[] = [], readonly alias?: string) {}
  toString(): string { return this.alias ?? this.definition(); }
  /** The type itself, without its alias name. */
  definition(): string {
    // Puppet shows an Enum's values sorted.
    const params = this.name === 'Enum' ? [...this.params].sort() : this.params;
    return params.length ? `${this.name}[${params.map((p) => inspect(p)).join(', ')}]` : this.name;
  }
  /** As `String(T)` shows it: an alias with its definition (`MyPort = Integer[1, 65535]`). */
  described(): string { return this.alias ? `${this.alias} = ${this.definition()}` : this.definition(); }
}

/** Whether Puppet iterates a type's values: a bounded `Integer[a, b]` or an `Enum[…]`. */
export const isIterableType = (t: PType): boolean =>
  (t.name === 'Integer' && isInteger(t.params[0]) && isInteger(t.params[1])) || (t.name === 'Enum' && t.params.length > 0);

/** The Ruby source of regexps translated for JavaScript (`\A…\z`), which Puppet shows as written. */
const rubySources = new WeakMap<RegExp, string>();

/** Records `re`'s source as written in Puppet code. */
export function withRubySource(re: RegExp, source: string): RegExp {
  if (source !== re.source) rubySources.set(re, source);
  return re;
}

/** A regexp's source as Puppet shows it: as written in the code. */
const regexpSource = (re: RegExp): string => rubySources.get(re) ?? re.source;

/** `hash[key]` as Ruby looks it up: by value, also for Array and Hash keys (a Map alone compares those by identity). */
export function hashGet(h: PHash, key: Value): Value {
  if (typeof key !== 'object' || key === null || h.has(key)) return h.get(key);
  for (const [k, v] of h) if (typeof k === 'object' && equalsStrict(k, key)) return v;
  return undefined;
}

/** Whether a hash has `key`, compared as `hashGet` does. */
export function hashHas(h: PHash, key: Value): boolean {
  if (typeof key !== 'object' || key === null || h.has(key)) return h.has(key);
  for (const k of h.keys()) if (typeof k === 'object' && equalsStrict(k, key)) return true;
  return false;
}

/** Ruby's `==` on Puppet values: Strings case-sensitively, `1 == 1.0`, collections deeply. */
export const rubyEquals = (a: Value, b: Value): boolean => equalsStrict(a, b);

/** Ruby's `eql?` for hash keys: case-sensitive, collections deeply. */
function equalsStrict(a: Value, b: Value): boolean {
  if (isArray(a) && isArray(b)) return a.length === b.length && a.every((x, i) => equalsStrict(x, b[i]));
  if (isHash(a) && isHash(b)) return a.size === b.size && [...a].every(([k, x]) => hashHas(b, k) && equalsStrict(x, hashGet(b, k)));
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return equals(a, b);
}

/** Type guards for the collection values. */
export const isHash = (v: Value): v is PHash => v instanceof Map;
export const isArray = (v: Value): v is readonly Value[] => Array.isArray(v);

const capitalized = new Map<string, string>();

/** Puppet's capitalisation of a type name: `apache::vhost` → `Apache::Vhost` (memoised: a hot path). */
export function capitalizeType(name: string): string {
  let c = capitalized.get(name);
  if (c === undefined) {
    c = name.replace(/^::/, '').split('::').map((s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase()).join('::');
    if (capitalized.size < 100_000) capitalized.set(name, c);
  }
  return c;
}

/** A value as string interpolation renders it (`"${x}"`): strings inside collections unquoted. */
export function toStr(v: Value): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (isArray(v)) return `[${v.map(toStr).join(', ')}]`;
  if (isHash(v)) return `{${[...v].map(([k, x]) => `${toStr(k)} => ${toStr(x)}`).join(', ')}}`;
  return inspect(v, false);
}

/** A value as Puppet's `String(x)`/`%p` shows it, strings quoted inside collections. */
export function inspect(v: Value, quote = true): string {
  if (v === undefined) return quote ? 'undef' : '';
  if (v === DEFAULT) return 'default';
  if (typeof v === 'string') return quote ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof RegExp) return `/${regexpSource(v)}/`;
  if (isArray(v)) return `[${v.map((x) => inspect(x)).join(', ')}]`;
  if (isHash(v)) return `{${[...v].map(([k, x]) => `${inspect(k)} => ${inspect(x)}`).join(', ')}}`;
  // As a string a reference quotes its title (`File['/x']`); a class is named in lower case (`Class[ntp]`).
  if (v instanceof ResourceRef) return v.type === 'Class' ? `Class[${v.title.toLowerCase()}]` : `${v.type}[${inspect(v.title)}]`;
  if (v instanceof PType) return v.described();
  if (quote && isTimeData(v)) throw timeInspected(v);
  return v.toString();
}

/** Puppet shows a time value inside a collection (`String([$t])`, `%p`) as Ruby's object, with its memory address. */
const timeInspected = (v: PTimestamp | PTimespan): UnsupportedError =>
  new UnsupportedError(`A ${typeNameOf(v)} shown inside a collection (Puppet shows Ruby's object, with its address)`, undefined);

/** Puppet truthiness: only `undef` and `false` are false. */
export const truthy = (v: Value): boolean => v !== undefined && v !== false;

/** `==`: strings compare case-insensitively, collections deeply. */
export function equals(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (isArray(a) && isArray(b)) return a.length === b.length && a.every((x, i) => equals(x, b[i]));
  if (isHash(a) && isHash(b)) {
    if (a.size !== b.size) return false;
    // Keys are looked up as Ruby does (case-sensitively), values compared with `==`.
    for (const [k, x] of a) if (!hashHas(b, k) || !equals(x, hashGet(b, k))) return false;
    return true;
  }
  if (a instanceof ResourceRef && b instanceof ResourceRef) return a.type === b.type && a.title === b.title;
  if (a instanceof PType && b instanceof PType) {
    // `Timestamp['2015-03-01'] == Timestamp['2015-03-01T00:00:00 UTC', default]`: time ranges by their bounds.
    if (a.name === b.name && (a.name === 'Timestamp' || a.name === 'Timespan')) return timeRangeKey(a) === timeRangeKey(b);
    return a.toString() === b.toString();
  }
  if (a instanceof RegExp && b instanceof RegExp) return a.source === b.source;
  // `1 == 1.0`, as in Ruby.
  if (a instanceof PFloat || b instanceof PFloat) return numberOf(a) === numberOf(b);
  if ((typeof a === 'object' || typeof b === 'object') && (isTimeData(a) || isTimeData(b))) return timeEquals(a, b);
  return a === b;
}

/** A time type's bounds in nanoseconds (`*` where unbounded), to compare ranges however they are written. */
function timeRangeKey(t: PType): string {
  const bound = (b: Value): string => {
    if (b === undefined || b === DEFAULT) return '*';
    if (isTimeData(b)) return String(b.nsecs);
    if (typeof b === 'number' || b instanceof PFloat) return String(secondsToNanos(numberOf(b)!));
    if (typeof b === 'string') return String(t.name === 'Timestamp' ? parseTimestamp(b) : parseTimespan(b));
    return inspect(b);
  };
  return `${bound(t.params[0])},${bound(t.params[1])}`;
}

/** Ruby's `==` of a Timestamp or Timespan: with one of its class, or with an Integer (whole seconds) or a Float (seconds). */
function timeEquals(a: Value, b: Value): boolean {
  const [t, o] = isTimeData(a) ? [a, b] : [b as PTimestamp | PTimespan, a];
  if (isTimeData(o)) return o.constructor === t.constructor && o.nsecs === t.nsecs;
  const n = numberOf(o);
  if (n === undefined) return false;
  return isInteger(o) ? compareTime(t, n) === 0 : t.toFloatSeconds() === n;
}

/** Ruby's `inspect` of data (`[1, "a"]`, `{"k"=>1}`): what Ruby code (ERB, `sprintf('%s')`) prints for collections. */
export function rubyInspect(v: Value): string {
  if (v === undefined) return 'nil';
  if (isTimeData(v)) throw timeInspected(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (isArray(v)) return `[${v.map(rubyInspect).join(', ')}]`;
  if (isHash(v)) return `{${[...v].map(([k, x]) => `${rubyInspect(k)}=>${rubyInspect(x)}`).join(', ')}}`;
  return toStr(v);
}

/**
 * Collections shared beyond one compile (hiera data, converted once per code
 * version): Ruby in a template may change a value in place, which these
 * must never see (templates/erb-template.ts leaves such changes to Puppet).
 */
const SHARED_VALUES = new WeakSet<object>();

/** Marks `v` and every collection in it as shared beyond one compile. */
export function markShared(v: Value): void {
  if (isArray(v)) { SHARED_VALUES.add(v); for (const x of v) markShared(x); }
  else if (isHash(v)) { SHARED_VALUES.add(v); for (const [k, x] of v) { markShared(k); markShared(x); } }
}

/** Whether a collection is shared beyond one compile (or frozen). */
export const isSharedValue = (v: Value): boolean => typeof v === 'object' && v !== null && (SHARED_VALUES.has(v) || Object.isFrozen(v));

/** Converts JSON data (facts, hiera) into Puppet values. */
export function fromJson(v: unknown): Value {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'object') return v as string | number | boolean;
  if (Array.isArray(v)) return v.map(fromJson);
  // A fact sent as `1.0` (parseJson), also as the plain number box a structured clone leaves.
  if (v instanceof Number) return asJsonFloat(v) as PFloat;
  // Facts are converted on every compile: a plain loop, no entry arrays.
  const out = new Map<Value, Value>();
  const o = v as Record<string, unknown>;
  for (const k in o) if (Object.hasOwn(o, k)) out.set(k, fromJson(o[k]));
  return out;
}

/** Converts a value into the JSON a catalog carries (references become `Type[title]`). */
export function toJson(v: Value): unknown {
  if (v === undefined) return null;
  if (v === DEFAULT) return 'default';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (isArray(v)) return v.map(toJson);
  if (isHash(v)) {
    const o: Record<string, unknown> = {};
    // Ruby's `to_s` names a non-String key: `["a", "c"]` for an Array.
    for (const [k, x] of v) o[typeof k === 'string' ? k : isArray(k) || isHash(k) ? rubyInspect(k) : toStr(k)] = toJson(x);
    return o;
  }
  if (v instanceof RegExp) return `/${regexpSource(v)}/`;
  if (v instanceof SensitiveValue) return toJson(v.value);
  // Kept boxed: writeJson writes it `2.0`, as Puppet does (core/json/json-float.ts).
  if (v instanceof PFloat) return v;
  return v.toString();
}

/** A value's inferred type as some messages show it: `Hash[String, Integer]`, `Array[String]`. */
export function inferredTypeName(v: Value): string {
  const common = (vs: Value[]): string | undefined => {
    const names = [...new Set(vs.map(inferredTypeName))];
    return names.length === 1 ? names[0] : undefined;
  };
  if (isHash(v) && v.size) {
    const k = common([...v.keys()]);
    const x = common([...v.values()]);
    return k && x ? `Hash[${k}, ${x}]` : 'Hash';
  }
  if (isArray(v) && v.length) { const x = common([...v]); return x ? `Array[${x}]` : 'Array'; }
  return typeNameOf(v);
}

/** The general type name Puppet names in "got …" of a type mismatch. */
export function typeNameOf(v: Value): string {
  if (v === undefined) return 'Undef';
  if (v === DEFAULT) return 'Default';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Float';
  if (v instanceof PFloat) return 'Float';
  if (typeof v === 'boolean') return 'Boolean';
  if (v instanceof RegExp) return 'Regexp';
  if (v instanceof SensitiveValue) return 'Sensitive';
  if (v instanceof DeferredValue) return 'Deferred';
  if (v instanceof PTimestamp) return 'Timestamp';
  if (v instanceof PTimespan) return 'Timespan';
  if (isArray(v)) return 'Array';
  if (isHash(v)) return 'Hash';
  if (v instanceof ResourceRef) return v.type === 'Class' ? 'Class' : 'Resource';
  return 'Type';
}
