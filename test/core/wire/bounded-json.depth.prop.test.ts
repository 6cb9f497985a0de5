import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeBoundedJson } from '../../../core/wire/bounded-json.js';

/** Nesting of a parsed value: brackets around it, counted as the text has them. */
const depthOf = (v: unknown): number =>
  v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v as object).map(depthOf)) : 0;

// Strings full of what the scanner must skip: quotes, backslash runs, brackets.
const tricky = fc.array(fc.constantFrom('"', '\\', '[', ']', '{', '}', 'a', '\\"', '\\\\'), { maxLength: 12 }).map((parts) => parts.join(''));
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'medium' }, tricky, fc.integer(), fc.boolean(), fc.constant(null),
    fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(tricky, tie('v'), { maxKeys: 3 })),
})).v;

describe('decodeBoundedJson nesting bound', () => {
  it('accepts a document exactly as deep as maxDepth and refuses it one level shallower, whatever its strings hold', () => {
    fc.assert(fc.property(value, fc.boolean(), (v, spaced) => {
      const text = JSON.stringify(v, null, spaced ? 1 : undefined);
      const depth = depthOf(v);
      const at = decodeBoundedJson(text, { maxDepth: depth });
      assert.ok(at.ok);
      assert.deepEqual(at.value, JSON.parse(text));
      if (depth > 0) {
        const below = decodeBoundedJson(text, { maxDepth: depth - 1 });
        assert.equal(!below.ok && below.error.code, 'too_deep');
      }
    }), { numRuns: 500 });
  });

  it('refuses deep nesting before parsing and an unterminated string as JSON', () => {
    const deep = decodeBoundedJson(`${'['.repeat(101)}${']'.repeat(101)}`);
    assert.equal(!deep.ok && deep.error.code, 'too_deep');
    const open = decodeBoundedJson('["a\\"');
    assert.equal(!open.ok && open.error.code, 'invalid_json');
  });
});
