import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { civilFromDays, daysFromCivil, formatTimestamp } from '../../../../../core/compiler/puppet/types/ruby-strftime.js';
import { parseTimestamp } from '../../../../../core/compiler/puppet/types/ruby-strptime.js';
import { compareTime, PTimespan, PTimestamp, timeArithmetic } from '../../../../../core/compiler/puppet/types/time-data.js';
import { formatTimespan, parseTimespan } from '../../../../../core/compiler/puppet/types/timespan-format.js';

/** Nanoseconds since the epoch within JavaScript Date's range (±100 million days, less a day), so Date can check the fields. */
const nanos = fc.bigInt({ min: -8_639_900_000_000_000_000_000n, max: 8_639_900_000_000_000_000_000n });
/** Years 0…9999, where Puppet's default format reads back what it writes. */
const ordinaryNanos = fc.bigInt({ min: -62_167_219_200_000_000_000n, max: 253_402_300_799_999_999_999n });
const seconds = fc.integer({ min: -1e9, max: 1e9 });

describe('Timestamp and Timespan values', () => {
  it('civil dates and day numbers are inverse, and agree with JavaScript Date', () => {
    fc.assert(fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), (days) => {
      const [y, m, d] = civilFromDays(days);
      assert.equal(daysFromCivil(y, m, d), days);
      const date = new Date(days * 86_400_000);
      assert.deepEqual([y, m, d], [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]);
    }));
  });

  it('strftime gives the fields JavaScript Date gives, in UTC and at an offset', () => {
    fc.assert(fc.property(nanos, fc.integer({ min: -86_399, max: 86_399 }), (ns, offset) => {
      const ms = Number(ns / 1_000_000n) - (ns % 1_000_000n < 0n ? 1 : 0);
      const date = new Date(ms + offset * 1000);
      const fields = formatTimestamp(ns, '%m %d %H %M %S %w %j', offset).split(' ').map(Number);
      const yday = Math.floor((Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
      assert.deepEqual(fields, [date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCDay(), yday]);
      assert.equal(formatTimestamp(ns, '%s', offset), String(Math.floor(ms / 1000)));
    }));
  });

  it("a Timestamp's string reads back as the same Timestamp (Puppet's default formats)", () => {
    fc.assert(fc.property(ordinaryNanos, (ns) => {
      assert.equal(parseTimestamp(new PTimestamp(ns).toString()), ns);
      assert.equal(parseTimestamp(formatTimestamp(ns, '%F %T.%N +05:30', 19_800)), ns);
    }));
  });

  it("a Timespan's string, and its whole seconds in another default format, read back as the same Timespan", () => {
    // Puppet's `%-N` drops the fraction's leading zeroes with its trailing ones (1 ns prints as `.1`): fractions of 0.1 s and more read back.
    const fraction = fc.oneof(fc.constant(0n), fc.bigInt({ min: 100_000_000n, max: 999_999_999n }));
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 11n), max: 10n ** 11n }), fraction, (secs, frac) => {
      const ns = secs * 1_000_000_000n + (secs < 0n ? -frac : frac);
      assert.equal(parseTimespan(new PTimespan(ns).toString()), ns);
      const whole = secs * 1_000_000_000n;
      assert.equal(parseTimespan(formatTimespan(whole, '%H:%M:%S')), whole);
    }));
  });

  it('adding and subtracting seconds and Timespans are inverse; two Timestamps subtract to the Timespan between them', () => {
    fc.assert(fc.property(nanos, nanos, seconds, (a, b, s) => {
      const t = new PTimestamp(a);
      const plus = timeArithmetic('+', t, { n: s, float: false }) as PTimestamp;
      assert.equal((timeArithmetic('-', plus, { n: s, float: false }) as PTimestamp).nsecs, a);
      const span = timeArithmetic('-', new PTimestamp(b), t) as PTimespan;
      assert.ok(span instanceof PTimespan);
      assert.equal((timeArithmetic('+', t, span) as PTimestamp).nsecs, b);
      assert.equal(Math.sign(compareTime(new PTimestamp(b), t)), Math.sign(Number(b - a)));
    }));
  });
});
