import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { createBuiltinCompiler } from '../../../core/compiler/builtin.compiler.js';
import { NO_EXPORTED_RESOURCES } from '../../../core/compiler/catalog-compiler.js';
import { tempEnvironments, writeSite } from '../../support/puppet/puppet-env.fixture.js';

/** Small bounds so every hostile compile ends fast. */
const LIMITS = {
  timeoutMs: 400, maxSteps: 2_000_000, maxStringLength: 1_000_000, maxCollectionSize: 100_000,
  maxResources: 2_000, maxCallDepth: 50, maxNestingDepth: 200,
};
/** What a hostile compile may add to the heap: the bounds above allow a few MB of live data. */
const HEAP_BUDGET = 128 * 1024 * 1024;
/**
 * Slack over the deadline: one clock check's worth of steps, the parse, the
 * result — generous, for a loaded 2-core CI machine where descheduling and
 * GC count as wall time; a missing bound would take forever.
 */
const MARGIN_MS = 1000;

interface Hostile { readonly code: string; readonly bounds: readonly string[] }
const TIME = ['compileTimeoutMs', 'compileMaxSteps'];

const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  fc.record({ n: fc.integer({ min: 2_000, max: 100_000 }), m: fc.integer({ min: 2_000, max: 100_000 }) })
    .map(({ n, m }) => ({ code: `${n}.each |$i| { ${m}.each |$j| { } }`, bounds: TIME })),
  fc.integer({ min: 60, max: 100_000 })
    .map((d) => ({ code: `function f($n) { if $n > 0 { f($n - 1) } }\nf(${d})`, bounds: ['compileMaxCallDepth', 'compileMaxNestingDepth'] })),
  fc.integer({ min: 12, max: 60 })
    .map((n) => ({ code: `define d($n) { if $n > 0 { d { ["\${title}a", "\${title}b"]: n => $n - 1 } } }\nd { 'x': n => ${n} }`, bounds: ['compileMaxResources'] })),
  fc.integer({ min: 20, max: 40 })
    .map((k) => ({ code: `10000.each |$i| { if $facts['s${k}'] =~ /^(a+)+$/ { notice($i) } }`, bounds: TIME })),
  fc.integer({ min: 21, max: 200 })
    .map((n) => ({ code: `$a = ${n}.map |$i| { $i }\n$s = $a.reduce('ab') |$m, $i| { "\${m}\${m}" }`, bounds: ['compileMaxStringLength'] })),
  fc.integer({ min: 100_001, max: 2_000_000_000 })
    .map((n) => ({ code: `$x = ${n}.map |$x| { $x }`, bounds: ['compileMaxCollectionSize'] })),
  fc.integer({ min: 18, max: 100 })
    .map((n) => ({ code: `$a = ${n}.map |$i| { $i }\n$b = $a.reduce([1]) |$m, $i| { $m + $m }`, bounds: ['compileMaxCollectionSize'] })),
  fc.integer({ min: 201, max: 20_000 })
    .map((d) => ({ code: `$x = ${'['.repeat(d)}1${']'.repeat(d)}`, bounds: ['compileMaxNestingDepth'] })),
  fc.integer({ min: 201, max: 5_000 })
    .map((d) => ({ code: `${'if true { '.repeat(d)}${'}'.repeat(d)}`, bounds: ['compileMaxNestingDepth'] })),
);

/** A fact the regex case matches against: a run of `a`s the backtracking engine would never finish. */
const FACTS = Object.fromEntries(Array.from({ length: 21 }, (_x, i) => [`s${20 + i}`, `${'a'.repeat(20 + i)}!`]));

describe('builtin compiler under hostile manifests', () => {
  const dir = tempEnvironments('hostile');
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeSite(dir, 'production', "node default { file { '/tmp/ok': content => 'fine' } }");
  const compiler = createBuiltinCompiler({ environmentsDir: dir, limits: LIMITS });
  let runs = 0;
  const compile = (environment: string) =>
    compiler.compile({ certname: 'n1.example.com', environment, facts: FACTS, exported: NO_EXPORTED_RESOURCES, catalogUuid: 'u' });

  // Invariant: whatever the code does, the compile answers in time with a bound's failure, within a
  // bounded heap, and the next (ordinary) compile on the same compiler still succeeds.
  it('fails every hostile compile by a bound, in time and memory, and keeps serving', async () => {
    await fc.assert(fc.asyncProperty(hostile, async (h) => {
      const environment = `h${runs++}`;
      writeSite(dir, environment, h.code);
      const heapBefore = process.memoryUsage().heapUsed;
      const started = performance.now();
      const r = await compile(environment);
      const ms = performance.now() - started;
      const grown = process.memoryUsage().heapUsed - heapBefore;
      assert.ok(!r.ok, 'a hostile compile succeeded');
      assert.match(r.error.code, /^compile_(timeout|budget_exceeded)$/);
      assert.ok(h.bounds.some((b) => r.error.message.includes(`(${b})`)), `expected one of ${h.bounds.join(', ')}: ${r.error.message}`);
      assert.ok(ms < LIMITS.timeoutMs + MARGIN_MS, `took ${ms.toFixed(0)} ms`);
      assert.ok(grown < HEAP_BUDGET, `heap grew by ${(grown / 1048576).toFixed(0)} MB`);
      const normal = await compile('production');
      assert.ok(normal.ok, normal.ok ? '' : normal.error.message);
    }), { numRuns: 60 });
  });
});
