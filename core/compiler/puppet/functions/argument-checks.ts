import { PuppetError } from '../puppet-error.js';
import { isArray, isHash, typeNameOf, type PHash, type Value } from '../values.js';

/** Puppet's wording when a function gets the wrong argument type. */
export function argError(fn: string, index: number, expected: string, got: Value): PuppetError {
  return new PuppetError(`'${fn}' parameter '${index}' expects ${expected} value, got ${typeNameOf(got)}`, undefined);
}

/** Checks the argument count, with Puppet's wording. */
export function arity(fn: string, args: readonly Value[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `between ${min} and ${max}`;
    throw new PuppetError(`'${fn}' expects ${want} arguments, got ${args.length}`, undefined);
  }
}

/** Argument `i`, which must be a String. */
export function str(fn: string, args: readonly Value[], i: number): string {
  const v = args[i];
  if (typeof v !== 'string') throw argError(fn, i, 'a String', v);
  return v;
}

/** A value that must be an Array or a Hash (the iteration functions' input). */
export function collection(fn: string, v: Value): readonly Value[] | PHash {
  if (isArray(v) || isHash(v)) return v;
  throw new PuppetError(`'${fn}' expects an Iterable value, got ${typeNameOf(v)}`, undefined);
}
