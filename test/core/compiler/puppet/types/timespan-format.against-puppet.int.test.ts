import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PuppetError } from '../../../../../core/compiler/puppet/puppet-error.js';
import { formatTimespan, parseTimespan } from '../../../../../core/compiler/puppet/types/timespan-format.js';

/**
 * Timespan formats against Puppet's own `Timespan#format` and
 * `Timespan.parse` (the installed Puppet 7, as CI installs it): random
 * durations in random formats (flags, widths, bad specifiers), and the
 * strings written read back with the same format, in one ruby process.
 */

const directive = fc.tuple(fc.constantFrom('', '', '-', '_', '0'), fc.constantFrom('', '', '2', '3', '6', '10'), fc.constantFrom('D', 'H', 'M', 'S', 'L', 'N', 'N', '%', 'x'))
  .map(([flag, width, conv]) => `%${flag}${width}${conv}`);
const format = fc.array(fc.oneof(directive, directive, fc.constantFrom(':', '-', '.', 'd', ' ')), { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
const duration = fc.oneof(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }));

const RUBY = `
require 'json'
require 'puppet'
require 'puppet/pops'
cases = JSON.parse(STDIN.read)
out = cases.map do |ns, fmt|
  begin
    s = Puppet::Pops::Time::Timespan.new(ns.to_i).format(fmt)
    begin
      [s, Puppet::Pops::Time::Timespan.parse(s, fmt).nsecs.to_s]
    rescue ArgumentError
      [s, 'error']
    end
  rescue ArgumentError
    ['error', 'error']
  end
end
print JSON.generate(out)
`;

const attempt = (f: () => string): string => {
  try { return f(); } catch (e) { if (e instanceof PuppetError) return 'error'; throw e; }
};

describe("Timespan formats against Puppet's Timespan#format and Timespan.parse", () => {
  it('writes and reads random durations in random formats as Puppet does', () => {
    const cases = fc.sample(fc.tuple(duration, format), { numRuns: 600, seed: 3 });
    const ours = cases.map(([ns, fmt]) => {
      const s = attempt(() => formatTimespan(ns, fmt));
      return [s, s === 'error' ? 'error' : attempt(() => String(parseTimespan(s, fmt)))];
    });
    const r = spawnSync('ruby', ['-e', RUBY], { input: JSON.stringify(cases.map(([ns, fmt]) => [String(ns), fmt])), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const puppet = JSON.parse(r.stdout) as [string, string][];
    const differ = cases.flatMap(([ns, fmt], i) => (JSON.stringify(ours[i]) !== JSON.stringify(puppet[i]) ? [`${ns} '${fmt}': puppet ${JSON.stringify(puppet[i])}, here ${JSON.stringify(ours[i])}`] : []));
    assert.deepEqual(differ.slice(0, 10), []);
  });
});
