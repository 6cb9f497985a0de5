import { UnsupportedError } from '../../puppet-error.js';
import { parseTimestamp } from '../../types/ruby-strptime.js';
import { formatTimestamp } from '../../types/ruby-strftime.js';
import { NSECS_PER_DAY, NSECS_PER_HOUR, NSECS_PER_MIN, NSECS_PER_MSEC, NSECS_PER_SEC, NSECS_PER_USEC, PTimespan, PTimestamp, secondsToNanos } from '../../types/time-data.js';
import { formatTimespan, parseTimespan } from '../../types/timespan-format.js';
import { utcOffset } from '../../types/time-zone.js';
import { isArray, isFloat, isHash, isInteger, numberOf, type PHash, type Value } from '../../types/values.js';
import type { PuppetFunction } from '../puppet-function.types.js';

/**
 * Timestamp and Timespan values (Puppet 7's `Timestamp.new`,
 * `Timespan.new`, `strftime`). Arguments none of Puppet's signatures take
 * are reported as unsupported (Puppet's dispatcher words their refusal).
 */

const unsupported = (what: string): never => { throw new UnsupportedError(`${what}: the builtin compiler does not implement these arguments`, undefined); };

/** The current time, in nanoseconds since the epoch. */
const now = (): bigint => BigInt(Date.now()) * NSECS_PER_MSEC;

const isSeconds = (v: Value): boolean => isInteger(v) || isFloat(v);
/** `Formats = Variant[String[2], Array[String[2], 1]]`. */
const isFormats = (v: Value): v is string | readonly string[] =>
  (typeof v === 'string' && v.length >= 2) || (isArray(v) && v.length > 0 && v.every((f) => typeof f === 'string' && f.length >= 2));
const isString1 = (v: Value): v is string => typeof v === 'string' && v.length > 0;

/** A named-arguments hash with only `keys`, each checked. */
function namedArgs(v: Value, keys: Readonly<Record<string, (x: Value) => boolean>>, required: readonly string[]): PHash | undefined {
  if (!isHash(v) || required.some((k) => !v.has(k))) return undefined;
  for (const [k, x] of v) if (typeof k !== 'string' || !keys[k]?.(x)) return undefined;
  return v;
}

/** `Timestamp()`, `Timestamp($seconds)`, `Timestamp($string, $format?, $timezone?)`, `Timestamp({string, format?, timezone?})`. */
export function newTimestamp(args: readonly Value[]): PTimestamp {
  const [a, format, timezone] = args;
  if (args.length === 0) return new PTimestamp(now());
  if (args.length === 1 && isSeconds(a)) return new PTimestamp(secondsToNanos(numberOf(a)!));
  if (isString1(a) && args.length <= 3 && (args.length < 2 || isFormats(format)) && (args.length < 3 || isString1(timezone))) {
    return new PTimestamp(parseTimestamp(a, format as string | readonly string[] | undefined, timezone as string | undefined));
  }
  const h = args.length === 1 ? namedArgs(a, { string: isString1, format: isFormats, timezone: isString1 }, ['string']) : undefined;
  if (h) return new PTimestamp(parseTimestamp(h.get('string') as string, h.get('format') as string | undefined, h.get('timezone') as string | undefined));
  return unsupported('Timestamp.new');
}

const FIELD_NANOS: ReadonlyArray<[string, bigint]> = [
  ['days', NSECS_PER_DAY], ['hours', NSECS_PER_HOUR], ['minutes', NSECS_PER_MIN], ['seconds', NSECS_PER_SEC],
  ['milliseconds', NSECS_PER_MSEC], ['microseconds', NSECS_PER_USEC], ['nanoseconds', 1n],
];

const fieldsNanos = (values: readonly Value[]): bigint =>
  values.reduce<bigint>((ns, v, i) => ns + BigInt((v as number | undefined) ?? 0) * FIELD_NANOS[i]![1], 0n);

/** `Timespan($seconds)`, `Timespan($string, $format?)`, `Timespan($d, $h, $m, $s, $ms?, $us?, $ns?)`, and the hash forms. */
export function newTimespan(args: readonly Value[]): PTimespan {
  const [a, format] = args;
  if (args.length === 1 && isSeconds(a)) return new PTimespan(secondsToNanos(numberOf(a)!));
  if (isString1(a) && args.length <= 2 && (args.length < 2 || isFormats(format))) return new PTimespan(parseTimespan(a, format as string | readonly string[] | undefined));
  if (args.length >= 4 && args.length <= 7 && args.every(isInteger)) return new PTimespan(fieldsNanos(args));
  if (args.length !== 1) return unsupported('Timespan.new');
  const s = namedArgs(a, { string: isString1, format: isFormats }, ['string']);
  if (s) return new PTimespan(parseTimespan(s.get('string') as string, s.get('format') as string | readonly string[] | undefined));
  const fieldChecks = Object.fromEntries([['negative', (x: Value) => typeof x === 'boolean'], ...FIELD_NANOS.map(([k]) => [k, isInteger])]);
  const f = namedArgs(a, fieldChecks, []);
  if (!f) return unsupported('Timespan.new');
  const ns = fieldsNanos(FIELD_NANOS.map(([k]) => f.get(k)));
  return new PTimespan(f.get('negative') === true ? -ns : ns);
}

export const TIME_FUNCTIONS: Record<string, PuppetFunction> = {
  strftime: (c, args, _scope, loc) => {
    const [t, format, timezone] = args;
    if (t instanceof PTimespan && typeof format === 'string' && args.length === 2) return formatTimespan(t.nsecs, format);
    const tz = (z: Value): number | undefined => (typeof z === 'string' && z !== '' ? utcOffset(z) : undefined);
    if (t instanceof PTimestamp && typeof format === 'string' && args.length <= 3 && (timezone === undefined || typeof timezone === 'string')) {
      return formatTimestamp(t.nsecs, format, tz(timezone));
    }
    if (typeof t === 'string' && args.length <= 2 && (format === undefined || typeof format === 'string')) {
      c.warn('The argument signature (String format, [String timezone]) is deprecated for #strftime. See #strftime documentation and Timespan type for more info', loc);
      return formatTimestamp(now(), t, tz(format));
    }
    return unsupported('strftime');
  },
};
