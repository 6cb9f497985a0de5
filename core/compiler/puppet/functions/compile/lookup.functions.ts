import type { Scope } from '../../evaluation/scope.js';
import type { MergeStrategy } from '../../loader/hiera.js';
import { PuppetError } from '../../puppet-error.js';
import type { Lambda } from '../../syntax/ast.types.js';
import { isArray, isHash, PType, toStr, typeNameOf, type PHash, type Value } from '../../types/values.js';
import { arity, str } from '../argument-checks.js';
import { dig, splitKey } from '../data/navigation.js';
import type { FunctionContext } from '../function-context.js';
import type { PuppetFunction } from '../puppet-function.types.js';

const MERGES = new Set(['first', 'unique', 'hash', 'deep']);

/** A `lookup` call's arguments, whichever of Puppet's signatures it used. */
interface LookupCall {
  names: readonly Value[];
  type: Value;
  merge: Value;
  /** The default, when the call gives one (4th argument or `default_value`). */
  dflt?: { value: Value };
  defaultValues?: PHash;
}

/**
 * Reads Puppet's `lookup` signatures: `(name, type?, merge?)`,
 * `(name, type, merge, default)`, `(name, options)` and `(options with name)`,
 * the options being `value_type`, `merge`, `default_value`, `default_values_hash`.
 */
function lookupCall(args: readonly Value[]): LookupCall {
  arity('lookup', args, 1, 4);
  const [name, type, merge, dflt] = args;
  const options = isHash(name) ? name : isHash(type) ? type : undefined;
  if (!options) return { names: isArray(name) ? name : [name], type, merge, ...(args.length >= 4 ? { dflt: { value: dflt } } : {}) };
  const n = isHash(name) ? options.get('name') : name;
  const dv = options.get('default_values_hash');
  return {
    names: isArray(n) ? n : [n],
    type: options.get('value_type'),
    merge: options.get('merge'),
    ...(options.has('default_value') ? { dflt: { value: options.get('default_value') } } : {}),
    ...(isHash(dv) ? { defaultValues: dv } : {}),
  };
}

function lookup(c: FunctionContext, args: Value[], scope: Scope, l: Lambda | undefined): Value {
  const call = lookupCall(args);
  const strategy = isHash(call.merge) ? call.merge.get('strategy') : call.merge;
  const merge = typeof strategy === 'string' && MERGES.has(strategy) ? (strategy as MergeStrategy) : undefined;
  for (const n of call.names) {
    if (typeof n !== 'string') throw new PuppetError(`'lookup' parameter 'name' expects a String value, got ${typeNameOf(n)}`, undefined);
    const r = c.hiera.lookup(n, merge, (v) => c.hieraVar(v, scope), c.hieraMemo);
    if (r.found) return checked(c, r.value, call.type, 'Found value');
    const dv = call.defaultValues;
    if (dv?.has(n)) return checked(c, dv.get(n), call.type, 'Found value');
  }
  // Puppet's order when nothing is found: the block, then the default.
  if (l) return checked(c, c.callLambda(l, [call.names.length === 1 ? call.names[0] : call.names], scope), call.type, 'Value returned from default block');
  if (call.dflt) return checked(c, call.dflt.value, call.type, 'Default value');
  throw new PuppetError(`Function lookup() did not find a value for the name '${toStr(call.names[0])}'`, undefined, 'plain');
}

function checked(c: FunctionContext, v: Value, type: Value, what: string): Value {
  if (type instanceof PType && !c.isInstance(type, v)) throw new PuppetError(`${what} has wrong type, ${c.mismatch(type, v)}`, undefined);
  return v;
}

/** Hiera lookups and variable lookups by name. */
export const LOOKUP_FUNCTIONS: Record<string, PuppetFunction> = {
  lookup: (c, args, scope, _loc, l) => lookup(c, args, scope, l),
  getvar: (c, args, scope, loc) => {
    const m = /^((?:::)?(?:\w+::)*\w+)(.*)$/s.exec(str('getvar', args, 0));
    if (!m) throw new PuppetError('The given string does not start with a valid variable name', undefined);
    const [, name, rest] = m as unknown as [string, string, string];
    if (rest !== '' && rest[0] !== '.') throw new PuppetError(`First character after var name in get string must be a '.' - got ${rest[0]}`, undefined);
    const v = name.includes('::') ? c.qualifiedVar(name, loc, true) : scope.lookup(name).value;
    if (v === undefined) return args[1];
    const r = rest === '' ? v : dig(v, splitKey(rest.slice(1)));
    return r === undefined ? args[1] : r;
  },
  hiera: (c, args, scope) => {
    const r = c.hiera.lookup(str('hiera', args, 0), 'first', (v) => c.hieraVar(v, scope), c.hieraMemo);
    if (r.found) return r.value;
    if (args.length > 1) return args[1];
    throw new PuppetError(`Function lookup() did not find a value for the name '${toStr(args[0])}'`, undefined, 'plain');
  },
  hiera_array: (c, args, scope) => {
    const r = c.hiera.lookup(str('hiera_array', args, 0), 'unique', (v) => c.hieraVar(v, scope), c.hieraMemo);
    if (r.found) return r.value;
    if (args.length > 1) return args[1];
    throw new PuppetError(`Function lookup() did not find a value for the name '${toStr(args[0])}'`, undefined, 'plain');
  },
  hiera_include: (c, args, scope, loc) => {
    const r = c.hiera.lookup(str('hiera_include', args, 0), 'unique', (v) => c.hieraVar(v, scope), c.hieraMemo);
    const names = r.found ? r.value : args[1];
    if (!r.found && args.length < 2) throw new PuppetError(`Function lookup() did not find a value for the name '${toStr(args[0])}'`, undefined, 'plain');
    c.declareClasses((isArray(names) ? names : [names]).map(toStr), scope, undefined, loc, 'Function Call');
    return undefined;
  },
  hiera_hash: (c, args, scope) => {
    const r = c.hiera.lookup(str('hiera_hash', args, 0), 'hash', (v) => c.hieraVar(v, scope), c.hieraMemo);
    if (r.found) return r.value;
    if (args.length > 1) return args[1];
    throw new PuppetError(`Function lookup() did not find a value for the name '${toStr(args[0])}'`, undefined, 'plain');
  },
};
