import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CatalogCompiler } from '../../../core/compiler/catalog-compiler.js';
import { createBuiltinCompiler } from '../../../core/compiler/builtin.compiler.js';
import { inMemoryExportedResources } from '../../../core/compiler/exported-resources.memory.js';
import { compareCatalogs, loadCorpus, relativise, sharedModulePath } from '../../support/compiler-corpus.fixture.js';

/** Below this share of identical catalogs the builtin compiler is not a Puppet 7 replacement. */
const REQUIRED_IDENTICAL = 0.95;

/** Cases known to differ, each explained in docs/compiler.md ("Known differences"); every other case must match. */
const KNOWN_DIFFERENCES = new Set(['err-tree-each-string', 'stdlib-parsejson-error', 'stdlib-real-validate-params-error', 'stdlib-private-deprecated']);

describe('builtin compiler against real Puppet 7 (differential corpus)', () => {
  it(`compiles at least ${REQUIRED_IDENTICAL * 100}% of the corpus identically`, async () => {
    const cases = loadCorpus();
    assert.ok(cases.length > 0, 'corpus is empty');
    const compilers = new Map<string, CatalogCompiler>();
    const failures: string[] = [];
    const tagDiffs: string[] = [];
    for (const c of cases) {
      const base = c.modules.length ? sharedModulePath(c.modules) : undefined;
      const key = `${c.envDir}\0${base ?? ''}`;
      const compiler = compilers.get(key) ?? createBuiltinCompiler({ codeDir: c.envDir, ...(base ? { basemodulepath: [base] } : {}) });
      compilers.set(key, compiler);
      const r = await compiler.compile({
        certname: c.certname, environment: 'production', facts: c.facts, exported: inMemoryExportedResources(c.exported), catalogUuid: 'corpus',
        ...(c.trusted ? { trusted: c.trusted } : {}),
      });
      if (c.expected.error !== undefined) {
        const got = r.ok ? '(compiled without error)' : relativise(r.error.message, c.envDir, base);
        if (got !== c.expected.error) failures.push(`${c.name}: expected error\n    ${c.expected.error}\n  got\n    ${got}`);
        continue;
      }
      if (!r.ok) { failures.push(`${c.name}: ${r.error.message}`); continue; }
      const cmp = compareCatalogs(c.expected, relativise(r.value, c.envDir, base));
      if (!cmp.identical) failures.push(`${c.name}:\n    ${cmp.differences.join('\n    ')}`);
      if (!cmp.tagsIdentical) tagDiffs.push(c.name);
    }
    const identical = cases.length - failures.length;
    console.log(`corpus: ${identical}/${cases.length} identical; tags differ in ${tagDiffs.length} (${tagDiffs.join(', ') || 'none'})`);
    for (const f of failures) console.log(`  DIFF ${f}`);
    assert.ok(identical / cases.length >= REQUIRED_IDENTICAL, `only ${identical}/${cases.length} identical`);
    const unexpected = failures.map((f) => f.split(':')[0]!).filter((name) => !KNOWN_DIFFERENCES.has(name));
    assert.deepEqual(unexpected, [], 'cases that differ but are not known differences');
  });
});
