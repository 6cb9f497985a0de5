import { PuppetError, UnsupportedError } from '../../puppet-error.js';
import { describeMismatches } from '../../types/data-types.js';
import { isTimeData } from '../../types/time-data.js';
import {
  DeferredValue, inspect, isArray, isFloat, isHash, isInteger, isNumeric, numberOf, parseNumeric, PType, SensitiveValue, toFloat, toStr, typeNameOf,
  type Value,
} from '../../types/values.js';
import { argError, typeValues } from '../argument-checks.js';
import type { PuppetFunction } from '../puppet-function.types.js';
import { sprintf } from './ruby-format.js';
import { newTimespan, newTimestamp } from './time.functions.js';
import { inferenceMode, inferType } from './type-inference.js';

/** `String(x)`: Puppet's string converter formats a Float with `%f`, collections with their strings quoted. */
function stringOf(v: Value): Value {
  if (isFloat(v)) return sprintf('%f', [v]);
  return isArray(v) || isHash(v) ? inspect(v) : toStr(v);
}

/**
 * `String($s, '%d')`: Puppet's String formats for a String — `%d` down-case,
 * `%u` up-case, `%c` capitalise, `%C` capitalise each `::` segment, `%t`
 * trim, `%p` quoted, `%s` as it is.
 */
function formatString(v: string, format: string): string {
  switch (format.replace(/^%/, '').slice(-1)) {
    case 'd': return v.toLowerCase();
    case 'u': return v.toUpperCase();
    case 'c': return v.charAt(0).toUpperCase() + v.slice(1).toLowerCase();
    case 'C': return v.split('::').map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('::');
    case 't': return v.trim();
    case 'p': return inspect(v);
    default: return v;
  }
}

/** `Integer('0x1F'), `String(5)`, `Boolean('yes')`, `Array($x)`, `Hash($pairs)`: the common `Type.new` conversions. */
function convert(type: PType, v: Value, rest: readonly Value[], checkSize: (n: number) => void): Value {
  const fail = (): never => {
    // Puppet's conversion functions name themselves (`new`, `new_boolean`) in front of a String's refusal.
    if (typeof v === 'string') throw new PuppetError(`'${type.name === 'Boolean' ? 'new_boolean' : 'new'}' The string '${v}' cannot be converted to ${type.name}`, undefined);
    throw new PuppetError(`The value ${inspect(v)} cannot be converted to ${type.name}`, undefined);
  };
  switch (type.name) {
    case 'Integer': case 'Float': case 'Numeric': {
      // A Timestamp or Timespan gives its seconds: whole (floored) for an Integer.
      if (isTimeData(v) && rest.length === 0 && type.name !== 'Numeric') return type.name === 'Integer' ? Number(v.seconds()) : toFloat(v.toFloatSeconds());
      // `Integer('111', 2)`: a String read in the given radix.
      if (type.name === 'Integer' && typeof v === 'string') {
        // Only what Puppet's lenient integer pattern accepts: a sign, then digits (hex and binary with their prefix).
        if (!/^[-+]?\s*(?:0[xX][0-9A-Fa-f]+|0[bB][01]+|\d+)$/.test(v)) return fail();
        if (isInteger(rest[0]) && rest[0] !== 10) {
          const r = Number.parseInt(v.replace(/\s/g, '').replace(/^([-+]?)0[xXbB]/, '$1'), rest[0]);
          return Number.isNaN(r) ? fail() : r;
        }
      }
      const n = typeof v === 'boolean' ? Number(v) : typeof v === 'string' ? parseNumeric(v) : isNumeric(v) ? v : undefined;
      if (n === undefined) return fail();
      if (type.name === 'Integer') return Math.trunc(numberOf(n)!);
      return type.name === 'Float' ? toFloat(numberOf(n)!) : n;
    }
    case 'String':
      if (isTimeData(v) && rest.length > 0) throw new UnsupportedError(`String formats of a ${typeNameOf(v)} are not supported`, undefined);
      return typeof v === 'string' && typeof rest[0] === 'string' ? formatString(v, rest[0]) : stringOf(v);
    case 'Sensitive': return v instanceof SensitiveValue ? v : new SensitiveValue(v);
    case 'Deferred': return new DeferredValue(v, rest[0]);
    case 'Boolean':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'string' && /^(true|yes|y)$/i.test(v)) return true;
      if (typeof v === 'string' && /^(false|no|n|)$/i.test(v)) return false;
      if (isNumeric(v)) return numberOf(v) !== 0;
      return fail();
    case 'Array': case 'Tuple':
      if (isArray(v)) return v;
      // A String is iterable: its characters, unless `Array($s, true)` asks to wrap it.
      if (rest[0] === true) return [v];
      if (typeof v === 'string') return [...v];
      // An Integer n is iterable as 0…n-1.
      if (isInteger(v)) { checkSize(Math.max(0, v)); return Array.from({ length: Math.max(0, v) }, (_x, i) => i); }
      if (isHash(v)) return [...v].map(([k, x]): Value => [k, x]);
      return (v instanceof PType ? typeValues(v, checkSize) : undefined) ?? [v];
    case 'Hash': case 'Struct':
      if (isHash(v)) return v;
      if (isArray(v)) {
        const flat = v.every(isArray) ? v.flatMap((p) => [...(p as readonly Value[])]) : v;
        const out = new Map<Value, Value>();
        for (let i = 0; i < flat.length; i += 2) out.set(flat[i], flat[i + 1]);
        return out;
      }
      return fail();
    default:
      throw new UnsupportedError(`Creating a new instance of type '${type.name}' is not supported (got ${typeNameOf(v)})`, undefined);
  }
}

