import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PuppetError, UnsupportedError } from '../../../../../core/compiler/puppet/puppet-error.js';
import { formatTimestamp } from '../../../../../core/compiler/puppet/types/ruby-strftime.js';
import { parseTimestamp } from '../../../../../core/compiler/puppet/types/ruby-strptime.js';

/**
 * `Timestamp.new($string, $format, $timezone)` against Puppet's own
 * `Puppet::Pops::Time::Timestamp.parse` (the installed Puppet 7, as CI
 * installs it): strings written by random formats at random offsets (some
 * of them damaged), read back with the same format, a zone argument or
 * none (formats as sites write them: every field once, separated), in one ruby process for the whole batch. Both must give the same
 * moment, or both refuse the string.
 */

/** Formats as sites write them: each field once, a separator between fields that are numbers. */
const sep = fc.constantFrom('-', '/', ' ', '.', ', ');
const datePart = fc.oneof(
  fc.constantFrom('%F', '%D', '%x'),
  fc.tuple(fc.constantFrom('%Y', '%y'), fc.constantFrom('%m', '%b', '%B'), fc.constantFrom('%d', '%e'), sep, sep, fc.boolean())
    .map(([y, m, d, s1, s2, dayFirst]) => (dayFirst ? `${d}${s1}${m}${s2}${y}` : `${y}${s1}${m}${s2}${d}`)),
);
const timePart = fc.oneof(
  fc.constantFrom('%T', '%R', '%r', '%X'),
  fc.tuple(fc.constantFrom('%H', '%k', '%I %p', '%l %P'), fc.option(fc.constantFrom('', '.%L', '.%N', '.%3N'), { nil: undefined }))
    .map(([h, frac]) => {
      const [hour, merid] = h.split(' ');
      return `${hour}:%M${frac === undefined ? '' : `:%S${frac}`}${merid ? ` ${merid}` : ''}`;
    }),
);
const format = fc.tuple(fc.option(fc.constantFrom('%A, ', '%a '), { nil: '' }), datePart, fc.option(fc.tuple(fc.constantFrom('T', ' ', ' at '), timePart).map(([s, t]) => s + t), { nil: '' }),
  fc.option(fc.constantFrom(' %z', ' %Z', '%z'), { nil: '' }))
  .map((parts) => parts.join(''));
/** A string written as Puppet's default formats read them, to be read without a format. */
const defaultWritten = fc.constantFrom('%FT%T.%N %Z', '%FT%T %z', '%F %T.%L %:z', '%F %T UTC', '%F %Z', '%FT%T.%N', '%FT%T', '%F %T.%L', '%F %T', '%F')
  .map((write) => ({ write, read: undefined }));
/** How a string is written, and the format it is read with (the same). */
const sameFormat = format.map((f) => ({ write: f, read: f as string | undefined }));
const moment = fc.bigInt({ min: 0n, max: 4_102_444_800_000_000_000n });
const zone = fc.constantFrom(undefined, 'UTC', 'EST', 'CET', '+05:30', '-0800', 'JST');
const damage = fc.constantFrom('', '', '', 'x', ' ', '0');

const RUBY = `
require 'json'
require 'puppet'
require 'puppet/pops'
cases = JSON.parse(STDIN.read)
out = cases.map do |str, fmt, tz|
  begin
    Puppet::Pops::Time::Timestamp.parse(str, fmt, tz).nsecs.to_s
  rescue ArgumentError, RangeError, TypeError => e
    'error'
  end
end
print JSON.generate(out)
`;

describe("Timestamp parsing against Puppet's Timestamp.parse", () => {
  it('reads random strings with random formats and zones as Puppet does, or refuses them as Puppet does', () => {
    // A fifth of the strings are read with Puppet's default formats (no format given).
    const cases = fc.sample(fc.tuple(moment, fc.oneof(sameFormat, sameFormat, sameFormat, sameFormat, defaultWritten), zone, damage, fc.integer({ min: -12, max: 12 })), { numRuns: 500, seed: 7 })
      .map(([ns, f, tz, dmg, h]) => [formatTimestamp(ns, f.write, h * 3600) + dmg, f.read, tz] as const);
    const ours = cases.map(([str, fmt, tz]) => {
      try { return String(parseTimestamp(str, fmt, tz)); } catch (e) {
        if (e instanceof UnsupportedError) return undefined;
        if (e instanceof PuppetError) return 'error';
        throw e;
      }
    });
    const r = spawnSync('ruby', ['-e', RUBY], { input: JSON.stringify(cases.map(([s, f, z]) => [s, f ?? null, z ?? null])), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const puppet = JSON.parse(r.stdout) as string[];
    const differ = cases.flatMap(([str, fmt, tz], i) => (ours[i] !== undefined && ours[i] !== puppet[i] ? [`'${str}' '${fmt}' ${tz}: puppet ${puppet[i]}, here ${ours[i]}`] : []));
    assert.deepEqual(differ.slice(0, 10), []);
    const unsupported = ours.filter((o) => o === undefined).length;
    assert.ok(unsupported < cases.length / 4, `${unsupported} of ${cases.length} left to Puppet`);
  });
});
