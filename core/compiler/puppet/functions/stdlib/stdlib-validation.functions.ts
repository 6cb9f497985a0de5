import type { Scope } from '../../evaluation/scope.js';
import { PuppetError } from '../../puppet-error.js';
import type { Loc } from '../../syntax/ast.types.js';
import { parseManifest } from '../../syntax/parser.js';
import { DATA_TYPES } from '../../types/data-types.js';
import { formatFloat, isArray, isHash, PFloat, PType, type Value } from '../../types/values.js';
import type { FunctionContext } from '../function-context.js';
import type { PuppetFunction } from '../puppet-function.types.js';
import { ipVersion } from './ip-address.js';
import { failure, inspectRuby, legacy, rubyClass, rubyFloat, rubyInteger, rubyRegexp, rubyStrToF, rubyToI, rubyToS } from './ruby-interop.js';
import { isDomainName, isEmailAddress } from './stdlib-node.functions.js';

/**
 * stdlib 8.5's deprecated `validate_*` and `is_*` functions and
 * `validate_legacy`. Most have a 4.x wrapper (`lib/puppet/functions`) that
 * logs a deprecation and passes its arguments unconverted to the 3.x
 * function; the rest are 3.x only and see `undef` as `''`. Deprecations
 * only warn (Puppet's `strict` is `warning`).
 */

function deprecated(c: FunctionContext, key: string, loc: Loc): void {
  c.warn(`${key}: This method is deprecated, please use the stdlib validate_legacy function or match expressions with Stdlib::Compat types.`, loc);
}

/** A 4.x wrapper: deprecation, then the 3.x body on the arguments as given. */
const wrapped = (key: string, body: (args: Value[], c: FunctionContext) => Value): PuppetFunction => (c, args, _scope, loc) => {
  deprecated(c, key, loc);
  return body(args, c);
};

/** A 3.x-only function with its deprecation. */
const legacyDeprecated = (key: string, body: (args: Value[], c: FunctionContext) => Value): PuppetFunction =>
  legacy((c, args, _scope, loc) => { deprecated(c, key, loc); return body(args, c); });

function atLeastOne(fn: string, args: Value[]): void {
  if (args.length === 0) throw failure(`${fn}(): wrong number of arguments (0; must be > 0)`);
}

function exactlyOne(fn: string, args: Value[], paren: boolean): void {
  if (args.length !== 1) throw failure(`${fn}(): Wrong number of arguments given ${paren ? `(${args.length} for 1)` : `${args.length} for 1`}`);
}

