import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createBuiltinCompiler } from '../../../core/compiler/builtin.compiler.js';
import { inMemoryExportedResources } from '../../../core/compiler/exported-resources.memory.js';
import { loadCorpus } from '../../support/compiler-corpus.fixture.js';

/** Rebuilds an object with its keys (at every depth) in the order `rank` gives. */
function reorder(v: unknown, rank: (key: string, depth: number) => number, depth = 0): unknown {
  if (Array.isArray(v)) return v.map((x) => reorder(x, rank, depth + 1));
  if (v === null || typeof v !== 'object') return v;
  const keys = Object.keys(v).sort((a, b) => rank(a, depth) - rank(b, depth));
  return Object.fromEntries(keys.map((k) => [k, reorder((v as Record<string, unknown>)[k], rank, depth + 1)]));
}

const volatile = (c: object): string => JSON.stringify({ ...c, version: 0, catalog_uuid: '' });

describe('builtin compiler', () => {
  // Invariant: a catalog depends on the facts' content, never on the order
  // their keys arrive in (JSON from agents and PuppetDB has no fixed order).
  it('compiles the same catalog whatever order the facts keys arrive in', async () => {
    const cases = loadCorpus().filter((c) => c.expected.error === undefined && c.name.startsWith('example-'));
    const compiler = createBuiltinCompiler({ codeDir: cases[0]!.envDir });
    const compile = async (c: (typeof cases)[number], facts: Record<string, unknown>): Promise<string> => {
      const r = await compiler.compile({
        certname: c.certname, environment: 'production', facts, exported: inMemoryExportedResources(c.exported), catalogUuid: 'x',
        ...(c.trusted ? { trusted: c.trusted } : {}),
      });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      return volatile(r.value);
    };
    const baseline = await Promise.all(cases.map((c) => compile(c, c.facts)));
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: cases.length - 1 }), fc.func(fc.integer()),
      async (i, f) => {
        const c = cases[i]!;
        const shuffled = reorder(c.facts, (k, d) => f(`${d}:${k}`)) as Record<string, unknown>;
        assert.equal(await compile(c, shuffled), baseline[i]);
      },
    ), { numRuns: 60 });
  });
});
