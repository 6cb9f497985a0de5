import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createAutoCompiler } from '../../../../core/compiler/auto/auto.compiler.js';
import { createBuiltinCompiler } from '../../../../core/compiler/builtin.compiler.js';
import type { CatalogCompiler, CompileResult } from '../../../../core/compiler/catalog-compiler.js';
import { inMemoryExportedResources } from '../../../../core/compiler/exported-resources.memory.js';
import { checkPuppetAsync, createPuppetCompiler } from '../../../../ops/puppet/puppet.compiler.js';
import { compareCatalogs, FORGE_SITE_DIR, loadCorpus, relativise, type CorpusCase } from '../../../support/compiler-corpus.fixture.js';

const ENVIRONMENTS = join(FORGE_SITE_DIR, 'environments');

/**
 * Which backend `--compiler auto` must choose for each environment of the
 * node set (docs/compiler.md, "The Forge-module node set"): every Ruby
 * function and type the site uses is native or read by the built-in, and
 * the built-in compiles every node (Timestamps, apache's and haproxy's ERB).
 */
const EXPECTED_BACKEND: Readonly<Record<string, 'builtin' | 'puppet'>> = {
  core: 'builtin',
  data: 'builtin',
  production: 'builtin',
};

/**
 * How many nodes the built-in alone compiles identically (docs/compiler.md
 * gives the figure): raise it when the share grows; a fall is a regression.
 */
const BUILTIN_ALONE_IDENTICAL = 20;

const compileCase = (compiler: CatalogCompiler, c: CorpusCase): Promise<CompileResult> => compiler.compile({
  certname: c.certname, environment: c.environment, facts: c.facts, exported: inMemoryExportedResources(c.exported), catalogUuid: 'forge',
  ...(c.trusted ? { trusted: c.trusted } : {}),
});

/** Why a compile result is not real Puppet's recorded catalog (or error), or undefined when it is identical, tags included. */
function difference(c: CorpusCase, r: CompileResult): string | undefined {
  if (c.expected.error !== undefined) {
    const got = r.ok ? '(compiled without error)' : relativise(r.error.message, c.envDir);
    return got === c.expected.error ? undefined : `expected error ${c.expected.error}, got ${got}`;
  }
  if (!r.ok) return r.error.message;
  const cmp = compareCatalogs(c.expected, relativise(r.value, c.envDir));
  if (!cmp.identical) return cmp.differences.slice(0, 5).join('\n      ');
  return cmp.tagsIdentical ? undefined : 'tags differ (catalog tags or a resource\'s tags or order)';
}

describe('the Forge-module node set (forge-site): --compiler auto gives real Puppet\'s catalog for every node', () => {
  const nodes = loadCorpus(join(FORGE_SITE_DIR, 'nodes'));
  const builtin = createBuiltinCompiler({ environmentsDir: ENVIRONMENTS });
  const puppet = createPuppetCompiler({ environmentsDir: ENVIRONMENTS, processes: 1, maxCompilesPerProcess: 1000, maxRssMb: 2048, timeoutMs: 60_000 });
  const auto = createAutoCompiler({
    builtin, puppet, environmentDir: (environment) => join(ENVIRONMENTS, environment), puppetProblem: () => checkPuppetAsync(),
  });
  after(() => auto.close?.());

  it('has a dozen or more nodes over several environments', () => {
    assert.ok(nodes.length >= 12, `${nodes.length} nodes`);
    assert.deepEqual([...new Set(nodes.map((n) => n.environment))].sort(), Object.keys(EXPECTED_BACKEND).sort());
  });

  it('compiles every node as real Puppet does, tags included, with the backend its environment needs', async () => {
    const failures: string[] = [];
    let identical = 0;
    const byBackend: Record<string, number> = { builtin: 0, puppet: 0 };
    for (const c of nodes) {
      const r = await compileCase(auto, c);
      const backend = r.choice?.backend ?? 'builtin';
      byBackend[backend]!++;
      const diff = difference(c, r);
      if (!diff) identical++;
      console.log(`  ${c.name} (${c.environment}): ${backend}${diff ? ' DIFFERS' : ', identical'} — ${r.choice?.reason ?? ''}`);
      if (diff) failures.push(`${c.name}: ${diff}`);
      if (backend !== EXPECTED_BACKEND[c.environment]) failures.push(`${c.name}: compiled by ${backend}, expected ${EXPECTED_BACKEND[c.environment]}`);
    }
    console.log(`forge-site, --compiler auto: ${identical}/${nodes.length} identical; built-in compiled ${byBackend.builtin}, Puppet ${byBackend.puppet}`);
    assert.deepEqual(failures, []);
  });

  it('reports the share the built-in compiles identically by itself; it never gives any other node a catalog', async () => {
    const alone = createBuiltinCompiler({ environmentsDir: ENVIRONMENTS });
    let identical = 0;
    const silent: string[] = [];
    for (const c of nodes) {
      const r = await compileCase(alone, c);
      const diff = difference(c, r);
      if (diff === undefined) { identical++; continue; }
      console.log(`  builtin alone, ${c.name}: ${diff.slice(0, Number(process.env.FORGE_DIFF_CHARS ?? 300))}`);
      // What the built-in cannot do must say so (auto then compiles with Puppet), never give a different catalog.
      if (r.ok || r.error.code !== 'compile_unsupported') silent.push(`${c.name}: ${r.ok ? 'a different catalog' : r.error.message}`);
    }
    assert.deepEqual(silent, [], 'the built-in gave a different catalog or failed valid code without saying it does not implement it');
    console.log(`forge-site, built-in alone: ${identical}/${nodes.length} identical (${((identical / nodes.length) * 100).toFixed(0)} %)`);
    // Every node of an environment auto gives the built-in is among them (checked above); the rest is the share to grow.
    const builtinNodes = nodes.filter((n) => EXPECTED_BACKEND[n.environment] === 'builtin').length;
    assert.ok(identical >= builtinNodes, `${identical} identical, fewer than the ${builtinNodes} nodes auto compiles built-in`);
    assert.ok(identical >= BUILTIN_ALONE_IDENTICAL, `${identical} identical, fewer than the ${BUILTIN_ALONE_IDENTICAL} recorded`);
  });
});
