import type { Scope } from '../../evaluation/scope.js';
import type { Lambda } from '../../syntax/ast.types.js';
import { isArray, isHash, type PHash, type Value } from '../../types/values.js';
import type { FunctionContext } from '../function-context.js';
import type { PuppetFunction } from '../puppet-function.types.js';
import { failure, inspectRuby, legacy, rubyClass, rubyEq, rubyEql, rubyRegexp, rubyToI, rubyToS, rubyUniq } from './ruby-interop.js';

/** stdlib 8.5's collection functions (`merge`, `pick`, `delete`, `union`, …), as its Ruby defines them. */

/** Ruby's `Array(x)`: nil → [], a hash → its pairs, an array as is, anything else → [x]. */
const rubyArray = (v: Value): readonly Value[] =>
  v === undefined ? [] : isArray(v) ? v : isHash(v) ? [...v].map(([k, x]): Value => [k, x]) : [v];

/** merge's dispatch failure, worded as Puppet's dispatcher words it for stdlib's signatures. */
function mergeMismatch(got: Value): Error {
  const expected = typeof got === 'string' ? 'Undef, Hash[Scalar, Any], or String[0, 0], got String' : `Undef, Hash, or String, got ${isArray(got) ? 'Tuple' : rubyClass(got) === 'Integer' ? 'Integer' : typeName(got)}`;
  return failure(`The function 'merge' was called with arguments it does not accept. It expects one of:
  (Variant[Hash[Scalar, Any], Undef, String[0, 0]] args*)
    rejected: parameter 'args' expects a value of type ${expected}
  (Iterable args*, Callable[3, 3] block)
    rejected: expects a block
  (Iterable args*, Callable[2, 2] block)
    rejected: expects a block`);
}

const typeName = (v: Value): string => (typeof v === 'boolean' ? 'Boolean' : typeof v === 'number' ? 'Float' : 'Any');

/** stdlib's 4.x `merge`: hashes left to right, or a lambda's hashes over an iterable. */
function merge(c: FunctionContext, args: Value[], scope: Scope, lambda?: Lambda): Value {
  const acc = new Map<Value, Value>();
  const add = (h: Value): void => { if (isHash(h)) for (const [k, v] of h) acc.set(k, v); };
  if (!lambda) {
    for (const a of args) {
      if (!(a === undefined || a === '' || isHash(a))) throw mergeMismatch(a);
      add(a);
    }
    return acc;
  }
  const n = lambda.params.length;
  if (n !== 2 && n !== 3) {
    throw failure(`The function 'merge' was called with arguments it does not accept. It expects one of:
  (Variant[Hash[Scalar, Any], Undef, String[0, 0]] args*)
    rejected: does not expect a block
  (Iterable args*, Callable[3, 3] block)
    rejected: block expects 3 arguments, got ${n}
  (Iterable args*, Callable[2, 2] block)
    rejected: block expects 2 arguments, got ${n}`);
  }
  const [it] = args;
  const three = n === 3;
  if (isHash(it)) {
    for (const [k, v] of it) add(c.callLambda(lambda, three ? [new Map(acc), k, v] : [new Map(acc), [k, v]], scope));
  } else if (isArray(it)) {
    it.forEach((v, i) => add(c.callLambda(lambda, three ? [new Map(acc), i, v] : [new Map(acc), v], scope)));
  }
  return acc;
}

function deepMerge(a: PHash, b: PHash): PHash {
  const out = new Map(a);
  for (const [k, v] of b) {
    const old = out.get(k);
    out.set(k, isHash(old) && isHash(v) ? deepMerge(old, v) : v);
  }
  return out;
}

/** pick/pick_default's filter: nil, :undef and '' are not values. */
const picked = (args: readonly Value[]): Value[] => args.filter((a) => a !== undefined && a !== '');

function deleteFrom(coll: Value, items: Value): Value {
  let out = coll;
  for (const item of rubyArray(items)) {
    if (isArray(out)) out = out.filter((x) => !rubyEq(x, item));
    else if (isHash(out)) { const h = new Map(out); h.delete(item); out = h; }
    else if (typeof out === 'string') out = out.split(rubyToS(item)).join('');
    else throw failure(`delete(): First argument must be an Array, String, or Hash. Given an argument of class ${rubyClass(coll)}.`);
  }
  return out;
}

