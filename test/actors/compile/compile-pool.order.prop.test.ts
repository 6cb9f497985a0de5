import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CompilePool } from '../../../actors/compile/compile-pool.js';

describe('CompilePool order', () => {
  it('runs waiting work by priority, then oldest log position, then arrival — resumed old requests before newer ones of their priority', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ priority: fc.integer({ min: 0, max: 2 }), position: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }) }), { maxLength: 30 }),
      async (jobs) => {
        const pool = new CompilePool({ concurrency: 1 });
        let release!: () => void;
        const blocker = pool.run(9, () => new Promise<void>((r) => { release = r; }));
        const started: number[] = [];
        const runs = jobs.map((j, i) => pool.run(j.priority, async () => { started.push(i); }, j.position));
        release();
        await Promise.all([blocker, ...runs]);
        const expected = jobs.map((j, i) => ({ ...j, i })).sort((a, b) =>
          b.priority - a.priority || (a.position ?? Infinity) - (b.position ?? Infinity) || a.i - b.i).map((j) => j.i);
        assert.deepEqual(started, expected);
      },
    ));
  });
});
