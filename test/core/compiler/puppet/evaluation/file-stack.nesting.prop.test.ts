import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { FileStack } from '../../../../../core/compiler/puppet/evaluation/file-stack.js';

const at = { line: 4, column: 2 };

describe('FileStack', () => {
  it('locates in the innermost file and declarations one out, and unwinds on a throw', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.string({ minLength: 1 }), fc.boolean()), { maxLength: 8 }), (nesting) => {
      const files = new FileStack();
      const enter = (i: number): void => {
        if (i === nesting.length) return;
        const [file, fails] = nesting[i]!;
        try {
          files.inFile(file, () => {
            assert.equal(files.current(), file);
            assert.equal(files.declaring(), i === 0 ? file : nesting[i - 1]![0]);
            assert.deepEqual(files.pos(at), { file, ...at });
            enter(i + 1);
            if (fails) throw new Error('boom');
          });
        } catch (e) {
          if (!(e instanceof Error) || e.message !== 'boom') throw e;
        }
        assert.equal(files.current(), i === 0 ? '' : nesting[i - 1]![0]);
      };
      enter(0);
      assert.equal(files.current(), '');
    }));
  });
});