/** Ruby's `String#succ` on the alphanumeric run (`host01` → `host02`, `az` → `ba`). */
function succ(s: string): string {
  const chars = [...s];
  for (let i = chars.length - 1; i >= 0; i--) {
    const ch = chars[i]!;
    if (ch === 'z') chars[i] = 'a';
    else if (ch === 'Z') chars[i] = 'A';
    else if (ch === '9') chars[i] = '0';
    else if (/[a-yA-Y0-8]/.test(ch)) { chars[i] = String.fromCharCode(ch.charCodeAt(0) + 1); return chars.join(''); }
    else continue;
    if (i === 0 || !/[a-zA-Z0-9]/.test(chars[i - 1]!)) {
      chars.splice(i, 0, ch === 'z' ? 'a' : ch === 'Z' ? 'A' : '1');
      return chars.join('');
    }
  }
  return chars.join('');
}

/** Ruby's `(start..stop).step(step)` for stdlib's `range`, capped as stdlib caps it. */
function rangeOf(c: FunctionContext, start: Value, stop: Value, step: number, exclusive: boolean): Value[] {
  const out: Value[] = [];
  const cap = 1_000_000;
  if (/^\d+$/.test(rubyToS(start))) {
    const a = rubyToI(start);
    const b = rubyToI(stop);
    for (let i = a; exclusive ? i < b : i <= b; i += step) { out.push(i); if (out.length >= cap) break; }
  } else {
    const a = rubyToS(start);
    const b = rubyToS(stop);
    // Ruby's String#upto: nothing when start sorts after stop; succ until stop or past its length.
    if (a > b || (exclusive && a === b)) return out;
    let n = 0;
    for (let s = a; s.length > 0 && s.length <= b.length; s = succ(s), n++) {
      if (exclusive && s === b) break;
      if (n % step === 0) out.push(s);
      if (s === b || out.length >= cap) break;
    }
  }
  c.budget.collection(out.length, { line: 0, column: 0 });
  return out;
}

function range(c: FunctionContext, args: Value[]): Value {
  if (args.length === 0) throw failure('range(): Wrong number of arguments given (0 for 1)');
  if (args.length > 1) {
    const step = args[2] === undefined || args[2] === '' && args.length < 3 ? 1 : Math.abs(rubyToI(args[2]));
    if (step === 0) throw failure('range(): 3rd arg (step size) must be a non zero integer (e.g. 1 or -1)');
    return rangeOf(c, args[0], args[1], step, false);
  }
  const value = args[0];
  if (typeof value !== 'string') throw failure(`undefined method \`match' for ${inspectRuby(value)}:${rubyClass(value)}`);
  const m = /^(\w+)(\.\.\.?|-)(\w+)$/.exec(value);
  if (!m) throw failure(value === '' ? `range(): Unknown range format: ${value}` : `range(): Unable to compute range from the value: ${value}`);
  return rangeOf(c, m[1]!, m[3]!, 1, m[2] === '...');
}

function valuesAt(args: Value[]): Value {
  if (args.length < 2) throw failure(`values_at(): Wrong number of arguments given (${args.length} for 2)`);
  const [array, idx] = args;
  if (!isArray(array)) throw failure('values_at(): Requires array to work with');
  const indices = isArray(idx) ? idx.flat(Infinity as 1) : [idx];
  if (indices.length === 0) throw failure('values_at(): You must provide at least one positive index to collect');
  const list: number[] = [];
  for (const raw of indices) {
    const i = rubyToS(raw);
    const m = /^(\d+)(\.\.\.?|-)(\d+)$/.exec(i);
    if (m) {
      const start = Number(m[1]);
      const stop = Number(m[3]);
      if (start > stop) throw failure('values_at(): Stop index in given indices range is smaller than the start index');
      if (stop > array.length - 1) throw failure('values_at(): Stop index in given indices range exceeds array size');
      for (let n = start; m[2] === '...' ? n < stop : n <= stop; n++) list.push(n);
    } else {
      if (!/^\d+$/.test(i)) throw failure('values_at(): Unknown format of given index');
      if (Number(i) > array.length - 1) throw failure('values_at(): Given index exceeds array size');
      list.push(Number(i));
    }
  }
  return list.map((n) => array[n]).filter((x) => x !== undefined);
}

