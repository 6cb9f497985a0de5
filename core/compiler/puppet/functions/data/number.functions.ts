import { PuppetError } from '../../puppet-error.js';
import { isFloat, isNumeric, numberOf, toFloat, type Value } from '../../types/values.js';
import { argError, arity } from '../argument-checks.js';
import type { PuppetFunction } from '../puppet-function.types.js';

/** The Numeric argument of `round`, `ceiling`, `floor`; `ceiling` and `floor` also read a String as Ruby's `Float()` does. */
function numericArg(fn: string, v: Value, strings: boolean): number {
  const n = numberOf(v);
  if (n !== undefined) return n;
  if (!strings || typeof v !== 'string') throw argError(fn, 'val', strings ? 'a value of type Numeric or String' : 'a Numeric', v);
  const f = rubyFloat(v);
  if (f === undefined) throw new PuppetError(`${fn}(): cannot convert given value to a floating point value.`, undefined);
  return f;
}

/** Ruby's `Float(string)`: decimal (leading zeros are decimal), hex, exponents, underscores between digits. */
function rubyFloat(s: string): number | undefined {
  const t = s.trim();
  const hex = /^([-+]?)0[xX]([0-9a-fA-F]+)$/.exec(t);
  if (hex) return (hex[1] === '-' ? -1 : 1) * parseInt(hex[2]!, 16);
  if (!/^[-+]?(\d+(_\d+)*)(\.\d+(_\d+)*)?([eE][-+]?\d+)?$/.test(t)) return undefined;
  return Number(t.replace(/_/g, ''));
}

/** An Integer-valued numeric function (`round`, `ceiling`, `floor`). */
const integral = (fn: string, strings: boolean, f: (n: number) => number): PuppetFunction => (_c, args) => {
  arity(fn, args, 1);
  return f(numericArg(fn, args[0], strings));
};

/** Arithmetic helpers on numbers. */
export const NUMBER_FUNCTIONS: Record<string, PuppetFunction> = {
  abs: (_c, args) => {
    arity('abs', args, 1);
    const v = args[0];
    if (typeof v === 'string') {
      // Puppet's deprecated String conversion: decimal only (`'0777'` is 777), a Float needs a fraction.
      if (/^-?\d+\.\d+$/.test(v)) return toFloat(Math.abs(Number(v)));
      if (/^-?\d+$/.test(v)) return Math.abs(Number(v));
      throw new PuppetError('abs(): Requires float or integer to work with - was given non decimal string', undefined);
    }
    if (!isNumeric(v)) throw argError('abs', 'val', 'a value of type Numeric or String', v);
    // A Float stays a Float (`abs(-2.0)` is `2.0`).
    return isFloat(v) ? toFloat(Math.abs(numberOf(v)!)) : Math.abs(numberOf(v)!);
  },
  // Ruby's Integer(x ± 0.5): halves round away from zero.
  round: integral('round', false, (n) => (n > 0 ? Math.trunc(n + 0.5) : Math.trunc(n - 0.5))),
  ceiling: integral('ceiling', true, Math.ceil),
  floor: integral('floor', true, Math.floor),
};
