import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { JsonFloat, parseJson, writeJson } from '../../../core/json/json-float.js';

/** JSON data whose integral Floats are JsonFloats. */
const data = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(), fc.boolean(), fc.constant(null), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
    fc.integer({ min: -1e9, max: 1e9 }).map((n) => new JsonFloat(n)),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** The value with every JsonFloat replaced by a tagged plain form, for comparison. */
const tagged = (v: unknown): unknown => {
  if (v instanceof JsonFloat) return { float: v.value };
  if (Array.isArray(v)) return v.map(tagged);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tagged(x)]));
  return v;
};

describe('JSON with integral Floats (property)', () => {
  it('parseJson reads back what writeJson wrote, Floats kept apart from Integers', () => {
    fc.assert(fc.property(data, (v) => {
      assert.deepEqual(tagged(parseJson(writeJson(v))), tagged(v));
    }), { numRuns: 500 });
  });

  it('agrees with JSON.stringify and JSON.parse in value: a Float is its number', () => {
    fc.assert(fc.property(data, (v) => {
      assert.deepEqual(JSON.parse(writeJson(v)), JSON.parse(JSON.stringify(v)));
      const text = JSON.stringify(v);
      assert.equal(JSON.stringify(parseJson(text)), text);
    }), { numRuns: 500 });
  });
});