function affix(fn: 'prefix' | 'suffix', args: Value[]): Value {
  if (args.length === 0) throw failure(`${fn}(): Wrong number of arguments given (0 for 1)`);
  const [coll, given] = args;
  if (!isArray(coll) && !isHash(coll)) throw failure(`${fn}(): expected first argument to be an Array or a Hash, got ${inspectRuby(coll)}`);
  if (given !== undefined && given !== false && typeof given !== 'string') throw failure(`${fn}(): expected second argument to be a String, got ${inspectRuby(given)}`);
  const a = typeof given === 'string' ? given : '';
  const f = (s: Value): string => (fn === 'prefix' ? a + rubyToS(s) : rubyToS(s) + a);
  return isArray(coll) ? coll.map(f) : new Map([...coll].map(([k, v]) => [f(k), v]));
}

function zip(args: Value[]): Value {
  if (args.length < 2) throw failure(`zip(): Wrong number of arguments given (${args.length} for 2)`);
  const [a, b, flat] = args;
  if (!isArray(a) || !isArray(b)) throw failure('zip(): Requires array to work with');
  const pairs: Value[] = a.map((x, i) => [x, b[i]]);
  const flatten = flat !== undefined && flat !== false && str2boolOf(flat);
  return flatten ? pairs.flat(Infinity as 1) : pairs;
}

/** stdlib's `str2bool` on a value (booleans pass through). */
export function str2boolOf(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') throw failure('str2bool(): Requires string to work with');
  if (v === '') return false;
  if (/^(1|t|y|true|yes)$/i.test(v)) return true;
  if (/^(0|f|n|false|no)$/i.test(v)) return false;
  if (/^(undef|undefined)$/.test(v)) return false;
  throw failure('str2bool(): Unknown type of boolean given');
}

function dig44(args: Value[]): Value {
  if (args.length < 2) throw failure(`dig44(): Wrong number of arguments given (${args.length} for at least 2)`);
  const [data, path, dflt] = args;
  if (!isHash(data) && !isArray(data)) throw failure(`dig44(): first argument must be a hash or an array, given ${rubyClass(data)}`);
  if (!isArray(path)) throw failure(`dig44(): second argument must be an array, given ${rubyClass(path)}`);
  let v: Value = data;
  for (const key of path) {
    if (isHash(v)) v = v.get(key);
    else if (isArray(v)) {
      const i = typeof key === 'number' ? key : /^\s*[-+]?\d+\s*$/.test(rubyToS(key)) ? Number(key) : NaN;
      if (Number.isNaN(i)) { v = undefined; break; }
      v = v[i < 0 ? v.length + i : i];
    } else { v = undefined; break; }
    if (v === undefined) break;
  }
  return v === undefined ? dflt : v;
}

function joinKeysToValues(args: Value[]): Value {
  if (args.length !== 2) throw failure(`join_keys_to_values(): Takes exactly two arguments, but ${args.length} given.`);
  const [hash, sep] = args;
  if (!isHash(hash)) throw failure(`join_keys_to_values(): The first argument must be a hash, but a ${rubyClass(hash)} was given.`);
  if (typeof sep !== 'string') throw failure(`join_keys_to_values(): The second argument must be a string, but a ${rubyClass(sep)} was given.`);
  return [...hash].flatMap(([k, v]): Value[] => {
    if (isArray(v)) return v.map((x) => rubyToS(k) + sep + rubyToS(x));
    return rubyToS(v) === 'undef' ? [rubyToS(k)] : [rubyToS(k) + sep + rubyToS(v)];
  });
}

function twoArrays(fn: string, args: Value[], detail: boolean): [readonly Value[], readonly Value[]] {
  if (args.length !== 2) throw failure(`${fn}(): Wrong number of arguments given (${args.length} for 2)`);
  const [a, b] = args;
  if (!isArray(a) || !isArray(b)) throw failure(`${fn}(): Requires 2 arrays${detail ? `, got ${rubyClass(a)} and ${rubyClass(b)}` : ''}`);
  return [a, b];
}

