import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createBuiltinCompiler } from '../../../core/compiler/builtin.compiler.js';
import type { CatalogCompiler } from '../../../core/compiler/catalog-compiler.js';
import { recordCollectorQueries } from '../../../core/dependency/collector-query.js';
import { createPuppetCompiler } from '../../../ops/puppet/puppet.compiler.js';
import { rubyModuleEnvironment } from '../../support/puppet/puppet-module.fixture.js';

const SITE = `node default {
  Mymod::Thing <<| tag == 'db' and port == 5432 |>>
  Mymod::Thing <<| title == 'x' or port != 1 |>>
}
`;

/** The collector queries one compile of SITE ran, recorded as the compile step records them. */
async function collectorsOf(compiler: CatalogCompiler) {
  const recorder = recordCollectorQueries({ find: async () => [] });
  const r = await compiler.compile({ certname: 'mon1.example.com', environment: 'production', facts: {}, exported: recorder.lookup, catalogUuid: 'u' });
  assert.ok(r.ok, JSON.stringify(r));
  return recorder.queries();
}

describe("a compile's collector queries, real Puppet and the built-in compiler alike", () => {
  const { root, codeDir } = rubyModuleEnvironment(SITE);
  const puppet = createPuppetCompiler({ codeDir, processes: 1, maxCompilesPerProcess: 10, maxRssMb: 1024, timeoutMs: 20_000, onLog: () => undefined });
  let builtin: CatalogCompiler;
  before(() => { builtin = createBuiltinCompiler({ codeDir }); });
  after(async () => { await puppet.close!(); rmSync(root, { recursive: true, force: true }); });

  it('records the same normalised queries whichever backend ran them', async () => {
    const expected = [
      { type: 'Mymod::Thing', filter: { op: 'and', left: { op: '==', attribute: 'tag', value: 'db' }, right: { op: '==', attribute: 'port', value: 5432 } } },
      { type: 'Mymod::Thing', filter: { op: 'or', left: { op: '==', attribute: 'title', value: 'x' }, right: { op: '!=', attribute: 'port', value: 1 } } },
    ];
    assert.deepEqual(await collectorsOf(puppet), expected);
    assert.deepEqual(await collectorsOf(builtin), expected);
  });
});