/** Puppet::Util.absolute_path? for posix or windows. */
const isAbsolutePath = (v: Value): boolean =>
  typeof v === 'string' && (/^\//.test(v) || /^(([A-Z]:[\\/])|([\\/][\\/][^\\/]+[\\/][^\\/]+)|([\\/][\\/]\?[\\/][^\\/]+))/i.test(v));

function validateInteger(args: Value[]): void {
  if (args.length === 0 || args.length > 3) throw failure(`validate_integer(): Wrong number of arguments; must be 1, 2 or 3, got ${args.length}`);
  const [input, maxArg, minArg] = args;
  let max: number | undefined;
  if (args.length > 1 && !(args.length > 2 && rubyToS(maxArg) === '')) {
    max = rubyInteger(rubyToS(maxArg));
    if (max === undefined) throw failure(`validate_integer(): Expected second argument to be unset or an Integer, got ${rubyToS(maxArg)}:${rubyClass(maxArg)}`);
  }
  let min: number | undefined;
  if (args.length > 2) {
    min = rubyInteger(rubyToS(minArg));
    if (min === undefined) throw failure(`validate_integer(): Expected third argument to be unset or an Integer, got ${rubyToS(minArg)}:${rubyClass(minArg)}`);
  }
  if (min !== undefined && max !== undefined && min > max) throw failure(`validate_integer(): Expected second argument to be larger than third argument, got ${max} < ${min}`);
  const check = (n: number): void => {
    if (max !== undefined && n > max) throw failure(`validate_integer(): Expected ${inspectRuby(input)} to be smaller or equal to ${max}, got ${inspectRuby(input)}.`);
    if (min !== undefined && n < min) throw failure(`validate_integer(): Expected ${inspectRuby(input)} to be greater or equal to ${min}, got ${inspectRuby(input)}.`);
  };
  if (isArray(input)) {
    input.forEach((x, pos) => {
      const n = isHash(x) ? undefined : rubyInteger(rubyToS(x));
      if (n === undefined) throw failure(`validate_integer(): Expected element at array position ${pos} to be an Integer, got ${rubyClass(x)}`);
      check(n);
    });
    return;
  }
  const n = isHash(input) ? undefined : rubyInteger(rubyToS(input));
  if (n === undefined) throw failure(`validate_integer(): Expected first argument to be an Integer or Array, got ${rubyClass(input)}`);
  check(n);
}

function validateNumeric(args: Value[]): void {
  if (args.length === 0 || args.length > 3) throw failure(`validate_numeric(): Wrong number of arguments; must be 1, 2 or 3, got ${args.length}`);
  const [input, maxArg, minArg] = args;
  const bound = (v: Value, which: string): number | undefined => {
    if (rubyToS(v) === '') return undefined;
    const n = rubyFloat(rubyToS(v));
    if (n === undefined) throw failure(`validate_numeric(): Expected ${which} argument to be unset or a Numeric, got ${rubyToS(v)}:${rubyClass(v)}`);
    return n;
  };
  const max = args.length > 1 ? bound(maxArg, 'second') : undefined;
  const min = args.length > 2 ? bound(minArg, 'third') : undefined;
  const check = (n: number): void => {
    if (max !== undefined && n > max) throw failure(`validate_numeric(): Expected ${inspectRuby(input)} to be smaller or equal to ${rubyToS(maxArg)}, got ${inspectRuby(input)}.`);
    if (min !== undefined && n < min) throw failure(`validate_numeric(): Expected ${inspectRuby(input)} to be greater or equal to ${rubyToS(minArg)}, got ${inspectRuby(input)}.`);
  };
  for (const [pos, x] of (isArray(input) ? input : [input]).entries()) {
    const n = isHash(x) ? undefined : rubyFloat(rubyToS(x));
    if (n === undefined) {
      throw failure(isArray(input) ? `validate_numeric(): Expected element at array position ${pos} to be a Numeric, got ${rubyClass(x)}`
        : `validate_numeric(): Expected first argument to be a Numeric or Array, got ${rubyClass(x)}`);
    }
    check(n);
  }
}

function validateSlength(args: Value[]): void {
  if (args.length !== 2 && args.length !== 3) throw failure(`validate_slength(): Wrong number of arguments (${args.length}; must be 2 or 3)`);
  const [input, maxArg, minArg] = args;
  const max = rubyInteger(maxArg);
  if (max === undefined || max <= 0) throw failure(`validate_slength(): Expected second argument to be a positive Numeric, got ${rubyToS(maxArg)}:${rubyClass(maxArg)}`);
  let min = 0;
  if (minArg !== undefined && minArg !== false) {
    const m = rubyInteger(minArg);
    if (m === undefined || m < 0) throw failure(`validate_slength(): Expected third argument to be unset or a positive Numeric, got ${rubyToS(minArg)}:${rubyClass(minArg)}`);
    min = m;
  }
  if (max < min) throw failure('validate_slength(): Expected second argument to be equal to or larger than third argument');
  const check = (s: string): void => {
    const len = [...s].length;
    if (len > max || len < min) {
      throw failure(`validate_slength(): Expected length of ${inspectRuby(input)} to be between ${min} and ${max}, was ${isArray(input) ? input.length : len}`);
    }
  };
  if (typeof input === 'string') check(input);
  else if (isArray(input)) {
    input.forEach((x, pos) => {
      if (typeof x !== 'string') throw failure(`validate_slength(): Expected element at array position ${pos} to be a String, got ${rubyClass(x)}`);
      check(x);
    });
  } else throw failure(`validate_slength(): Expected first argument to be a String or Array, got ${rubyClass(input)}`);
}

function validateIps(fn: string, args: Value[], accept: (v: 4 | 6 | undefined) => boolean, what: string): void {
  atLeastOne(fn, args);
  for (const a of args) {
    if (typeof a !== 'string') throw failure(`${inspectRuby(a)} is not a string.`);
    if (!accept(ipVersion(a))) throw failure(`${inspectRuby(a)} is not a valid ${what} address.`);
  }
}

/** The 3.x validators by name, as `validate_legacy` calls them (raising means "invalid"). */
const VALIDATORS: Record<string, (args: Value[]) => void> = {
  validate_absolute_path: (args) => {
    atLeastOne('validate_absolute_path', args);
    for (const a of args) for (const p of isArray(a) ? a : [a]) if (!isAbsolutePath(p)) throw failure(`${inspectRuby(p)} is not an absolute path.`);
  },
  validate_array: (args) => {
    atLeastOne('validate_array', args);
    for (const a of args) if (!isArray(a)) throw failure(`${inspectRuby(a)} is not an Array.  It looks to be a ${rubyClass(a)}`);
  },
  validate_bool: (args) => {
    atLeastOne('validate_bool', args);
    for (const a of args) if (typeof a !== 'boolean') throw failure(`${inspectRuby(a)} is not a boolean.  It looks to be a ${rubyClass(a)}`);
  },
  validate_hash: (args) => {
    atLeastOne('validate_hash', args);
    for (const a of args) if (!isHash(a)) throw failure(`${inspectRuby(a)} is not a Hash.  It looks to be a ${rubyClass(a)}`);
  },
  validate_string: (args) => {
    atLeastOne('validate_string', args);
    for (const a of args) if (!(typeof a === 'string' || a === undefined)) throw failure(`${inspectRuby(a)} is not a string.  It looks to be a ${rubyClass(a)}`);
  },
  validate_re: (args) => {
    if (args.length < 2 || args.length > 3) throw failure(`validate_re(): wrong number of arguments (${args.length}; must be 2 or 3)`);
    const [s, res, msg] = args;
    if (typeof s !== 'string') throw failure(`validate_re(): input needs to be a String, not a ${rubyClass(s)}`);
    const list = isArray(res) ? res.flat(Infinity as 1) : [res];
    if (!list.some((r) => rubyRegexp(r).test(s))) throw failure(msg !== undefined && msg !== false ? rubyToS(msg) : `validate_re(): ${inspectRuby(s)} does not match ${inspectRuby(res)}`);
  },
  validate_integer: validateInteger,
  validate_numeric: validateNumeric,
  validate_slength: validateSlength,
  validate_ip_address: (args) => validateIps('validate_ip_address', args, (v) => v !== undefined, 'IP'),
  validate_ipv4_address: (args) => validateIps('validate_ipv4_address', args, (v) => v === 4, 'IPv4'),
  validate_ipv6_address: (args) => validateIps('validate_ipv6_address', args, (v) => v === 6, 'IPv6'),
};

/** `validate_legacy(Type, 'validate_x', value, args…)`: the type decides; the old validator only softens a failure into a deprecation. */
function validateLegacy(c: FunctionContext, args: Value[], scope: Scope, loc: Loc): Value {
  const [typeArg, fn, value, ...prev] = args;
  const type = typeof typeArg === 'string' ? parseType(c, typeArg, scope) : typeArg;
  if (!(type instanceof PType)) throw failure(`'validate_legacy' parameter 'target_type' expects a Type value, got ${rubyClass(typeArg)}`);
  if (typeof fn !== 'string') throw failure(`'validate_legacy' parameter 'function_name' expects a String value, got ${rubyClass(fn)}`);
  if (c.isInstance(type, value)) return undefined;
  const message = `validate_legacy(${fn}) ${c.mismatch(type, value)}`;
  const validator = VALIDATORS[fn];
  let passes = false;
  if (validator) {
    try { validator([value, ...prev]); passes = true; } catch (e) { if (!(e instanceof PuppetError)) throw e; }
  }
  if (!passes) throw failure(message);
  c.warn(message, loc);
  return undefined;
}

/**
 * A type given as a string. stdlib 8.5 parses it with a loader call Puppet 7
 * made private, so a string naming any type beyond Puppet's own fails in
 * real Puppet; the builtin fails the same way.
 */
function parseType(c: FunctionContext, text: string, scope: Scope): Value {
  const [expr] = parseManifest(text, '<validate_legacy>').body;
  const names = text.match(/\b[A-Z]\w*(?:::\w+)*/g) ?? [];
  if (names.some((n) => !DATA_TYPES.has(n))) {
    throw failure(`private method \`load' called for Scope(${scope.owner.resource?.ref ?? 'Class[main]'}):Puppet::Parser::Scope`);
  }
  return expr ? c.eval(expr, c.top) : undefined;
}

/** is_float: a Float, or a string Ruby's `to_f.to_s` gives back unchanged. */
const isFloatValue = (v: Value): boolean =>
  v instanceof PFloat || (typeof v === 'number' && !Number.isInteger(v)) || (typeof v === 'string' && v === formatFloat(rubyStrToF(v)));

/** is_string: a String (or nil) that is not the text of a number (`to_f.to_s`, `to_i.to_s`). */
const isStringValue = (v: Value): boolean =>
  v === undefined || (typeof v === 'string' && v !== formatFloat(rubyStrToF(v)) && v !== String(rubyToI(v)));

export const STDLIB_VALIDATION_FUNCTIONS: Record<string, PuppetFunction> = {
  validate_legacy: (c, args, scope, loc) => validateLegacy(c, args, scope, loc),
  ...Object.fromEntries(Object.entries(VALIDATORS).map(([name, check]) => [name, wrapped(name, (args) => { check(args); return undefined; })])),
  is_absolute_path: wrapped('is_absolute_path', (args) => {
    if (args.length !== 1) throw failure(`is_absolute_path(): Wrong number of arguments given (${args.length} for 1)`);
    return isAbsolutePath(args[0]);
  }),
  is_array: wrapped('is_array', (args) => { if (args.length === 0) throw failure('is_array(): Wrong number of arguments given (0 for 1)'); return isArray(args[0]); }),
  is_bool: wrapped('is_bool', (args) => { exactlyOne('is_bool', args, true); return typeof args[0] === 'boolean'; }),
  is_float: wrapped('is_float', (args) => { exactlyOne('is_float', args, false); return isFloatValue(args[0]); }),
  is_numeric: wrapped('is_numeric', (args) => {
    exactlyOne('is_numeric', args, false);
    const [v] = args;
    return typeof v === 'number' || v instanceof PFloat || (typeof v === 'string' && /^-?(?:(?:[1-9]\d*)|0)(?:\.\d+)?(?:[eE]-?\d+)?$/m.test(v));
  }),
  is_string: wrapped('is_string', (args) => { if (args.length === 0) throw failure('is_string(): Wrong number of arguments given (0 for 1)'); return isStringValue(args[0]); }),
  is_ip_address: wrapped('is_ip_address', (args) => { exactlyOne('is_ip_address', args, false); return ipVersion(args[0]) !== undefined; }),
  is_ipv4_address: wrapped('is_ipv4_address', (args) => { exactlyOne('is_ipv4_address', args, false); return ipVersion(args[0]) === 4; }),
  is_ipv6_address: wrapped('is_ipv6_address', (args) => { exactlyOne('is_ipv6_address', args, false); return ipVersion(args[0]) === 6; }),
  is_hash: legacyDeprecated('is_hash', (args) => { exactlyOne('is_hash', args, true); return isHash(args[0]); }),
  is_integer: legacyDeprecated('is_integer', (args) => {
    exactlyOne('is_integer', args, false);
    const [v] = args;
    return (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?(?:(?:[1-9]\d*)|0)$/m.test(v));
  }),
  is_domain_name: legacyDeprecated('is_domain_name', (args) => { exactlyOne('is_domain_name', args, false); return isDomainName(args[0]); }),
  is_email_address: legacyDeprecated('is_email_address', (args) => {
    exactlyOne('is_email_address', args, false);
    return isEmailAddress(args[0]);
  }),
  is_mac_address: legacyDeprecated('is_mac_address', (args) => {
    exactlyOne('is_mac_address', args, false);
    const [v] = args;
    return typeof v === 'string' && (/^[a-f0-9]{1,2}(:[a-f0-9]{1,2}){5}$/im.test(v) || /^[a-f0-9]{1,2}(:[a-f0-9]{1,2}){19}$/im.test(v));
  }),
  is_function_available: legacy((c, args) => {
    if (args.length !== 1) throw failure(`is_function_available?(): Wrong number of arguments given ${args.length} for 1`);
    const [name] = args;
    return typeof name === 'string' && c.isDefined(name, c.top);
  }),
};