export const STDLIB_COLLECTION_FUNCTIONS: Record<string, PuppetFunction> = {
  merge: (c, args, scope, _loc, lambda) => merge(c, args, scope, lambda),
  deep_merge: legacy((_c, args) => {
    if (args.length < 2) throw failure(`deep_merge(): wrong number of arguments (${args.length}; must be at least 2)`);
    let out: PHash = new Map();
    for (const a of args) {
      if (a === '') continue;
      if (!isHash(a)) throw failure(`deep_merge: unexpected argument type ${rubyClass(a)}, only expects hash arguments`);
      out = deepMerge(out, a);
    }
    return out;
  }),
  pick: legacy((_c, args) => {
    const [first] = picked(args);
    if (first === undefined || rubyToS(first) === '') throw failure('pick(): must receive at least one non empty value');
    return first;
  }),
  pick_default: legacy((_c, args) => {
    if (args.length === 0) throw failure('Must receive at least one argument.');
    return [...picked(args.slice(0, -1)), args[args.length - 1]][0];
  }),
  delete: legacy((_c, args) => {
    if (args.length !== 2) throw failure(`delete(): Wrong number of arguments given ${args.length} for 2`);
    return deleteFrom(args[0], args[1]);
  }),
  delete_at: legacy((_c, args) => {
    if (args.length < 2) throw failure(`delete_at(): Wrong number of arguments given (${args.length} for 2)`);
    const [array, index] = args;
    if (!isArray(array)) throw failure('delete_at(): Requires array to work with');
    if (typeof index === 'string' && !/^\d+$/m.test(index)) throw failure('delete_at(): You must provide non-negative numeric index');
    const i = rubyToI(index);
    if (i > array.length - 1) throw failure('delete_at(): Given index exceeds size of array given');
    return array.filter((_x, n) => n !== (i < 0 ? array.length + i : i));
  }),
  delete_regex: legacy((_c, args) => {
    if (args.length !== 2) throw failure(`delete_regex(): Wrong number of arguments given ${args.length} for 2`);
    let out = args[0];
    for (const item of rubyArray(args[1])) {
      const re = rubyRegexp(`\\b${rubyToS(item)}\\b`);
      if (isArray(out)) out = out.filter((x) => !(typeof x === 'string' && re.test(x)));
      // Hash#reject! with a one-parameter block sees the key only.
      else if (isHash(out)) out = new Map([...out].filter(([k]) => !(typeof k === 'string' && re.test(k))));
      else throw failure(`delete_regex(): First argument must be an Array, Hash, or String. Given an argument of class ${rubyClass(out)}.`);
    }
    return out;
  }),
  delete_undef_values: legacy((_c, args) => {
    if (args.length === 0) throw failure(`delete_undef_values(): Wrong number of arguments given (${args.length})`);
    const [v] = args;
    if (isHash(v)) return new Map([...v].filter(([, x]) => x !== undefined));
    if (isArray(v)) return v.filter((x) => x !== undefined);
    throw failure(`delete_undef_values(): expected an array or hash, got ${rubyToS(v)} type  ${rubyClass(v)} `);
  }),
  delete_values: legacy((_c, args) => {
    if (args.length !== 2) throw failure(`delete_values(): Wrong number of arguments given (${args.length} of 2)`);
    const [hash, item] = args;
    if (!isHash(hash)) throw failure(`delete_values(): First argument must be a Hash. Given an argument of class ${rubyClass(hash)}.`);
    return new Map([...hash].filter(([, v]) => !rubyEq(item, v)));
  }),
  concat: legacy((_c, args) => {
    if (args.length < 2) throw failure(`concat(): Wrong number of arguments given (${args.length} for < 2)`);
    const [a, ...rest] = args;
    if (!isArray(a)) throw failure('concat(): Requires array to work with');
    return rest.reduce<Value[]>((out, x) => [...out, ...(isArray(x) ? x : [x])], [...a]);
  }),
  member: legacy((_c, args) => {
    if (args.length < 2) throw failure(`member(): Wrong number of arguments given (${args.length} for 2)`);
    const [array, item] = args;
    if (!isArray(array)) throw failure('member(): Requires array to work with');
    if (!(typeof item === 'string' || (typeof item === 'number' && Number.isInteger(item)) || isArray(item))) {
      throw failure('member(): Item to search for must be a string, fixnum, or array');
    }
    const items = isArray(item) ? item : [item];
    if (items.length === 0) throw failure('member(): You must provide item to search for within array given');
    return items.every((x) => array.some((y) => rubyEql(x, y)));
  }),
  has_key: legacy((_c, args) => {
    if (args.length !== 2) throw failure(`has_key(): wrong number of arguments (${args.length}; must be 2)`);
    const [h, k] = args;
    if (!isHash(h)) throw failure(`has_key(): expects the first argument to be a hash, got ${inspectRuby(h)} which is of type ${rubyClass(h)}`);
    return h.has(k);
  }),
  union: legacy((_c, args) => {
    if (args.length < 2) throw failure(`union(): Wrong number of arguments given (${args.length} for < 2)`);
    if (!args.every(isArray)) throw failure('union(): Every parameter must be an array');
    return rubyUniq((args as (readonly Value[])[]).flat(1));
  }),
  difference: legacy((_c, args) => {
    const [a, b] = twoArrays('difference', args, false);
    return a.filter((x) => !b.some((y) => rubyEql(x, y)));
  }),
  intersection: legacy((_c, args) => {
    const [a, b] = twoArrays('intersection', args, true);
    return rubyUniq(a.filter((x) => b.some((y) => rubyEql(x, y))));
  }),
  join_keys_to_values: legacy((_c, args) => joinKeysToValues(args)),
  values_at: legacy((_c, args) => valuesAt(args)),
  zip: legacy((_c, args) => zip(args)),
  count: legacy((_c, args) => {
    if (args.length > 2) throw failure(`count(): Wrong number of arguments given ${args.length} for 1 or 2.`);
    const [coll, item] = args;
    const xs = rubyArray(coll);
    return args.length > 1 ? xs.filter((x) => rubyEq(x, item)).length : xs.filter((x) => x !== undefined && x !== '').length;
  }),
  prefix: legacy((_c, args) => affix('prefix', args)),
  suffix: legacy((_c, args) => affix('suffix', args)),
  range: legacy((c, args) => range(c, args)),
  reject: legacy((_c, args) => {
    if (args.length !== 2) throw failure(`reject(): Wrong number of arguments given ${args.length} for 2`);
    const re = rubyRegexp(args[1]);
    return rubyArray(args[0]).filter((x) => !(typeof x === 'string' && re.test(x)));
  }),
  grep: legacy((_c, args) => {
    if (args.length !== 2) throw failure(`grep(): Wrong number of arguments given ${args.length} for 2`);
    const re = rubyRegexp(args[1]);
    return rubyArray(args[0]).filter((x) => typeof x === 'string' && re.test(x));
  }),
  dig44: legacy((_c, args) => dig44(args)),
  any2array: legacy((_c, args) => {
    if (args.length === 0) return [];
    if (args.length > 1) return args;
    const [v] = args;
    if (isArray(v)) return v;
    if (v === '') return [];
    if (isHash(v)) return [...v].flatMap(([k, x]) => [k, x]);
    return args;
  }),
  // stdlib's 3.x `dig` (deprecated for dig44) is what it calls.
  try_get_value: legacy((c, args, _scope, loc) => {
    c.warn('try_get_value() DEPRECATED: this function is deprecated, please use dig() instead.', loc);
    const [data, pathArg, dflt, sepArg] = args;
    const path = pathArg === undefined || pathArg === false ? '' : pathArg;
    if (!(isHash(data) || isArray(data)) || path === '') return dflt !== undefined && dflt !== false && dflt !== '' ? dflt : data;
    const sep = sepArg === undefined || sepArg === false ? '/' : rubyToS(sepArg);
    const keys = rubyToS(path).split(sep).map((k): Value => (/^\d+$/m.test(k) ? Number(k) : k));
    return dig44([data, keys, dflt]);
  }),
  hash: legacy((_c, args) => {
    if (args.length === 0) throw failure(`hash(): Wrong number of arguments given (${args.length} for 1)`);
    const [a] = args;
    if (!isArray(a)) throw failure('hash(): Requires array to work with');
    const flat = a.flat(Infinity as 1);
    const out = new Map<Value, Value>();
    for (let i = 0; i + 1 < flat.length; i += 2) out.set(flat[i], flat[i + 1]);
    return out;
  }),
};
