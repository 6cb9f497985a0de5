/**
 * Puppet 7's time values (`Puppet::Pops::Time`): a Timestamp is a point in
 * time, a Timespan a duration, both held as whole nanoseconds. They are
 * Numerics to Ruby: they compare with Integers and Floats (as seconds) and
 * take part in arithmetic (seconds are added, Timestamps subtracted).
 * A BigInt holds the nanoseconds: a JS number is exact to 2^53 ns, 104 days.
 */

export const NSECS_PER_USEC = 1000n;
export const NSECS_PER_MSEC = 1_000_000n;
export const NSECS_PER_SEC = 1_000_000_000n;
export const NSECS_PER_MIN = 60n * NSECS_PER_SEC;
export const NSECS_PER_HOUR = 60n * NSECS_PER_MIN;
export const NSECS_PER_DAY = 24n * NSECS_PER_HOUR;

import { formatTimestamp } from './ruby-strftime.js';
import { formatTimespan } from './timespan-format.js';

/** Shared by both: the nanoseconds, and the seconds Ruby compares them as. */
abstract class TimeData {
  constructor(readonly nsecs: bigint) {}
  /** `to_i`: whole seconds (Ruby's Integer division of the nanoseconds: it floors). */
  seconds(): bigint { return floorDiv(this.nsecs, NSECS_PER_SEC); }
  /** `to_f`: seconds with their fraction. */
  toFloatSeconds(): number { return Number(this.nsecs) / 1e9; }
}

/** `Timestamp('2016-09-23T13:14:15 UTC')`: nanoseconds since the epoch, UTC. */
export class PTimestamp extends TimeData {
  /** As Puppet prints it: `2016-09-23T13:14:15.123000000 UTC`. */
  toString(): string { return formatTimestamp(this.nsecs, '%FT%T.%N %Z'); }
}

/** `Timespan('1-00:00:00')`: a signed duration in nanoseconds. */
export class PTimespan extends TimeData {
  /** As Puppet prints it: `1-02:03:04.5` (`%D-%H:%M:%S.%-N`). */
  toString(): string { return formatTimespan(this.nsecs, '%D-%H:%M:%S.%-N'); }
}

/** Ruby's Integer division: floors. */
export const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
};

/** Ruby's Integer modulo: takes the divisor's sign. */
export const floorMod = (a: bigint, b: bigint): bigint => ((a % b) + b) % b;

/** `(seconds * NSECS_PER_SEC).to_i`: seconds (an Integer or a Float) as whole nanoseconds, truncated. */
export function secondsToNanos(seconds: number): bigint {
  if (Number.isInteger(seconds)) return BigInt(seconds) * NSECS_PER_SEC;
  if (!Number.isFinite(seconds)) throw new RangeError(`${seconds} seconds is not a time`);
  return BigInt(Math.trunc(seconds * 1e9));
}

/** Ruby's `<=>` of a time value with a Timestamp/Timespan of its class, an Integer (whole seconds) or a Float (seconds). */
export function compareTime(a: TimeData, b: TimeData | number): number {
  if (typeof b !== 'number') return a.nsecs < b.nsecs ? -1 : a.nsecs > b.nsecs ? 1 : 0;
  const x = Number.isInteger(b) ? Number(a.seconds()) : a.toFloatSeconds();
  return x < b ? -1 : x > b ? 1 : 0;
}

export const isTimeData = (v: unknown): v is PTimestamp | PTimespan => v instanceof TimeData;

/** Why time arithmetic is not possible: Puppet's operator issue, or Ruby's refusal (`ArgumentError`). */
export type TimeArithmeticFailure =
  | { kind: 'not_applicable' }
  | { kind: 'not_applicable_when' }
  | { kind: 'division_by_zero' }
  | { kind: 'refused'; message: string };

/** A Numeric operand: the value, and whether Ruby sees a Float. */
export interface Seconds { n: number; float: boolean }

type Operand = PTimestamp | PTimespan | Seconds;

const nanosOf = (o: Seconds): bigint => secondsToNanos(o.n);
const article = (o: Operand): string => (o instanceof PTimestamp ? 'A Timestamp' : o instanceof PTimespan ? 'A Timespan' : o.float ? 'A Float' : 'An Integer');

/**
 * Puppet's arithmetic where an operand is a Timestamp or Timespan
 * (`Puppet::Pops::Time`, and the evaluator's swapping of a Numeric left
 * operand): seconds are added and subtracted, two Timestamps subtract to a
 * Timespan, a Timespan multiplies and divides by numbers.
 */
export function timeArithmetic(op: string, l: Operand, r: Operand): PTimestamp | PTimespan | number | TimeArithmeticFailure {
  if (!isTimeData(l)) {
    // A Numeric on the left: Puppet lets the time value do the operation.
    if (op === '+' || (op === '*' && r instanceof PTimespan)) [l, r] = [r, l];
    else if (op === '-' && r instanceof PTimespan) l = new PTimespan(nanosOf(l));
    else return { kind: 'not_applicable_when' };
  }
  if (op === '%' && !isTimeData(r) && r.float) return { kind: 'not_applicable_when' };
  const t = l as PTimestamp | PTimespan;
  if (t instanceof PTimestamp) {
    if (op === '+') return r instanceof PTimestamp ? { kind: 'refused', message: `${article(r)} cannot be added to a Timestamp` } : new PTimestamp(t.nsecs + (isTimeData(r) ? r.nsecs : nanosOf(r)));
    if (op === '-') return r instanceof PTimestamp ? new PTimespan(t.nsecs - r.nsecs) : new PTimestamp(t.nsecs - (isTimeData(r) ? r.nsecs : nanosOf(r)));
    return { kind: 'not_applicable' };
  }
  switch (op) {
    case '+': return r instanceof PTimestamp ? new PTimestamp(t.nsecs + r.nsecs) : new PTimespan(t.nsecs + (isTimeData(r) ? r.nsecs : nanosOf(r)));
    case '-': return r instanceof PTimestamp ? { kind: 'refused', message: `${article(r)} cannot be subtracted from a Timespan` } : new PTimespan(t.nsecs - (isTimeData(r) ? r.nsecs : nanosOf(r)));
    case '*':
      if (isTimeData(r)) return { kind: 'refused', message: `A Timestamp cannot be multiplied by ${article(r).replace(/^A/, 'a')}` };
      return new PTimespan(r.float ? BigInt(Math.trunc(Number(t.nsecs) * r.n)) : t.nsecs * BigInt(r.n));
    case '/':
      if (r instanceof PTimespan) return Number(t.nsecs) / Number(r.nsecs);
      if (isTimeData(r)) return { kind: 'refused', message: `A Timespan cannot be divided by ${article(r).replace(/^A/, 'a')}` };
      if (r.n === 0) return { kind: 'division_by_zero' };
      // Integer#div floors, by an Integer or a Float.
      return new PTimespan(r.float ? BigInt(Math.floor(Number(t.nsecs) / r.n)) : floorDiv(t.nsecs, BigInt(r.n)));
    case '%':
      if (isTimeData(r)) return { kind: 'refused', message: `Can not do modulus on a Timespan using ${article(r).replace(/^A/, 'a')}` };
      if (r.n === 0) return { kind: 'division_by_zero' };
      return Number(floorMod(t.seconds(), BigInt(r.n)));
    default: return { kind: 'not_applicable' };
  }
}
