import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { appendRecompileBatch, type RecompileSource } from '../../../actors/compile/recompile-request.js';
import type { AppendRequest } from '../../../core/log/event-log.js';

/** A page of nodes with the bookkeeping a deployment keeps. */
function source(nodes: readonly string[]) {
  const page = [...nodes];
  const waiting = new Map<string, string>();
  const s: RecompileSource & { page: string[]; waiting: Map<string, string> } = {
    page, waiting,
    next: () => page.shift(),
    putBack: (c) => { page.unshift(c); },
    requested: (id) => { waiting.set(id, ''); },
    unrequested: (id, c) => { waiting.delete(id); page.unshift(c); },
  };
  return s;
}

describe('appendRecompileBatch (property)', () => {
  it('appends what admission and the room allow in one append, in order; a failed append leaves source and admission as they were', async () => {
    await fc.assert(fc.asyncProperty(
      fc.uniqueArray(fc.constantFrom(...Array.from({ length: 30 }, (_, i) => `n${i}`)), { maxLength: 30 }),
      fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.boolean(),
      async (nodes, admissionRoom, window, fails) => {
        const reserved = new Set<string>();
        const appends: AppendRequest[][] = [];
        const deps = {
          admission: { reserve: (id: string) => (reserved.size < admissionRoom ? (reserved.add(id), true) : false), release: (id: string) => { reserved.delete(id); } },
          log: { append: async (batch: readonly AppendRequest[]) => { if (fails) throw new Error('disk full'); appends.push([...batch]); return []; } },
        };
        const s = source(nodes);
        const run = appendRecompileBatch(deps, s, () => s.waiting.size < window, (certname) => ({
          certname, environment: 'production', reason: 'code_deployed', priority: -1, causationId: 'd1',
        }));
        const expected = Math.min(nodes.length, admissionRoom, window);
        if (fails && expected > 0) {
          await assert.rejects(run, /disk full/);
          assert.deepEqual(s.page, nodes, 'every node back, in order');
          assert.equal(reserved.size, 0);
          assert.equal(s.waiting.size, 0);
          return;
        }
        const { appended, refused } = await run;
        assert.equal(appended, expected);
        assert.equal(appends.length, expected === 0 ? 0 : 1, 'one append for the batch');
        assert.deepEqual((appends[0] ?? []).map((r) => r.event.stream), nodes.slice(0, expected));
        assert.deepEqual(s.page, nodes.slice(expected));
        assert.equal(reserved.size, expected);
        // Refused: admission, not the room or the nodes, stopped it.
        assert.equal(refused, admissionRoom < Math.min(nodes.length, window));
      },
    ), { numRuns: 300 });
  });
});
