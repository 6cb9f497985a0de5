import { ControlSignal } from '../../evaluation/control-signal.js';
import type { Scope } from '../../evaluation/scope.js';
import { PuppetError } from '../../puppet-error.js';
import type { Lambda, Loc } from '../../syntax/ast.types.js';
import { equals, inspect, isArray, isHash, isInteger, isIterableType, isNumeric, numberOf, PType, rubyEquals, truthy, toStr, typeNameOf, type PHash, type Value } from '../../types/values.js';
import { argError, argTypeName, arity, blockArity, collection } from '../argument-checks.js';
import type { FunctionContext } from '../function-context.js';
import type { PuppetFunction } from '../puppet-function.types.js';
import { dig, splitKey } from './navigation.js';

function needLambda(fn: string, l: Lambda | undefined): Lambda {
  if (!l) throw new PuppetError(`'${fn}' expects a block`, undefined);
  return l;
}

/**
 * Calls the lambda once per element with the arguments Puppet gives it:
 * `|$v|`, `|$i, $v|`, `|$k, $v|` or `|[$k, $v]|`; `break` ends the loop.
 * Plain index loops on purpose: the hot path of every policy-heavy
 * compile, where building all argument arrays up front made V8 deoptimize
 * and reoptimize the loop over and over ("out of bounds").
 */
function iterate(
  c: FunctionContext, fn: string, v: Value, scope: Scope, loc: Loc, l: Lambda, each: (args: Value[], r: Value) => void,
  argsOf?: (x: Value) => Value[],
): void {
  const coll = collection(fn, v, sizeCheck(c, loc));
  blockArity(fn, l.params.length, 1, 2);
  // A block taking two arguments, or any number (`|*$kv|`), gets index and value (key and value for a Hash).
  const pairs = l.params.length >= 2 || l.params[0]?.captures === true;
  const visit = (args: Value[]): void => each(args, c.callLambda(l, args, scope));
  try {
    if (isArray(coll)) {
      for (let i = 0; i < coll.length; i++) visit(argsOf ? argsOf(coll[i]) : pairs ? [i, coll[i]!] : [coll[i]!]);
    } else {
      for (const [k, x] of coll) visit(pairs ? [k, x] : [[k, x]]);
    }
  } catch (sig) {
    if (sig instanceof ControlSignal && sig.kind === 'break') return;
    throw sig;
  }
}

/** Checks a generated collection's size against the compile's bounds before it is allocated. */
const sizeCheck = (c: FunctionContext, loc: Loc) => (n: number): void => c.budget.collection(n, loc);

/**
 * `min`/`max` over the arguments or one Array of them, as Puppet 7 compares:
 * with the block's answer, Numerics as numbers, anything else by its string
 * (numeric-looking strings as numbers, a deprecated coercion).
 */
function extreme(c: FunctionContext, fn: string, args: readonly Value[], scope: Scope, l: Lambda | undefined, better: (r: number) => boolean): Value {
  const a = args.length === 1 && isArray(args[0]) ? args[0] : args;
  if (a.length === 0) throw new PuppetError(`${fn}(): Wrong number of arguments need at least one`, undefined);
  const order = l ? (x: Value, y: Value): number => Number(c.callLambda(l, [x, y], scope)) : coercingCmp;
  return a.reduce((m, x) => (better(order(x, m)) ? x : m));
}

const NUMBER_LIKE = /^-?\d+([._eE]\d+)?$/;

