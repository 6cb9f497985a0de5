import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CompilePool } from '../../../actors/compile/compile-pool.js';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** A step of the model: a compile asked for at a priority (background below 0), or the n-th running one ending. */
const step = fc.oneof(
  fc.record({ kind: fc.constant('run' as const), priority: fc.integer({ min: -1, max: 9 }) }),
  fc.record({ kind: fc.constant('finish' as const), which: fc.nat() }),
);

describe('CompilePool slots', () => {
  it('keeps background compiles to their slots, starts a request\'s compile at once while a slot is free, never idles a slot work could take, and starts waiting work highest priority first', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.array(step, { minLength: 1, maxLength: 60 }), async (concurrency, steps) => {
      const pool = new CompilePool({ concurrency });
      const running: Array<{ priority: number; end: () => void }> = [];
      const waiting: Array<{ priority: number; seq: number }> = [];
      let seq = 0;
      const check = (): void => {
        assert.ok(running.length <= concurrency);
        assert.ok(running.filter((t) => t.priority < 0).length <= pool.backgroundSlots);
        assert.equal(pool.active, running.length);
        assert.equal(pool.queued, waiting.length);
        // Work-conserving: nothing waits that a free slot could take.
        const background = running.filter((t) => t.priority < 0).length;
        for (const w of waiting) {
          assert.ok(running.length === concurrency || (w.priority < 0 && background >= pool.backgroundSlots), `priority ${w.priority} waits beside a slot it may take`);
        }
      };
      for (const s of steps) {
        if (s.kind === 'run') {
          const me = { priority: s.priority, seq: seq++ };
          const freeForMe = running.length < concurrency && (s.priority >= 0 || running.filter((t) => t.priority < 0).length < pool.backgroundSlots);
          let started = false;
          void pool.run(s.priority, () => new Promise<void>((end) => {
            started = true;
            const i = waiting.indexOf(me);
            if (i >= 0) {
              // Highest priority first, then arrival, among those that may start now.
              const ahead = waiting.filter((w) => w !== me && (w.priority > me.priority || (w.priority === me.priority && w.seq < me.seq)));
              assert.deepEqual(ahead, [], `priority ${me.priority} started ahead of waiting work`);
              waiting.splice(i, 1);
            }
            running.push({ priority: s.priority, end });
          }));
          if (!started) waiting.push(me);
          if (freeForMe && waiting.filter((w) => w.priority >= s.priority).length === 1) assert.ok(started, `priority ${s.priority} queued beside a free slot`);
        } else if (running.length > 0) {
          running.splice(s.which % running.length, 1)[0]!.end();
          await tick();
        }
        check();
      }
      // Everything asked for runs in the end.
      while (running.length > 0) {
        running.shift()!.end();
        await tick();
        check();
      }
      assert.equal(waiting.length, 0);
    }), { numRuns: 200 });
  });

  it('refuses a background share outside 1..concurrency', () => {
    assert.throws(() => new CompilePool({ concurrency: 2, backgroundSlots: 0 }), /backgroundSlots/);
    assert.throws(() => new CompilePool({ concurrency: 2, backgroundSlots: 3 }), /backgroundSlots/);
    assert.equal(new CompilePool({ concurrency: 4 }).backgroundSlots, 3);
    assert.equal(new CompilePool({ concurrency: 1 }).backgroundSlots, 1);
  });
});
