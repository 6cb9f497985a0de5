import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { UnsupportedError } from '../../../../../core/compiler/puppet/puppet-error.js';
import { formatTimestamp } from '../../../../../core/compiler/puppet/types/ruby-strftime.js';

/**
 * `strftime` on a Timestamp is Ruby's `Time#strftime` (Puppet's
 * `Timestamp#format`): random formats, moments and offsets are formatted
 * here and by the installed ruby (as Puppet 7 runs it, CI installs it),
 * in one ruby process for the whole batch.
 */

const CONVERSIONS = 'YCymBbhdejHkIlPpMSLNzAauwGgVUWsnt%cDxFTXRrvZ'.split('');
const directive = fc.record({
  flags: fc.constantFrom('', '-', '_', '0', '^', '#'),
  width: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 12 }).map(String)),
  colons: fc.constantFrom('', '', ':', '::'),
  conv: fc.constantFrom(...CONVERSIONS),
}).map(({ flags, width, colons, conv }) => `%${flags}${width}${conv === 'z' ? colons : ''}${conv}`);
const format = fc.array(fc.oneof(directive, fc.constantFrom(' ', '-', 'T', ':', 'at', '|')), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
/** Years 1…9999 (Ruby and this agree on negative years too, but `%C`/`%y` of them are not worth a case). */
const moment = fc.bigInt({ min: -62_135_596_800_000_000_000n, max: 253_402_300_799_999_999_999n });
/** Offsets as Puppet's `convert_timezone` hands them to Ruby: whole minutes. */
const offset = fc.oneof(fc.constant(undefined), fc.integer({ min: -18 * 60, max: 18 * 60 }).map((m) => m * 60));

const RUBY = `
require 'json'
cases = JSON.parse(STDIN.read)
out = cases.map do |ns, off, fmt|
  t = Time.at(Rational(ns.to_i, 1_000_000_000)).utc
  unless off.nil?
    m = off.abs / 60
    t = t.localtime(format('%s%02d:%02d', off < 0 ? '-' : '+', m / 60, m % 60))
  end
  t.strftime(fmt)
end
print JSON.generate(out)
`;

describe("strftime on Timestamps against Ruby's Time#strftime", () => {
  it('formats random moments, offsets and formats as Ruby does', () => {
    const cases = fc.sample(fc.tuple(moment, offset, format), { numRuns: 600, seed: 14 });
    const ours = cases.map(([ns, off, fmt]) => {
      try { return formatTimestamp(ns, fmt, off); } catch (e) { if (e instanceof UnsupportedError) return undefined; throw e; }
    });
    const r = spawnSync('ruby', ['-e', RUBY], { input: JSON.stringify(cases.map(([ns, off, fmt]) => [String(ns), off ?? null, fmt])), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const ruby = JSON.parse(r.stdout) as string[];
    const differ = cases.flatMap(([ns, off, fmt], i) => (ours[i] !== undefined && ours[i] !== ruby[i] ? [`${ns} ${off} '${fmt}': ruby '${ruby[i]}', here '${ours[i]}'`] : []));
    assert.deepEqual(differ.slice(0, 10), []);
    // Only flagged or widened %z is left unsupported.
    assert.ok(ours.filter((o) => o === undefined).length < cases.length / 4);
  });
});