function coercingCmp(a: Value, b: Value): number {
  if (isNumeric(a) && isNumeric(b)) return numberOf(a)! - numberOf(b)!;
  const [x, y] = [toStr(a), toStr(b)];
  if (NUMBER_LIKE.test(x) && NUMBER_LIKE.test(y)) return Number.parseFloat(x.replace(/_/g, '')) - Number.parseFloat(y.replace(/_/g, ''));
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A block's arguments for element `i`: `|$x|`, or `|$i, $x|` (`|$k, $v|` for a Hash). */
function blockArgs(l: Lambda, coll: readonly Value[] | PHash, i: number, x: Value): Value[] {
  if (l.params.length < 2) return [x];
  return isHash(coll) ? [...(x as Value[])] : [i, x];
}

/** A collection's elements as an array: a Hash's entries become `[key, value]` pairs. */
const elements = (coll: readonly Value[] | PHash): readonly Value[] => (isArray(coll) ? coll : [...coll].map(([k, x]): Value => [k, x]));


/** Ruby's `<=>` as `sort` uses it: Numerics and Strings (case-sensitive) among themselves only. */
const rubyCmp = (a: Value, b: Value): number => {
  if (isNumeric(a) && isNumeric(b)) return numberOf(a)! - numberOf(b)!;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new PuppetError(`comparison of ${typeNameOf(a)} with ${typeNameOf(b)} failed`, undefined);
};

const comparableWith = (a: Value, b: Value): boolean => (isNumeric(a) && isNumeric(b)) || (typeof a === 'string' && typeof b === 'string');

/** Ruby's `uniq`: the first element of each key, keys compared by their printed form (so case matters). */
function uniq(items: readonly Value[], keyOf: (x: Value) => string): Value[] {
  const seen = new Set<string>();
  return items.filter((x) => { const k = keyOf(x); if (seen.has(k)) return false; seen.add(k); return true; });
}

/** `tree_each`'s options, Puppet's defaults when absent. */
interface TreeOptions { breadthFirst: boolean; containers: boolean; values: boolean; root: boolean }

function treeOptions(v: Value): TreeOptions {
  const o = isHash(v) ? v : new Map<Value, Value>();
  const flag = (k: string): boolean => o.get(k) !== false;
  const options = { breadthFirst: o.get('order') === 'breadth_first', containers: flag('include_containers'), values: flag('include_values'), root: flag('include_root') };
  if (!options.containers && !options.values) throw new PuppetError(`Options 'include_containers' and 'include_values' cannot both be false`, undefined);
  return options;
}

/** `tree_each`'s walk: `[path, value]` for the root and every container and value below it, in the chosen order. */
function treeWalk(c: FunctionContext, tree: Value, o: TreeOptions, loc: Loc): Value[] {
  const out: Value[] = [];
  const queue: [Value[], Value][] = [[[], tree]];
  while (queue.length) {
    const [path, v] = o.breadthFirst ? queue.shift()! : queue.pop()!;
    const container = isArray(v) || isHash(v);
    if ((container ? o.containers : o.values) && (path.length > 0 || o.root)) out.push([path, v]);
    c.budget.collection(out.length, loc);
    if (!container) continue;
    const children = isArray(v) ? v.map((x, i): [Value[], Value] => [[...path, i], x]) : [...v].map(([k, x]): [Value[], Value] => [[...path, k], x]);
    // Depth first pops from the end: pushed in reverse so the first child comes out first.
    queue.push(...(o.breadthFirst ? children : children.reverse()));
  }
  return out;
}

/** Iteration and collection functions. */
/**
 * A size argument that must be an `Integer[1]` (a size below 1 would never
 * advance the loops). `slice` dispatches on Hash or Iterable, so its error
 * lists both signatures.
 */
function positive(fn: string, param: string, v: Value, subject?: Value): number {
  if (isInteger(v) && v >= 1) return v;
  const got = isInteger(v) ? `Integer[${v}, ${v}]` : argTypeName(v);
  if (subject === undefined) throw new PuppetError(`'${fn}' parameter '${param}' expects an Integer[1] value, got ${got}`, undefined);
  const hash = isHash(subject) ? `parameter '${param}' expects an Integer[1] value, got ${got}` : `parameter 'hash' expects a Hash value, got ${argTypeName(subject)}`;
  throw new PuppetError(`The function '${fn}' was called with arguments it does not accept. It expects one of:\n  (Hash hash, Integer[1] ${param}, Callable block?)\n    rejected: ${hash}\n  (Iterable enumerable, Integer[1] ${param}, Callable block?)\n    rejected: parameter '${param}' expects an Integer[1] value, got ${got}`, undefined);
}

/**
 * `reverse_each`/`step`'s signatures: an Iterable, and an optional block of
 * one parameter (`signature`: the signature's text up to the block).
 */
function iterableSignature(fn: string, signature: string, v: Value, l: Lambda | undefined): void {
  const iterable = isArray(v) || isHash(v) || typeof v === 'string' || isInteger(v) || (v instanceof PType && isIterableType(v));
  if (!iterable) throw argError(fn, 'iterable', 'an Iterable', v);
  if (!l) return;
  // The block must accept one argument: at most one required parameter, at least one in all (or a rest).
  const required = l.params.filter((p) => !p.value && !p.captures).length;
  if (required <= 1 && (l.params.length >= 1)) return;
  const got = l.params.length === 0 ? 'none' : String(l.params.length);
  throw new PuppetError(`The function '${fn}' was called with arguments it does not accept. It expects one of:\n  ${signature})\n    rejected: does not expect a block\n  ${signature}, Callable[1, 1] block)\n    rejected: block expects 1 argument, got ${got}`, undefined);
}

export const COLLECTION_FUNCTIONS: Record<string, PuppetFunction> = {
  each: (c, args, scope, loc, l) => { iterate(c, 'each', args[0], scope, loc, needLambda('each', l), () => undefined); return args[0]; },
  map: (c, args, scope, loc, l) => {
    const out: Value[] = [];
    iterate(c, 'map', args[0], scope, loc, needLambda('map', l), (_a, r) => out.push(r));
    return out;
  },
  filter: (c, args, scope, loc, l) => {
    const v = args[0];
    const kept: Value[][] = [];
    iterate(c, 'filter', v, scope, loc, needLambda('filter', l), (a, r) => { if (r !== undefined && r !== false) kept.push(a); });
    if (isHash(v)) return new Map(kept.map((a) => (a.length === 2 ? [a[0], a[1]] : (a[0] as Value[])) as [Value, Value]));
    return kept.map((a) => a[a.length - 1]);
  },
  reduce: (c, args, scope, loc, l) => {
    const lambda = needLambda('reduce', l);
    const items = elements(collection('reduce', args[0], sizeCheck(c, loc)));
    let memo: Value;
    let start = 0;
    if (args.length > 1) memo = args[1];
    else { memo = items[0]; start = 1; }
    try {
      for (let i = start; i < items.length; i++) memo = c.callLambda(lambda, [memo, items[i]], scope);
    } catch (sig) {
      // `break()` ends the reduction with the value so far.
      if (!(sig instanceof ControlSignal && sig.kind === 'break')) throw sig;
    }
    return memo;
  },
  any: (c, args, scope, loc, l) => {
    let hit = false;
    iterate(c, 'any', args[0], scope, loc, needLambda('any', l), (_a, r) => { if (r !== undefined && r !== false) { hit = true; throw new ControlSignal('break', undefined); } });
    return hit;
  },
  all: (c, args, scope, loc, l) => {
    let ok = true;
    iterate(c, 'all', args[0], scope, loc, needLambda('all', l), (_a, r) => { if (r === undefined || r === false) { ok = false; throw new ControlSignal('break', undefined); } });
    return ok;
  },
  tree_each: (c, args, scope, loc, l) => {
    arity('tree_each', args, 1, 2);
    const tree = args[0];
    if (!isArray(tree) && !isHash(tree)) {
      throw new PuppetError(`'tree_each' parameter 'tree' expects a value of type Iterator, Array, Hash, or Object, got ${typeNameOf(tree)}`, undefined);
    }
    const walk = treeWalk(c, tree, treeOptions(args[1]), loc);
    if (!l) return walk;
    iterate(c, 'tree_each', walk, scope, loc, l, () => undefined, (pair) => (l.params.length >= 2 ? [...(pair as Value[])] : [(pair as Value[])[1]]));
    return tree;
  },
  with: (c, args, scope, _loc, l) => c.callLambda(needLambda('with', l), args, scope),
  keys: (_c, args) => { const h = args[0]; if (!isHash(h)) throw argError('keys', 'hsh', 'a Hash', h); return [...h.keys()]; },
  values: (_c, args) => { const h = args[0]; if (!isHash(h)) throw argError('values', 'hsh', 'a Hash', h); return [...h.values()]; },
  flatten: (c, args, _scope, loc) => c.budget.flat(args.length === 1 && isArray(args[0]) ? args[0] : args, loc),
  unique: (c, args, scope, loc, l) => {
    const v = args[0];
    const keyOf = (x: Value): string => inspect(l ? c.callLambda(l, [x], scope) : x);
    if (typeof v === 'string') return uniq([...v], keyOf).join('');
    if (isHash(v)) {
      // Keys grouped by value: `{[keys with that value] => [their distinct values]}`.
      const groups = new Map<string, [Value[], Value[]]>();
      for (const [k, x] of v) {
        const key = keyOf(x);
        const g = groups.get(key) ?? groups.set(key, [[], []]).get(key)!;
        g[0].push(k);
        g[1].push(x);
      }
      return new Map([...groups.values()].map(([ks, xs]): [Value, Value] => [ks, uniq(xs, inspect)]));
    }
    if (isArray(v)) return uniq(v, keyOf);
    if (isInteger(v) || (v instanceof PType && isIterableType(v))) return uniq(elements(collection('unique', v, sizeCheck(c, loc))), keyOf);
    if (v === undefined) {
      const sig = (t: string, p: string, block: string, want: string): string => `  (${t} ${p}, Callable[${block}] block?)\n    rejected: parameter '${p}' expects ${want} value, got Undef`;
      throw new PuppetError(`The function 'unique' was called with arguments it does not accept. It expects one of:\n${[
        sig('String', 'string', 'String', 'a String'), sig('Hash', 'hash', 'Any', 'a Hash'), sig('Array', 'array', 'Any', 'an Array'), sig('Iterable', 'iterable', 'Any', 'an Iterable'),
      ].join('\n')}`, undefined);
    }
    throw argError('unique', 'iterable', 'an Iterable', v);
  },
  sort: (c, args, scope, _loc, l) => {
    const v = args[0];
    if (typeof v === 'string') return [...v].sort().join('');
    if (!isArray(v)) {
      const got = argTypeName(v);
      throw new PuppetError(`The function 'sort' was called with arguments it does not accept. It expects one of:\n  (String string_value, Callable[2, 2] block?)\n    rejected: parameter 'string_value' expects a String value, got ${got}\n  (Array array_value, Callable[2, 2] block?)\n    rejected: parameter 'array_value' expects an Array value, got ${got}`, undefined);
    }
    if (!l) {
      // Ruby names the first pair it cannot compare; check up front, as the sort's own order is not Ruby's.
      const bad = v.find((x) => !comparableWith(v[0], x));
      if (bad !== undefined || (v.length && !comparableWith(v[0], v[0]))) throw new PuppetError(`comparison of ${typeNameOf(v[0])} with ${typeNameOf(bad ?? v[0])} failed`, undefined);
    }
    return [...v].sort(l ? (a, b) => Number(c.callLambda(l, [a, b], scope)) : rubyCmp);
  },
  min: (c, args, scope, _loc, l) => extreme(c, 'min', args, scope, l, (r) => r < 0),
  max: (c, args, scope, _loc, l) => extreme(c, 'max', args, scope, l, (r) => r > 0),
  dig: (_c, args) => {
    const data = args[0];
    if (data !== undefined && !isArray(data) && !isHash(data)) throw argError('dig', 'data', 'a value of type Undef or Collection', data);
    return dig(data, args.slice(1));
  },
  get: (c, args, scope, _loc, l) => {
    const [value, path, dflt] = args;
    if (value === undefined) return dflt;
    const nav = toStr(path);
    if (nav === '') return value;
    try {
      const r = dig(value, splitKey(nav));
      return r === undefined ? dflt : r;
    } catch (e) {
      // The block handles a navigation error (Puppet passes it the Error; here its message).
      if (l && e instanceof PuppetError) return c.callLambda(l, [e.message], scope);
      throw e;
    }
  },
  index: (c, args, scope, loc, l) => {
    const v = args[0];
    if (!l && typeof v === 'string') {
      const m = args[1];
      const i = m instanceof RegExp ? v.search(m) : v.indexOf(toStr(m));
      return i < 0 ? undefined : i;
    }
    const coll = collection('index', v, sizeCheck(c, loc));
    const entries: [Value, Value][] = isHash(coll) ? [...coll] : coll.map((x, i): [Value, Value] => [i, x]);
    if (l) {
      blockArity('index', l.params.length, 1, 2);
      for (const [k, x] of entries) if (truthy(c.callLambda(l, l.params.length >= 2 ? [k, x] : [x], scope))) return k;
      return undefined;
    }
    // Ruby's `==`: Strings compare case-sensitively.
    return entries.find(([, x]) => rubyEquals(x, args[1]))?.[0];
  },
  reverse_each: (c, args, scope, loc, l) => {
    arity('reverse_each', args, 1);
    iterableSignature('reverse_each', '(Iterable iterable', args[0], l);
    const items = [...elements(collection('reverse_each', args[0], sizeCheck(c, loc)))].reverse();
    if (!l) return items;
    try { for (const x of items) c.callLambda(l, [x], scope); } catch (sig) { if (!(sig instanceof ControlSignal && sig.kind === 'break')) throw sig; }
    return undefined;
  },
  slice: (c, args, scope, loc, l) => {
    const coll = collection('slice', args[0], sizeCheck(c, loc));
    const n = positive('slice', 'slice_size', args[1], args[0]);
    const items = elements(coll);
    const chunks: Value[] = [];
    for (let i = 0; i < items.length; i += n) chunks.push(items.slice(i, i + n));
    if (!l) return chunks;
    // A short last chunk is padded to the block's parameters: `undef`, or `[]` for a Hash's entries.
    const filler: Value = isHash(coll) ? [] : undefined;
    const spread = l.params.length > 1 || l.params[0]?.captures === true;
    const width = l.params.some((p) => p.captures) ? n : l.params.length;
    for (const ch of chunks) {
      const a = [...(ch as Value[])];
      while (spread && a.length < width) a.push(filler);
      c.callLambda(l, spread ? a : [ch], scope);
    }
    return args[0];
  },
  step: (c, args, scope, loc, l) => {
    arity('step', args, 2);
    iterableSignature('step', '(Iterable iterable, Integer[1] step', args[0], l);
    if (!isInteger(args[1])) throw argError('step', 'step', 'an Integer', args[1]);
    const items = elements(collection('step', args[0], sizeCheck(c, loc)));
    const n = positive('step', 'step', args[1]);
    const out = items.filter((_x, i) => i % n === 0);
    if (!l) return out;
    for (const x of out) c.callLambda(l, [x], scope);
    return undefined;
  },
  group_by: (c, args, scope, loc, l) => {
    const lambda = needLambda('group_by', l);
    const out = new Map<Value, Value[]>();
    const coll = collection('group_by', args[0], sizeCheck(c, loc));
    const items = elements(coll);
    for (let i = 0; i < items.length; i++) {
      const x = items[i];
      const k = c.callLambda(lambda, blockArgs(lambda, coll, i, x), scope);
      // Each element compares its key with every group so far: charged, as the work grows quadratically.
      c.budget.charge(out.size, loc);
      const key = [...out.keys()].find((o) => equals(o, k)) ?? k;
      (out.get(key) ?? out.set(key, []).get(key)!).push(x);
    }
    return out;
  },
  partition: (c, args, scope, loc, l) => {
    const lambda = needLambda('partition', l);
    const coll = collection('partition', args[0], sizeCheck(c, loc));
    const yes: Value[] = [];
    const no: Value[] = [];
    const items = elements(coll);
    for (let i = 0; i < items.length; i++) (truthy(c.callLambda(lambda, blockArgs(lambda, coll, i, items[i]), scope)) ? yes : no).push(items[i]);
    return [yes, no];
  },
};
