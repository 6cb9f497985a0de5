import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { autoLaneRouting } from '../../../actors/compile/auto-lane-routing.js';
import { BackgroundLane } from '../../../actors/compile/background-lane.js';
import { CompilePool } from '../../../actors/compile/compile-pool.js';
import { createCompileOutcome, createCompileStep } from '../../../actors/compile/compile-step.js';
import { initialNodeState } from '../../../actors/node/node.decider.js';
import { NO_EXPORTED_RESOURCES, type BackendChoice, type CatalogCompiler, type CompileRequest } from '../../../core/compiler/catalog-compiler.js';
import { StaticCompiler } from '../../../core/compiler/static.compiler.js';
import type { TroupeEvent } from '../../../core/events/event.types.js';
import type { AppendRequest } from '../../../core/log/event-log.js';
import { packageRoot } from '../../../ops/config/package-root.js';
import { factsEvent } from '../../support/events.fixture.js';

/** How auto treats each environment here: decided for the built-in, for Puppet, or decided for the built-in that then does not implement the code. */
type Kind = 'builtin' | 'puppet' | 'unsupported';
const KINDS: readonly Kind[] = ['builtin', 'puppet', 'unsupported'];
const environmentOf = (kind: Kind): string => `${kind}_env`;
const kindOf = (environment: string): Kind => environment.replace(/_env$/, '') as Kind;

const staticCompiler = new StaticCompiler({ dir: join(packageRoot(), 'docs/examples/static') });
/** A compiler under `name`, noting what it compiled; the built-in (`unsupporting`) fails `unsupported_env` as `compile_unsupported`. */
const compilerNamed = (name: string, compiled: string[], unsupporting: boolean): CatalogCompiler => ({
  name,
  codeId: () => staticCompiler.codeId(),
  invalidate: () => undefined,
  compile: async (request) => {
    compiled.push(`${request.certname}/${request.environment}`);
    if (unsupporting && kindOf(request.environment) === 'unsupported') return { ok: false, error: { code: 'compile_unsupported', message: 'a function it lacks' } };
    return staticCompiler.compile(request);
  },
});

/** The decision side of an auto compiler: per environment kind, recording the lane's compiles it is told of. */
const autoDecisions = (sampled: string[]) => ({
  backendFor: async ({ environment }: Pick<CompileRequest, 'environment'>): Promise<BackendChoice> =>
    (kindOf(environment) === 'puppet' ? { backend: 'puppet', reason: 'uses Ruby' } : { backend: 'builtin', reason: 'fully understood' }),
  recordBuiltin: (request: CompileRequest, catalog?: () => unknown) => void sampled.push(`${request.certname}${catalog ? '' : ' failed'}`),
});

const work = (i: number, kind: Kind, priority: number) => ({
  state: { ...initialNodeState(`web${i}.example.com`), facts: factsEvent(`web${i}.example.com`).data },
  work: { kind: 'compile' as const, requestIds: [`r${i}`], environment: environmentOf(kind), priority, position: i + 1 },
});

describe('background lane with --compiler auto', () => {
  // Invariant: a background compile runs on the lane exactly when auto
  // decided its environment for the built-in; Puppet-decided ones, and
  // lane compiles the built-in does not implement, are compiled by the
  // process's own compiler once; every request gets one outcome, from the
  // compiler auto would have used, and only the lane's catalogs are
  // offered to the shadow check from the lane.
  it('routes by auto\'s decision and gives back what the built-in does not implement', async () => {
    const item = fc.record({ kind: fc.constantFrom(...KINDS), priority: fc.integer({ min: -3, max: 5 }) });
    await fc.assert(fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 30 }), async (items) => {
      const onLane: string[] = [];
      const local: string[] = [];
      const sampled: string[] = [];
      const appended: TroupeEvent[] = [];
      const log = { append: async (rs: readonly AppendRequest[]) => rs.map((r) => (appended.push(r.event), { status: 'appended' as const, position: appended.length, version: 1 })) };
      const laneOutcome = createCompileOutcome({ compiler: compilerNamed('builtin', onLane, true), pool: new CompilePool({ concurrency: 2 }), exported: NO_EXPORTED_RESOURCES });
      const deps = { compiler: compilerNamed('auto', local, false), pool: new CompilePool({ concurrency: 2 }), exported: NO_EXPORTED_RESOURCES };
      const fallback = createCompileOutcome(deps);
      const background = new BackgroundLane({
        slots: 2, routing: autoLaneRouting(autoDecisions(sampled), NO_EXPORTED_RESOURCES), fallback: (input, id) => fallback(input, id),
        compile: async (input, id, at) => {
          assert.deepEqual(at.choice, { backend: 'builtin', reason: 'fully understood' });
          return laneOutcome(input, id);
        },
      });
      const step = createCompileStep({ ...deps, log, background: { outcome: (input, id) => background.outcome(input, id), invalidate: () => undefined, load: background.load, close: async () => undefined } });
      await Promise.all(items.map(({ kind, priority }, i) => step(work(i, kind, priority))));

      const names = (keep: (kind: Kind, priority: number) => boolean) =>
        items.flatMap(({ kind, priority }, i) => (keep(kind, priority) ? [`web${i}.example.com/${environmentOf(kind)}`] : [])).sort();
      assert.deepEqual([...onLane].sort(), names((kind, p) => p < 0 && kind !== 'puppet'));
      assert.deepEqual([...local].sort(), names((kind, p) => p >= 0 || kind !== 'builtin'));
      assert.deepEqual(appended.map((e) => e.meta.causationId).sort(), items.map((_x, i) => `r${i}`).sort());
      for (const event of appended) {
        assert.equal(event.type, 'catalog_compiled');
        const i = Number(event.meta.causationId!.slice(1));
        const { kind, priority } = items[i]!;
        assert.equal(event.type === 'catalog_compiled' && event.data.compiler, priority < 0 && kind === 'builtin' ? 'builtin' : 'auto', `request ${i}`);
      }
      assert.deepEqual([...sampled].sort(), names((kind, p) => p < 0 && kind === 'builtin').map((n) => n.split('/')[0]));
    }), { numRuns: 60 });
  });
});
