import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { rubyRandom, rubyRandomGenerator } from '../../../../../../core/compiler/puppet/functions/data/ruby-random.js';
import { psychYaml } from '../../../../../../core/compiler/puppet/functions/stdlib/psych-emitter.js';
import { STDLIB_FUNCTIONS } from '../../../../../../core/compiler/puppet/functions/stdlib/stdlib-functions.js';
import { PSYCH_LIKE } from '../../../../../../core/compiler/puppet/loader/environment-code.js';
import { fromJson, toJson, type Value } from '../../../../../../core/compiler/puppet/types/values.js';

/** Puppet data as facts and hiera carry it: strings (any text), integers, booleans, undef, arrays, string-keyed hashes. */
const data: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.constantFrom('yes', 'no', 'y', 'n', '~', '', '0755', '1.5', '1e3', ': x', '- a', '#c', 'a #b', ' lead', 'trail ', 'a\nb', 'a\nb\n', '2024-01-01', '*x', '!t', '/etc'),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const call = (name: string, args: Value[]): Value => STDLIB_FUNCTIONS[name]!(undefined as never, args, undefined as never, { line: 1, column: 1 });

describe('stdlib serialisation functions', () => {
  it('to_yaml gives YAML that reads back (as hiera reads YAML) as the same data', () => {
    fc.assert(fc.property(data, (d) => {
      const text = psychYaml(fromJson(d));
      assert.deepEqual(toJson(fromJson(parseYaml(text, PSYCH_LIKE))), toJson(fromJson(d)), text);
    }), { numRuns: 300 });
  });

  it('to_json gives JSON that parses back as the same data, and to_json_pretty the same data', () => {
    fc.assert(fc.property(data, (d) => {
      const v = fromJson(d);
      assert.deepEqual(JSON.parse(call('to_json', [v]) as string), toJson(v));
      if (typeof d === 'object' && d !== null) assert.deepEqual(JSON.parse(call('to_json_pretty', [v]) as string), toJson(v));
    }), { numRuns: 300 });
  });

  it('parsejson reads what to_json writes', () => {
    fc.assert(fc.property(data, (d) => {
      const v = fromJson(d);
      fc.pre(v !== undefined && v !== false);
      assert.deepEqual(toJson(call('parsejson', [call('to_json', [v])])), toJson(v));
    }), { numRuns: 200 });
  });

  it('the seeded random draws stay below their bound, and one draw equals the first of a sequence', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), fc.integer({ min: 1, max: 2 ** 31 }), (seed, max) => {
      const r = rubyRandom(seed, max);
      assert.ok(r >= 0 && r < max);
      assert.equal(rubyRandomGenerator(seed)(max), r);
    }), { numRuns: 200 });
  });
});
