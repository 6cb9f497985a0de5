import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { BackgroundCompiles } from '../../../actors/compile/background-compiles.js';
import { CompilePool } from '../../../actors/compile/compile-pool.js';
import { createCompileOutcome, createCompileStep } from '../../../actors/compile/compile-step.js';
import { initialNodeState } from '../../../actors/node/node.decider.js';
import { NO_EXPORTED_RESOURCES, type CatalogCompiler } from '../../../core/compiler/catalog-compiler.js';
import { StaticCompiler } from '../../../core/compiler/static.compiler.js';
import type { TroupeEvent } from '../../../core/events/event.types.js';
import type { AppendRequest } from '../../../core/log/event-log.js';
import { packageRoot } from '../../../ops/config/package-root.js';
import { factsEvent } from '../../support/events.fixture.js';

const staticCompiler = new StaticCompiler({ dir: join(packageRoot(), 'docs/examples/static') });
/** The static compiler, counting the certnames it compiled. */
const counting = (compiled: string[]): CatalogCompiler => ({
  name: staticCompiler.name,
  codeId: () => staticCompiler.codeId(),
  invalidate: () => undefined,
  compile: (request) => {
    compiled.push(request.certname);
    return staticCompiler.compile(request);
  },
});

/** A background lane in this thread (what the niced thread does, without the thread): its own compiler and pool. */
function lane(compiled: string[]): BackgroundCompiles {
  const pool = new CompilePool({ concurrency: 2, backgroundSlots: 2 });
  const outcome = createCompileOutcome({ compiler: counting(compiled), pool, exported: NO_EXPORTED_RESOURCES });
  return { outcome, invalidate: () => undefined, get load() { return pool; }, close: async () => undefined };
}

const work = (i: number, priority: number) => ({
  state: { ...initialNodeState(`web${i}.example.com`), facts: factsEvent(`web${i}.example.com`).data },
  work: { kind: 'compile' as const, requestIds: [`r${i}`], environment: 'production', priority, position: i + 1 },
});

describe('compile step with a background lane', () => {
  // Invariant: background work (priority below 0) runs on the lane, a
  // request's own compile on the process's pool; each is compiled and its
  // outcome appended exactly once, answering its own request.
  it('routes by priority and answers every compile once', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: -3, max: 9 }), { minLength: 1, maxLength: 30 }), fc.boolean(), async (priorities, withLane) => {
      const foreground: string[] = [];
      const background: string[] = [];
      const appended: TroupeEvent[] = [];
      const log = { append: async (rs: readonly AppendRequest[]) => rs.map((r, i) => (appended.push(r.event), { status: 'appended' as const, position: appended.length + i, version: 1 })) };
      const step = createCompileStep({
        log, compiler: counting(foreground), pool: new CompilePool({ concurrency: 2 }), exported: NO_EXPORTED_RESOURCES,
        ...(withLane ? { background: lane(background) } : {}),
      });
      await Promise.all(priorities.map((p, i) => step(work(i, p))));
      const names = (keep: (p: number) => boolean) => priorities.flatMap((p, i) => (keep(p) ? [`web${i}.example.com`] : [])).sort();
      assert.deepEqual([...foreground].sort(), names((p) => !withLane || p >= 0));
      assert.deepEqual([...background].sort(), names((p) => withLane && p < 0));
      assert.deepEqual(appended.map((e) => e.meta.causationId).sort(), priorities.map((_p, i) => `r${i}`).sort());
    }), { numRuns: 50 });
  });
});
