import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { createBuiltinCompiler } from '../../../core/compiler/builtin.compiler.js';
import { NO_EXPORTED_RESOURCES } from '../../../core/compiler/catalog-compiler.js';
import type { CompileLimits } from '../../../core/compiler/puppet/evaluation/compile-budget.js';
import { tempEnvironments, writeSite } from '../../support/puppet/puppet-env.fixture.js';

const dir = tempEnvironments('bounds');
after(() => rmSync(dir, { recursive: true, force: true }));
let envs = 0;

/** Compiles `code` (a fresh environment each time) under `limits`; returns the result and how long it took. */
async function compile(code: string, limits: Partial<CompileLimits> = {}, facts: Record<string, unknown> = {}) {
  const environment = `e${envs++}`;
  writeSite(dir, environment, code);
  const compiler = createBuiltinCompiler({ environmentsDir: dir, limits });
  const started = performance.now();
  const r = await compiler.compile({ certname: 'n1.example.com', environment, facts, exported: NO_EXPORTED_RESOURCES, catalogUuid: 'u' });
  return { r, ms: performance.now() - started };
}

/** Asserts the compile failed with `code`, naming `setting` and the site.pp line. */
async function failsWith(code: string, setting: string, line: number, source: string, limits: Partial<CompileLimits>): Promise<number> {
  const { r, ms } = await compile(source, limits);
  assert.equal(r.ok, false, 'expected a failed compile');
  if (r.ok) return ms;
  assert.equal(r.error.code, code, r.error.message);
  assert.match(r.error.message, new RegExp(`^Evaluation Error: Exceeded .*\\(${setting}\\)`));
  assert.match(r.error.message, new RegExp(`site\\.pp, line: ${line}\\b.* on node n1\\.example\\.com$`));
  assert.equal(r.error.line, line);
  return ms;
}

describe('builtin compiler bounds', () => {
  it('stops at the deadline: a nested loop fails with compile_timeout soon after it', async () => {
    const ms = await failsWith('compile_timeout', 'compileTimeoutMs', 3, '\n100000.each |$i| {\n 100000.each |$j| { } }', { timeoutMs: 300 });
    assert.ok(ms < 300 + 200, `took ${ms} ms`);
  });

  it('stops at the step budget', async () => {
    await failsWith('compile_budget_exceeded', 'compileMaxSteps', 1, '1000.each |$i| { $x = $i * 2 }', { maxSteps: 1000 });
  });

  it('refuses a string longer than the limit before building it', async () => {
    const code = '$a = 40.map |$i| { $i }\n$s = $a.reduce("ab") |$m, $i| { "${m}${m}" }';
    await failsWith('compile_budget_exceeded', 'compileMaxStringLength', 2, code, { maxStringLength: 1_000_000 });
    await failsWith('compile_budget_exceeded', 'compileMaxStringLength', 1, "$s = sprintf('%900000000s', 'x')", {});
  });

  it('refuses a collection larger than the limit before allocating it', async () => {
    const { r, ms } = await compile('$x = 1500000000.map |$x| { $x }');
    assert.ok(!r.ok && r.error.code === 'compile_budget_exceeded' && /compileMaxCollectionSize\): 1500000000 elements/.test(r.error.message));
    assert.ok(ms < 1000, `took ${ms} ms`);
    const doubling = '$a = 30.map |$i| { $i }\n$b = $a.reduce([1]) |$m, $i| { $m + $m }';
    await failsWith('compile_budget_exceeded', 'compileMaxCollectionSize', 2, doubling, { maxCollectionSize: 10_000 });
    const shared = '$a = 60.map |$i| { $i }\n$b = $a.reduce([1]) |$m, $i| { [$m, $m] }\n$c = flatten($b)';
    await failsWith('compile_budget_exceeded', 'compileMaxCollectionSize', 3, shared, { maxCollectionSize: 10_000 });
  });

  it('stops a define that declares two of itself at the resource limit, unwrapped', async () => {
    const code = 'define twice($n) {\n  if $n > 0 { twice { ["${title}a", "${title}b"]: n => $n - 1 } }\n}\ntwice { "x": n => 40 }';
    await failsWith('compile_budget_exceeded', 'compileMaxResources', 2, code, { maxResources: 1000 });
  });

  it('stops deep recursion at the call depth', async () => {
    const code = 'function f($n) {\n  f($n + 1)\n}\nf(0)';
    await failsWith('compile_budget_exceeded', 'compileMaxCallDepth', 2, code, { maxCallDepth: 50 });
    const classes = Array.from({ length: 400 }, (_x, i) => `class c${i} { include c${i + 1} }`).join('\n');
    const { r } = await compile(`${classes}\nclass c400 { }\ninclude c0`);
    assert.ok(!r.ok && /compileMaxCallDepth/.test(r.error.message), r.ok ? 'ok' : r.error.message);
  });

  it('stops deep nesting in the lexer, parser and evaluator with an error, not a stack overflow', async () => {
    for (const code of [
      `$x = ${'['.repeat(20_000)}1${']'.repeat(20_000)}`,
      `${'if true { '.repeat(5_000)}${'}'.repeat(5_000)}`,
      `$x = ${'"${'.repeat(5_000)}1${'}"'.repeat(5_000)}`,
    ]) await failsWith('compile_budget_exceeded', 'compileMaxNestingDepth', 1, code, {});
    await failsWith('compile_budget_exceeded', 'compileMaxNestingDepth', 1, `$x = ${'['.repeat(60)}1${']'.repeat(60)}`, { maxNestingDepth: 50 });
  });

  it('turns what no bound catches (facts nested deeper than the stack) into a failed compile', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const { r } = await compile('notice($facts)', {}, { deep });
    assert.ok(!r.ok && r.error.code === 'compile_budget_exceeded', r.ok ? 'compiled' : r.error.message);
  });

  it('matches a catastrophically backtracking regex against a fact in linear time', async () => {
    const { r, ms } = await compile("if $facts['s'] =~ /^(a+)+$/ { notify { 'matched': } }", {}, { s: `${'a'.repeat(40)}!` });
    assert.ok(r.ok);
    assert.ok(ms < 1000, `took ${ms} ms`);
  });

  it('refuses limits that are not positive integers', () => {
    assert.throws(() => createBuiltinCompiler({ codeDir: dir, limits: { timeoutMs: 0 } }), /compileTimeoutMs/);
    assert.throws(() => createBuiltinCompiler({ codeDir: dir, limits: { maxSteps: 1.5 } }), /compileMaxSteps/);
  });
});
