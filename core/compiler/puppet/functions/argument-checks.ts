import { PuppetError } from '../puppet-error.js';
import { isArray, isHash, isInteger, isIterableType, PType, typeNameOf, type PHash, type Value } from '../types/values.js';

/**
 * How a function's argument mismatch names the value's type: Puppet infers a
 * non-empty Array as a Tuple and a Hash with String keys as a Struct.
 */
export function argTypeName(v: Value): string {
  if (isArray(v) && v.length > 0) return 'Tuple';
  if (isHash(v) && v.size > 0) return [...v.keys()].every((k) => typeof k === 'string') ? 'Struct' : 'Hash';
  return typeNameOf(v);
}

/** Puppet's wording when a function gets the wrong argument type (`expected`: `a String`, `a value of type X or Y`). */
export function argError(fn: string, param: string, expected: string, got: Value): PuppetError {
  const what = expected.startsWith('a value of type') ? expected : `${expected} value`;
  return new PuppetError(`'${fn}' parameter '${param}' expects ${what}, got ${argTypeName(got)}`, undefined);
}

/** A lambda's parameter count checked against what a function gives it (`each`: 1 or 2). */
export function blockArity(fn: string, params: number, min: number, max: number): void {
  if (params >= min && params <= max) return;
  const want = min !== max ? `between ${min} and ${max} arguments` : min === 0 ? 'no arguments' : min === 1 ? '1 argument' : `${min} arguments`;
  throw new PuppetError(`'${fn}' block expects ${want}, got ${params === 0 ? 'none' : params}`, undefined);
}

/** Checks the argument count, with Puppet's wording. */
export function arity(fn: string, args: readonly Value[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `between ${min} and ${max}`;
    throw new PuppetError(`'${fn}' expects ${want} argument${want === '1' ? '' : 's'}, got ${args.length}`, undefined);
  }
}

/** Argument `i`, which must be a String. */
export function str(fn: string, args: readonly Value[], i: number, param = 'str'): string {
  const v = args[i];
  if (typeof v !== 'string') throw argError(fn, param, 'a String', v);
  return v;
}

/**
 * The elements the iteration functions walk: an Array or a Hash as it is,
 * a String as its characters, an Integer `n` as 0…n-1, and the types Puppet iterates — a bounded
 * `Integer[a, b]` as a…b, `Enum[…]` as its values in Puppet's (sorted)
 * order. `checkSize` sees a generated array's size before it is allocated.
 */
export function collection(fn: string, v: Value, checkSize: (n: number) => void): readonly Value[] | PHash {
  if (isArray(v) || isHash(v)) return v;
  if (typeof v === 'string') return [...v];
  if (isInteger(v)) return range(0, v - 1, checkSize);
  const values = v instanceof PType ? typeValues(v, checkSize) : undefined;
  if (values) return values;
  throw notIterable(fn, v);
}

/** The values an iterable type stands for; `undefined` for any other type. */
export function typeValues(t: PType, checkSize: (n: number) => void): readonly Value[] | undefined {
  if (!isIterableType(t)) return undefined;
  return t.name === 'Integer' ? range(t.params[0] as number, t.params[1] as number, checkSize) : [...t.params].sort();
}

function range(lo: number, hi: number, checkSize: (n: number) => void): number[] {
  const n = Math.max(0, hi - lo + 1);
  checkSize(n);
  return Array.from({ length: n }, (_x, i) => lo + i);
}

/** Puppet's dispatch failure for the iteration functions (`each`, `map`, `filter`, …) given a non-iterable. */
export function notIterable(fn: string, v: Value): PuppetError {
  // Puppet names a type argument with its parameters: `Type[Integer]`.
  const got = v instanceof PType ? `Type[${v.toString()}]` : typeNameOf(v);
  const lines = [2, 1].map((n) => `  (Hash hash, Callable[${n}, ${n}] block)\n    rejected: parameter 'hash' expects a Hash value, got ${got}`)
    .concat([2, 1].map((n) => `  (Iterable enumerable, Callable[${n}, ${n}] block)\n    rejected: parameter 'enumerable' expects an Iterable value, got ${got}`));
  return new PuppetError(`The function '${fn}' was called with arguments it does not accept. It expects one of:\n${lines.join('\n')}`, undefined);
}
