import type { Compilation } from '../compilation.js';
import type { MergeStrategy } from '../hiera.js';
import { PuppetError } from '../puppet-error.js';
import type { Scope } from '../scope.js';
import { isArray, isHash, PType, toStr, typeNameOf, type Value } from '../values.js';
import { arity, str } from './argument-checks.js';
import type { PuppetFunction } from './puppet-function.types.js';

const MERGES = new Set(['first', 'unique', 'hash', 'deep']);

function lookup(c: Compilation, args: Value[], scope: Scope): Value {
  arity('lookup', args, 1, 4);
  let [name, type, merge, dflt] = args;
  let hasDefault = args.length >= 4;
  const options = isHash(name) ? name : isHash(type) ? type : undefined;
  if (options) {
    const o = options;
    type = o.get('value_type');
    merge = o.get('merge');
    hasDefault = o.has('default_value');
    dflt = o.get('default_value');
    if (o.has('name')) name = o.get('name');
  }
  const names = isArray(name) ? name : [name];
  const strategy = isHash(merge) ? merge.get('strategy') : merge;
  for (const n of names) {
    if (typeof n !== 'string') throw new PuppetError(`'lookup' parameter 'name' expects a String value, got ${typeNameOf(n)}`, undefined);
    const r = c.hiera.lookup(n, typeof strategy === 'string' && MERGES.has(strategy) ? (strategy as MergeStrategy) : undefined, (v) => c.hieraVar(v, scope), c.hieraMemo);
    if (r.found) return checked(c, r.value, type, n);
  }
  if (hasDefault) return checked(c, dflt, type, String(names[0]));
  throw new PuppetError(`Function lookup() did not find a value for the name '${toStr(names[0])}'`, undefined, 'plain');
}

function checked(c: Compilation, v: Value, type: Value, name: string): Value {
  if (type instanceof PType && !c.isInstance(type, v)) {
    throw new PuppetError(`Found value has wrong type, ${c.mismatch(type, v)} (lookup of '${name}')`, undefined);
  }
  return v;
}

/** Hiera lookups and variable lookups by name. */
export const LOOKUP_FUNCTIONS: Record<string, PuppetFunction> = {
  lookup: (c, args, scope) => lookup(c, args, scope),
  getvar: (c, args, scope, loc) => {
    const [name, ...path] = str('getvar', args, 0).split('.');
    let v = name!.includes('::') ? c.qualifiedVar(name!, loc, true) : scope.lookup(name!).value;
    for (const k of path) v = isHash(v) ? v.get(k) : isArray(v) ? v[Number(k)] : undefined;
    return v === undefined && args.length > 1 ? args[1] : v;
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
