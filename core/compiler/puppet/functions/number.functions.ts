import { isFloat, numberOf, parseNumeric, toFloat } from '../values.js';
import { argError, arity } from './argument-checks.js';
import type { PuppetFunction } from './puppet-function.types.js';

/** Applies a numeric function whose result is an Integer, as `round`, `ceiling` and `floor` do. */
const numeric = (fn: string, f: (n: number) => number): PuppetFunction => (_c, args) => {
  arity(fn, args, 1);
  const n = numberOf(args[0]);
  if (n === undefined) throw argError(fn, 'val', 'a Numeric', args[0]);
  return f(n);
};

/** Arithmetic helpers on numbers. */
export const NUMBER_FUNCTIONS: Record<string, PuppetFunction> = {
  abs: (_c, args) => {
    arity('abs', args, 1);
    const v = typeof args[0] === 'string' ? parseNumeric(args[0]) : args[0];
    const n = numberOf(v);
    if (n === undefined) throw argError('abs', 'val', 'a Numeric', args[0]);
    // A Float stays a Float (`abs(-2.0)` is `2.0`).
    return isFloat(v) ? toFloat(Math.abs(n)) : Math.abs(n);
  },
  round: numeric('round', (n) => (n < 0 ? -Math.round(-n) : Math.round(n))),
  ceiling: numeric('ceiling', Math.ceil),
  floor: numeric('floor', Math.floor),
};
