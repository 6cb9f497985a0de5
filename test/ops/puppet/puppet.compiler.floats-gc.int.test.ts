import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { NO_EXPORTED_RESOURCES } from '../../../core/compiler/catalog-compiler.js';
import { JsonFloat, writeJson } from '../../../core/json/json-float.js';
import { createPuppetCompiler } from '../../../ops/puppet/puppet.compiler.js';
import { RUBY_GC_SETTINGS } from '../../../ops/puppet/ruby-gc-settings.js';
import { rubyModuleEnvironment } from '../../support/puppet/puppet-module.fixture.js';

const SITE = `define floaty($v) {}
node default {
  floaty { 'x': v => [2.0, $facts['weight'], $facts['count'], mymod::double(1)] }
  notify { "\${type($facts['weight'], 'generalized')}": }
}
`;

describe('puppet compiler: Floats both ways, and its Ruby processes run with the GC settings', () => {
  const { root, codeDir } = rubyModuleEnvironment(SITE);
  const compiler = createPuppetCompiler({ codeDir, processes: 1, maxCompilesPerProcess: 100, maxRssMb: 1024, timeoutMs: 60_000, onLog: () => undefined });
  after(async () => { await compiler.close!(); rmSync(root, { recursive: true, force: true }); });

  it("sends a Float fact as 1.0 and keeps the catalog's Floats", async () => {
    const r = await compiler.compile({
      certname: 'web1.example.com', environment: 'production', facts: { weight: new JsonFloat(1), count: 3 },
      exported: NO_EXPORTED_RESOURCES, catalogUuid: 'u',
    });
    assert.ok(r.ok, JSON.stringify(r));
    const text = writeJson(r.value);
    assert.ok(text.includes('"parameters":{"v":[2.0,1.0,3,2]}'), text);
    assert.ok(r.value.resources.some((x) => x.type === 'Notify' && x.title === 'Float'));
  });

  it('starts Ruby with the GC settings, and reports its memory', () => {
    const [p] = compiler.stats().processes;
    const environ = readFileSync(`/proc/${p!.pid}/environ`, 'utf8').split('\0');
    for (const [k, v] of Object.entries(RUBY_GC_SETTINGS)) assert.ok(environ.includes(`${k}=${v}`), k);
    assert.ok(p!.rssMb !== undefined && p!.rssMb > 0 && p!.rssMb < 400, `rss ${p!.rssMb} MB`);
  });
});
