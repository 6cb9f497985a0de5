import assert from 'node:assert/strict';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAutoCompiler, MAX_VERSION_DECISIONS, type AutoCompiler } from '../../../../core/compiler/auto/auto.compiler.js';
import { createBuiltinCompiler } from '../../../../core/compiler/builtin.compiler.js';
import { NO_EXPORTED_RESOURCES, type CompileResult } from '../../../../core/compiler/catalog-compiler.js';
import { checkPuppetAsync, createPuppetCompiler } from '../../../../ops/puppet/puppet.compiler.js';
import { writeSite } from '../../../support/puppet/puppet-env.fixture.js';
import { rubyModuleEnvironment } from '../../../support/puppet/puppet-module.fixture.js';

// The environment's own code and version v2 are plain Puppet; version v3 calls the module's Ruby function.
const PURE = (n: number): string => `node default { notify { 'version': message => "version ${n}" } }\n`;
const RUBY = "node default { notify { 'version': message => \"version ${mymod::double(1) + 1}\" } }\n";

describe('--compiler auto: a request with codeDir is decided and compiled as that code version (staged rollouts)', () => {
  const { root, codeDir } = rubyModuleEnvironment(PURE(1));
  const v2 = join(root, 'copies', 'production', 'v2');
  const v3 = join(root, 'copies', 'production', 'v3');
  let auto: AutoCompiler;
  before(() => {
    for (const [dir, text] of [[v2, PURE(2)], [v3, RUBY]] as const) {
      cpSync(codeDir, dir, { recursive: true });
      writeFileSync(join(dir, 'manifests/site.pp'), text);
    }
    auto = createAutoCompiler({
      builtin: createBuiltinCompiler({ codeDir, checkIntervalMs: 0 }),
      puppet: createPuppetCompiler({ codeDir, processes: 1, maxCompilesPerProcess: 100, maxRssMb: 1024, timeoutMs: 20_000, onLog: () => undefined }),
      environmentDir: () => codeDir,
      puppetProblem: () => checkPuppetAsync(),
    });
  });
  after(async () => { await auto.close!(); rmSync(root, { recursive: true, force: true }); });

  const compile = (dir?: string): Promise<CompileResult> =>
    auto.compile({ certname: 'web1.example.com', environment: 'production', facts: {}, exported: NO_EXPORTED_RESOURCES, catalogUuid: 'u', ...(dir ? { codeDir: dir } : {}) });
  const message = (r: CompileResult): unknown => (r.ok ? r.value.resources.find((x) => x.type === 'Notify')?.parameters?.['message'] : r.error);

  it('honours codeDir when both backends do', () => {
    assert.equal(auto.codeVersions, true);
  });

  it("decides each version on its own: two versions side by side give their own catalogs, with the backend each needs", async () => {
    const [own, a, b] = [await compile(), await compile(v2), await compile(v3)];
    assert.deepEqual([message(own), message(a), message(b)], ['version 1', 'version 2', 'version 3']);
    assert.deepEqual([own.choice?.backend, a.choice?.backend, b.choice?.backend], ['builtin', 'builtin', 'puppet']);
    assert.match(b.choice!.reason, /^uses Ruby function mymod::double/);
    assert.ok(b.ok && b.value.resources.find((x) => x.type === 'Notify')?.file === join(v3, 'manifests/site.pp'), "Puppet compiled the version's own files");
    const decided = auto.stats().environments;
    assert.deepEqual(Object.keys(decided).sort(), ['production', `production@${v2}`, `production@${v3}`]);
    assert.notEqual(decided[`production@${v2}`]!.codeId, decided['production']!.codeId, "a version's decision carries its own code id");
  });

  it('decides a version once: the same decision for every compile', async () => {
    const before = auto.stats().environments[`production@${v3}`];
    assert.equal(message(await compile(v3)), 'version 3');
    assert.equal(auto.stats().environments[`production@${v3}`], before);
  });

  it("drops the versions' decisions with the environment's on invalidate, and decides them again", async () => {
    auto.invalidate('production');
    assert.deepEqual(auto.stats().environments, {});
    assert.equal(message(await compile(v2)), 'version 2');
    assert.deepEqual(Object.keys(auto.stats().environments), [`production@${v2}`]);
  });

  it("answers a version directory that does not exist with Puppet's message, deciding nothing", async () => {
    const r = await compile(join(root, 'copies', 'production', 'gone'));
    assert.ok(!r.ok);
    assert.equal(r.error.message, "Could not find a directory environment named 'production' anywhere in the path on node web1.example.com");
    assert.equal(Object.keys(auto.stats().environments).length, 1);
  });
});

describe('--compiler auto: decisions of code versions are bounded', () => {
  const { root, codeDir } = rubyModuleEnvironment(PURE(0));
  after(() => rmSync(root, { recursive: true, force: true }));
  const auto = createAutoCompiler({
    builtin: createBuiltinCompiler({ codeDir, checkIntervalMs: 0 }),
    puppet: createPuppetCompiler({ codeDir, processes: 1, maxCompilesPerProcess: 1, maxRssMb: 1024, timeoutMs: 1000 }),
    environmentDir: () => codeDir,
    puppetProblem: async () => 'never asked',
  });

  it(`keeps at most ${MAX_VERSION_DECISIONS} versions' decisions, dropping the oldest, and decides a dropped one again when compiled`, async () => {
    const dirs = Array.from({ length: MAX_VERSION_DECISIONS + 2 }, (_x, i) => writeSite(join(root, 'copies'), `v${i}`, PURE(i)));
    for (const [i, dir] of dirs.entries()) {
      const r = await auto.compile({ certname: 'n', environment: 'production', facts: {}, exported: NO_EXPORTED_RESOURCES, catalogUuid: 'u', codeDir: dir });
      assert.equal(r.ok && r.value.resources.find((x) => x.type === 'Notify')?.parameters?.['message'], `version ${i}`);
    }
    const kept = Object.keys(auto.stats().environments);
    assert.equal(kept.length, MAX_VERSION_DECISIONS);
    assert.deepEqual(kept, dirs.slice(2).map((d) => `production@${d}`), 'the oldest two went');
    await auto.compile({ certname: 'n', environment: 'production', facts: {}, exported: NO_EXPORTED_RESOURCES, catalogUuid: 'u', codeDir: dirs[0]! });
    assert.ok(auto.stats().environments[`production@${dirs[0]}`]);
    assert.equal(Object.keys(auto.stats().environments).length, MAX_VERSION_DECISIONS);
  });
});