/** Conversions and type inspection. */
export const TYPE_FUNCTIONS: Record<string, PuppetFunction> = {
  new: (c, args, _scope, loc) => {
    const [type, v, ...rest] = args;
    if (!(type instanceof PType)) throw new PuppetError(`'new' expects a Type, got ${typeNameOf(type)}`, undefined);
    // Their constructors take no argument (now) or several.
    if (type.name === 'Timestamp') return newTimestamp(args.slice(1));
    if (type.name === 'Timespan') return newTimespan(args.slice(1));
    return convert(type, v, rest, (n) => c.budget.collection(n, loc));
  },
  unwrap: (c, args, scope, _loc, l) => {
    const v = args[0] instanceof SensitiveValue ? args[0].value : args[0];
    return l ? c.callLambda(l, [v], scope) : v;
  },
  convert_to: (c, args, scope, loc, l) => {
    const [v, type, ...rest] = args;
    if (!(type instanceof PType)) throw argError('convert_to', 'type', 'a Type', type);
    const r = convert(type, v, rest, (n) => c.budget.collection(n, loc));
    return l ? c.callLambda(l, [r], scope) : r;
  },
  type: (_c, args) => inferType(args[0], inferenceMode(args[1])),
  assert_type: (c, args, scope, loc, l) => {
    const [given, v] = args;
    // A type may be named by a String (`assert_type('Stdlib::Port', $p)`).
    const t = typeof given === 'string' && /^(?:::)?[A-Z]\w*(?:::[A-Z]\w*)*$/.test(given) ? c.typeValue(given.replace(/^::/, ''), loc) : given;
    if (!(t instanceof PType)) throw argError('assert_type', 'type', 'a Type', given);
    if (c.isInstance(t, v)) return v;
    if (l) return c.callLambda(l, [t, inferType(v, 'detailed')], scope);
    // Several problems (a Struct's) are listed one per line, each naming the function.
    const why = describeMismatches(t, v, (n) => c.resolveAlias(n));
    throw new PuppetError(why.length === 1 ? `assert_type(): ${why[0]}` : why.map((w) => ` assert_type(): ${w}`).join('\n '), undefined);
  },
};
