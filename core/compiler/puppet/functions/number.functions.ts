import { argError, arity } from './argument-checks.js';
import type { PuppetFunction } from './puppet-function.types.js';

/** Applies a numeric function, as `round`, `ceiling` and `floor` do. */
const numeric = (fn: string, f: (n: number) => number): PuppetFunction => (_c, args) => {
  arity(fn, args, 1);
  const v = args[0];
  if (typeof v !== 'number') throw argError(fn, 'val', 'a Numeric', v);
  return f(v);
};

/** Arithmetic helpers on numbers. */
export const NUMBER_FUNCTIONS: Record<string, PuppetFunction> = {
  abs: (_c, args) => {
    arity('abs', args, 1);
    const v = typeof args[0] === 'string' ? Number(args[0]) : args[0];
    if (typeof v !== 'number' || Number.isNaN(v)) throw argError('abs', 'val', 'a Numeric', args[0]);
    return Math.abs(v);
  },
  round: numeric('round', (n) => (n < 0 ? -Math.round(-n) : Math.round(n))),
  ceiling: numeric('ceiling', Math.ceil),
  floor: numeric('floor', Math.floor),
};
