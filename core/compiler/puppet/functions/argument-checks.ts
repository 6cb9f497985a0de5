import { PuppetError } from '../puppet-error.js';
import { isArray, isHash, typeNameOf, type PHash, type Value } from '../values.js';

/** Puppet's wording when a function gets the wrong argument type. */
export function argError(fn: string, param: string, expected: string, got: Value): PuppetError {
  return new PuppetError(`'${fn}' parameter '${param}' expects ${expected} value, got ${typeNameOf(got)}`, undefined);
}

/** Checks the argument count, with Puppet's wording. */
export function arity(fn: string, args: readonly Value[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `between ${min} and ${max}`;
    throw new PuppetError(`'${fn}' expects ${want} arguments, got ${args.length}`, undefined);
  }
}

/** Argument `i`, which must be a String. */
export function str(fn: string, args: readonly Value[], i: number, param = 'str'): string {
  const v = args[i];
  if (typeof v !== 'string') throw argError(fn, param, 'a String', v);
  return v;
}

/** A value that must be an Array or a Hash (the iteration functions' input). */
export function collection(fn: string, v: Value): readonly Value[] | PHash {
  if (isArray(v) || isHash(v)) return v;
  throw notIterable(fn, v);
}

/** Puppet's dispatch failure for the iteration functions (`each`, `map`, `filter`, …) given a non-iterable. */
export function notIterable(fn: string, v: Value): PuppetError {
  const got = typeNameOf(v);
  const lines = [2, 1].map((n) => `  (Hash hash, Callable[${n}, ${n}] block)\n    rejected: parameter 'hash' expects a Hash value, got ${got}`)
    .concat([2, 1].map((n) => `  (Iterable enumerable, Callable[${n}, ${n}] block)\n    rejected: parameter 'enumerable' expects an Iterable value, got ${got}`));
  return new PuppetError(`The function '${fn}' was called with arguments it does not accept. It expects one of:\n${lines.join('\n')}`, undefined);
}
