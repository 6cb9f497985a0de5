import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ExportedResource } from '../../../core/compiler/catalog-compiler.js';
import { NO_EXPORTED_RESOURCES } from '../../../core/compiler/catalog-compiler.js';
import { inMemoryExportedResources } from '../../../core/compiler/exported-resources.memory.js';
import { packageRoot } from '../../../ops/config/package-root.js';
import { createPuppetCompiler, type PuppetCompiler } from '../../../ops/puppet/puppet.compiler.js';
import { relativise } from '../../support/compiler-corpus.fixture.js';
import { rubyModuleEnvironment } from '../../support/puppet/puppet-module.fixture.js';

const SITE = `class app(Integer $n = 21) {
  $d = mymod::double($n)
  notify { 'double': message => "double is \${d}" }
  widget { 'w1': size => mymod::double(2) }
}
node 'bad.example.com' {
  notify { 'x': message => mymod::double('two') }
}
node 'collector.example.com' {
  Mymod::Thing <<| tag == 'db' |>>
}
node default {
  include app
}
`;
const FACTS = { os: { family: 'Debian' }, role: 'web' };
const EXPORTED: ExportedResource[] = [
  { certname: 'db1.example.com', type: 'Mymod::Thing', title: 'db1', exported: true, tags: ['db', 'mymod::thing', 'mymod', 'thing'], file: '/x/site.pp', line: 3, environment: 'production', parameters: { port: 5432 } },
  { certname: 'db2.example.com', type: 'Mymod::Thing', title: 'other', exported: true, tags: ['other'], file: '/x/site.pp', line: 4, environment: 'production', parameters: { port: 1 } },
];

/** What ops/scripts/puppet-reference.rb (real Puppet, in one fresh process) makes of the same inputs. */
function reference(codeDir: string, root: string, certname: string): Record<string, unknown> {
  const envs = join(root, 'envs');
  mkdirSync(envs, { recursive: true });
  try { symlinkSync(codeDir, join(envs, 'production')); } catch { /* made by an earlier call */ }
  writeFileSync(join(root, 'facts.json'), JSON.stringify(FACTS));
  writeFileSync(join(root, 'exported.json'), JSON.stringify(EXPORTED));
  const r = spawnSync('ruby', [join(packageRoot(), 'ops/scripts/puppet-reference.rb'), envs, 'production', certname, join(root, 'facts.json'), '-', join(root, 'exported.json')], { encoding: 'utf8' });
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  delete out['version']; delete out['catalog_uuid']; delete out['code_id'];
  return out;
}

describe('puppet compiler (real Puppet in a Ruby process pool) against the reference script', () => {
  const { root, codeDir } = rubyModuleEnvironment(SITE);
  let compiler: PuppetCompiler;
  before(() => { compiler = createPuppetCompiler({ codeDir, processes: 1, maxCompilesPerProcess: 100, maxRssMb: 1024, timeoutMs: 20_000, onLog: () => undefined }); });
  after(async () => { await compiler.close!(); rmSync(root, { recursive: true, force: true }); });

  const compile = (certname: string, exported = NO_EXPORTED_RESOURCES) =>
    compiler.compile({ certname, environment: 'production', facts: FACTS, exported, catalogUuid: `uuid-${certname}` });

  it('compiles a Ruby function and a Ruby type into the catalog real Puppet makes', async () => {
    const r = await compile('web1.example.com');
    assert.ok(r.ok, JSON.stringify(r));
    const { version: _v, catalog_uuid: uuid, code_id: codeId, ...catalog } = r.value;
    assert.equal(uuid, 'uuid-web1.example.com');
    assert.equal(codeId, await compiler.codeId('production'));
    assert.deepEqual(relativise(catalog, codeDir), reference(codeDir, root, 'web1.example.com'));
    const notify = r.value.resources.find((x) => x.type === 'Notify');
    assert.equal(notify?.parameters?.['message'], 'double is 42');
    assert.deepEqual(r.value.resources.find((x) => x.type === 'Widget')?.parameters, { size: 4 });
    assert.equal(notify?.file, join(codeDir, 'manifests/site.pp'), 'paths are under the code directory');
  });

  it("maps Puppet's error to its message, file and line", async () => {
    const r = await compile('bad.example.com');
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'compile_failed');
    assert.equal(relativise(r.error.message, codeDir), reference(codeDir, root, 'bad.example.com')['error']);
    assert.match(r.error.message, /'mymod::double' parameter 'x' expects an Integer value, got String/);
    assert.deepEqual({ file: r.error.file, line: r.error.line, column: r.error.column }, { file: join(codeDir, 'manifests/site.pp'), line: 7, column: 28 });
  });

  it('collects exported resources from the lookup, as real Puppet does from storeconfigs', async () => {
    const r = await compile('collector.example.com', inMemoryExportedResources(EXPORTED));
    assert.ok(r.ok, JSON.stringify(r));
    const { version: _v, catalog_uuid: _u, code_id: _c, ...catalog } = r.value;
    assert.deepEqual(relativise(catalog, codeDir), reference(codeDir, root, 'collector.example.com'));
    assert.deepEqual(r.value.resources.filter((x) => x.type === 'Mymod::Thing').map((x) => [x.title, x.parameters?.['port']]), [['db1', 5432]]);
  });

  it('answers a collector whose process already has the next compile waiting in its pipe', async () => {
    // One process, two compiles at once: the second is sent ahead and arrives while Ruby waits for the lookup's answer.
    const slowLookup = { find: async (q: Parameters<ReturnType<typeof inMemoryExportedResources>['find']>[0]) => {
      await new Promise((r) => setTimeout(r, 200));
      return inMemoryExportedResources(EXPORTED).find(q);
    } };
    const [collector, web] = await Promise.all([compile('collector.example.com', slowLookup), compile('web1.example.com')]);
    assert.ok(collector.ok && web.ok, JSON.stringify([collector, web]));
    assert.deepEqual(collector.value.resources.filter((x) => x.type === 'Mymod::Thing').map((x) => x.title), ['db1']);
    assert.equal(web.value.resources.find((x) => x.type === 'Notify')?.parameters?.['message'], 'double is 42');
  });

  it('answers a lookup failure as a compile failure', async () => {
    const r = await compile('collector.example.com', { find: async () => { throw new Error('storeconfigs is gone'); } });
    assert.ok(!r.ok);
    assert.match(r.error.message, /exported resources: storeconfigs is gone.* on node collector\.example\.com/);
    assert.equal((await compile('web1.example.com')).ok, true, 'the process serves the next compile');
  });
});
