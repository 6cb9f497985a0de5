import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NO_EXPORTED_RESOURCES } from '../../../core/compiler/catalog-compiler.js';
import { packageRoot } from '../../../ops/config/package-root.js';
import { createPuppetCompiler, type PuppetCompiler } from '../../../ops/puppet/puppet.compiler.js';
import { relativise } from '../../support/compiler-corpus.fixture.js';
import { rubyModuleEnvironment } from '../../support/puppet/puppet-module.fixture.js';

/** A site whose catalog says which version it is (a Ruby function and a Ruby type, so only Puppet compiles it). */
const site = (n: number): string =>
  `node default {\n  notify { 'version': message => "double is \${mymod::double(${n})}" }\n  widget { 'w${n}': size => ${n} }\n}\n`;
const FACTS = { os: { family: 'Debian' } };

/** What ops/scripts/puppet-reference.rb (real Puppet, one fresh process) makes of `dir` as environment production. */
function reference(dir: string): Record<string, unknown> {
  const scratch = mkdtempSync(join(dir, '..', 'ref-'));
  try {
    mkdirSync(join(scratch, 'envs'));
    symlinkSync(dir, join(scratch, 'envs', 'production'));
    writeFileSync(join(scratch, 'facts.json'), JSON.stringify(FACTS));
    const r = spawnSync('ruby', [join(packageRoot(), 'ops/scripts/puppet-reference.rb'), join(scratch, 'envs'), 'production', 'web1.example.com', join(scratch, 'facts.json')], { encoding: 'utf8' });
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    delete out['version']; delete out['catalog_uuid']; delete out['code_id'];
    return out;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

describe('puppet compiler: a request with codeDir compiles that code version (staged rollouts)', () => {
  const { root, codeDir } = rubyModuleEnvironment(site(1));
  // Two versions side by side, as actors/rollout/code-versions.ts copies them (any directory name).
  const v2 = join(root, 'copies', 'production', 'v2');
  const v3 = join(root, 'copies', 'production', 'v3');
  let compiler: PuppetCompiler;
  before(() => {
    for (const [dir, n] of [[v2, 2], [v3, 3]] as const) {
      cpSync(codeDir, dir, { recursive: true });
      writeFileSync(join(dir, 'manifests/site.pp'), site(n));
    }
    compiler = createPuppetCompiler({ codeDir, processes: 1, maxCompilesPerProcess: 100, maxRssMb: 1024, timeoutMs: 20_000, checkIntervalMs: 0, onLog: () => undefined });
  });
  after(async () => { await compiler.close!(); rmSync(root, { recursive: true, force: true }); });

  const compile = (dir?: string) =>
    compiler.compile({ certname: 'web1.example.com', environment: 'production', facts: FACTS, exported: NO_EXPORTED_RESOURCES, catalogUuid: 'u', ...(dir ? { codeDir: dir } : {}) });
  const message = (r: Awaited<ReturnType<typeof compile>>): unknown => (r.ok ? r.value.resources.find((x) => x.type === 'Notify')?.parameters?.['message'] : r.error);

  it('honours codeDir (the compiler says so: rollouts are allowed)', () => {
    assert.equal(compiler.codeVersions, true);
  });

  it("compiles two versions and the environment's own code side by side in one process, each as real Puppet does", async () => {
    for (const round of [1, 2]) {
      const [own, a, b] = [await compile(), await compile(v2), await compile(v3)];
      assert.deepEqual([message(own), message(a), message(b)], ['double is 2', 'double is 4', 'double is 6'], `round ${round}`);
    }
    for (const dir of [v2, v3]) {
      const r = await compile(dir);
      assert.ok(r.ok, JSON.stringify(r));
      const { version: _v, catalog_uuid: _u, code_id: _c, ...catalog } = r.value;
      assert.deepEqual(relativise(catalog, dir), reference(dir));
      assert.equal(r.value.resources.find((x) => x.type === 'Notify')?.file, join(dir, 'manifests/site.pp'), "paths are under the version's directory");
    }
    assert.equal(compiler.stats().running, 1, 'one process served every version');
  });

  it("stamps each version's own code id", async () => {
    const [a, b] = [await compile(v2), await compile(v3)];
    assert.ok(a.ok && b.ok);
    assert.notEqual(a.value.code_id, b.value.code_id);
    assert.notEqual(a.value.code_id, await compiler.codeId('production'));
  });

  it('reloads a version whose files changed, as it does the environment', async () => {
    writeFileSync(join(v2, 'manifests/site.pp'), site(7));
    assert.equal(message(await compile(v2)), 'double is 14');
    assert.equal(message(await compile(v3)), 'double is 6', 'the other version is untouched');
  });

  it("drops the environment's versions on invalidate (a rollout's copies removed) and loads them again when compiled", async () => {
    compiler.invalidate('production');
    assert.equal(message(await compile(v3)), 'double is 6');
    assert.equal(message(await compile()), 'double is 2');
  });

  it("answers a codeDir that does not exist with Puppet's message for a missing environment", async () => {
    const r = await compile(join(root, 'copies', 'production', 'gone'));
    assert.ok(!r.ok);
    assert.equal(r.error.message, "Could not find a directory environment named 'production' anywhere in the path on node web1.example.com");
  });

  it("gives Puppet's error with the file under the version's directory", async () => {
    writeFileSync(join(v3, 'manifests/site.pp'), "node default {\n  notify { 'x': message => mymod::double('two') }\n}\n");
    const r = await compile(v3);
    assert.ok(!r.ok);
    assert.equal(r.error.file, join(v3, 'manifests/site.pp'));
    assert.equal(r.error.line, 2);
    assert.doesNotMatch(r.error.message, /versions\//, 'no path of the link directory leaks');
  });
});
