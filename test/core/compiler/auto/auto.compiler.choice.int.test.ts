import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createAutoCompiler } from '../../../../core/compiler/auto/auto.compiler.js';
import { createBuiltinCompiler } from '../../../../core/compiler/builtin.compiler.js';
import { NO_EXPORTED_RESOURCES } from '../../../../core/compiler/catalog-compiler.js';
import { createPuppetCompiler } from '../../../../ops/puppet/puppet.compiler.js';
import { tempEnvironments, writeSite } from '../../../support/puppet/puppet-env.fixture.js';
import { writeModule } from '../../../support/puppet/puppet-module.fixture.js';

const NO_RUBY = 'the puppet compiler needs ruby with Puppet 7 (ruby): spawn ruby ENOENT';

describe('--compiler auto without Puppet: the built-in compiles what it can, the rest fails with why', () => {
  const root = tempEnvironments('auto');
  after(() => rmSync(root, { recursive: true, force: true }));
  writeSite(root, 'pure', "node default { notify { 'pure': } }\n");
  const rubyDir = writeSite(root, 'ruby', "notify { 'x': message => mymod::double(2) }\n");
  writeModule(rubyDir, 'mymod', { 'lib/puppet/functions/mymod/double.rb': 'x' });
  const erbDir = writeSite(root, 'erb', "notify { 'x': message => template('mymod/t.erb') }\n");
  writeModule(erbDir, 'mymod', { 'templates/t.erb': "<%= @facts.frobnicate %>\n" });
  // A Ruby function called from inside a string (inline EPP): the analysis cannot see it, the compile can.
  const hiddenDir = writeSite(root, 'hidden', "notify { 'x': message => inline_epp('<%= mymod::double(2) %>') }\n");
  writeModule(hiddenDir, 'mymod', { 'lib/puppet/functions/mymod/double.rb': 'x' });
  let checks = 0;
  const auto = createAutoCompiler({
    builtin: createBuiltinCompiler({ environmentsDir: root, checkIntervalMs: 0 }),
    // Never started: Puppet is reported unavailable before any compile reaches it.
    puppet: createPuppetCompiler({ environmentsDir: root, processes: 1, maxCompilesPerProcess: 1, maxRssMb: 1024, timeoutMs: 1000 }),
    environmentDir: (environment) => join(root, environment),
    puppetProblem: async () => { checks++; return NO_RUBY; },
  });
  const compile = (environment: string) =>
    auto.compile({ certname: 'n1.example.com', environment, facts: {}, exported: NO_EXPORTED_RESOURCES, catalogUuid: 'u' });

  it('compiles a pure environment with the built-in and records why', async () => {
    const r = await compile('pure');
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.choice, { backend: 'builtin', reason: 'pure Puppet code' });
    assert.equal(auto.stats().puppet, 'unchecked', 'Puppet is not looked for until an environment needs it');
  });

  it('fails an environment that needs Puppet with the reason, never a builtin catalog', async () => {
    const r = await compile('ruby');
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'compiler_unavailable');
    assert.equal(r.error.message, `environment 'ruby' needs real Puppet (uses Ruby function mymod::double (modules/mymod/lib/puppet/functions/mymod/double.rb)), which cannot run here: ${NO_RUBY} (compiling node n1.example.com)`);
    assert.equal(r.choice?.backend, 'puppet');
    assert.equal(auto.stats().puppet, `unavailable: ${NO_RUBY}`);
  });

  it('moves an environment to Puppet when the built-in reports a construct it does not implement', async () => {
    const r = await compile('erb');
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'compiler_unavailable');
    assert.match(r.choice!.reason, /^the built-in does not implement what it uses: .*t\.erb: undefined method `frobnicate'/);
    assert.equal(auto.stats().environments['erb']?.backend, 'puppet');
  });

  it("moves an environment to Puppet when a compile reaches a module's Ruby function the analysis could not see", async () => {
    const r = await compile('hidden');
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'compiler_unavailable');
    assert.match(r.choice!.reason, /^the built-in does not implement what it uses: Evaluation Error: Function 'mymod::double' is written in Ruby \(module mymod\) and the builtin compiler has no native implementation of it/);
  });

  it("answers an environment that does not exist (or is no environment name) with Puppet's message, deciding nothing", async () => {
    for (const name of ['nowhere', '..']) {
      const r = await compile(name);
      assert.ok(!r.ok);
      assert.equal(r.error.message, `Could not find a directory environment named '${name}' anywhere in the path on node n1.example.com`);
      assert.deepEqual(r.choice, { backend: 'builtin', reason: 'no such environment' });
      assert.equal(auto.stats().environments[name], undefined);
    }
  });

  it('decides once per code version: the same decision for every compile, a new one when the code changes', async () => {
    const before = auto.stats().environments['pure']!;
    await compile('pure');
    assert.equal(auto.stats().environments['pure'], before, 'the cached decision, not a new analysis');
    writeFileSync(join(root, 'pure', 'manifests', 'site.pp'), "notify { 'x': message => mymod::double(2) }\n");
    writeModule(join(root, 'pure'), 'mymod', { 'lib/puppet/functions/mymod/double.rb': 'x' });
    auto.invalidate('pure'); // what code_deployed does
    const r = await compile('pure');
    assert.ok(!r.ok);
    const after = auto.stats().environments['pure']!;
    assert.notEqual(after.codeId, before.codeId);
    assert.equal(after.backend, 'puppet');
    assert.deepEqual(auto.stats().compiles, { builtin: { compiled: 2, failed: 2 }, puppet: { compiled: 0, failed: 4 } });
    assert.equal(checks, 2, 'Puppet is looked for once, and again after a deployment');
  });
});
